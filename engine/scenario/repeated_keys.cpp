#include "scenario/repeated_keys.hpp"

#include <cstddef>
#include <set>

#include "scenario/values_walked.hpp"

namespace wfsim::scenario {

namespace {

std::optional<KeyProblem> walk(const YAML::Node& node, const std::string& at, std::size_t& walked) {
  if (++walked > kMaxValuesWalked) return KeyProblem{KeyProblem::Kind::beyond_walk, at, "", node};
  if (node.IsMap()) {
    std::set<std::string> keys;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) return KeyProblem{KeyProblem::Kind::not_a_name, at, "", entry.first};
      const std::string& key = entry.first.Scalar();
      const std::string below = at.empty() ? key : at + "." + key;
      if (!keys.insert(key).second) return KeyProblem{KeyProblem::Kind::repeated, below, key, entry.first};
      if (auto problem = walk(entry.second, below, walked)) return problem;
    }
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (auto problem = walk(node[i], at + "[" + std::to_string(i) + "]", walked)) return problem;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<KeyProblem> first_key_problem(const YAML::Node& node, const std::string& at) {
  std::size_t walked = 0;
  return walk(node, at, walked);
}

}  // namespace wfsim::scenario
