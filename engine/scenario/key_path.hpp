#pragma once
// Key paths as --set writes them: "authorities[0].roles[0].leaving".

#include <cstddef>
#include <optional>
#include <string>

namespace wfsim::scenario {

// Whether key path `path` is `section` or lies inside it ("a.b[0]" is inside "a" and
// "a.b", not inside "a.bc").
inline bool key_path_within(const std::string& path, const std::string& section) {
  return path == section || path.starts_with(section + ".") || path.starts_with(section + "[");
}

// A key path as one spelling: "authorities.0.roles.007.x" as "authorities[0].roles[7].x",
// spaces at its ends trimmed; anything else as given, for the scenario's checks to judge.
// A sweep and the anchors' check (shared_nodes.hpp) compare key paths by it.
std::string canonical_key_path(const std::string& key);

// A key inside one rule, "rules[3].length": the rule's index and the key within it
// ("length"; "caps_per_hour.social_worker" for one deeper). Nothing for any other path,
// "rules[3]" whole among them (a sweep may change a whole rule's name).
struct RuleKey {
  std::size_t rule = 0;
  std::string key;
};
std::optional<RuleKey> rule_key(const std::string& path);

}  // namespace wfsim::scenario
