#pragma once
// A key written twice in one mapping. yaml-cpp keeps both, and what reads the mapping
// takes one of them without a word: merging an `extends` chain kept the last (but the
// first `extends`), a --set value '{mean: 0.1, mean: 0.2, sd: 0.01}' ran as a spread
// about 0.1, and a data file's appended correction was ignored. Scenario files, --set
// values and the data files are all checked as they are read, before anything is merged.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace wfsim::scenario {

struct KeyProblem {
  enum class Kind {
    repeated,     // `key` again in the mapping that holds `path`
    not_a_name,   // a list or mapping written where a key's name goes
    beyond_walk,  // more values than any scenario holds (aliases within aliases?): not walked to the end
  };
  Kind kind = Kind::repeated;
  std::string path;  // the key path of the key at fault, below the walk's `at`
  std::string key;   // the key itself, which may hold a '.'
  YAML::Node node;   // the key at fault (for its place in the text); a handle, never assigned
};

// The first key problem in `node`, walked depth first in the order written; `at` is
// the key path of `node` itself ("" for a file's root). Aliases are walked as they
// expand, so the walk is bounded (values_walked.hpp). The tree must hold no loop
// (alias_cycle.hpp).
std::optional<KeyProblem> first_key_problem(const YAML::Node& node, const std::string& at);

}  // namespace wfsim::scenario
