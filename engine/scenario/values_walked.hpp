#pragma once
// How many values a walk of one scenario's YAML may visit before it stops: the check
// for keys written twice (extends.cpp, for files; overrides.cpp, for --set values) and
// the search for values shared through anchors (shared_nodes.cpp). YAML aliases are
// expanded wherever they are used, so 500 bytes of aliases within aliases stand for
// 10^8 values, and an unbounded walk ran for minutes, unstoppable by Ctrl-C. No
// scenario has a hundredth of this many values (England's has about 30,000).

#include <cstddef>

namespace wfsim::scenario {

inline constexpr std::size_t kMaxValuesWalked = 2'000'000;

}  // namespace wfsim::scenario
