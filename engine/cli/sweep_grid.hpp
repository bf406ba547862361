#pragma once
// `wfsim sweep --vary KEY=V1,V2,...`: the grid of keys and values, checked before any
// simulation (each key once, no empty value, at most 1,000 points, no value twice),
// and the scenario at each of its points.

#include <ostream>
#include <string>
#include <vector>

#include "output/comparison_writer.hpp"
#include "scenario/scenario.hpp"

namespace wfsim::cli {

// The grid the --vary options describe, in the order given; a mistake is a UsageError
// that names the option.
output::SweepGrid parse_sweep_grid(const std::vector<std::string>& specs);

// The scenario in `file` at every point of the grid, in row-major order (the last key
// varies fastest), each labelled in `labels` by its keys and values.
std::vector<scenario::Scenario> sweep_points(const output::SweepGrid& grid, const std::string& file,
                                             std::vector<std::string>& labels);

// Notes on stderr each --vary whose values all read as numbers with a thousands
// separator ('31,250' or '31,250,33,750': two values each, as every comma splits; not
// '24,100,200'); parse_sweep_grid refuses a group that starts with 0 ('1,000'). Call
// after parse_sweep_grid.
void note_thousands_separators(const std::vector<std::string>& specs, std::ostream& err);

// Notes on stderr a key given one value (set for every point, as --set would), and a
// grid of one point (nothing to compare it with).
void note_single_values(const output::SweepGrid& grid, std::ostream& err);

// Notes on stderr each point that simulates what an earlier one does, but for its
// label: its values are written otherwise ('3 months' quoted, 'unlimited' beside
// unlimited) and it would only repeat the earlier point's results. A mapping's keys in
// another order are not taken for the same (the order may decide the draws).
void note_points_alike(const std::vector<scenario::Scenario>& points, const std::vector<std::string>& labels,
                       std::ostream& err);

// The points' notes on the scenario, each once: one every point shares credited to
// the swept key, one of some points saying how many.
void print_sweep_notes(const std::vector<scenario::Scenario>& points, const output::SweepGrid& grid, std::ostream& err);

}  // namespace wfsim::cli
