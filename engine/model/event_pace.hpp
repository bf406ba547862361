#pragma once
// How fast a run may make events before it is stopped as bad input.
//
// Each value of a scenario can lie within its bounds while together they make events
// without bound: absences of no length starting 100,000 times a year, conversions at
// a billion a year, offers that fail all but once in a billion with no time between
// them (a run that never leaves one instant). Such a run took minutes or for ever and
// ended, if at all, in an "internal error" when the event queue overflowed. The
// kernel's pace limit stops it, and this says why, in the scenario's terms.

#include <cstddef>
#include <string_view>

#include "kernel/simulator.hpp"

namespace wfsim::model {

// Events a simulated day, at most: a floor (for a pool of seekers or idle agency
// workers far larger than its few posts) and a share for each post. The shipped
// scenarios make about 0.003 to 0.01 events a post a day (the South East 1.1 a post a
// year, 16 a day in all; Buckinghamshire about 3 a post a year), so a run stopped by
// this makes a thousand times as many or more (the South East 4,000 times its 16).
constexpr double kEventsPerDayFloor = 10'000;
constexpr double kEventsPerPostDay = 10;
inline double events_per_day_limit(std::size_t posts) {
  return kEventsPerDayFloor + kEventsPerPostDay * static_cast<double>(posts);
}

// The RunawayError for a run stopped by the pace limit, at simulated day `day`,
// handling the event named `handling`.
[[noreturn]] void throw_too_fast(const kernel::TooFast& e, std::size_t posts, double day, std::string_view handling);

}  // namespace wfsim::model
