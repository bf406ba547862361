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
// the pairing is unchanged). Spread over the ranks of an MPI job, block b is done by
// rank b mod K and rank 0 merges and writes; results are bit-identical for any thread
// count and any number of ranks.

#include <vector>

#include "experiment/experiment_runner.hpp"
#include "output/comparison_writer.hpp"
#include "parallel/cluster.hpp"

namespace wfsim::experiment {

// `writer` is rank 0's comparison file, and null on every other rank.
void run_paired(const std::vector<scenario::Scenario>& variants, const ExperimentOptions& options,
                parallel::Cluster& cluster, output::ComparisonWriter* writer,
                const std::vector<output::VariantInfo>& info, const output::SweepGrid* grid);

// Variants whose summaries are held at once: from an estimate of their memory against
// a fixed budget, never fewer than one. Depends on the scenario only.
std::size_t variants_per_group(const scenario::Scenario& scenario);

}  // namespace wfsim::experiment
