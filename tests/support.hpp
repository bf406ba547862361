#pragma once
// Helpers shared by the model tests: load a scenario from text, run it in memory.

#include <cstring>
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

// True if two replications' series (and rule refusals) are equal bit for bit.
inline bool bit_identical(const wfsim::model::SeriesTable& a, const wfsim::model::SeriesTable& b) {
  for (std::size_t m = 0; m < wfsim::model::kMeasureCount; ++m) {
    const auto x = a.measure_block(static_cast<wfsim::model::Measure>(m));
    const auto y = b.measure_block(static_cast<wfsim::model::Measure>(m));
    if (x.size() != y.size() || std::memcmp(x.data(), y.data(), x.size_bytes()) != 0) return false;
  }
  const auto x = a.refused_block();
  const auto y = b.refused_block();
  // memcmp must not see the null pointers of empty spans (a scenario without rules).
  return x.size() == y.size() && (x.empty() || std::memcmp(x.data(), y.data(), x.size_bytes()) == 0);
}

inline std::string scenario_path(const std::string& name) {
  return std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/" + name;
}

}  // namespace test_support
