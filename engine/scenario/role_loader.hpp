#pragma once
// One role of an authority, read from the scenario: its posts and starting staff, how
// its workers leave, its recruitment, agency cover, pay and long absences.

#include "model/parameters.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

// The role at `field` (a mapping), every value checked as it is read; ScenarioError,
// with the file, line and key, for anything the format does not allow.
model::Role read_role(const Field& field);

}  // namespace wfsim::scenario
