#pragma once
// Loading an authority's `policies`: recruitment campaigns, market supplements,
// retention payments and trainee cohorts.

#include "model/parameters.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

void read_policies(const Field& list, model::Authority& authority, std::int64_t start_day);

}  // namespace wfsim::scenario
