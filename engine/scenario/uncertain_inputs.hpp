#pragma once
// Inputs known only as a spread of values. A plain number key (a rate, a share, an
// amount, a delay distribution's shape) may be given as `{mean: M, sd: S}`, a normal
// cut to the key's bounds, or as `{low: A, high: B}`, uniform between them. Each
// replication draws its own value once, at its start, from a stream keyed by (seed,
// replication, the key's path), so the bands show the inputs' uncertainty beside the
// chance variation, and `compare` still pairs replications: a variant with the same
// uncertain key draws the same quantile.
//
// The scenario loads with each uncertain key at its central value (the mean, or the
// middle of the range), which `validate` and the model's shape use; a replication's
// parameters are the scenario loaded again with its draws set as `--set` would set
// them, so each drawn value is checked exactly as if it were written in the file.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "scenario/uncertain_input.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

struct Scenario;

// Replaces each uncertain value in `root` (a scenario after `extends:` and overrides)
// by its central value and returns them, in the order of the file. A malformed spread
// is a ScenarioError at its key, located by `locate`.
std::vector<UncertainInput> take_uncertain_inputs(YAML::Node& root, const LocateFn& locate);

// The values replication `replication` of `seed` draws for the scenario's uncertain
// inputs, in their order.
std::vector<double> draw_inputs(const std::vector<UncertainInput>& inputs, std::uint64_t seed,
                                std::uint64_t replication);

// The parameters of one replication: the scenario's own if it has no uncertain input,
// else the scenario loaded again with that replication's draws.
model::ModelParameters parameters_for_replication(const Scenario& scenario, std::uint64_t seed,
                                                  std::uint64_t replication);

// Loads the scenario with every uncertain input at the low end of its spread, then at
// the high end (a normal's mean -/+ 4 sd), so that a spread reaching values the
// scenario refuses across keys is bad input when the scenario loads, not part-way
// through a run. Throws ScenarioError.
void check_spread_ends(const Scenario& scenario);

}  // namespace wfsim::scenario
