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
  // The trouble below `node`, if any; else `height` is how many lists and mappings deep
  // `node` reaches, itself included (0 for a scalar).
  std::optional<AliasTrouble> walk(const YAML::Node& node, std::size_t& height) {
    height = 0;
    if (!(node.IsMap() || node.IsSequence())) return std::nullopt;
    if (const std::size_t* known = done(node)) {
      height = *known;
      // Said where the alias stands (in the list or mapping above), not at its anchor,
      // whose own place may be shallow enough.
      return too_deep(above_.empty() ? node : above_.back(), height);
    }
    if (std::any_of(above_.begin(), above_.end(), [&](const YAML::Node& a) { return a.is(node); })) {
      return AliasTrouble{node.Mark(), kWithinItself};
    }
    std::optional<AliasTrouble> found = too_deep(node, 1);
    if (found) return found;
    above_.push_back(node);
    std::size_t below = 0, child = 0;
    if (node.IsMap()) {
      for (const auto& entry : node) {
        if (found) break;
        if (!(found = walk(entry.first, child))) below = std::max(below, child);
        if (!found && !(found = walk(entry.second, child))) below = std::max(below, child);
      }
    } else {
      for (std::size_t i = 0; i < node.size() && !found; ++i) {
        if (!(found = walk(node[i], child))) below = std::max(below, child);
      }
    }
    above_.pop_back();
    height = below + 1;
    // Walked to its end without trouble: another alias of it is not walked again, but
    // its height still counts where that alias stands.
    if (!found) done_[place(node)].push_back({node, height});
    return found;
  }

 private:
  static std::pair<int, int> place(const YAML::Node& node) { return {node.Mark().line, node.Mark().column}; }

  // Values of one place in the text are few (one, but for values made by a program),
  // so a node is found by its place and then by identity; its height, if walked.
  const std::size_t* done(const YAML::Node& node) const {
    const auto found = done_.find(place(node));
    if (found == done_.end()) return nullptr;
    for (const auto& [walked, height] : found->second) {
      if (walked.is(node)) return &height;
    }
    return nullptr;
  }

  // A value `height` deep below the values being walked: too deep for the walks that
  // follow, however it was reached; said at `where`.
  std::optional<AliasTrouble> too_deep(const YAML::Node& where, std::size_t height) const {
    if (above_.size() + height <= kMostAliasDepth) return std::nullopt;
    return AliasTrouble{where.Mark(), "values nested more than " + std::to_string(kMostAliasDepth) +
                                          " deep through YAML aliases, far deeper than any scenario"};
  }

  std::vector<YAML::Node> above_;  // handles, never assigned (that would assign the values)
  std::map<std::pair<int, int>, std::vector<std::pair<YAML::Node, std::size_t>>> done_;
};

}  // namespace

std::optional<AliasTrouble> alias_trouble(const YAML::Node& root) {
  std::size_t height = 0;
  return AliasWalk().walk(root, height);
}

}  // namespace wfsim::scenario
