#pragma once
// `wfsim sweep --vary KEY=V1,V2,...`: the grid of keys and values, checked before any
// simulation (each key once, no empty value, at most 1,000 points, no value twice).

#include <string>
#include <vector>

#include "output/comparison_writer.hpp"

namespace wfsim::cli {

// The grid the --vary options describe, in the order given; a mistake is a UsageError
// that names the option.
output::SweepGrid parse_sweep_grid(const std::vector<std::string>& specs);

}  // namespace wfsim::cli
