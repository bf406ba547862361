#include "scenario/alias_cycle.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <utility>
#include <vector>

namespace wfsim::scenario {

namespace {

constexpr const char* kWithinItself =
    "this value holds itself: a YAML alias (*name) inside the value its anchor (&name) marks; write the value out "
    "without the alias";

class AliasWalk {
 public:
  std::optional<AliasTrouble> walk(const YAML::Node& node) {
    if (!(node.IsMap() || node.IsSequence()) || done(node)) return std::nullopt;
    if (std::any_of(above_.begin(), above_.end(), [&](const YAML::Node& a) { return a.is(node); })) {
      return AliasTrouble{node.Mark(), kWithinItself};
    }
    if (above_.size() >= kMostAliasDepth) {
      return AliasTrouble{node.Mark(), "values nested more than " + std::to_string(kMostAliasDepth) +
                                           " deep through YAML aliases, far deeper than any scenario"};
    }
    above_.push_back(node);
    std::optional<AliasTrouble> found;
    if (node.IsMap()) {
      for (const auto& entry : node) {
        if ((found = walk(entry.first)) || (found = walk(entry.second))) break;
      }
    } else {
      for (std::size_t i = 0; i < node.size() && !found; ++i) found = walk(node[i]);
    }
    above_.pop_back();
    // Walked to its end without trouble: another alias of it need not be walked again.
    if (!found) done_[place(node)].push_back(node);
    return found;
  }

 private:
  static std::pair<int, int> place(const YAML::Node& node) { return {node.Mark().line, node.Mark().column}; }
  // Values of one place in the text are few (one, but for values made by a program),
  // so a node is found by its place and then by identity.
  bool done(const YAML::Node& node) const {
    const auto found = done_.find(place(node));
    return found != done_.end() &&
           std::any_of(found->second.begin(), found->second.end(), [&](const YAML::Node& d) { return d.is(node); });
  }

  std::vector<YAML::Node> above_;  // handles, never assigned (that would assign the values)
  std::map<std::pair<int, int>, std::vector<YAML::Node>> done_;
};

}  // namespace

std::optional<AliasTrouble> alias_trouble(const YAML::Node& root) { return AliasWalk().walk(root); }

}  // namespace wfsim::scenario
