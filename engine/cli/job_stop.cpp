#include "cli/job_stop.hpp"

#include "cli/commands.hpp"
#include "experiment/interrupted.hpp"
#include "kernel/visible_text.hpp"
#include "model/runaway_error.hpp"
#include "output/hdf5_results_writer.hpp"
#include "scenario/scenario_error.hpp"

namespace wfsim::cli {

void stop_the_job(parallel::Cluster& cluster, const std::exception& e, std::ostream& err) {
  const auto* told = dynamic_cast<const parallel::RankStopped*>(&e);
  const bool interrupted = dynamic_cast<const experiment::Interrupted*>(&e) != nullptr ||
                           dynamic_cast<const output::OutputCancelled*>(&e) != nullptr || (told && told->code() > 128);
  // Bad input found on a rank (an output refused, a drawn uncertain input the scenario
  // refuses, rates that make workers without bound) ends the job with 2, as it would
  // a single process.
  const bool refused = dynamic_cast<const output::OutputRefused*>(&e) != nullptr ||
                       dynamic_cast<const scenario::ScenarioError*>(&e) != nullptr ||
                       dynamic_cast<const model::RunawayError*>(&e) != nullptr;
  if (interrupted && cluster.rank() == 0) err << kInterruptedLine;
  // Worded as a single process words it (failure_words.cpp), the rank named.
  const bool runaway = dynamic_cast<const model::RunawayError*>(&e) != nullptr;
  if (!interrupted && !told) {
    err << "error on rank " << cluster.rank() << ": " << kernel::visible_text(e.what())
        << (runaway ? "; nothing was written" : "") << "\n";
  }
  err.flush();
  const int code = told ? told->code() : interrupted ? interrupted_code() : refused ? kBadInput : kEnvironmentFailed;
  cluster.abort(code);
}

}  // namespace wfsim::cli
