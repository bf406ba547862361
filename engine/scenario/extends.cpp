#include "scenario/extends.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scenario/base_location.hpp"
#include "scenario/key_path.hpp"
#include "scenario/repeated_keys.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_text.hpp"
#include "scenario/shared_nodes.hpp"
#include "scenario/suggest.hpp"
#include "scenario/values_walked.hpp"
#include "scenario/yaml_field.hpp"
#include "support/input_file.hpp"

namespace wfsim::scenario {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 16;

SourceLocation located(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

// The key that names the elements of a list (authorities and roles by name, supplies
// and pools by role, absences by kind), if every element of both lists has it.
// What a variant's merge finds a list's elements by, in this order.
constexpr const char* kIdentityKeys[] = {"name", "role", "kind"};

std::string identity_key(const YAML::Node& a, const YAML::Node& b) {
  for (const char* key : kIdentityKeys) {
    bool all = true;
    for (const YAML::Node* list : {&a, &b}) {
      // IsDefined() first: asking a missing key for its type throws in yaml-cpp.
      for (const auto& element : *list) {
        all = all && element.IsMap() && element[key].IsDefined() && element[key].IsScalar();
      }
    }
    if (all) return key;
  }
  return "";
}

// A key written twice in one mapping of a scenario file (repeated_keys.hpp). Every file
// is checked as it is read, before it is merged or any --set applies.
void refuse_duplicate_keys(const YAML::Node& root, const std::string& file) {
  const std::optional<KeyProblem> problem = first_key_problem(root, "");
  if (!problem) return;
  switch (problem->kind) {
    case KeyProblem::Kind::beyond_walk:
      throw ScenarioError(SourceLocation{file}, "",
                          "the file stands for more than " + std::to_string(kMaxValuesWalked) +
                              " values (YAML aliases within aliases?), far beyond any scenario");
    case KeyProblem::Kind::not_a_name:
      throw ScenarioError(located(file, problem->node), problem->path, key_not_a_name(problem->node));
    case KeyProblem::Kind::repeated:
      throw ScenarioError(located(file, problem->node), problem->path,
                          "key '" + problem->key + "' appears twice in the same mapping");
  }
}

void merge(YAML::Node base, const YAML::Node& over, const std::string& path, const std::string& file,
           ResolvedScenario& log, const SharedNodes& shared);

// What matches an element to the base's: its name (or role, or kind), and its region
// where it gives one. England's agency supplies and pools are one a region, all of the
// one role: matched by role alone, a variant's London supply merged into the last
// region's whatever it said.
std::string identity_of(const YAML::Node& element, const std::string& id) {
  const YAML::Node region = element["region"];
  return element[id].Scalar() + (region.IsDefined() && region.IsScalar() ? " in " + region.Scalar() : "");
}

bool names_region(const YAML::Node& element) { return element["region"].IsDefined(); }

// Where the base's elements of this name are: "in 'South East'", "in no region", "in 9
// regions ('North East', ...)".
std::string where_named(const YAML::Node& base, std::size_t base_size, const std::string& id, const std::string& name) {
  std::vector<std::string> places;
  for (std::size_t i = 0; i < base_size; ++i) {
    if (base[i][id].Scalar() != name) continue;
    places.push_back(names_region(base[i]) ? "'" + base[i]["region"].Scalar() + "'" : std::string("no region"));
  }
  std::string where;
  for (const std::string& place : places) where += (where.empty() ? "" : ", ") + place;
  return places.size() == 1 ? "in " + where : "in " + std::to_string(places.size()) + " regions (" + where + ")";
}

// The base's name an appended element's may be a slip for: "" when none is near, or
// when the two differ only in their numbers ('NQSW 2025' beside 'NQSW 2024', a
// sibling named on purpose, was asked "did you mean").
std::string slip_for(const std::string& name, const std::vector<std::string>& names) {
  const std::string nearest = closest_match(name, names);
  return numbered_siblings(name, nearest) ? std::string() : nearest;
}

// Why an appended element may be a slip: a name near one of the base's, or the base's
// own of that name in another region.
std::string appended_hint(const YAML::Node& base, std::size_t base_size, const std::string& id, const std::string& name,
                          const std::vector<std::string>& names) {
  const std::string nearest = slip_for(name, names);
  if (nearest.empty()) return "";
  return nearest != name ? "; did you mean '" + nearest + "'?"
                         : "; the base has it " + where_named(base, base_size, id, name);
}

// The base's element a variant's `element` merges into, or base.size() for none (it is
// appended). One that names its region matches that region's; one that does not
// matches the base's element of its name without a region, else the one element of its
// name in any region: a variant changing England's Kent need not repeat that Kent is in
// the South East, where matching the region too appended a second Kent. Where several
// regions have one of its name (England's supplies, one a region), it must say which.
std::size_t merge_target(const YAML::Node& base, std::size_t base_size, const YAML::Node& element,
                         const std::string& id, const std::string& at, const std::string& file) {
  const std::string own = identity_of(element, id);
  std::vector<std::size_t> in_regions;
  for (std::size_t i = 0; i < base_size; ++i) {
    if (identity_of(base[i], id) == own) return i;
    if (!names_region(element) && base[i][id].Scalar() == element[id].Scalar()) in_regions.push_back(i);
  }
  if (in_regions.size() == 1) return in_regions.front();
  if (in_regions.empty()) return base_size;
  std::string regions;
  for (std::size_t i : in_regions) regions += (regions.empty() ? "'" : ", '") + base[i]["region"].Scalar() + "'";
  throw ScenarioError(located(file, element), at,
                      "its " + id + " '" + own + "' is in " + std::to_string(in_regions.size()) +
                          " regions of the base (" + regions +
                          "): give its 'region' to say which to change or take out");
}

// Why an element given 'remove: true' removes nothing: no element of the base has its
// name (and region).
std::string nothing_to_remove(const YAML::Node& base, std::size_t base_size, const YAML::Node& element,
                              const std::string& id, const std::string& key, const std::vector<std::string>& names) {
  return "its " + id + " '" + identity_of(element, id) + "' matches none of the base's " + key +
         ", so 'remove: true' has nothing to take out" +
         appended_hint(base, base_size, id, element[id].Scalar(), names);
}

// Where a file earlier in the chain took an element of this name out of this list,
// said after a message that finds none: "; c2.yaml:4:5 took 'X' out of rules". Matched
// by the list's path and the name, whichever region either gave.
std::string taken_out_before(const ResolvedScenario& log, const std::string& path, const std::string& name) {
  for (auto it = log.removals.rbegin(); it != log.removals.rend(); ++it) {
    if (it->list_path != path || it->name != name) continue;
    const std::string at = it->line > 0 ? ":" + std::to_string(it->line) + ":" + std::to_string(it->column) : "";
    return "; " + it->file + at + " took '" + it->identity + "' out of " + it->list;
  }
  return "";
}

// A `remove` flag (of the element at `at`) that is not the plain word true, as every
// boolean of a scenario: not "true" in quotes, and not false, which would change nothing.
void refuse_unless_true(const YAML::Node& flag, const std::string& at, const std::string& file) {
  if (flag.IsScalar() && written_plain(flag) && flag.Scalar() == "true") return;
  throw ScenarioError(located(file, flag), at + ".remove",
                      "give 'remove: true' to take the base's element out of the list, or leave 'remove' out");
}

// Whether a variant's element asks for the base's element of its name to be taken out
// (`remove: true`), refused unless it says no more than which element: a key beside
// it would be lost with the element, unsaid.
bool asks_removal(const YAML::Node& element, const std::string& id, const std::string& at, const std::string& file) {
  const YAML::Node flag = element["remove"];
  if (!flag.IsDefined()) return false;
  refuse_unless_true(flag, at, file);
  for (const auto& entry : element) {
    const std::string key = entry.first.Scalar();
    if (key == id || key == "region" || key == "remove") continue;
    throw ScenarioError(located(file, entry.first), at + "." + key,
                        "an element given 'remove: true' is taken out whole; say only its " + id +
                            " (and region) there, not '" + key + "'");
  }
  return true;
}

// Key paths recorded for a list's elements, renumbered once `removed` (indices into
// the list before, ascending) are taken out of it: their own records dropped, those of
// later elements moved up.
void renumber_after_removal(std::vector<Origin>& origins, const std::string& path,
                            const std::vector<std::size_t>& removed) {
  const std::string prefix = path + "[";
  std::vector<Origin> kept;
  for (Origin& origin : origins) {
    const std::size_t close = origin.key_path.find(']', prefix.size());
    if (origin.key_path.compare(0, prefix.size(), prefix) != 0 || close == std::string::npos) {
      kept.push_back(std::move(origin));
      continue;
    }
    const auto index =
        static_cast<std::size_t>(std::stoul(origin.key_path.substr(prefix.size(), close - prefix.size())));
    if (std::binary_search(removed.begin(), removed.end(), index)) continue;
    const auto before =
        static_cast<std::size_t>(std::lower_bound(removed.begin(), removed.end(), index) - removed.begin());
    const std::string moved = prefix + std::to_string(index - before) + origin.key_path.substr(close);
    // An appended element's note begins with its key path ("authorities[19] is new").
    if (origin.appended.starts_with(origin.key_path + " ")) {
      origin.appended = moved + origin.appended.substr(origin.key_path.size());
    }
    origin.key_path = moved;
    kept.push_back(std::move(origin));
  }
  origins = std::move(kept);
}

// The base's elements a variant removes, taken out once the whole list is merged (so
// the indices its other elements were merged at still held while it was).
void take_out(YAML::Node list, std::vector<std::size_t> removed, const std::string& path, ResolvedScenario& log) {
  if (removed.empty()) return;
  std::sort(removed.begin(), removed.end());
  for (auto it = removed.rbegin(); it != removed.rend(); ++it) list.remove(*it);
  renumber_after_removal(log.origins, path, removed);
}

// A list whose every element is named (by `id`), merged element by element: matched by
// name, a new name appended, one given `remove: true` taken out.
void merge_named_list(YAML::Node existing, const YAML::Node& value, const std::string& id, const std::string& key,
                      const std::string& path, const std::string& file, ResolvedScenario& log,
                      const SharedNodes& shared) {
  std::vector<std::string> names;
  for (const auto& element : existing) names.push_back(element[id].Scalar());
  // Both would merge into one element, the later winning: a variant listing council
  // A twice, with 10 posts and with 20, ran with 20 and lost the 10 unsaid.
  std::set<std::string> listed;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!listed.insert(identity_of(value[i], id)).second) {
      throw ScenarioError(located(file, value[i]), path + "[" + std::to_string(i) + "]",
                          "its " + id + " '" + identity_of(value[i], id) + "' appears twice in this list");
    }
  }
  std::vector<std::size_t> merged_into, removed;
  const std::size_t base_size = existing.size();
  for (std::size_t v = 0; v < value.size(); ++v) {
    const YAML::Node element = value[v];
    const std::string own_at = path + "[" + std::to_string(v) + "]";
    const std::size_t match = merge_target(existing, base_size, element, id, own_at, file);
    if (match < base_size && std::find(merged_into.begin(), merged_into.end(), match) != merged_into.end()) {
      throw ScenarioError(located(file, element), own_at,
                          "its " + id + " '" + identity_of(element, id) + "' changes the base's '" +
                              identity_of(existing[match], id) + "', which this list already changes");
    }
    merged_into.push_back(match);
    const std::string at = path + "[" + std::to_string(match < base_size ? match : existing.size()) + "]";
    if (asks_removal(element, id, own_at, file)) {
      if (match == base_size) {
        throw ScenarioError(located(file, element), own_at,
                            nothing_to_remove(existing, base_size, element, id, key, names) +
                                taken_out_before(log, path, element[id].Scalar()));
      }
      removed.push_back(match);
      const SourceLocation written = located(file, element);
      log.removals.push_back(
          Removal{key, path, element[id].Scalar(), identity_of(element, id), file, written.line, written.column});
    } else if (match < base_size) {
      merge(existing[match], element, at, file, log, shared);
      // The name that matched the base's element changed nothing: left out, so a
      // check near it does not blame the variant for it.
      std::erase_if(log.origins, [&](const Origin& o) { return o.key_path == at + "." + id && o.file == file; });
    } else {
      existing.push_back(element);
      const std::string nearest = slip_for(element[id].Scalar(), names);
      const SourceLocation written = located(file, element);  // where a check over its list names it
      log.origins.push_back(Origin{at, file,
                                   at + " is new: its " + id + " '" + identity_of(element, id) +
                                       "' matches none of the base's " + key +
                                       appended_hint(existing, base_size, id, element[id].Scalar(), names) +
                                       taken_out_before(log, path, element[id].Scalar()),
                                   written.line, written.column});
      log.origins.back().near_base_name = !nearest.empty() && nearest != element[id].Scalar();
    }
  }
  take_out(existing, removed, path, log);
}

