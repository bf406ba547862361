#include "scenario/uncertain_inputs.hpp"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>
#include <tuple>

#include "kernel/random_stream.hpp"
#include "model/random_processes.hpp"
#include "scenario/key_path.hpp"
#include "scenario/number_spelling.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_format.hpp"
#include "scenario/suggest.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

namespace {

using format::Type;

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double standard_normal_quantile(double p) { return -std::sqrt(2.0) * boost::math::erfc_inv(2 * p); }

// The stream of one input: keyed by its path, so that adding or removing another
// uncertain key moves no other input's draws.
std::uint64_t stream_of(const std::string& path) { return kernel::name_key(path); }

// The shortest decimal that reads back as exactly `value` (0.173, not 0.17299999999999999).
std::string shortest(double value) {
  char text[32];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

bool may_be_uncertain(Type type) {
  return type == Type::number || type == Type::non_negative || type == Type::probability ||
         type == Type::non_negative_or_unlimited;
}

class Walker {
 public:
  explicit Walker(const LocateFn& locate) : locate_(locate) {}

  void walk(YAML::Node node, const format::Section& section, const std::string& path) {
    if (!node.IsMap()) return;  // the loader says what is wrong with it
    for (auto entry : node) {
      if (!entry.first.IsScalar()) continue;
      const std::string name = entry.first.Scalar();
      const format::Key* key = section.find(name);
      if (!key) continue;
      const std::string child = path.empty() ? name : path + "." + name;
      YAML::Node value = entry.second;
      if (may_be_uncertain(key->type) && value.IsMap()) {
        take(node, name, value, *key, child);
      } else if (key->type == Type::mapping && key->section) {
        walk(value, *key->section, child);
      } else if (key->type == Type::delay) {
        walk(value, format::distribution_section(), child);  // a shape may be uncertain
      } else if (key->type == Type::list && key->element == Type::mapping && key->section && value.IsSequence()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          walk(value[i], *key->section, child + "[" + std::to_string(i) + "]");
        }
      }
    }
  }

  std::vector<UncertainInput> inputs;

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& path, const std::string& message) const {
    throw ScenarioError(locate_(path, node), path, message);
  }

  double number_at(const YAML::Node& spread, const char* name, const std::string& path) const {
    const YAML::Node value = spread[name];
    double number = std::numeric_limits<double>::quiet_NaN();
    // Read as every other number of a scenario is (number_spelling.hpp): yaml-cpp's own
    // reading took 040 for 40, which PyYAML reads as octal 32 (a review).
    if (value.IsScalar() && !parse_plain_number(value.Scalar(), number)) number = std::nan("");
    if (!std::isfinite(number)) {
      fail(value, path + "." + name,
           "expected a number, got '" + (value.IsScalar() ? value.Scalar() : "a collection") + "'" +
               (value.IsScalar() ? spreadsheet_number_hint(value.Scalar()) : ""));
    }
    if (!written_plain(value)) {
      fail(value, path + "." + name,
           "expected a number, got the text '" + value.Scalar().substr(0, 40) + "'" + why_text(value));
    }
    return number;
  }

  // The key's bounds: its type's, tightened by its own; an exclusive bound moves one
  // representable number inward, so the cut normal never lands on it.
  static std::pair<double, double> bounds_of(const format::Key& key) {
    const bool money = key.unit.rfind("GBP", 0) == 0;
    const double largest = money ? format::kLargestMoney : format::kLargestNumber;
    double lowest = key.type == Type::number ? -largest : 0.0;
    double highest = key.type == Type::probability ? 1.0 : largest;
    if (key.minimum >= lowest) {
      lowest = key.exclusive_minimum ? std::nextafter(key.minimum, highest) : key.minimum;
    }
    if (key.maximum <= highest) {
      highest = key.exclusive_maximum ? std::nextafter(key.maximum, lowest) : key.maximum;
    }
    return {lowest, highest};
  }

