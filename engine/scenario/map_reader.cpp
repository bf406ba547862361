#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "scenario/suggest.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

namespace {
// Where a key is reported: the key itself, or, for a key a variant's merge rebuilt (it
// has no place in any file), the value written with it, in the variant.
YAML::Node key_or_value(const std::pair<YAML::Node, YAML::Node>& entry) {
  return entry.first.Mark().line >= 0 ? entry.first : entry.second;
}

// Every key a name: a list, a mapping or nothing as a key ('? [a, b]: x', '~: x') was
// told "unknown key ''" (a hostile-input review).
void refuse_keys_not_names(const Field& field) {
  for (const auto& entry : field.node()) {
    if (entry.first.IsScalar()) continue;
    Field(key_or_value(entry), field.path(), field.locate()).fail(key_not_a_name(entry.first));
  }
}
}  // namespace

void MapReader::read_bound(void* target) {
  if (section_ == nullptr) return;
  for (const format::Key& key : section_->keys) {
    if (key.store == nullptr) continue;
    const std::string name(key.name);
    if (key.required) {
      key.store(target, required(name));
    } else if (auto f = optional(name)) {
      key.store(target, *f);
    }
  }
}

MapReader::MapReader(const Field& field, const format::Section& section) : field_(field), section_(&section) {
  // Only the top level (no key) and a delay's distribution name their section here.
  if (const format::Key* key = field.key()) {
    if (key->type != format::Type::delay || &section != &format::distribution_section()) {
      throw std::logic_error("scenario format: '" + field.path() + "' is read as section '" +
                             std::string(section.name) + "' but declared otherwise");
    }
  }
  if (!field.node().IsMap()) field.fail("expected a mapping of keys, got " + describe_node(field.node()));
  refuse_keys_not_names(field);
}

MapReader::MapReader(const Field& field) : field_(field) {
  const format::Key* key = field.key();
  if (key == nullptr || (key->type != format::Type::amounts_by_role && key->section == nullptr)) {
    throw std::logic_error("scenario format: '" + field.path() + "' is read as a mapping but not declared as one");
  }
  section_ = key->section;  // null for a mapping keyed by role names
  if (!field.node().IsMap()) field.fail("expected a mapping of keys, got " + describe_node(field.node()));
  refuse_keys_not_names(field);
}

const format::Key* MapReader::declared(const std::string& key, bool required) const {
  if (section_ == nullptr) return nullptr;
  const format::Key* k = section_->find(key);
  const std::string where = "scenario format: section '" + std::string(section_->name) + "' ";
  if (k == nullptr) throw std::logic_error(where + "does not declare the key '" + key + "' the loader reads");
  if (k->required != required) {
    throw std::logic_error(where + "declares '" + key + "' " + (k->required ? "required" : "optional") +
                           " but the loader reads it as " + (required ? "required" : "optional"));
  }
  // A key of one kind must only be read for that kind.
  if (!k->only_for.empty()) {
    const YAML::Node kind = field_.node()[std::string(section_->discriminator)];
    const std::string value = kind.IsScalar() ? kind.Scalar() : "";
    if (!k->allowed_for(value)) {
      throw std::logic_error(where + "does not allow '" + key + "' for " + std::string(section_->discriminator) + " '" +
                             value + "'");
    }
  }
  return k;
}

bool MapReader::has(const std::string& key) const {
  const YAML::Node n = field_.node()[key];
  return n.IsDefined() && !n.IsNull();
}