// A list given whole (the base has none here, or not of named elements) cannot take
// an element out: its 'remove: true' was left to the reader, as an unknown key among
// missing ones ("missing required key 'kind'").
void refuse_removal_from_nothing(const YAML::Node& existing, const YAML::Node& value, const std::string& path,
                                 const std::string& file) {
  if (!value.IsSequence()) return;
  const auto at = [&](std::size_t i) { return path + "[" + std::to_string(i) + "]"; };
  const auto named = [](const YAML::Node& e) {
    return e.IsMap() && std::any_of(std::begin(kIdentityKeys), std::end(kIdentityKeys),
                                    [&](const char* k) { return e[k].IsDefined() && e[k].IsScalar(); });
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    // Read through a const node: yaml-cpp's non-const operator[] adds the key it looks
    // up, and 'remove' appeared in every member of England's rules.
    const YAML::Node& element = value[i];
    if (!element.IsMap()) continue;
    const YAML::Node flag = element["remove"];
    if (!flag.IsDefined()) continue;
    refuse_unless_true(flag, at(i), file);
    if (!existing.IsDefined() || !existing.IsSequence() || existing.size() == 0) {
      throw ScenarioError(located(file, value[i]), at(i),
                          "'remove: true' has nothing to take out: the base gives no '" + path + "'");
    }
    // The element that kept the list from merging by name: one without a name.
    std::size_t nameless = i;
    for (std::size_t k = 0; k < value.size(); ++k) {
      if (!named(value[k])) {
        nameless = k;
        break;
      }
    }
    throw ScenarioError(located(file, value[nameless]), at(nameless),
                        "'remove: true' takes out the base's element of the name given beside it, and here the "
                        "elements of '" +
                            path +
                            "' are not all found by a name (role, kind) in the base and this "
                            "file alike");
  }
}

