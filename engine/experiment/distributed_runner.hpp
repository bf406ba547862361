#pragma once
// Runs a scenario's replications over the processes of a cluster (mpirun, srun): block
// b is simulated and processed (compressed, summarized) by rank b mod K, with that
// rank's threads; rank 0 writes every block in block order as it arrives, and at the
// end merges the other ranks' summaries and flows. Each block is the same work on the
// same draws whichever rank does it, histograms merge exactly, and real moments are
// merged block by block in order on rank 0, so the results file is bit-identical to a
// single process's.

#include "experiment/experiment_runner.hpp"
#include "output/hdf5_results_writer.hpp"
#include "parallel/cluster.hpp"

namespace wfsim::experiment {

// `writer` is rank 0's results file, and null on every other rank.
output::RunStatistics run_distributed(const scenario::Scenario& scenario, const ExperimentOptions& options,
                                      parallel::Cluster& cluster, output::Hdf5ResultsWriter* writer);

}  // namespace wfsim::experiment
