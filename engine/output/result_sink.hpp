#pragma once
// Where a Monte Carlo experiment's results go. The experiment runner hands a sink
// blocks of finished replications in replication order, with the crew of threads that
// simulated them: a sink may spread a block's work over the crew, and must give the
// same result for any crew size. Back ends: the HDF5 results file, the paired
// comparison of several variants, and an in-memory sink for tests.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/series_table.hpp"
#include "output/series_selection.hpp"
#include "parallel/task_pool.hpp"
#include "scenario/scenario.hpp"

namespace wfsim::output {

// Everything about a run that a results file records besides the series.
struct RunDescription {
  const scenario::Scenario* scenario = nullptr;
  std::string engine_version;
  std::string command_line;
  // The notes the command printed on the scenario as it began (what the results will
  // not show: cohorts whose work falls after the run, a rule that binds nothing), one
  // a line, without "note: "; kept in the file, so a report of it can say them too.
  std::string notes;
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  std::size_t first_replication = 0;  // global index of the first replication
  // Replications per block handed to write_block (the last may hold fewer). A sink
  // that stores in chunks should make its chunks this size, so every write fills
  // whole chunks and nothing is read back and recompressed.
  std::size_t block_replications = 128;
  std::size_t simulation_threads = 1;         // threads simulating while blocks are written
  std::vector<std::int64_t> period_end_days;  // days since 1970-01-01
  // Rows of the series: authorities, then their total if several ("Region", or "All
  // councils" when they are of several regions).
  std::vector<std::string> authorities;
  std::vector<std::string> rules;  // agency rules, in scenario order
  std::vector<std::string> flow_categories;
  SeriesSelection keep;  // which per-replication series to keep
};

// Moves between categories summed over all replications: [from][to][period].
struct FlowTotals {
  std::size_t categories = 0;
  std::size_t periods = 0;
  std::vector<std::int64_t> counts;
};

struct RunStatistics {
  std::uint64_t events = 0;
  int threads = 1;
  double wall_seconds = 0;
  double simulate_seconds = 0;  // summed over threads
  // Over MPI's processes (0 in a single process): the largest peak resident memory of
  // any, and their sum, in MiB, as each stood when its share of the work was done.
  double largest_process_peak_mib = 0;
  double all_processes_peak_mib = 0;
};

class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void begin(const RunDescription& run) = 0;
  // Replications first .. first + count - 1, in order, in tables[0 .. count).
  virtual void write_block(std::size_t first, std::span<const model::SeriesTable> tables, parallel::TaskPool& crew) = 0;
  // Called once after the last block, before finish().
  virtual void write_flows(const FlowTotals& flows) = 0;
  // Called once at the end; computes summaries and makes the result final.
  virtual void finish(const RunStatistics& stats) = 0;
};

}  // namespace wfsim::output