// Lists of named things merge element by element, matched by name; a new name is
// appended. Any other list is replaced whole.
void merge_value(YAML::Node parent, const std::string& key, const YAML::Node& value, const std::string& path,
                 const std::string& file, ResolvedScenario& log, const SharedNodes& shared) {
  YAML::Node existing = parent[key];
  // A base's value an anchor and its alias share (or one inside it) is refused: the
  // variant's value went to every key path that reaches it. The value it already has
  // (the name that finds a list's element) changes nothing: not refused, nor written.
  if (leaves_as_it_is(existing, value)) return;
  if (existing.IsDefined()) {
    const std::string problem = shared_node_problem(shared, existing, path, "the value " + file + " gives it");
    if (!problem.empty()) throw ScenarioError(located(file, value), path, problem);
  }
  if (existing.IsDefined() && existing.IsMap() && value.IsMap()) {
    merge(existing, value, path, file, log, shared);
    return;
  }
  // An empty list replaces the base's ('rules: []' is a variant without the rules);
  // merged element by element, as a list whose every element is named, it changed
  // nothing, and the variant ran with the base's rules without a word.
  if (existing.IsDefined() && existing.IsSequence() && value.IsSequence() && value.size() > 0) {
    const std::string id = identity_key(existing, value);
    if (!id.empty()) {
      merge_named_list(existing, value, id, key, path, file, log, shared);
      return;
    }
  }
  refuse_removal_from_nothing(existing, value, path, file);
  parent[key] = value;
  const SourceLocation written = located(file, value);
  log.origins.push_back(Origin{path, file, "", written.line, written.column});
}