  // The bounds as a reader writes them: [0, 1) for a probability below 1.
  static std::string bounds_text(const format::Key& key, double lowest, double highest) {
    auto nominal = [](double v) {
      char text[32];
      std::snprintf(text, sizeof text, "%.6g", v);
      return std::string(text);
    };
    const bool open_below = key.exclusive_minimum && lowest == std::nextafter(key.minimum, highest);
    const bool open_above = key.exclusive_maximum && highest == std::nextafter(key.maximum, lowest);
    return std::string(open_below ? "(" : "[") + nominal(open_below ? key.minimum : lowest) + ", " +
           nominal(open_above ? key.maximum : highest) + (open_above ? ")" : "]");
  }

  void take(YAML::Node parent, const std::string& name, const YAML::Node& spread, const format::Key& key,
            const std::string& path) {
    std::set<std::string> given;
    for (auto entry : spread) given.insert(entry.first.IsScalar() ? entry.first.Scalar() : "?");
    UncertainInput input;
    input.path = path;
    const SourceLocation where = locate_(path, spread);
    std::tie(input.file, input.line, input.column) = std::tuple(where.file, where.line, where.column);
    std::tie(input.lowest, input.highest) = bounds_of(key);
    const std::string range = bounds_text(key, input.lowest, input.highest);
    if (given == std::set<std::string>{"mean", "sd"}) {
      input.shape = UncertainInput::Shape::normal;
      input.first = number_at(spread, "mean", path);
      input.second = number_at(spread, "sd", path);
      if (input.second < 0) fail(spread["sd"], path + ".sd", "a standard deviation cannot be negative");
      if (input.first < input.lowest || input.first > input.highest) {
        fail(spread["mean"], path + ".mean", "the mean must lie within the key's bounds " + range);
      }
    } else if (given == std::set<std::string>{"low", "high"}) {
      input.shape = UncertainInput::Shape::uniform;
      input.first = number_at(spread, "low", path);
      input.second = number_at(spread, "high", path);
      if (input.first > input.second) fail(spread["low"], path + ".low", "low must not be above high");
      if (input.first < input.lowest || input.second > input.highest) {
        fail(spread, path, "the range must lie within the key's bounds " + range);
      }
    } else {
      // A misspelt key of a spread ('sdd') is named, with the key it resembles.
      std::string misspelt;
      for (const std::string& k : given) {
        const std::string nearest = closest_match(k, {"mean", "sd", "low", "high"});
        if (!nearest.empty() && nearest != k) {
          misspelt = "; '" + k + "' is not one of these keys (did you mean '" + nearest + "'?)";
          break;
        }
      }
      fail(spread, path,
           "expected a number, or an uncertain value given as {mean: M, sd: S} (a normal) or {low: A, high: B} "
           "(uniform)" +
               misspelt);
    }
    parent[name] = shortest(input.central());
    if (input.second == (input.shape == UncertainInput::Shape::normal ? 0.0 : input.first)) return;  // no spread
    inputs.push_back(std::move(input));
  }

  const LocateFn& locate_;
};

}  // namespace

double UncertainInput::at_quantile(double u) const {
  if (shape == Shape::uniform) return first + u * (second - first);
  const double below = standard_normal_cdf((lowest - first) / second);
  const double above = standard_normal_cdf((highest - first) / second);
  const double value = first + second * standard_normal_quantile(below + u * (above - below));
  return std::clamp(value, lowest, highest);
}

double UncertainInput::variance() const {
  return shape == Shape::normal ? second * second : (second - first) * (second - first) / 12;
}

