#pragma once
// How a command ends an MPI job that cannot go on: every rank stopped with the code a
// single process would give, and rank 0's words for it.

#include <exception>
#include <optional>
#include <ostream>

#include "cli/input_agreement.hpp"
#include "cli/progress.hpp"
#include "parallel/cluster.hpp"

namespace wfsim::cli {

inline constexpr const char* kInterruptedLine =
    "wfsim: interrupted; nothing was written (an existing output is as it was)\n";
// A command that writes no file (validate, info, schema printing), stopped after its
// work was done: "nothing was written" would be false of `wfsim schema > s.json`.
inline constexpr const char* kInterruptedAfterPrintingLine =
    "wfsim: interrupted after it printed its output; the exit status says it was stopped\n";

// A rank of an MPI job that fails would leave the others waiting for it: stop them all,
// with the code a single process would give. Rank 0 (its temporary file removed by the
// caller) says so if interrupted, as a single process does; another rank that stops
// tells rank 0 (Cluster::abort), which ends the job with that rank's code.
void stop_the_job(parallel::Cluster& cluster, const std::exception& e, std::ostream& err);

// Runs `prepare` (checking and creating the output) on rank 0, the one that writes:
// the output folder need exist there only. Under MPI a failure stops every rank,
// which would otherwise wait for rank 0 for ever.
template <class Prepare>
void on_rank_zero(parallel::Cluster& cluster, std::ostream& err, Prepare prepare) {
  if (cluster.rank() != 0) return;
  try {
    prepare();
  } catch (const std::exception& e) {
    // Before the ranks agree on their input, the agreement ends the job (input_agreement.hpp).
    if (cluster.size() > 1 && input_agreed()) stop_the_job(cluster, e, err);
    throw;
  }
}

// Runs the replications (`work`) and ends the progress line however they end. If they
// fail in an MPI job, this rank's temporary file goes first (`writer` reset), then
// every rank is stopped.
template <class Writer, class Work>
void run_replications(parallel::Cluster& cluster, std::optional<Writer>& writer, Progress& progress, std::ostream& err,
                      Work work) {
  try {
    work();
  } catch (const std::exception& e) {
    progress.finish();
    if (cluster.size() > 1) {
      writer.reset();
      stop_the_job(cluster, e, err);
    }
    throw;
  }
  progress.finish();
}

}  // namespace wfsim::cli
