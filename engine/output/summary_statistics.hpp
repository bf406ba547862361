#pragma once
// The statistics of one quantity across replications, as stored in /summary.

#include <array>
#include <string_view>

namespace wfsim::output {

inline constexpr std::array<std::string_view, 7> kStatisticNames = {"mean", "sd", "p5", "p25", "p50", "p75", "p95"};
using Statistics = std::array<double, kStatisticNames.size()>;

}  // namespace wfsim::output
