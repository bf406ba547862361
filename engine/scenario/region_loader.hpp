#pragma once
// Loading the region-wide parts of a scenario: agency supply, the labour pool, and
// agency rules with their memberships.

#include "model/parameters.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

void read_agency_supply(const Field& list, model::ModelParameters& p);
void read_labour_pool(const Field& list, model::ModelParameters& p);
void read_rules(const Field& list, model::ModelParameters& p);
void read_labour_market(const Field& field, model::ModelParameters& p);
// An authority's neighbours, by name, once every authority is known.
void read_neighbours(const Field& list, std::size_t authority, model::ModelParameters& p);

}  // namespace wfsim::scenario
