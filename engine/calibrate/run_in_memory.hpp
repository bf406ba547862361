#pragma once
// A scenario's replications, each one's table kept in memory: what a fit's evaluation
// and a backtest's forecast both read, run on the same seed and threads and stopped by
// the same Ctrl-C.

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "output/memory_sink.hpp"
#include "scenario/scenario.hpp"

namespace wfsim::calibrate {

struct InMemoryRun {
  std::uint64_t seed = 1;
  std::size_t replications = 40;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;  // if set and it becomes true: throws Interrupted
};

output::MemorySink run_in_memory(const scenario::Scenario& scenario, const InMemoryRun& settings);

}  // namespace wfsim::calibrate
