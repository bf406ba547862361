#pragma once
// Loading the region-wide parts of a scenario: the regions, agency supply, the labour
// pool, and agency rules with their memberships.

#include "model/parameters.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

// The regions, with their neighbours (mutual); read before the authorities.
void read_regions(const Field& list, model::ModelParameters& p);
std::uint32_t region_index(const Field& field, const model::ModelParameters& p);
// Every listed region holds an authority; read after the authorities.
void refuse_empty_regions(const Field& list, const model::ModelParameters& p);
// The authority's 'region' key (required when regions are listed, refused otherwise).
void read_authority_region(MapReader& authority, const Field& item, std::size_t index, model::ModelParameters& p);
void read_agency_supply(const Field& list, model::ModelParameters& p);
void read_labour_pool(const Field& list, model::ModelParameters& p);
void read_rules(const Field& list, model::ModelParameters& p);
void read_labour_market(const Field& field, model::ModelParameters& p);
// An authority's neighbours, by name, once every authority is known.
void read_neighbours(const Field& list, std::size_t authority, model::ModelParameters& p);

}  // namespace wfsim::scenario
