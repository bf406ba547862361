#pragma once
// How a fit writes its numbers, on the terminal and in the fitted scenario (six
// significant digits), and reads them from its options: a point for the decimals
// whatever the locale.

#include <cmath>
#include <iomanip>
#include <locale>
#include <optional>
#include <sstream>
#include <string>

namespace wfsim::calibrate {

inline std::string number_text(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(6) << value;
  return out.str();
}

// A whole option's text as one finite number ("0.5"), or nothing ("0.5x", "nan").
inline std::optional<double> parse_number(const std::string& text) {
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  double value = 0;
  in >> value;
  if (in.fail() || !std::isfinite(value)) return std::nullopt;
  std::string rest;
  in >> rest;
  if (!rest.empty()) return std::nullopt;
  return value;
}

}  // namespace wfsim::calibrate
