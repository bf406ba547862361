#include "experiment/distributed_runner.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

#include "experiment/block_computer.hpp"
#include "experiment/receive_unless_stopped.hpp"
#include "support/process_memory.hpp"

namespace wfsim::experiment {

namespace {

constexpr int kBlockTag = 1;
constexpr int kSummaryTag = 2;

using Clock = std::chrono::steady_clock;

// The other ranks' histograms and exact sums, merged on rank 0 (the one that writes)
// in any order; every other rank sends its own.
void gather_summaries(output::BlockProcessor& processor, parallel::Cluster& cluster, bool writes,
                      const std::atomic<bool>* stop) {
  if (writes) {
    for (int other = 1; other < cluster.size(); ++other) {
      const std::vector<unsigned char> bytes = receive_unless_stopped(cluster, other, kSummaryTag, stop);
      output::ByteReader in(bytes);
      processor.summaries().merge_distributions(in);
    }
  } else {
    output::ByteWriter out;
    processor.summaries().write_distributions(out);
    cluster.send(0, kSummaryTag, out.bytes());
  }
}

// Flows and counts of events summed exactly over the ranks, and the file finished on
// rank 0.
output::RunStatistics finish_run(BlockComputer& computer, parallel::Cluster& cluster, output::Hdf5ResultsWriter* writer,
                                 int threads, Clock::time_point wall_start) {
  output::FlowTotals flows = computer.flow_totals();
  cluster.sum_to_root(flows.counts);
  std::vector<std::int64_t> totals = {static_cast<std::int64_t>(computer.events()),
                                      static_cast<std::int64_t>(computer.simulate_seconds() * 1e6)};
  cluster.sum_to_root(totals);
  // Each process's peak memory in its own slot, so that rank 0 learns every one: the
  // summary gave rank 0's alone, which misled anyone sizing a job (an MPI walkthrough).
  std::vector<std::int64_t> peaks(static_cast<std::size_t>(cluster.size()), 0);
  peaks[static_cast<std::size_t>(cluster.rank())] = static_cast<std::int64_t>(support::peak_memory_kib());
  cluster.sum_to_root(peaks);
  output::RunStatistics stats;
  for (const std::int64_t kib : peaks) {
    stats.largest_process_peak_mib = std::max(stats.largest_process_peak_mib, static_cast<double>(kib) / 1024.0);
    stats.all_processes_peak_mib += static_cast<double>(kib) / 1024.0;
  }
  stats.events = static_cast<std::uint64_t>(totals[0]);
  stats.threads = threads * cluster.size();
  stats.simulate_seconds = static_cast<double>(totals[1]) / 1e6;
  stats.wall_seconds = std::chrono::duration<double>(Clock::now() - wall_start).count();
  if (writer) {
    writer->write_flows(flows);
    writer->finish(stats);
  }
  return stats;
}

}  // namespace

output::RunStatistics run_distributed(const scenario::Scenario& scenario, const ExperimentOptions& options,
                                      parallel::Cluster& cluster, output::Hdf5ResultsWriter* writer) {
  if (options.threads < 1) throw std::invalid_argument("threads must be at least 1");
  const auto wall_start = Clock::now();
  const int rank = cluster.rank(), ranks = cluster.size();
  const int threads = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(options.threads), std::max<std::size_t>(1, options.replications)));
  parallel::TaskPool crew(threads);
  BlockComputer computer(scenario, crew, options.seed, options.stop);
  const output::RunDescription run = describe_run(scenario, options, computer.period_end_days(), threads);
  // Rank 0 processes its blocks with its writer's processor, which its set-up makes;
  // the others with their own.
  std::unique_ptr<output::BlockProcessor> own;
  if (!writer) own = std::make_unique<output::BlockProcessor>(run);
  const std::function<void()> begin_writer = [&] {
    writer->begin(run);
    writer->use_crew(crew);
  };
  const auto processor = [&]() -> output::BlockProcessor& { return writer ? writer->processor() : *own; };

  const std::size_t block = block_replications(scenario);
  const std::size_t total = options.replications;
  const std::size_t blocks = (total + block - 1) / block;
  if (writer && blocks == 0) begin_writer();
  // No more tables than replications: a short run does not hold a whole block's.
  std::vector<model::SeriesTable> tables(std::min(block, options.replications), computer.make_table());
  output::ProcessedBlock processed;
  for (std::size_t b = 0; b < blocks; ++b) {
    const int owner = static_cast<int>(b % static_cast<std::size_t>(ranks));
    const std::size_t start = b * block;
    if (owner == rank) {
      const std::span<model::SeriesTable> these(tables.data(), std::min(block, total - start));
      // Rank 0 owns the first block: it sets up the file on this thread while the rest
      // of its crew simulates (as run_experiment does).
      computer.compute(options.first_replication + start, these, writer && b == 0 ? begin_writer : nullptr);
      processor().process(start, these, crew, processed);
      if (writer) {
        writer->commit(processed);
      } else {
        cluster.send(0, kBlockTag, processed.to_bytes());
      }
    } else if (writer) {
      writer->commit(
          output::ProcessedBlock::from_bytes(receive_unless_stopped(cluster, owner, kBlockTag, options.stop)));
    }
    if (writer && options.progress) options.progress(std::min(total, start + block), total);
    // Ctrl-C reaches every rank a launcher started; each stops at its next block. A
    // signal that reaches one rank alone: that rank tells rank 0 (Cluster::abort).
    if (options.stop && options.stop->load()) throw Interrupted();
    if (writer) cluster.check_stopped_ranks();
  }

  gather_summaries(processor(), cluster, writer != nullptr, options.stop);
  return finish_run(computer, cluster, writer, threads, wall_start);
}

}  // namespace wfsim::experiment