namespace {

// The key a section spells a date's word with: a policy's or rule's 'start:' is its
// 'from:', far from it in spelling; "" where the section has no such key.
std::string date_synonym(const std::string& key, const std::vector<std::string>& known) {
  static const std::pair<const char*, const char*> kSynonyms[] = {
      {"start", "from"}, {"starts", "from"}, {"begin", "from"},   {"begins", "from"},    {"start_date", "from"},
      {"end", "until"},  {"ends", "until"},  {"finish", "until"}, {"end_date", "until"}, {"to", "until"},
  };
  for (const auto& [word, meant] : kSynonyms) {
    if (key == word && std::find(known.begin(), known.end(), meant) != known.end()) return meant;
  }
  return "";
}

// Keys earlier versions of the format had, with what replaced them: a scenario written
// for them gets the reason, not a bare "unknown key".
std::string removed_or_did_you_mean(const std::string& key, const std::vector<std::string>& known) {
  static const std::pair<const char*, const char*> kRemoved[] = {
      {"turnover_reduction",
       ": a lever's effect on turnover now follows from the pay it adds, through "
       "labour_market.quit_pay_elasticity (docs/labour-market.md); remove the key"},
      {"applicant_increase",
       ": a lever's effect on applicants now follows from the pay it adds, through "
       "labour_market.applicant_pay_elasticity (docs/labour-market.md); remove the key"},
      {"agency_ranking",
       ": who goes where is now workers' choice, weighted by pay and travel "
       "(labour_market, docs/labour-market.md), never list order; remove the key"},
  };
  for (const auto& [name, reason] : kRemoved) {
    if (key == name) return std::string(" (removed") + reason + ")";
  }
  // Read by the merge of a variant over its base, which takes such elements out.
  if (key == "remove") {
    return " ('remove: true' belongs only in an element of a named list in a variant, a scenario that extends "
           "another, where it takes the base's element of that name out; elsewhere, delete what is not wanted)";
  }
  if (const std::string meant = date_synonym(key, known); !meant.empty()) return " (did you mean '" + meant + "'?)";
  return did_you_mean(key, known);
}

// Where else in the format a key the section lacks belongs ("authorities[].policies"
// for a 'policies:' written at the top), by a walk from the scenario's top: "" if
// nowhere, or only in `here`.
std::string where_key_belongs(const std::string& key, const format::Section* here) {
  struct Visit {
    const format::Section* section;
    std::string path;
  };
  std::vector<Visit> queue = {{&format::scenario_section(), ""}};
  std::vector<const format::Section*> seen;
  std::vector<std::string> places;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const Visit v = queue[i];
    if (std::find(seen.begin(), seen.end(), v.section) != seen.end()) continue;
    seen.push_back(v.section);
    for (const format::Key& k : v.section->keys) {
      const std::string at = (v.path.empty() ? "" : v.path + ".") + std::string(k.name);
      if (k.name == key && v.section != here) places.push_back(at);
      const bool many = k.type == format::Type::list || k.type == format::Type::members;
      if (k.section != nullptr) queue.push_back({k.section, at + (many ? "[]" : "")});
    }
  }
  if (places.empty()) return "";
  std::string where;
  for (std::size_t i = 0; i < places.size() && i < 3; ++i) {
    // A top-level key read "it belongs at start", which says nothing.
    const bool top = places[i].find_first_of(".[") == std::string::npos;
    where += (i ? " or " : "") + (top ? "the scenario's top level" : places[i]);
  }
  if (places.size() > 3) where += ", among " + std::to_string(places.size()) + " places";
  return " (it belongs at " + where + ")";
}

}  // namespace

// Why a key the section lacks may have been written: {amount: 3,000} is two keys in
// YAML, the second '000'; a key of another section ('policies:' at the top, not under
// a council) is more likely misplaced than misspelt ('roles:' at the top was offered
// 'rules'); else a key of an earlier format, or a near spelling.
std::string MapReader::why_unknown(const std::string& key) const {
  // Three digits: a thousands group. Not the mapping's style: a variant's {...} merged
  // into its base's block mapping is block by then.
  const bool digits =
      key.size() == 3 && std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); });
  if (digits) {
    return " (a number written with a thousands separator, such as 3,000, is cut at its comma inside {...}: write "
           "3000)";
  }
  const std::string elsewhere = where_key_belongs(key, section_);
  const std::string near = removed_or_did_you_mean(key, known_);
  // A date's word ('start' in a policy) means the section's own 'from' more likely than
  // the scenario's start: said alone.
  if (elsewhere.empty() || !date_synonym(key, known_).empty()) return near;
  // Both may be meant: 'region: [...]' at the top is nearer 'regions' than any council's.
  return near.empty() || !near.starts_with(" (") ? elsewhere
                                                 : elsewhere.substr(0, elsewhere.size() - 1) + "; or " + near.substr(2);
}

// Which kinds take a key the section has but this element's kind does not: a
// campaign given a supplement's amount heard only "unknown key".
std::string MapReader::kinds_taking(const format::Key& key) const {
  const std::string kind = valid_kind();
  if (key.only_for.empty() || kind.empty()) return "";
  std::string kinds;
  for (std::size_t i = 0; i < key.only_for.size(); ++i) {
    kinds += (i == 0 ? "" : i + 1 == key.only_for.size() ? " or " : ", ") + std::string(key.only_for[i]);
  }
  return ": it is for " + std::string(section_->discriminator) + " " + kinds + ", not '" + kind + "'";
}

std::string MapReader::valid_kind() const {
  if (section_ == nullptr || section_->discriminator.empty()) return "";
  const YAML::Node kind = field_.node()[std::string(section_->discriminator)];
  if (!kind.IsDefined() || !kind.IsScalar()) return "";
  const auto& choices = section_->discriminating_key().choices;
  return std::find(choices.begin(), choices.end(), kind.Scalar()) != choices.end() ? kind.Scalar() : "";
}

