#pragma once
// Values a YAML anchor and its aliases make one: `leaving: &lv {...}` in one council and
// `leaving: *lv` in another are one node, reached by two key paths. Changing it through
// one path (a --set, a --vary, a variant's value, a fitted --free) changed the other
// council too, without a word (a hostile-input review). The changes refuse such a node.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace wfsim::scenario {

class SharedNodes {
 public:
  // The file a key path's value was written in (extends' origin_of), for messages.
  using FileOf = std::function<std::string(const std::string& key_path)>;
  // Walks `root`, as far as the values a scenario may stand for (values_walked.hpp).
  explicit SharedNodes(const YAML::Node& root, FileOf file_of = nullptr);
  // Another key path that reaches `node`, or "" when `path` is its only one.
  std::string other_path(const YAML::Node& node, const std::string& path) const;
  // The file `path`'s value was written in, or "" when not known.
  std::string file_of(const std::string& path) const { return file_of_ ? file_of_(path) : ""; }

 private:
  struct Reached {
    YAML::Node node;  // a handle, never assigned (that would assign the value it holds)
    std::string path;
  };
  std::vector<Reached> shared_;  // every path to a node reached by more than one
  FileOf file_of_;
};

// "one value with authorities[1].roles[0].leaving, through a YAML anchor (line 7, column
// 16 of base.yaml) and its alias: ..." for a change of `path` through `node` (the error
// names `path`), or "" when nothing else reaches it. `change` says what would change
// both; the file is the shared nodes' file_of, where it knows it.
std::string shared_node_problem(const SharedNodes& shared, const YAML::Node& node, const std::string& path,
                                const std::string& change);

// Whether `value` would leave `existing` as it is: both scalars, written the same, with
// the same tag ("40" in quotes is text, and would change a plain 40). Such a change is
// not refused, and not made: made, it would still write into a shared node.
bool leaves_as_it_is(const YAML::Node& existing, const YAML::Node& value);

}  // namespace wfsim::scenario
