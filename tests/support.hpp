#pragma once
// Helpers shared by the tests: load a scenario from text, run it in memory, run the
// command line in-process, catch an error's message.

#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
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

// Runs `wfsim ARGS...` in-process; returns the exit code, with what it printed.
inline int run_cli(std::vector<std::string> args, std::string& out, std::string& err) {
  args.insert(args.begin(), "wfsim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out_stream, err_stream;
  const int code = wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), out_stream, err_stream);
  out = out_stream.str();
  err = err_stream.str();
  return code;
}

// The message of the exception `f` throws, or "no error".
inline std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

inline std::string scenario_path(const std::string& name) {
  return std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/" + name;
}

}  // namespace test_support
