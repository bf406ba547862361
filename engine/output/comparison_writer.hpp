#pragma once
// Combines the results files of several variants of a scenario, run on common random
// numbers (same seed, same replications), into one comparison file: each variant's
// summaries and, per measure, authority and period, the paired difference from the
// first variant (the baseline) with its 95% confidence interval.
//
// Replication k of every variant used the same random streams, so the difference of
// their k-th values removes most of the noise they share; the interval on the mean
// difference is then much narrower than one from independent runs.

#include <string>
#include <vector>

namespace wfsim::output {

struct VariantResults {
  std::string name;     // the scenario's name
  std::string file;     // the scenario file
  std::string results;  // the variant's complete results file
};

// Statistics of the paired differences, in /difference_statistic order.
inline constexpr const char* kDifferenceStatistics[] = {"mean", "sd", "ci95_low", "ci95_high", "n"};

// A sweep's grid: the keys varied and their values; the variants are the grid's
// points in row-major order (the first key varies slowest).
struct SweepGrid {
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> values;
};

// Writes `path` (through a temporary file renamed into place when complete). With a
// grid, the variant dimension of every summary and difference becomes one dimension
// per swept key, each with its values as a dimension scale under /sweep.
void write_comparison(const std::vector<VariantResults>& variants, const std::string& path,
                      const std::string& command_line, const std::string& engine_version,
                      const SweepGrid* grid = nullptr);

}  // namespace wfsim::output
