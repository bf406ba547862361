#pragma once
// `extends: base.yaml`: a scenario written as differences from another.
//
// The base is loaded (recursively: a base may extend another), then the scenario's
// own keys are merged over it: mappings key by key; lists of named things
// (authorities and roles by `name`, supplies and pools by `role`, absences by `kind`)
// element by element, a new name appended, one given `remove: true` taken out;
// anything else replaced whole. The merged tree is validated like any
// scenario; each value remembers which file it came from, so errors still name the right file and line.

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace wfsim::scenario {

struct Origin {
  std::string key_path;  // values at and below this path came from `file`
  std::string file;
  // For an element a variant appended to a named list, because its name matched none
  // of the base's: says so, as a misspelt name shows only as a missing key.
  std::string appended;
  // Where in `file` the value was written (1-based; 0 where unknown), so that a check
  // failing at a base's value can point at the variant's line that changed it.
  int line = 0;
  int column = 0;
  // For an appended element: whether its name is near one of the base's (a slip
  // that leaves both acting), not merely new.
  bool near_base_name = false;
};

// An element a variant took out of its base's list (`remove: true`).
struct Removal {
  std::string list;       // the list's key: "rules", "policies"
  std::string list_path;  // the list as merged then: "authorities[3].roles"
  std::string name;       // its name (role, kind) alone
  std::string identity;   // its name with its region where it gave one
  std::string file;       // the variant that removed it, and where
  int line = 0;
  int column = 0;
};

struct ResolvedScenario {
  YAML::Node root;
  std::string base_file;                 // the file every value not listed in origins came from
  std::vector<Origin> origins;           // most specific last
  std::vector<Removal> removals;         // in the order the files were merged
  std::vector<std::string> chain;        // the files extended, nearest first (empty: none)
  std::vector<std::string> chain_texts;  // their texts, byte for byte, in the same order
  std::string resolved_text;             // the merged scenario as YAML, when it extends another
};

// `root` was parsed from `file` (a path, used for errors and to find relative bases).
ResolvedScenario resolve_extends(const YAML::Node& root, const std::string& file);

// The file a value at `key_path` came from.
std::string origin_of(const ResolvedScenario& resolved, const std::string& key_path);
// What a merge matches element `index` of `list` by: its name, role or kind, with its
// region where it names one ("social_worker in South East"); "" where `list` is not a
// list of named elements or has no such element.
std::string merge_identity(const YAML::Node& list, std::size_t index);
// Whether element `index` of a variant's `own` list and of `merged` (the same list in
// the scenario it makes with its base) are one element as the merge matches them: the
// same name (role, kind), and the same region where the variant's names one.
bool same_merged_element(const YAML::Node& own, const YAML::Node& merged, std::size_t index);

// If `key_path` lies in an element a variant appended to a named list: why it was
// appended (its name matches none of the base's), with the nearest name; else "".
std::string appended_note(const ResolvedScenario& resolved, const std::string& key_path);

}  // namespace wfsim::scenario
