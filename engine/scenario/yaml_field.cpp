#include "scenario/yaml_field.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <stdexcept>

#include "kernel/calendar.hpp"
#include "model/parameters.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/number_spelling.hpp"
#include "scenario/run_length.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::scenario {

namespace {

// True if `text` holds nothing but white space (is_space) and characters that show
// nothing (is_invisible): a zero-width space alone was a name.
bool blank(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint c = decode_utf8(text, i);
    if (c.length == 0 || !(is_space(c.value) || is_invisible(c.value))) return false;  // not UTF-8: not blank
    i += c.length;
  }
  return true;
}

// True if `text` starts or ends with white space (is_space).
bool space_at_an_end(const std::string& text) {
  bool first = true;
  bool last_is_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint c = decode_utf8(text, i);
    if (c.length == 0) return first ? false : last_is_space;  // not UTF-8: judged elsewhere
    last_is_space = is_space(c.value);
    if (first && last_is_space) return true;
    first = false;
    i += c.length;
  }
  return last_is_space;
}

std::string format_number(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << value;
  return out.str();
}

const char* type_name(format::Type type) {
  switch (type) {
    case format::Type::text: return "text";
    case format::Type::boolean: return "boolean";
    case format::Type::number: return "number";
    case format::Type::non_negative: return "non_negative";
    case format::Type::probability: return "probability";
    case format::Type::count: return "count";
    case format::Type::non_negative_or_unlimited: return "non_negative_or_unlimited";
    case format::Type::count_or_unlimited: return "count_or_unlimited";
    case format::Type::duration: return "duration";
    case format::Type::date: return "date";
    case format::Type::delay: return "delay";
    case format::Type::choice: return "choice";
    case format::Type::format_version: return "format_version";
    case format::Type::mapping: return "mapping";
    case format::Type::list: return "list";
    case format::Type::members: return "members";
    case format::Type::amounts_by_role: return "amounts_by_role";
  }
  return "?";
}

}  // namespace

namespace {

// `text`, or past 60 bytes cut at a character's start with "...", between `quote`s, and
// its length in characters.
std::string excerpt(const std::string& text, const char* quote) {
  // A whole file read as one value (a CSV given as a scenario), or a value of
  // megabytes, is cut short: the message should fit on a screen.
  constexpr std::size_t kShown = 60;
  if (text.size() <= kShown) return quote + text + quote;
  // Cut before a UTF-8 continuation byte, never inside a character; count characters.
  const auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::size_t cut = kShown;
  while (cut > 0 && continuation(text[cut])) --cut;
  std::size_t characters = 0;
  for (const char c : text) characters += continuation(c) ? 0 : 1;
  return quote + text.substr(0, cut) + "..." + quote + " (" + std::to_string(characters) + " characters)";
}

// A number as a message shows it, unquoted ("got 1e11"), cut as quoted_excerpt cuts.
std::string number_excerpt(const std::string& text) { return excerpt(text, ""); }

}  // namespace

std::string quoted_excerpt(const std::string& text) { return excerpt(text, "'"); }

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return quoted_excerpt(node.Scalar());
}

void Field::expect(std::initializer_list<format::Type> types, const char* conversion) const {
  if (key_ == nullptr) return;
  // A member of a rule's list is a name or a mapping, read as such.
  if (element_ && key_->type == format::Type::members) return;
  const format::Type declared = element_ ? key_->element : key_->type;
  for (format::Type t : types) {
    if (t == declared) return;
  }
  throw std::logic_error("scenario format: '" + path_ + "' is declared as " + type_name(declared) +
                         " but the loader reads it with " + conversion);
}

double Field::bounded(double value) const {
  if (key_ == nullptr) return value;
  const format::Key& k = *key_;
  // Bounds every key has, whatever its own: a value past them is a typing slip, and
  // would overflow a cost to infinity or make the run endless.
  // Money first: its own limit is the tighter, and the one to name.
  if (k.unit.rfind("GBP", 0) == 0 && value > format::kLargestMoney) {
    fail("expected at most " + format_number(format::kLargestMoney) +
         " (GBP 100 million: no pay or cost of one post comes near it), got " + number_excerpt(node_.Scalar()));
  }
  if (std::fabs(value) > format::kLargestNumber) {
    fail("expected a value of at most " + format_number(format::kLargestNumber) + " in size, got " +
         number_excerpt(node_.Scalar()));
  }
  if (element_) return value;
  const bool low = k.exclusive_minimum ? value <= k.minimum : value < k.minimum;
  const bool high = k.exclusive_maximum ? value >= k.maximum : value > k.maximum;
  if (!low && !high) return value;
  std::string range;
  if (std::isfinite(k.minimum) && std::isfinite(k.maximum)) {
    range = std::string(k.exclusive_minimum ? "above " : "from ") + format_number(k.minimum) +
            (k.exclusive_maximum ? " and below " : (k.exclusive_minimum ? " and at most " : " to ")) +
            format_number(k.maximum);
  } else if (std::isfinite(k.minimum)) {
    range = std::string(k.exclusive_minimum ? "greater than " : "at least ") + format_number(k.minimum);
  } else {
    range = std::string(k.exclusive_maximum ? "below " : "at most ") + format_number(k.maximum);
  }
  fail("expected a value " + range + (k.why.empty() ? "" : " (" + std::string(k.why) + ")") + ", got " +
       number_excerpt(node_.Scalar()));
}

