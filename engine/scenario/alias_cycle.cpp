#include "scenario/alias_cycle.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "scenario/values_walked.hpp"

namespace wfsim::scenario {

namespace {

// Depth first, with the values above this one in `above`: a loop comes back to one of
// them. Values reached twice without a loop (an alias beside its anchor) are walked
// again, as the other walks do, within the same bound.
std::optional<YAML::Mark> walk(const YAML::Node& node, std::vector<YAML::Node>& above, std::size_t& walked) {
  if (++walked > kMaxValuesWalked || !(node.IsMap() || node.IsSequence())) return std::nullopt;
  if (std::any_of(above.begin(), above.end(), [&](const YAML::Node& a) { return a.is(node); })) return node.Mark();
  above.push_back(node);
  std::optional<YAML::Mark> found;
  if (node.IsMap()) {
    for (const auto& entry : node) {
      if ((found = walk(entry.first, above, walked)) || (found = walk(entry.second, above, walked))) break;
    }
  } else {
    for (std::size_t i = 0; i < node.size() && !found; ++i) found = walk(node[i], above, walked);
  }
  above.pop_back();
  return found;
}

}  // namespace

std::optional<YAML::Mark> value_within_itself(const YAML::Node& root) {
  std::vector<YAML::Node> above;
  std::size_t walked = 0;
  return walk(root, above, walked);
}

}  // namespace wfsim::scenario
