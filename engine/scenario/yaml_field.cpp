#include "scenario/yaml_field.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "kernel/calendar.hpp"
#include "model/parameters.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::scenario {

namespace {

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "'" + node.Scalar() + "'";
}

bool parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  in >> out;
  return !in.fail() && in.eof() && std::isfinite(out);
}

}  // namespace

void Field::fail(const std::string& message) const { throw ScenarioError((*locate_)(path_, node_), path_, message); }

Field Field::element(std::size_t index) const {
  return Field(node_[index], path_ + "[" + std::to_string(index) + "]", locate_);
}

std::size_t Field::size() const {
  if (!node_.IsSequence()) fail("expected a list, got " + describe_node(node_));
  return node_.size();
}

std::string Field::scalar(const char* expected) const {
  if (!node_.IsScalar()) fail(std::string("expected ") + expected + ", got " + describe_node(node_));
  return node_.Scalar();
}

std::string Field::text() const { return scalar("text"); }

bool Field::boolean() const {
  const std::string s = scalar("true or false");
  if (s == "true") return true;
  if (s == "false") return false;
  fail("expected true or false, got '" + s + "'");
}

double Field::number() const {
  const std::string s = scalar("a number");
  double value = 0;
  if (!parse_double(s, value)) fail("expected a number, got '" + s + "'");
  return value;
}

double Field::non_negative() const {
  const double value = number();
  if (value < 0) fail("expected a number >= 0, got " + node_.Scalar());
  return value;
}

double Field::probability() const {
  const double value = number();
  if (value < 0 || value > 1) fail("expected a probability between 0 and 1, got " + node_.Scalar());
  return value;
}

int Field::count() const {
  const double value = number();
  if (value < 0 || value != std::floor(value) || value > 1e8) {
    fail("expected a whole number >= 0, got " + node_.Scalar());
  }
  return static_cast<int>(value);
}

double Field::non_negative_or_unlimited() const {
  if (node_.IsScalar() && node_.Scalar() == "unlimited") return model::kUnlimited;
  const std::string s = scalar("a number >= 0 or 'unlimited'");
  double value = 0;
  if (!parse_double(s, value) || value < 0) fail("expected a number >= 0 or 'unlimited', got '" + s + "'");
  return value;
}

double Field::duration_days() const {
  const std::string s = scalar("a duration such as '90 days' or '3 months'");
  std::istringstream in(s);
  in.imbue(std::locale::classic());
  double amount = 0;
  std::string unit, rest;
  in >> amount;
  const bool number_ok = !in.fail();
  in >> unit >> rest;
  if (!number_ok || unit.empty() || !rest.empty()) {
    fail("expected a duration with a unit, such as '90 days' or '3 months', got '" + s + "'");
  }
  static const std::vector<std::pair<std::string, double>> units = {{"day", 1.0},
                                                                    {"days", 1.0},
                                                                    {"week", 7.0},
                                                                    {"weeks", 7.0},
                                                                    {"month", model::kDaysPerYear / 12},
                                                                    {"months", model::kDaysPerYear / 12},
                                                                    {"year", model::kDaysPerYear},
                                                                    {"years", model::kDaysPerYear}};
  for (const auto& [name, days] : units) {
    if (unit == name) {
      if (amount < 0 || !std::isfinite(amount)) fail("a duration cannot be negative, got '" + s + "'");
      return amount * days;
    }
  }
  std::vector<std::string> names;
  for (const auto& u : units) names.push_back(u.first);
  fail("unknown time unit '" + unit + "' in '" + s + "'" + did_you_mean(unit, names) +
       "; use days, weeks, months or years");
}

std::int64_t Field::date_days() const {
  const std::string s = scalar("a date YYYY-MM-DD");
  const auto date = kernel::parse_iso_date(s);
  if (!date) fail("expected a date YYYY-MM-DD, got '" + s + "'");
  return kernel::days_from_civil(*date);
}

std::string Field::choice(const std::vector<std::string>& allowed) const {
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  const std::string s = scalar(("one of: " + list).c_str());
  for (const auto& a : allowed) {
    if (s == a) return s;
  }
  fail("expected one of: " + list + "; got '" + s + "'" + did_you_mean(s, allowed));
}