void Field::fail(const std::string& message) const {
  SourceLocation where = (*locate_)(path_, node_);
  where.changed_by.clear();
  throw ScenarioError(where, path_, message);
}

void Field::fail_across(const std::string& message) const {
  throw ScenarioError((*locate_)(path_, node_), path_, message);
}

Field Field::element(std::size_t index) const {
  return Field(node_[index], path_ + "[" + std::to_string(index) + "]", locate_, key_, true);
}

std::size_t Field::size() const {
  expect({format::Type::list, format::Type::members}, "size()");
  if (!node_.IsSequence()) fail("expected a list, got " + describe_node(node_));
  return node_.size();
}

std::string Field::scalar(const char* expected) const {
  if (!node_.IsScalar()) fail(std::string("expected ") + expected + ", got " + describe_node(node_));
  return node_.Scalar();
}

bool written_plain(const YAML::Node& node) {
  // Plain scalars have the tag '?'; explicit number or boolean tags are fine too.
  const std::string& tag = node.Tag();
  return tag == "?" || tag.ends_with(":int") || tag.ends_with(":float") || tag.ends_with(":bool");
}

std::string why_text(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  if (tag == "!") return " (YAML reads a value in quotes as text): write it without quotes";
  static const std::string kCore = "tag:yaml.org,2002:";
  const std::string shown = tag.starts_with(kCore) ? "!!" + tag.substr(kCore.size()) : tag;
  return " (tagged " + shown + (shown == "!!str" ? ", which YAML reads as text" : ", which wfsim does not read") +
         "): write it without the tag";
}

std::string key_not_a_name(const YAML::Node& key) {
  return "a key here is " + describe_node(key) + " (" +
         (key.IsNull() ? "'~', 'null' or nothing before the ':'" : "written with '?'") + "); every key is a name";
}

std::string Field::plain_scalar(const char* expected) const {
  const std::string s = scalar(expected);
  // "270" in quotes, or !!str 0.173, is YAML's text, which the JSON Schema refuses
  // where a number or true/false is wanted; the loader read it as a number all the
  // same.
  if (!written_plain(node_)) {
    const std::string hint =
        std::string(expected).find("number") != std::string::npos ? spreadsheet_number_hint(s) : "";
    fail(std::string("expected ") + expected + ", got the text '" + s.substr(0, 40) + "'" +
         (hint.empty() ? why_text(node_) : hint));
  }
  return s;
}

std::string Field::text() const {
  expect({format::Type::text}, "text()");
  const std::string s = scalar("text");
  // A required text is a name (the scenario's, an authority's, a role's, a rule's).
  if (key_ != nullptr && key_->required) check_name(s);
  return s;
}

namespace {
// A control character said by what it is: an escape (27) was once called "a NUL, a tab
// or a line end".
std::string control_character_named(unsigned char c) {
  return c == 0                   ? "a NUL"
         : c == '\t'              ? "a tab"
         : c == '\n' || c == '\r' ? "a line end"
         : c == 0x1B              ? "an escape"
         : c == 0x7F              ? "a delete"
                                  : "an unprintable character";
}
}  // namespace

