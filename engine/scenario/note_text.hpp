#pragma once
// How a scenario's notes write numbers: as the reader wrote them, and shares as
// percentages. Shared by the notes' files (scenario_notes.cpp, role_notes.cpp).

#include <cmath>
#include <sstream>
#include <string>

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

}  // namespace wfsim::scenario
