#include "scenario/json_schema.hpp"

#include <algorithm>
#include <cmath>

#include "scenario/scenario_format.hpp"

namespace wfsim::scenario {

namespace {

using format::Key;
using format::Section;
using format::Type;

// What Field::duration_days() accepts: a number >= 0, optional space, a unit.
constexpr const char* kDurationPattern =
    "^\\s*\\+?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*(day|days|week|weeks|month|months|year|years)\\s*$";
// Years 1900 to 2200, as the loader allows, months 01-12 and days 01-31; a day past
// its month's end (2015-02-30) is left to the loader, which knows the calendar.
constexpr const char* kDatePattern = "^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

// Whether the definitions are for a complete scenario or an `extends:` overlay.
enum class Mode { complete, overlay };

std::string definition_name(const Section& section, Mode mode) {
  return std::string(section.name) + (mode == Mode::overlay ? "_overlay" : "");
}

JsonValue reference(const Section& section, Mode mode) {
  return JsonValue::object().set("$ref", JsonValue::string("#/$defs/" + definition_name(section, mode)));
}

JsonValue strings(const std::vector<std::string_view>& values) {
  JsonValue array = JsonValue::array();
  for (auto v : values) array.push(JsonValue::string(std::string(v)));
  return array;
}

JsonValue typed(const char* type) { return JsonValue::object().set("type", JsonValue::string(type)); }

// The largest value the loader takes for a key of this type, whatever the key's own
// bounds (Field::bounded, Field::count): kept here too, so a file the schema passes is
// not refused by the loader for its size.
double largest(const Key& key, Type type) {
  if (type == Type::count || type == Type::count_or_unlimited) return format::kLargestCount;
  return key.unit.rfind("GBP", 0) == 0 ? format::kLargestMoney : format::kLargestNumber;
}

// A number schema with the type's own bounds tightened by the key's.
JsonValue numeric(const char* type, double type_minimum, double type_maximum, const Key& key) {
  JsonValue schema = typed(type);
  const double minimum = std::max(type_minimum, key.minimum);
  const double maximum = std::min(type_maximum, key.maximum);
  const bool exclusive_min = key.exclusive_minimum && key.minimum >= type_minimum;
  const bool exclusive_max = key.exclusive_maximum && key.maximum <= type_maximum;
  if (std::isfinite(minimum)) schema.set(exclusive_min ? "exclusiveMinimum" : "minimum", JsonValue::number(minimum));
  if (std::isfinite(maximum)) schema.set(exclusive_max ? "exclusiveMaximum" : "maximum", JsonValue::number(maximum));
  return schema;
}

// A plain number key may instead give a spread (scenario/uncertain_inputs.hpp):
// {mean, sd} or {low, high}, numbers; their bounds are checked by the loader.
JsonValue or_spread(JsonValue plain) {
  auto spread = [](const char* a, const char* b) {
    JsonValue required = JsonValue::array();
    required.push(JsonValue::string(a));
    required.push(JsonValue::string(b));
    return typed("object")
        .set("properties", JsonValue::object().set(a, typed("number")).set(b, typed("number")))
        .set("required", std::move(required))
        .set("additionalProperties", JsonValue::boolean(false));
  };
  JsonValue any = JsonValue::array();
  any.push(std::move(plain));
  any.push(spread("mean", "sd"));
  any.push(spread("low", "high"));
  return JsonValue::object().set("anyOf", std::move(any));
}

JsonValue duration() { return typed("string").set("pattern", JsonValue::string(kDurationPattern)); }

JsonValue value_schema(const Key& key, Type type, Mode mode);

// A list of mappings of a section, or of values of the key's element type; at least one
// where the loader refuses an empty list.
JsonValue list_schema(const Key& key, Mode mode) {
  const JsonValue items =
      key.element == Type::mapping ? reference(*key.section, mode) : value_schema(key, key.element, mode);
  JsonValue list = typed("array");
  if (key.non_empty) list.set("minItems", JsonValue::number(1));
  return list.set("items", items);
}

// A name: no control character anywhere, and no space at either end, the spaces named
// as utf8.hpp's is_space names them (ECMAScript's \s has U+FEFF and lacks U+0085).
constexpr const char* kNamePattern =
    "^[^\\u0000-\\u0020\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
    "([^\\u0000-\\u001f\\u007f]*"
    "[^\\u0000-\\u0020\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000])?$";

// A name of nothing but spaces and characters that show nothing (utf8.hpp's is_space
// and is_invisible), which the loader refuses as empty. Those beyond U+FFFF (the tags,
// the musical formatting) are the loader's alone: a pattern without ECMAScript's 'u'
// flag cannot name them.
constexpr const char* kInvisiblePattern =
    "^[\\u0020\\u0085\\u00a0\\u00ad\\u034f\\u061c\\u115f\\u1160\\u1680\\u17b4\\u17b5\\u180b-\\u180e"
    "\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u2066-\\u2069\\u2800\\u3000\\u3164\\ufe00-\\ufe0f\\ufeff"
    "\\uffa0]*$";

JsonValue text_schema(const Key& key) {
  JsonValue types = JsonValue::array();
  for (const char* t : {"string", "number", "boolean"}) types.push(JsonValue::string(t));
  JsonValue schema = JsonValue::object().set("type", std::move(types));
  // A required text is a name, which the loader refuses blank, with a space at either
  // end, holding a control character, or longer than kLongestName.
  if (key.required) {
    schema.set("pattern", JsonValue::string(kNamePattern));
    schema.set("maxLength", JsonValue::number(static_cast<double>(format::kLongestName)));
    schema.set("not", JsonValue::object()
                          .set("type", JsonValue::string("string"))
                          .set("pattern", JsonValue::string(kInvisiblePattern)));
  }
  return schema;
}

JsonValue value_schema(const Key& key, Type type, Mode mode) {
  const double most = largest(key, type);
  switch (type) {
    case Type::text: return text_schema(key);
    case Type::boolean: return typed("boolean");
    case Type::number: return or_spread(numeric("number", -format::kLargestNumber, most, key));
    case Type::non_negative: return or_spread(numeric("number", 0, most, key));
    case Type::probability: return or_spread(numeric("number", 0, 1, key));
    case Type::count: return numeric("integer", 0, most, key);
    case Type::non_negative_or_unlimited:
    case Type::count_or_unlimited: {
      JsonValue any = JsonValue::array();
      any.push(numeric(type == Type::count_or_unlimited ? "integer" : "number", 0, most, key));
      any.push(JsonValue::object().set("const", JsonValue::string("unlimited")));
      if (type == Type::non_negative_or_unlimited) return or_spread(JsonValue::object().set("anyOf", std::move(any)));
      return JsonValue::object().set("anyOf", std::move(any));
    }
    case Type::duration: return duration();
    case Type::date: return typed("string").set("pattern", JsonValue::string(kDatePattern));
    case Type::delay: {
      JsonValue any = JsonValue::array();
      any.push(duration());
      any.push(reference(format::distribution_section(), mode));
      return JsonValue::object().set("anyOf", std::move(any));
    }
    case Type::choice: return JsonValue::object().set("enum", strings(key.choices));
    case Type::format_version: return JsonValue::object().set("const", JsonValue::number(1));
    case Type::mapping: return reference(*key.section, mode);
    case Type::list: return list_schema(key, mode);
    case Type::members: {
      JsonValue item = JsonValue::array();
      item.push(typed("string"));
      item.push(reference(*key.section, mode));
      JsonValue any = JsonValue::array();
      any.push(JsonValue::object().set("const", JsonValue::string("all")));
      any.push(typed("array")
                   .set("minItems", JsonValue::number(1))
                   .set("items", JsonValue::object().set("anyOf", std::move(item))));
      return JsonValue::object().set("anyOf", std::move(any));
    }
    case Type::amounts_by_role:
      return typed("object")
          .set("minProperties", JsonValue::number(1))
          .set("additionalProperties", numeric("number", 0, largest(key, type), key));
  }
  return JsonValue::object();
}

JsonValue key_schema(const Key& key, Mode mode) {
  JsonValue schema = value_schema(key, key.type, mode);
  // A key written with no value, or `~`, counts as absent (scenario-reference.md): an
  // optional key takes its default, in a variant too, where `~` drops the base's value.
  // The loader's own messages ask for `duration: ~`, which the schema underlined as not
  // a string. A required key stays required in a variant (`name: ~` is refused).
  if (!key.required) {
    JsonValue either = JsonValue::array();
    either.push(std::move(schema));
    either.push(typed("null"));
    schema = JsonValue::object().set("anyOf", std::move(either));
  }
  std::string text(key.description);
  if (!key.unit.empty()) text += " [" + std::string(key.unit) + "]";
  if (!key.only_for.empty() && mode == Mode::overlay) {
    text += " (only for " + std::string(key.only_for.front());
    for (std::size_t i = 1; i < key.only_for.size(); ++i) text += ", " + std::string(key.only_for[i]);
    text += ")";
  }
  // A $ref keeps its siblings in draft 2020-12, so the description can sit beside it.
  schema.set("description", JsonValue::string(text));
  return schema;
}

// Whether a variant merges the section's elements by name (role, kind), and so may take
// one of its base's out with `remove: true` (scenario/extends.cpp).
bool element_of_named_list(const Section& section) {
  if (&section == &format::scenario_section()) return false;
  return section.find("name") != nullptr || section.find("role") != nullptr || section.find("kind") != nullptr;
}

// The key a variant's merge finds the section's elements by (scenario/extends.cpp):
// name, else role, else kind.
std::string_view identity_key_of(const Section& section) {
  for (const char* key : {"name", "role", "kind"}) {
    if (section.find(key) != nullptr) return key;
  }
  return "name";
}

// Exactly the keys of one kind of a discriminated section, in a complete scenario.
JsonValue keys_of_kind(const Section& section, std::string_view kind) {
  JsonValue properties = JsonValue::object();
  JsonValue required = JsonValue::array();
  for (const Key& key : section.keys) {
    if (!key.allowed_for(kind)) continue;
    properties.set(std::string(key.name), key.name == section.discriminator
                                              ? JsonValue::object().set("const", JsonValue::string(std::string(kind)))
                                              : key_schema(key, Mode::complete));
    if (key.required) required.push(JsonValue::string(std::string(key.name)));
  }
  return JsonValue::object()
      .set("properties", std::move(properties))
      .set("required", std::move(required))
      .set("additionalProperties", JsonValue::boolean(false));
}

JsonValue section_schema(const Section& section, Mode mode) {
  JsonValue schema = typed("object").set("title", JsonValue::string(std::string(section.title)));
  if (section.discriminator.empty() || mode == Mode::overlay) {
    // In an overlay a discriminated section may leave its kind to the file extended,
    // so every kind's keys are allowed.
    JsonValue properties = JsonValue::object();
    JsonValue required = JsonValue::array();
    for (const Key& key : section.keys) {
      properties.set(std::string(key.name), key_schema(key, mode));
      if (mode == Mode::complete && key.required) required.push(JsonValue::string(std::string(key.name)));
    }
    if (mode == Mode::overlay && element_of_named_list(section)) {
      properties.set("remove", JsonValue::object()
                                   .set("const", JsonValue::boolean(true))
                                   .set("description", JsonValue::string("takes the extended scenario's element of "
                                                                         "this name out of its list")));
      schema.set("if", JsonValue::object().set("required", strings({"remove"})));
      schema.set("then", JsonValue::object().set(
                             "propertyNames",
                             JsonValue::object().set("enum", strings({identity_key_of(section), "region", "remove"}))));
    }
    schema.set("properties", std::move(properties));
    if (!required.empty()) schema.set("required", std::move(required));
    schema.set("additionalProperties", JsonValue::boolean(false));
    if (mode == Mode::complete && !section.exactly_one_of.empty()) {
      JsonValue one_of = JsonValue::array();
      for (auto name : section.exactly_one_of) {
        JsonValue names = JsonValue::array();
        names.push(JsonValue::string(std::string(name)));
        one_of.push(JsonValue::object().set("required", std::move(names)));
      }
      schema.set("oneOf", std::move(one_of));
    }
    return schema;
  }
  // A discriminated section: the discriminator first, then one if/then per kind with
  // exactly that kind's keys, so an editor reports a key of the wrong kind by name.
  const Key& discriminator = section.discriminating_key();
  JsonValue required = JsonValue::array();
  required.push(JsonValue::string(std::string(discriminator.name)));
  schema.set("required", std::move(required));
  schema.set("properties", JsonValue::object().set(std::string(discriminator.name), key_schema(discriminator, mode)));
  JsonValue all_of = JsonValue::array();
  for (auto kind : discriminator.choices) {
    JsonValue condition = JsonValue::object().set(
        "properties", JsonValue::object().set(std::string(discriminator.name),
                                              JsonValue::object().set("const", JsonValue::string(std::string(kind)))));
    all_of.push(JsonValue::object().set("if", std::move(condition)).set("then", keys_of_kind(section, kind)));
  }
  schema.set("allOf", std::move(all_of));
  return schema;
}

}  // namespace

JsonValue scenario_json_schema(const std::string& engine_version) {
  JsonValue schema = JsonValue::object();
  schema.set("$schema", JsonValue::string("https://json-schema.org/draft/2020-12/schema"));
  schema.set("$id", JsonValue::string("urn:wfsim:scenario-format-1"));
  schema.set("title", JsonValue::string("wfsim scenario, format 1"));
  schema.set("description",
             JsonValue::string("Generated by wfsim " + engine_version +
                               " (wfsim schema) from the definitions its scenario loader reads. A file with "
                               "'extends' is a partial overlay and nothing in it is required. Checks across keys "
                               "(in_post at most permanent_posts, destinations adding up to 1, names that must "
                               "exist) are made by 'wfsim validate' only. Reference: docs/scenario-reference.md"));
  // A variant is a file whose `extends` names a base: `extends: ~` is none, a complete
  // scenario (the loader's reading), not an overlay of which nothing is required.
  JsonValue has_extends = JsonValue::array();
  has_extends.push(JsonValue::string("extends"));
  schema.set("if", JsonValue::object()
                       .set("required", std::move(has_extends))
                       .set("properties", JsonValue::object().set("extends", typed("string"))));
  schema.set("then", reference(format::scenario_section(), Mode::overlay));
  schema.set("else", reference(format::scenario_section(), Mode::complete));
  JsonValue definitions = JsonValue::object();
  for (Mode mode : {Mode::complete, Mode::overlay}) {
    for (const Section* section : format::all_sections()) {
      definitions.set(definition_name(*section, mode), section_schema(*section, mode));
    }
  }
  schema.set("$defs", std::move(definitions));
  return schema;
}

}  // namespace wfsim::scenario
