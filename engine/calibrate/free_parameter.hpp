#pragma once
// A fit's free parameter, --free KEY[=LOW:HIGH]: where its value is written in the
// scenario, the range the search covers, and the checks, made before any simulation,
// that every value of that range is one the scenario takes.

#include <cstddef>
#include <string>
#include <vector>

namespace wfsim::calibrate {

// KEY[=LOW:HIGH]: a scalar written in the scenario file, a number with an optional unit
// ("62.5", "14 days"); without bounds, from a tenth to ten times its value.
struct FreeParameter {
  std::string key;
  double low = 0;
  double high = 0;
  double initial = 0;             // where the search starts: the file's value, brought into [low, high]
  double written = 0;             // the value in the file
  std::string unit;               // kept when the value is written back, "" for a plain number
  std::size_t text_position = 0;  // where the value is written in the scenario text
  std::size_t text_length = 0;
  // Whether --with-spread may write the fitted value as an uncertain input: not a
  // duration (a unit), nor a key that is itself a part of one (a mean or sd) or takes
  // none (mark_spreadable).
  bool takes_spread = true;
};
FreeParameter parse_free(const std::string& text, const std::string& scenario_text, const std::string& file);

// Refuses (CalibrationError), before any simulation, a range the scenario does not take
// throughout: an end it refuses, or a value between two whole numbers (a key of whole
// numbers only), each loaded with the other parameters at their values and `overrides`.
void check_free_ranges(const std::string& text, const std::string& file, const std::vector<FreeParameter>& free,
                       const std::vector<std::string>& overrides);

// Sets each parameter's takes_spread by loading the scenario with the key given as
// {mean, sd} at its starting value: `turnover_per_year.mean` of an uncertain turnover
// was wrapped as {mean: {mean: ..}} and refused only once the fit was done, the fit
// lost (an audit).
void mark_spreadable(const std::string& text, const std::string& file, std::vector<FreeParameter>& free,
                     const std::vector<std::string>& overrides);

}  // namespace wfsim::calibrate
