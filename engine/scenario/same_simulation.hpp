#pragma once
// Whether two scenarios simulate the same thing: `compare` notes a variant that
// differs from its baseline in its name alone, whose every difference would be 0 (a
// variant whose change was misspelt as a key the format allows, or left out).

#include "scenario/scenario.hpp"

namespace wfsim::scenario {

// The scenario as simulated (`extends` resolved, overrides applied), without its
// labels, as canonical YAML text: two scenarios with the same text simulate the same
// thing.
std::string simulated_text(const Scenario& s);

// True if the two scenarios, as simulated (`extends` resolved), are the same YAML but
// for their labels (name, description) and their `extends` and `wfsim` lines.
bool simulates_the_same(const Scenario& a, const Scenario& b);

}  // namespace wfsim::scenario
