#pragma once
// Runs Monte Carlo replications of a scenario on several threads and hands the
// results, in replication order, to a ResultSink.
//
// Replication k of seed s is a pure function of (scenario, s, k): threads only decide
// which replication runs where, never what it draws, so results are bit-identical for
// any thread count. Replications can also be split across processes with
// `first_replication`, since k is the global index.

#include <atomic>
#include <cstdint>
#include <functional>

#include "experiment/interrupted.hpp"
#include "output/result_sink.hpp"
#include "scenario/scenario.hpp"

namespace wfsim::experiment {

struct ExperimentOptions {
  std::uint64_t seed = 1;
  std::size_t replications = 100;
  std::size_t first_replication = 0;
  int threads = 1;
  // Called on the calling thread after each block: (replications done, total).
  std::function<void(std::size_t, std::size_t)> progress;
  // If set and it becomes true, the run stops at the next block and throws Interrupted.
  const std::atomic<bool>* stop = nullptr;
  std::string engine_version;
  std::string command_line;
  std::string notes;             // RunDescription::notes
  output::SeriesSelection keep;  // per-replication series the results file keeps
};

// Replications per block: as many as fit a fixed memory budget, at most the sink's
// chunk size. It depends on the scenario only, never on the replication count.
std::size_t block_replications(const scenario::Scenario& scenario);

output::RunStatistics run_experiment(const scenario::Scenario& scenario, const ExperimentOptions& options,
                                     output::ResultSink& sink);

// What a sink is told about a run before its first block.
output::RunDescription describe_run(const scenario::Scenario& scenario, const ExperimentOptions& options,
                                    const std::vector<std::int64_t>& period_end_days, int threads);

}  // namespace wfsim::experiment