void Field::check_name(const std::string& s) const {
  const std::string meaning = ": " + std::string(key_->description);
  // Left empty, results carried a blank label.
  if (blank(s)) {
    fail(std::string("must not be empty") +
         (s.empty() ? "" : " (it holds only spaces or characters that show nothing)") + meaning);
  }
  // A name labels rows of the results: "X\0a" and "X\0b" were both stored as "X", and
  // a tab or line end breaks the tables that show it.
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      fail("must not hold a control character (byte " + std::to_string(i + 1) + " is code " + std::to_string(c) + ", " +
           control_character_named(c) + ")" + meaning);
    }
  }
  // Characters, not bytes (a continuation byte of UTF-8 begins none): a title of 3,000
  // overflowed matplotlib's raster.
  const auto characters = static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  if (characters > format::kLongestName) {
    fail("must hold at most " + std::to_string(format::kLongestName) + " characters: " + quoted_excerpt(s) +
         " is too long for a name, which labels every table and chart (a comment, or the scenario's "
         "'description', can say more)");
  }
  // "Bracknell Forest " shows as a second "Bracknell Forest" (only a quoted YAML value
  // can end in a space). After the control characters, so that a tab at an end is named
  // as one.
  if (space_at_an_end(s)) fail("must not start or end with a space, as " + quoted_excerpt(s) + " does" + meaning);
}

bool Field::boolean() const {
  expect({format::Type::boolean}, "boolean()");
  const std::string s = plain_scalar("true or false");
  if (s == "true") return true;
  if (s == "false") return false;
  fail("expected true or false, got " + quoted_excerpt(s));
}

double Field::number() const {
  expect({format::Type::number, format::Type::format_version}, "number()");
  const std::string s = plain_scalar("a number");
  double value = 0;
  if (!parse_plain_number(s, value)) fail("expected a number, got " + quoted_excerpt(s) + spreadsheet_number_hint(s));
  return bounded(value);
}

double Field::non_negative() const {
  expect({format::Type::non_negative}, "non_negative()");
  double value = 0;
  const std::string s = plain_scalar("a number");
  if (!parse_plain_number(s, value)) fail("expected a number, got " + quoted_excerpt(s) + spreadsheet_number_hint(s));
  if (value < 0) fail("expected a number >= 0, got " + number_excerpt(s));
  return bounded(value);
}

double Field::probability() const {
  expect({format::Type::probability}, "probability()");
  double value = 0;
  const std::string s = plain_scalar("a number");
  if (!parse_plain_number(s, value)) fail("expected a number, got " + quoted_excerpt(s) + spreadsheet_number_hint(s));
  if (value < 0 || value > 1) fail("expected a probability between 0 and 1, got " + number_excerpt(s));
  return bounded(value);
}

int Field::count() const {
  expect({format::Type::count}, "count()");
  double value = 0;
  const std::string s = plain_scalar("a number");
  if (!parse_plain_number(s, value)) fail("expected a number, got " + quoted_excerpt(s) + spreadsheet_number_hint(s));
  check_people(value, s, "");
  return static_cast<int>(bounded(value));
}

void Field::check_people(double value, const std::string& text, const std::string& or_else) const {
  if (value < 0 || value != std::floor(value)) fail("expected a whole number >= 0" + or_else + ", got " + text);
  if (value > format::kLargestCount) {
    fail("expected at most " + format_number(format::kLargestCount) + or_else +
         " (no council or market holds that many; the run would exhaust memory), got " + text);
  }
}

double Field::non_negative_or_unlimited() const {
  expect({format::Type::non_negative_or_unlimited, format::Type::count_or_unlimited}, "non_negative_or_unlimited()");
  if (node_.IsScalar() && node_.Scalar() == "unlimited") return model::kUnlimited;
  const std::string s = plain_scalar("a number >= 0 or 'unlimited'");
  double value = 0;
  if (!parse_plain_number(s, value) || value < 0)
    fail("expected a number >= 0 or 'unlimited', got " + quoted_excerpt(s) + spreadsheet_number_hint(s));
  if (key_ != nullptr && (element_ ? key_->element : key_->type) == format::Type::count_or_unlimited) {
    check_people(value, s, " or 'unlimited'");  // people, as count() reads them
  }
  return bounded(value);
}

double Field::duration_days() const {
  expect({format::Type::duration}, "duration_days()");
  return bounded(duration_unchecked());
}

double Field::duration_unchecked() const {
  const std::string s = scalar("a duration such as '90 days' or '3 months'");
  std::istringstream in(s);
  in.imbue(std::locale::classic());
  double amount = 0;
  std::string unit, rest;
  in >> amount;
  const bool number_ok = !in.fail();
  in >> unit >> rest;
  if (!number_ok || unit.empty() || !rest.empty()) {
    fail("expected a duration with a unit, such as '90 days' or '3 months', got " + quoted_excerpt(s));
  }
  const auto& units = duration_units();
  for (const auto& [name, days] : units) {
    if (unit == name) {
      if (amount < 0 || !std::isfinite(amount)) fail("a duration cannot be negative, got " + quoted_excerpt(s));
      if (amount * days > format::kLongestDurationDays) {
        fail("expected at most 200 years (longer than any workforce question; the run would not finish), got " +
             quoted_excerpt(s));
      }
      return amount * days;
    }
  }
  // A word processor's non-breaking space (UTF-8 C2 A0) looks like a space but is not
  // one: "unknown time unit ' months' (did you mean 'months'?)" showed no difference.
  if (s.find("\xC2\xA0") != std::string::npos) {
    fail(quoted_excerpt(s) +
         " holds a non-breaking space (as word processors type one) where a plain space belongs; "
         "retype the space");
  }
  std::vector<std::string> names;
  for (const auto& u : units) names.push_back(u.first);
  const std::string spelt_out = spelt_out_unit(unit);
  fail("unknown time unit " + quoted_excerpt(unit) + " in " + quoted_excerpt(s) +
       (spelt_out.empty() ? did_you_mean(unit, names) : " (did you mean '" + spelt_out + "'?)") +
       "; use days, weeks, months or years");
}

