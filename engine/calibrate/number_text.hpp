#pragma once
// How a fit writes its numbers, on the terminal and in the fitted scenario: six
// significant digits, a point for the decimals whatever the locale.

#include <iomanip>
#include <locale>
#include <sstream>
#include <string>

namespace wfsim::calibrate {

inline std::string number_text(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(6) << value;
  return out.str();
}

}  // namespace wfsim::calibrate
