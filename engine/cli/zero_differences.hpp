#pragma once
// Which variants of a comparison file differ from its baseline in nothing: every paired
// difference of every measure 0, in every period and replication. A variant that
// simulates what the baseline does is noted before the run when it is written alike
// (scenario/same_simulation.hpp); written otherwise ('48.0' for '48') it was not, and
// its file said only 0s (an audit). This asks the results, after the run.

#include <cstddef>
#include <string>
#include <vector>

namespace wfsim::cli {

// Indices (from 1; 0 is the baseline) of the variants in `comparison_file` whose
// differences from the baseline are all 0 where defined, with at least one defined.
std::vector<std::size_t> variants_with_no_difference(const std::string& comparison_file);

}  // namespace wfsim::cli
