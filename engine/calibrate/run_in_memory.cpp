#include "calibrate/run_in_memory.hpp"

#include "experiment/experiment_runner.hpp"

namespace wfsim::calibrate {

output::MemorySink run_in_memory(const scenario::Scenario& scenario, const InMemoryRun& settings) {
  experiment::ExperimentOptions run;
  run.seed = settings.seed;
  run.replications = settings.replications;
  run.threads = settings.threads;
  run.stop = settings.stop;
  output::MemorySink sink;
  experiment::run_experiment(scenario, run, sink);
  return sink;
}

}  // namespace wfsim::calibrate
