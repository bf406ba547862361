#pragma once
// Loading an authority's `policies`: recruitment campaigns, market supplements,
// retention payments and trainee cohorts.

#include "model/parameters.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

// Each policy's common keys, then its kind's own through the kind's loader
// (scenario/kind_registry.hpp). `parameters` holds what is read so far.
void read_policies(const Field& list, model::Authority& authority, const model::ModelParameters& parameters);

}  // namespace wfsim::scenario