Field MapReader::required(const std::string& key) {
  const format::Key* spec = declared(key, true);
  known_.push_back(key);
  const YAML::Node n = field_.node()[key];
  if (n.IsDefined() && n.IsNull()) {
    // Present but empty (`key:` with nothing after it, or `--set key=`, which
    // docs/scenario-reference.md lets clear an optional key): said where it was
    // emptied, not as missing from the mapping around it.
    Field(n, field_.path().empty() ? key : field_.path() + "." + key, field_.locate())
        .fail("'" + key + "' is required and cannot be empty");
  }
  if (!n.IsDefined()) {
    // A missing key is often a misspelt one: name the present key it most resembles.
    refuse_misspelt({key}, "; '" + key + "' is required");
    // A key this mapping may not have, beside the missing one, is the likelier slip (a
    // campaign given a supplement's amount, a key of an earlier format): say so first.
    // Only when the kind is known: without it every kind's own keys would look unknown.
    // Known means one of the kinds: a kind given as a list, a mapping, ~ or a misspelt
    // name made every key of a kind look unknown, ahead of the kind's own error.
    const bool kind_known = section_ != nullptr && (section_->discriminator.empty() ||
                                                    (key != section_->discriminator && !valid_kind().empty()));
    if (kind_known) {
      const YAML::Node kind =
          section_->discriminator.empty() ? YAML::Node() : field_.node()[std::string(section_->discriminator)];
      const std::string kind_value = kind.IsDefined() && kind.IsScalar() ? kind.Scalar() : "";
      std::vector<std::string> names;
      for (const format::Key& k : section_->keys) {
        if (k.allowed_for(kind_value)) names.emplace_back(k.name);
      }
      for (const auto& entry : field_.node()) {
        const std::string present = entry.first.Scalar();
        const format::Key* k = section_->find(present);
        if (k != nullptr && k->allowed_for(kind_value)) continue;
        const std::string path = field_.path().empty() ? present : field_.path() + "." + present;
        const std::string taking = k != nullptr ? kinds_taking(*k) : "";
        const std::string message = "unknown key '" + present + "'" +
                                    (taking.empty() ? removed_or_did_you_mean(present, names) : taking) + "; '" + key +
                                    "' is required";
        // A key of the section that this kind does not take: the kind (a rule's, a
        // distribution's), perhaps changed by --set or a variant, is named beside the
        // file's line. A key of no kind is the key's own slip.
        const Field found(key_or_value(entry), path, field_.locate());
        k != nullptr ? found.fail_across(message) : found.fail(message);
      }
    }
    // Required by the kind, where the section has kinds: as above.
    if (section_ != nullptr && !section_->discriminator.empty() && key != section_->discriminator) {
      field_.fail_across("missing required key '" + key + "'");
    }
    field_.fail("missing required key '" + key + "'");
  }
  return child(n, key, spec);
}

std::optional<Field> MapReader::optional(const std::string& key) {
  const format::Key* spec = declared(key, false);
  known_.push_back(key);
  if (!has(key)) return std::nullopt;
  return child(field_.node()[key], key, spec);
}

Field MapReader::child(const YAML::Node& node, const std::string& key, const format::Key* spec) const {
  const std::string path = field_.path().empty() ? key : field_.path() + "." + key;
  // A mapping keyed by role names holds values of its own key's element type, bounded
  // by that key (money by money's limit): they were read with no bounds at all, so a
  // cap of 1e300 an hour validated.
  if (section_ == nullptr) return Field(node, path, field_.locate(), field_.key(), true);
  return Field(node, path, field_.locate(), spec);
}

void MapReader::refuse_misspelling_of(const std::vector<std::string>& wanted) const { refuse_misspelt(wanted, ""); }

void MapReader::refuse_misspelt(const std::vector<std::string>& wanted, const std::string& after) const {
  for (const auto& entry : field_.node()) {
    const std::string present = entry.first.Scalar();
    if (std::find(wanted.begin(), wanted.end(), present) != wanted.end()) continue;
    // A key of this mapping's own is no misspelling: a cohort's `role` given and its
    // `route` left out was called a misspelt `route`, and renaming it, as advised,
    // gave the mirror error.
    if (section_ != nullptr && section_->find(present) != nullptr) continue;
    const std::string nearest = closest_match(present, wanted);
    if (nearest.empty()) continue;
    const std::string path = field_.path().empty() ? present : field_.path() + "." + present;
    Field(key_or_value(entry), path, field_.locate())
        .fail("unknown key '" + present + "' (did you mean '" + nearest + "'?)" + after);
  }
}

void MapReader::done() const {
  std::vector<std::string> seen;
  for (const auto& entry : field_.node()) {
    const std::string key = entry.first.Scalar();
    // yaml-cpp keeps both entries of a repeated key but looks up only the first, so a
    // second value would be silently ignored: refuse it instead.
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      const std::string path = field_.path().empty() ? key : field_.path() + "." + key;
      Field(key_or_value(entry), path, field_.locate()).fail("key '" + key + "' appears twice in the same mapping");
    }
    seen.push_back(key);
    bool known = false;
    for (const auto& k : known_) known = known || k == key;
    if (!known) {
      const std::string path = field_.path().empty() ? key : field_.path() + "." + key;
      // As in required(): a key of the section that this kind does not take names the
      // change to the kind; a key of no kind is the key's own slip.
      const format::Key* of_section = section_ != nullptr ? section_->find(key) : nullptr;
      const Field found(key_or_value(entry), path, field_.locate());
      if (of_section == nullptr) {
        found.fail("unknown key '" + key + "'" + why_unknown(key));
      }
      const std::string taking = kinds_taking(*of_section);
      found.fail_across("unknown key '" + key + "'" + (taking.empty() ? removed_or_did_you_mean(key, known_) : taking));
    }
  }
}

}  // namespace wfsim::scenario
