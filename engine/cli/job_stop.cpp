#include "cli/job_stop.hpp"

#include "cli/commands.hpp"
#include "cli/failure_words.hpp"
#include "experiment/interrupted.hpp"
#include "output/hdf5_results_writer.hpp"

namespace wfsim::cli {

void stop_the_job(parallel::Cluster& cluster, const std::exception& e, std::ostream& err) {
  const auto* told = dynamic_cast<const parallel::RankStopped*>(&e);
  const bool interrupted = dynamic_cast<const experiment::Interrupted*>(&e) != nullptr ||
                           dynamic_cast<const output::OutputCancelled*>(&e) != nullptr || (told && told->code() > 128);
  if (interrupted && cluster.rank() == 0) err << kInterruptedLine;
  // Worded and coded as a single process words it (failure_words.hpp), the rank named:
  // bad input found on a rank (an output refused, a drawn uncertain input the scenario
  // refuses, rates that make workers without bound) ends the job with 2.
  if (!interrupted && !told) err << "error on rank " << cluster.rank() << ": " << failure_text(e) << "\n";
  err.flush();
  const int code = told              ? told->code()
                   : interrupted     ? interrupted_code()
                   : is_bad_input(e) ? kBadInput
                                     : kEnvironmentFailed;
  cluster.abort(code);
}

}  // namespace wfsim::cli
