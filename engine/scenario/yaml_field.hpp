#pragma once
// Typed, located access to a YAML scenario.
//
// A Field is one YAML node together with its key path and the source it came from,
// so every conversion can fail with file:line:column, the key path and what was
// expected. A MapReader reads one YAML mapping against a section of the scenario
// format (scenario_format.hpp) and, at done(), rejects keys nobody asked for,
// suggesting the nearest known key.
//
// A Field read through a MapReader carries its format::Key. Asking for a key the
// section does not declare, or converting a value to a type other than the declared
// one, throws std::logic_error: the loader and the format (and so `wfsim schema`)
// cannot drift apart without a test failing. Declared bounds and choices are checked
// here, from the format.

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kernel/distribution.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_format.hpp"

namespace wfsim::scenario {

// Maps a key path to where it came from; lets values set with --set be reported as such.
using LocateFn = std::function<SourceLocation(const std::string& key_path, const YAML::Node& node)>;

class Field {
 public:
  Field(YAML::Node node, std::string path, const LocateFn* locate, const format::Key* key = nullptr,
        bool element = false)
      : node_(std::move(node)), path_(std::move(path)), locate_(locate), key_(key), element_(element) {}

  // Fails at this value: about its own text (a bad number, an unknown key).
  [[noreturn]] void fail(const std::string& message) const;
  // Fails a check this value takes part in with others (shares that must add up, a
  // count that cannot exceed another, dates in order, a name that must exist or be
  // unique): the message also names the command-line overrides near it, which may
  // have broken the check while this value's own text is unchanged.
  [[noreturn]] void fail_across(const std::string& message) const;

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const LocateFn* locate() const { return locate_; }
  // The format's declaration of this value; null for free-form values (role-keyed maps).
  const format::Key* key() const { return key_; }
  bool is_element() const { return element_; }
  Field element(std::size_t index) const;
  std::size_t size() const;  // of a sequence; fails if the node is not one

  std::string text() const;
  bool boolean() const;
  double number() const;
  double non_negative() const;
  double probability() const;
  int count() const;  // an integer >= 0
  // A non-negative number, or the word "unlimited" (returned as infinity).
  double non_negative_or_unlimited() const;
  // "<number> <unit>" with unit day(s), week(s), month(s) or year(s); in days.
  double duration_days() const;
  std::int64_t date_days() const;  // "YYYY-MM-DD" as days since 1970-01-01
  // A fixed duration ("90 days") or a mapping {distribution: NAME, ...}.
  kernel::Distribution delay() const;
  std::string choice() const;  // one of the format's choices for this key
  // The value converted as the key's declared type says: a double from any numeric or
  // duration type, an int from a count, and so on (key_binding.hpp).
  template <class T>
  T as() const;

 private:
  // The checks of a required text, a name: not blank, no control character, at most
  // format::kLongestName characters, no space at either end.
  void check_name(const std::string& s) const;
  // The distribution of `family` from the mapping `map` reads (delay() checks it).
  kernel::Distribution distribution(class MapReader& map, const std::string& family) const;
  std::string scalar(const char* expected) const;
  // A scalar written plain (or tagged as a number or boolean), not as quoted text.
  std::string plain_scalar(const char* expected) const;
  // Throws std::logic_error if the format declares this value with another type.
  void expect(std::initializer_list<format::Type> types, const char* conversion) const;
  double bounded(double value) const;  // applies the format's bounds
  double duration_unchecked() const;
  // A number of people (count, or count_or_unlimited), whole and few enough to hold in
  // memory; `or_else` is what else the key accepts, for the message.
  void check_people(double value, const std::string& text, const std::string& or_else) const;
  YAML::Node node_;
  std::string path_;
  const LocateFn* locate_;
  const format::Key* key_;
  bool element_;
};

template <>
double Field::as<double>() const;
template <>
int Field::as<int>() const;
template <>
bool Field::as<bool>() const;
template <>
std::string Field::as<std::string>() const;
template <>
kernel::Distribution Field::as<kernel::Distribution>() const;

// "a mapping", "a list", "nothing" or the scalar itself (cut short): what a message
// says was found where something else was expected.
std::string describe_node(const YAML::Node& node);

// A value as a message quotes it: in quotes, and past 60 bytes cut at a character's
// start with "..." and its length in characters (a value of megabytes once made a
// message of megabytes).
std::string quoted_excerpt(const std::string& text);

// Whether a scalar is written plain (or tagged !!int, !!float or !!bool), as a number
// or true/false must be, rather than quoted or tagged as text.
bool written_plain(const YAML::Node& node);
// Why a value not written plain is text, and what to write instead: in quotes, or
// tagged (!!str, or a tag wfsim does not read, such as !!binary or !foo, where the
// advice to drop quotes named quotes nobody wrote).
std::string why_text(const YAML::Node& node);
// What is wrong with a mapping's key that is not a name ('? [a, b]', '~'): "a key here is
// a list (written with '?'); every key is a name".
std::string key_not_a_name(const YAML::Node& key);

class MapReader {
 public:
  // A mapping read against the section its key declares (or, for amounts_by_role,
  // a mapping keyed by role names).
  explicit MapReader(const Field& field);
  // The top level, or a delay's distribution: a mapping read against `section`.
  MapReader(const Field& field, const format::Section& section);

  Field required(const std::string& key);
  std::optional<Field> optional(const std::string& key);
  bool has(const std::string& key) const;
  const Field& field() const { return field_; }

  // Reads every key of the section that is bound to a member (format::Key::store) and
  // present, into `target`, an object of the struct the section describes; a required
  // one that is missing fails as required() does.
  void read_bound(void* target);

  // Fails on any key that was never asked for.
  void done() const;
  // Before saying that one of `wanted` is missing: fails on a key present that is none
  // of them but a likely misspelling of one ('duraton'), naming it.
  void refuse_misspelling_of(const std::vector<std::string>& wanted) const;

 private:
  const format::Key* declared(const std::string& key, bool required) const;
  // Fails on a key present, not one of this mapping's own, that is a likely misspelling
  // of one of `wanted`, with `after` at the message's end.
  void refuse_misspelt(const std::vector<std::string>& wanted, const std::string& after) const;
  std::string kinds_taking(const format::Key& key) const;
  std::string valid_kind() const;
  std::string why_unknown(
      const std::string& key) const;  // the discriminator's value if it is one of its choices, else ""
  Field child(const YAML::Node& node, const std::string& key, const format::Key* spec) const;
  Field field_;
  const format::Section* section_ = nullptr;
  std::vector<std::string> known_;
};

}  // namespace wfsim::scenario
