#include "scenario/run_length.hpp"

#include <cctype>
#include <cmath>
#include <locale>
#include <sstream>

#include "kernel/calendar.hpp"
#include "model/parameters.hpp"

namespace wfsim::scenario {

const std::vector<std::pair<std::string, double>>& duration_units() {
  static const std::vector<std::pair<std::string, double>> units = {{"day", 1.0},
                                                                    {"days", 1.0},
                                                                    {"week", 7.0},
                                                                    {"weeks", 7.0},
                                                                    {"month", model::kDaysPerYear / 12},
                                                                    {"months", model::kDaysPerYear / 12},
                                                                    {"year", model::kDaysPerYear},
                                                                    {"years", model::kDaysPerYear}};
  return units;
}

std::string spelt_out_unit(const std::string& abbreviation) {
  static const std::vector<std::pair<std::string, std::string>> abbreviations = {
      {"d", "days"},     {"w", "weeks"},    {"wk", "weeks"},    {"wks", "weeks"}, {"m", "months"}, {"mo", "months"},
      {"mos", "months"}, {"mth", "months"}, {"mths", "months"}, {"y", "years"},   {"yr", "years"}, {"yrs", "years"}};
  std::string lower;
  for (const char c : abbreviation) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [short_form, unit] : abbreviations) {
    if (lower == short_form) return unit;
  }
  return "";
}

std::optional<double> duration_text_days(const std::string& text) {
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  double amount = 0;
  std::string unit, extra;
  in >> amount;
  if (in.fail()) return std::nullopt;
  in >> unit >> extra;
  if (!extra.empty() || !std::isfinite(amount)) return std::nullopt;
  for (const auto& [name, days] : duration_units()) {
    if (unit == name) return amount * days;
  }
  return std::nullopt;
}

std::int64_t run_end_day(std::int64_t start_day, double days, const std::string& text) {
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  double amount = 0;
  std::string unit;
  in >> amount >> unit;
  if (amount == std::floor(amount) && amount < 1000) {
    if (unit == "month" || unit == "months") return kernel::add_months(start_day, static_cast<int>(amount));
    if (unit == "year" || unit == "years") return kernel::add_months(start_day, 12 * static_cast<int>(amount));
  }
  return start_day + static_cast<std::int64_t>(std::llround(days));
}

}  // namespace wfsim::scenario
