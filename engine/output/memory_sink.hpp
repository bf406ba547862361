#pragma once
// Keeps every replication's series in memory: for tests and small in-process uses.

#include <stdexcept>

#include "output/result_sink.hpp"

namespace wfsim::output {

class MemorySink : public ResultSink {
 public:
  void begin(const RunDescription& run) override { run_ = run; }
  void write_block(std::size_t first, std::span<const model::SeriesTable> tables, parallel::TaskPool&) override {
    if (first != replications.size()) throw std::logic_error("blocks out of order");
    replications.insert(replications.end(), tables.begin(), tables.end());
  }
  void write_flows(const FlowTotals& totals) override { flows = totals; }
  void finish(const RunStatistics& stats) override { statistics = stats; }

  const RunDescription& run() const { return run_; }
  std::vector<model::SeriesTable> replications;
  RunStatistics statistics;
  FlowTotals flows;

 private:
  RunDescription run_;
};

}  // namespace wfsim::output