std::string UncertainInput::describe() const {
  if (shape == Shape::uniform) return "uniform from " + shortest(first) + " to " + shortest(second);
  std::string text = "normal, mean " + shortest(first) + ", sd " + shortest(second);
  // The cut is worth saying only where it takes a material share of the normal away.
  const bool cut_below = standard_normal_cdf((lowest - first) / second) > 1e-6;
  const bool cut_above = standard_normal_cdf((first - highest) / second) > 1e-6;
  char bounds[64] = "";
  if (cut_below && cut_above) {
    std::snprintf(bounds, sizeof bounds, ", cut to %.6g to %.6g", lowest, highest);
  } else if (cut_below) {
    std::snprintf(bounds, sizeof bounds, ", cut at %.6g below", lowest);
  } else if (cut_above) {
    std::snprintf(bounds, sizeof bounds, ", cut at %.6g above", highest);
  }
  text += bounds;
  return text;
}

std::vector<UncertainInput> take_uncertain_inputs(YAML::Node& root, const LocateFn& locate) {
  Walker walker(locate);
  walker.walk(root, format::scenario_section(), "");
  return std::move(walker.inputs);
}

std::vector<double> draw_inputs(const std::vector<UncertainInput>& inputs, std::uint64_t seed,
                                std::uint64_t replication) {
  std::vector<double> values;
  values.reserve(inputs.size());
  for (const UncertainInput& input : inputs) {
    kernel::RandomStream stream(kernel::StreamKey{seed, replication, model::kInputStreamGroup, stream_of(input.path)});
    // Strictly inside (0, 1): the middle of one of 2^53 equal cells.
    const double u = (static_cast<double>(stream() >> 11) + 0.5) * 0x1.0p-53;
    values.push_back(input.at_quantile(u));
  }
  return values;
}

namespace {

// The scenario loaded again with each uncertain input set to `values`; a value the
// scenario refuses (a check across keys, such as turnover x notice below 1) is bad input
// that says which values were drawn.
model::ModelParameters load_with(const Scenario& scenario, const std::vector<double>& values, const std::string& what) {
  std::vector<std::string> overrides = scenario.overrides;
  std::string drawn;
  for (std::size_t i = 0; i < values.size(); ++i) {
    overrides.push_back(scenario.uncertain_inputs[i].path + "=" + shortest(values[i]));
    drawn += (drawn.empty() ? "" : ", ") + overrides.back();
  }
  const std::string& text = scenario.resolved_text.empty() ? scenario.text : scenario.resolved_text;
  try {
    return load_scenario_text(text, scenario.file, overrides).parameters;
  } catch (const ScenarioError& e) {
    // Said at the spread whose value was refused, where one was (the key refused is
    // its path or lies within it), else at the file.
    SourceLocation where{scenario.file};
    for (const UncertainInput& input : scenario.uncertain_inputs) {
      if (key_path_within(input.path, e.key_path())) {
        where = SourceLocation{input.file, input.line, input.column};
      }
    }
    throw ScenarioError(where, e.key_path(), what + " (" + drawn + ") the scenario refuses: " + e.message());
  }
}

}  // namespace

model::ModelParameters parameters_for_replication(const Scenario& scenario, std::uint64_t seed,
                                                  std::uint64_t replication) {
  if (scenario.uncertain_inputs.empty()) return scenario.parameters;
  return load_with(scenario, draw_inputs(scenario.uncertain_inputs, seed, replication),
                   "replication " + std::to_string(replication) + " drew values");
}

void check_spread_ends(const Scenario& scenario) {
  // Each input at the low end of its spread, then all at the high end: a uniform's
  // ends, a normal's mean -/+ 4 sd within its bounds (beyond which 1 draw in 30,000 falls).
  for (const int side : {-1, 1}) {
    std::vector<double> ends;
    for (const UncertainInput& input : scenario.uncertain_inputs) {
      const double end = input.shape == UncertainInput::Shape::uniform ? (side < 0 ? input.first : input.second)
                                                                       : input.first + side * 4 * input.second;
      ends.push_back(std::clamp(end, input.lowest, input.highest));
    }
    load_with(
        scenario, ends,
        std::string("the uncertain inputs' spread reaches values at its ") + (side < 0 ? "low" : "high") + " end");
  }
}

}  // namespace wfsim::scenario
