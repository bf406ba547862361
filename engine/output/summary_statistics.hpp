#pragma once
// Statistics of one quantity across replications, as stored in /summary.

#include <array>
#include <span>
#include <string_view>

namespace wfsim::output {

inline constexpr std::array<std::string_view, 7> kStatisticNames = {"mean", "sd", "p5", "p25", "p50", "p75", "p95"};
using Statistics = std::array<double, kStatisticNames.size()>;

// NaN values (undefined in that replication) are ignored; `scratch` is reordered.
// Percentiles interpolate linearly between order statistics, as numpy does by default.
Statistics summarize(std::span<double> scratch);

}  // namespace wfsim::output