std::int64_t Field::date_days() const {
  expect({format::Type::date}, "date_days()");
  const std::string s = scalar("a date YYYY-MM-DD");
  const auto date = kernel::parse_iso_date(s);
  if (!date) {
    const std::string problem = kernel::iso_date_problem(s);
    fail(problem.empty() ? "expected a date YYYY-MM-DD, got " + quoted_excerpt(s)
                         : quoted_excerpt(s) + " is not a date: " + problem);
  }
  // Workforce planning lies in these years; 9999-10-01 ran and reported periods into
  // the year 10004, which no chart, spreadsheet or date library reads.
  if (date->year < kFirstYear || date->year > kLastYear) {
    fail(quoted_excerpt(s) + " is outside the years a scenario may use, " + std::to_string(kFirstYear) + " to " +
         std::to_string(kLastYear));
  }
  return kernel::days_from_civil(*date);
}

std::string Field::choice() const {
  expect({format::Type::choice}, "choice()");
  if (key_ == nullptr) throw std::logic_error("scenario format: '" + path_ + "' is read as a choice but not declared");
  const std::vector<std::string> allowed(key_->choices.begin(), key_->choices.end());
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  const std::string s = scalar(("one of: " + list).c_str());
  for (const auto& a : allowed) {
    if (s == a) return s;
  }
  fail("expected one of: " + list + "; got " + quoted_excerpt(s) + did_you_mean(s, allowed));
}

kernel::Distribution Field::delay() const {
  expect({format::Type::delay}, "delay()");
  if (node_.IsScalar()) return kernel::Distribution::fixed(duration_unchecked());
  if (!node_.IsMap()) {
    fail("expected a duration ('90 days') or a distribution ({distribution: exponential, mean: 14 days}), got " +
         describe_node(node_));
  }
  // Positive means, deviations and shapes are bounds in the format.
  MapReader map(*this, format::distribution_section());
  const std::string family = map.required("distribution").choice();
  kernel::Distribution result;
  try {
    result = distribution(map, family);
  } catch (const std::invalid_argument& e) {
    // Values each within their bounds can still make no distribution (a gamma shape
    // of 1e-320 gives an infinite scale; an sd 1e160 times the mean, NaN draws): the
    // scenario's fault, said at the distribution, not an internal error.
    fail(std::string("these values make no distribution to draw from: ") + e.what());
  }
  map.done();
  return result;
}

kernel::Distribution Field::distribution(MapReader& map, const std::string& family) const {
  kernel::Distribution result;
  if (family == "fixed") {
    result = kernel::Distribution::fixed(map.required("value").duration_days());
  } else if (family == "exponential") {
    result = kernel::Distribution::exponential(map.required("mean").duration_days());
  } else if (family == "lognormal") {
    const double mean = map.required("mean").duration_days();
    result = kernel::Distribution::lognormal(mean, map.required("sd").duration_days());
  } else if (family == "gamma") {
    const double mean = map.required("mean").duration_days();
    const double shape = map.required("shape").number();
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
  return result;
}

template <>
double Field::as<double>() const {
  switch (key_ ? key_->type : format::Type::number) {
    case format::Type::non_negative: return non_negative();
    case format::Type::probability: return probability();
    case format::Type::non_negative_or_unlimited: return non_negative_or_unlimited();
    case format::Type::duration: return duration_days();
    default: return number();
  }
}

template <>
int Field::as<int>() const {
  return count();
}

template <>
bool Field::as<bool>() const {
  return boolean();
}

template <>
std::string Field::as<std::string>() const {
  return key_ && key_->type == format::Type::choice ? choice() : text();
}

template <>
kernel::Distribution Field::as<kernel::Distribution>() const {
  return delay();
}

}  // namespace wfsim::scenario
