#pragma once
// How a scenario's notes write numbers (as the reader wrote them, shares as
// percentages) and dates. Shared by the notes' files (scenario_notes.cpp,
// role_notes.cpp, policy_notes.cpp).

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

#include "kernel/calendar.hpp"

namespace wfsim::scenario {

inline std::string number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

inline std::string percent(double share) {
  std::ostringstream out;
  out << std::round(share * 100) << "%";
  return out.str();
}

// Simulated day `t` as a date.
inline std::string date(double t, std::int64_t start_day) {
  return kernel::format_iso_date(start_day + static_cast<std::int64_t>(t));
}

// A period [from, until) of simulated days, as the reader wrote it.
inline std::string span(double from, double until, std::int64_t start_day) {
  if (!std::isfinite(from)) return "until " + date(until, start_day);
  if (!std::isfinite(until)) return "from " + date(from, start_day);
  return "from " + date(from, start_day) + " until " + date(until, start_day);
}

// Whether a period [from, until) falls wholly outside a run of `run_days`.
inline bool outside(double from, double until, double run_days) { return until <= 0 || from >= run_days; }

}  // namespace wfsim::scenario
