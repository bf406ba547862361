#pragma once
// The notes on a council's levers (policies) that are probably slips: a lever wholly
// outside the run, an uncounted one-off cost, one shadowed by another beside it, one
// adding applicants where they are unlimited, and each lever kind's own. Part of
// notes_on (scenario_notes.hpp).

#include <cstdint>
#include <string>
#include <vector>

#include "model/parameters.hpp"

namespace wfsim::scenario {

// Adds the notes on authority `a`'s levers, each starting with `at` (its key path);
// `run` names the run's dates.
void add_policy_notes(std::uint32_t a, const std::string& at, const model::ModelParameters& p, const std::string& run,
                      std::vector<std::string>& notes);

}  // namespace wfsim::scenario
