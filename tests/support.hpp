#pragma once
// Helpers shared by the model tests: load a scenario from text, run it in memory.

#include <string>

#include "experiment/experiment_runner.hpp"
#include "output/memory_sink.hpp"
#include "scenario/scenario.hpp"

namespace test_support {

inline wfsim::output::MemorySink run_in_memory(const wfsim::scenario::Scenario& scenario, std::size_t replications,
                                               std::uint64_t seed = 1, int threads = 1) {
  wfsim::output::MemorySink sink;
  wfsim::experiment::ExperimentOptions options;
  options.seed = seed;
  options.replications = replications;
  options.threads = threads;
  wfsim::experiment::run_experiment(scenario, options, sink);
  return sink;
}

inline wfsim::output::MemorySink run_text(const std::string& yaml, std::size_t replications, std::uint64_t seed = 1,
                                          int threads = 1) {
  return run_in_memory(wfsim::scenario::load_scenario_text(yaml, "test.yaml"), replications, seed, threads);
}

inline std::string scenario_path(const std::string& name) {
  return std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/" + name;
}

}  // namespace test_support
