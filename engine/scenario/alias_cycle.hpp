#pragma once
// A YAML value that holds itself: `x: &a [*a]` puts an alias inside its own anchor's
// value, and yaml-cpp builds a tree with a loop in it. Every walk of the tree (the check
// for keys written twice, the search for values shared through anchors) followed the
// loop until the stack ran out: a crash, found by a hostile-input review. A tree is
// checked for loops as soon as it is parsed, and for values nested so deep through
// aliases that the walks' recursion would run out of stack all the same.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace wfsim::scenario {

struct AliasTrouble {
  YAML::Mark mark;      // where the value at fault starts (its anchor)
  std::string message;  // what is wrong, without the place
};

// The first value that holds itself, or a list or mapping nested more than
// kMostAliasDepth deep as the tree expands its aliases; nullopt when there is none.
// Each value is walked once, however many aliases name it (its height, kept, counts
// wherever another alias of it stands), so aliases within aliases, which stand for far
// more values than they take bytes, cost no more than their text.
std::optional<AliasTrouble> alias_trouble(const YAML::Node& root);

// Far deeper than any scenario (which nests fewer than 10; the parser refuses text
// nested 500 deep), and shallow enough for the walks that follow, which recurse once a
// level, to run through.
inline constexpr std::size_t kMostAliasDepth = 1000;

}  // namespace wfsim::scenario