// Merges `over` (from `file`) into `base`, recording where merged values came from.
void merge(YAML::Node base, const YAML::Node& over, const std::string& path, const std::string& file,
           ResolvedScenario& log, const SharedNodes& shared) {
  for (const auto& entry : over) {
    const std::string key = entry.first.Scalar();
    if (path.empty() && key == "extends") continue;
    merge_value(base, key, entry.second, path.empty() ? key : path + "." + key, file, log, shared);
  }
}

// The base a scenario's `reference` (its 'extends:' value, in `file`) names, read and
// parsed into `text` and the node returned: refused, at that line, if it is no YAML
// scenario file, cannot be read, or is empty or no mapping.
YAML::Node read_base(const fs::path& base_path, const std::string& base_name, const std::string& file,
                     const YAML::Node& reference, std::string& text) {
  const std::string extension = base_path.extension().string();
  if (extension != ".yaml" && extension != ".yml") {
    throw ScenarioError(located(file, reference), "extends",
                        "'" + base_name + "' is not a scenario file: its name must end in .yaml or .yml");
  }
  try {
    text = support::read_input_file(base_path.string(), kMaxScenarioBytes);
  } catch (const support::InputFileError& e) {
    throw ScenarioError(located(file, reference), "extends",
                        "cannot read the extended scenario '" + reference.Scalar() + "'" +
                            (reference.Scalar() == base_name ? "" : " ('" + base_name + "' from here)") +
                            " (paths are relative to this file): " + e.what());
  }
  YAML::Node base_root = parse_single_document(text, base_name);
  if (!base_root.IsMap()) {
    // Named from the line that extends it: an empty base was said only "must be a
    // mapping of keys", under its own name (a CLI audit).
    const bool empty = !base_root.IsDefined() || base_root.IsNull();
    throw ScenarioError(located(file, reference), "extends",
                        "the extended scenario '" + reference.Scalar() + "' " +
                            (empty ? std::string("is empty (it holds no keys, only comments or nothing)")
                                   : "is not a scenario: it must be a mapping of keys, as 'name: ...' starts one"));
  }
  return base_root;
}

