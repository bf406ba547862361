#pragma once
// A YAML value that holds itself: `x: &a [*a]` puts an alias inside its own anchor's
// value, and yaml-cpp builds a tree with a loop in it. Every walk of the tree (the check
// for keys written twice, the search for values shared through anchors) followed the
// loop until the stack ran out: a crash, found by a hostile-input review. A tree is
// checked for loops as soon as it is parsed.

#include <yaml-cpp/yaml.h>

#include <optional>

namespace wfsim::scenario {

// Where the first value found that holds itself starts (its anchor), or nullopt. The
// walk stops after as many values as any walk of a scenario may visit
// (values_walked.hpp), which the walks that follow refuse on their own.
std::optional<YAML::Mark> value_within_itself(const YAML::Node& root);

// The message for it, without the place.
inline constexpr const char* kValueWithinItself =
    "this value holds itself: a YAML alias (*name) inside the value its anchor (&name) marks; write the value out "
    "without the alias";

}  // namespace wfsim::scenario
