#pragma once
// After a run: how precise the key results are, and how many replications a wanted
// precision would take.

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

namespace wfsim::cli {

// Reads the summaries of `results_file` and prints, for key measures at the last
// period (the region's row if there is one), the 95% confidence interval's half-width
// relative to the mean; with `target` (e.g. 0.01 for ±1%), the replications needed.
void report_precision(const std::string& results_file, std::size_t replications, std::optional<double> target,
                      std::ostream& out);

}  // namespace wfsim::cli