ResolvedScenario resolve(const YAML::Node& root, const std::string& file, std::vector<std::string>& seen) {
  ResolvedScenario result;
  result.root = root;
  result.base_file = file;
  // Repeats are refused here, before any --set applies: a --set of the key one repeats
  // took the blame for the file's repeat, whose line was never named.
  refuse_duplicate_keys(root, file);
  // 'extends: ~' is absent, as any key given nothing is.
  if (!root.IsMap() || !root["extends"].IsDefined() || root["extends"].IsNull()) return result;
  const YAML::Node reference = root["extends"];
  if (!reference.IsScalar() || reference.Scalar().empty()) {
    throw ScenarioError(located(file, reference), "extends", "expected the path of the scenario this one extends");
  }
  if (static_cast<int>(seen.size()) >= kMaxDepth) {
    // A cycle is found by the files seen (below); this is a chain too long to follow.
    throw ScenarioError(located(file, reference), "extends",
                        "the chain of 'extends' goes deeper than the " + std::to_string(kMaxDepth - 1) +
                            " levels wfsim follows; let a variant extend a scenario nearer the chain's base");
  }
  const fs::path base_path = fs::path(file).parent_path() / reference.Scalar();
  const std::string base_name = base_path.lexically_normal().string();
  std::error_code ignored;
  const std::string canonical = fs::weakly_canonical(base_path, ignored).string();
  for (const auto& s : seen) {
    if (s == canonical) {
      throw ScenarioError(located(file, reference), "extends", "'" + base_name + "' extends itself, through a cycle");
    }
  }
  refuse_base_outside(base_path, seen.front(), located(file, reference), reference.Scalar(), base_name);
  std::string text;
  YAML::Node base_root = read_base(base_path, base_name, file, reference, text);
  seen.push_back(canonical);
  // resolve() refuses the base's repeated keys first, before the variant's values hide one.
  ResolvedScenario base = resolve(base_root, base_name, seen);
  // The scenario's own nodes are moved into the base tree as they are, so they keep
  // their line and column in this file.
  merge(base.root, root, "", file, base,
        SharedNodes(base.root, [&base](const std::string& path) { return origin_of(base, path); }));
  base.chain.insert(base.chain.begin(), base_name);
  base.chain_texts.insert(base.chain_texts.begin(), std::move(text));
  return base;
}

}  // namespace

ResolvedScenario resolve_extends(const YAML::Node& root, const std::string& file) {
  std::vector<std::string> seen;
  std::error_code ignored;
  seen.push_back(fs::weakly_canonical(file, ignored).string());
  ResolvedScenario resolved = resolve(root, file, seen);
  if (!resolved.chain.empty()) {
    YAML::Emitter out;
    out << resolved.root;
    resolved.resolved_text = std::string(out.c_str()) + "\n";
  }
  return resolved;
}

std::string appended_note(const ResolvedScenario& resolved, const std::string& key_path) {
  for (auto it = resolved.origins.rbegin(); it != resolved.origins.rend(); ++it) {
    if (!it->appended.empty() && key_path_within(key_path, it->key_path)) return it->appended;
  }
  return "";
}

std::string merge_identity(const YAML::Node& list, std::size_t index) {
  if (!list.IsSequence() || index >= list.size()) return "";
  const std::string id = identity_key(list, list);
  return id.empty() ? "" : identity_of(list[index], id);
}

bool same_merged_element(const YAML::Node& own, const YAML::Node& merged, std::size_t index) {
  if (!own.IsSequence() || index >= own.size()) return true;  // not the variant's element: nothing to match
  if (!merged.IsSequence() || index >= merged.size()) return false;
  const std::string id = identity_key(own, merged);
  if (id.empty()) return true;  // replaced whole: the same position is the same element
  return names_region(own[index]) ? identity_of(own[index], id) == identity_of(merged[index], id)
                                  : own[index][id].Scalar() == merged[index][id].Scalar();
}

std::string origin_of(const ResolvedScenario& resolved, const std::string& key_path) {
  for (auto it = resolved.origins.rbegin(); it != resolved.origins.rend(); ++it) {
    if (key_path_within(key_path, it->key_path)) return it->file;
  }
  return resolved.base_file;
}

}  // namespace wfsim::scenario
