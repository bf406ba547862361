#pragma once
// The statistics of one quantity across replications, as stored in /summary.

#include <array>
#include <string_view>

namespace wfsim::output {

// `n` is the number of replications in which the value is defined, over which the
// others are taken: a mean time to fill, undefined in a month with no fills, may rest
// on far fewer than the run's, and its standard error is sd / sqrt(n), not over all.
inline constexpr std::array<std::string_view, 8> kStatisticNames = {"mean", "sd",  "p5",  "p25",
                                                                    "p50",  "p75", "p95", "n"};
using Statistics = std::array<double, kStatisticNames.size()>;

}  // namespace wfsim::output
