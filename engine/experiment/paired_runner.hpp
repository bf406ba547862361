#pragma once
// Runs several variants of a scenario on common random numbers (the same seed and
// replications) and pairs them as they are computed: block by block, each variant's
// replications are simulated, added to its summaries and, replication by replication,
// compared with the baseline's (the first variant). Nothing is written to a temporary
// file and read back.
//
// Memory holds one block of tables for the baseline and one for a variant, and the
// summaries of a group of variants; variants beyond what fits a fixed budget are run
// in further groups, each simulating the baseline again (its draws are the same, so
// the pairing is unchanged). Results are bit-identical for any thread count.

#include <vector>

#include "experiment/experiment_runner.hpp"
#include "output/comparison_writer.hpp"

namespace wfsim::experiment {

void run_paired(const std::vector<scenario::Scenario>& variants, const ExperimentOptions& options,
                output::ComparisonWriter& writer, const std::vector<output::VariantInfo>& info,
                const output::SweepGrid* grid);

// Variants whose summaries are held at once: from an estimate of their memory against
// a fixed budget, never fewer than one. Depends on the scenario only.
std::size_t variants_per_group(const scenario::Scenario& scenario);

}  // namespace wfsim::experiment
