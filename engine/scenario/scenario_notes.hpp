#pragma once
// What a valid scenario says that is probably not what its writer meant: a rule,
// membership or lever wholly outside the run (it acts on nothing), a transition after
// its rule ends, a share written as a percentage (a turnover of 25 a year). Not errors,
// since each can be meant; the commands print them as notes, so nothing acts silently
// other than as read.

#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace wfsim::scenario {

// One line each, starting with the key path it is about (leading_key_path finds it),
// then what it says and why it is likely a slip.
std::vector<std::string> notes_on(const Scenario& scenario);

}  // namespace wfsim::scenario
