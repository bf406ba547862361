#pragma once
// Notes on one role's own values: valid, but probably not what was meant (a share
// written as a percentage), or doing nothing as written (an off-contract rate with no
// booking off contract). Part of a scenario's notes (scenario_notes.hpp).

#include <string>
#include <vector>

#include "model/parameters.hpp"

namespace wfsim::scenario {

// `path` names the role ("authorities[0].roles[1]"); `pooled`, whether a labour_pool
// of the role serves its council's region.
void add_role_notes(const model::Role& role, bool pooled, const std::string& path, std::vector<std::string>& notes);

}  // namespace wfsim::scenario
