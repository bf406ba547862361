#pragma once
// The scenario format as data: every section, its keys, their types, bounds, choices
// and meaning.
//
// This is the single definition of what a scenario may contain. The loader reads each
// mapping through a MapReader bound to one of these sections, and every key it asks for
// must be declared here with the type the loader converts it to (a mismatch is a
// programming error the test suite catches), so the loader cannot accept a key or a
// value this table does not describe. `wfsim schema` turns the same table into a JSON
// Schema. Checks that relate several keys (in_post <= permanent_posts, destinations
// adding up to 1, names that must exist) stay in the loader and are described in the
// keys' text.

#include <algorithm>
#include <limits>
#include <string_view>
#include <vector>

namespace wfsim::scenario {
class Field;  // yaml_field.hpp
}

namespace wfsim::scenario::format {

// Stores a key's value, converted by the key's declared type, into the struct its
// section is read into (key_binding.hpp makes these from member pointers).
using Store = void (*)(void* target, const Field& value);

enum class Type {
  text,          // a scalar, taken as text
  boolean,       // true or false
  number,        // any finite number
  non_negative,  // a number >= 0
  probability,   // a number in [0, 1]
  count,         // a whole number >= 0
  non_negative_or_unlimited,
  count_or_unlimited,
  duration,         // "<number> <unit>"
  date,             // YYYY-MM-DD
  delay,            // a duration or a distribution mapping
  choice,           // one of `choices`
  format_version,   // the number 1
  mapping,          // a mapping read with `section`
  list,             // a list whose elements have type `element` (and `section`, `choices`)
  members,          // "all", or a list of authority names or membership mappings
  amounts_by_role,  // a mapping from role names to numbers >= 0
};

struct Section;

// Bounds every key of a type has, beyond its own: past them a value is a slip that
// would overflow a cost, exhaust memory or never finish (the message says which).
inline constexpr double kLargestNumber = 1e9;
// The most characters a name may hold: it labels every table and chart, and a title
// of 3,000 characters overflowed matplotlib's raster (a hostile-input audit).
inline constexpr std::size_t kLongestName = 200;
inline constexpr double kLargestMoney = 1e8;           // keys whose unit is GBP
inline constexpr double kLargestCount = 100000;        // posts, workers, people
inline constexpr double kLongestDurationDays = 73050;  // 200 years

struct Key {
  std::string_view name;
  Type type = Type::text;
  bool required = false;
  std::string_view description;
  std::string_view unit = {};
  const Section* section = nullptr;            // for mapping, list of mappings, members
  Type element = Type::text;                   // for list
  std::vector<std::string_view> choices = {};  // for choice, or a list of choices
  // Bounds beyond those of the type; `why` is added to the error message.
  double minimum = -std::numeric_limits<double>::infinity();
  double maximum = std::numeric_limits<double>::infinity();
  bool exclusive_minimum = false;
  bool exclusive_maximum = false;
  std::string_view why = {};
  // In a section with a discriminator, the discriminator values for which the key is
  // allowed; empty means always.
  std::vector<std::string_view> only_for = {};
  // Whether the key is allowed where the discriminator has the value `kind`.
  bool allowed_for(std::string_view kind) const {
    return only_for.empty() || std::find(only_for.begin(), only_for.end(), kind) != only_for.end();
  }
  // For a key whose value goes straight into a member of the section's struct (a Pay,
  // a Role): where. MapReader::read_bound then reads it with no loader code.
  Store store = nullptr;
  // For a list the loader refuses empty (its own message says why): the schema's minItems.
  bool non_empty = false;
};

struct Section {
  std::string_view name;  // also the schema definition's name
  std::string_view title;
  std::vector<Key> keys;
  std::string_view discriminator = {};  // a choice key whose value decides which keys apply
  std::vector<std::string_view> exactly_one_of = {};

  const Key* find(std::string_view key) const;
  const Key& discriminating_key() const;  // the discriminator's Key
};

// The top level of a scenario file; every other section is reachable from it.
const Section& scenario_section();
// The distribution mapping of a delay ({distribution: gamma, mean: ..., shape: ...}).
const Section& distribution_section();
// The sections the top level refers to from other files: an authority and its roles
// (authority_format.cpp), its policies (policy_format.cpp), the regions, their agency
// markets, labour pools, rules and the rules' members (region_format.cpp), and the
// labour market's weights (labour_market_format.cpp).
const Section& authority_section();
const Section& region_section();
const Section& policy_section();
const Section& agency_supply_section();
const Section& labour_pool_section();
const Section& rule_section();
const Section& membership_section();  // {authority: ..., from: ..., until: ...}
const Section& labour_market_section();

// Every section reachable from the top level, each once, in a stable order.
std::vector<const Section*> all_sections();

}  // namespace wfsim::scenario::format