kernel::Distribution Field::delay() const {
  if (node_.IsScalar()) return kernel::Distribution::fixed(duration_days());
  if (!node_.IsMap()) {
    fail("expected a duration ('90 days') or a distribution ({distribution: exponential, mean: 14 days}), got " +
         describe_node(node_));
  }
  MapReader map(*this);
  const std::string family =
      map.required("distribution").choice({"fixed", "exponential", "lognormal", "gamma", "uniform", "empirical"});
  auto positive = [](const Field& f) {
    const double v = f.duration_days();
    if (v <= 0) f.fail("must be greater than zero");
    return v;
  };
  kernel::Distribution result;
  if (family == "fixed") {
    result = kernel::Distribution::fixed(map.required("value").duration_days());
  } else if (family == "exponential") {
    result = kernel::Distribution::exponential(positive(map.required("mean")));
  } else if (family == "lognormal") {
    const double mean = positive(map.required("mean"));
    result = kernel::Distribution::lognormal(mean, positive(map.required("sd")));
  } else if (family == "gamma") {
    const double mean = positive(map.required("mean"));
    const Field shape_field = map.required("shape");
    const double shape = shape_field.number();
    if (shape <= 0) shape_field.fail("expected a number > 0, got " + shape_field.node().Scalar());
    result = kernel::Distribution::gamma(shape, mean / shape);
  } else if (family == "uniform") {
    const double low = map.required("min").duration_days();
    const Field high_field = map.required("max");
    const double high = high_field.duration_days();
    if (high < low) high_field.fail("max must not be less than min");
    result = kernel::Distribution::uniform(low, high);
  } else {
    const Field values = map.required("values");
    std::vector<double> days;
    for (std::size_t i = 0; i < values.size(); ++i) days.push_back(values.element(i).duration_days());
    if (days.empty()) values.fail("an empirical distribution needs at least one value");
    result = kernel::Distribution::empirical(std::move(days));
  }
  map.done();
  return result;
}

MapReader::MapReader(const Field& field) : field_(field) {
  if (!field.node().IsMap()) field.fail("expected a mapping of keys, got " + describe_node(field.node()));
}

bool MapReader::has(const std::string& key) const {
  const YAML::Node n = field_.node()[key];
  return n.IsDefined() && !n.IsNull();
}

Field MapReader::required(const std::string& key) {
  known_.push_back(key);
  const YAML::Node n = field_.node()[key];
  if (!n.IsDefined() || n.IsNull()) {
    // A missing key is often a misspelt one: name the present key it most resembles.
    for (const auto& entry : field_.node()) {
      const std::string present = entry.first.Scalar();
      if (present != key && closest_match(present, {key}) == key) {
        const std::string path = field_.path().empty() ? present : field_.path() + "." + present;
        Field(entry.first, path, field_.locate())
            .fail("unknown key '" + present + "' (did you mean '" + key + "'?); '" + key + "' is required");
      }
    }
    field_.fail("missing required key '" + key + "'");
  }
  return Field(n, field_.path().empty() ? key : field_.path() + "." + key, field_.locate());
}

std::optional<Field> MapReader::optional(const std::string& key) {
  known_.push_back(key);
  if (!has(key)) return std::nullopt;
  return Field(field_.node()[key], field_.path().empty() ? key : field_.path() + "." + key, field_.locate());
}

void MapReader::done() const {
  std::vector<std::string> seen;
  for (const auto& entry : field_.node()) {
    const std::string key = entry.first.Scalar();
    // yaml-cpp keeps both entries of a repeated key but looks up only the first, so a
    // second value would be silently ignored: refuse it instead.
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      const std::string path = field_.path().empty() ? key : field_.path() + "." + key;
      Field(entry.first, path, field_.locate()).fail("key '" + key + "' appears twice in the same mapping");
    }
    seen.push_back(key);
    bool known = false;
    for (const auto& k : known_) known = known || k == key;
    if (!known) {
      const std::string path = field_.path().empty() ? key : field_.path() + "." + key;
      Field(entry.first, path, field_.locate()).fail("unknown key '" + key + "'" + did_you_mean(key, known_));
    }
  }
}

}  // namespace wfsim::scenario
