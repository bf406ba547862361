#include "experiment/experiment_runner.hpp"

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "experiment/block_computer.hpp"
#include "model/workforce_model.hpp"
#include "parallel/task_pool.hpp"

namespace wfsim::experiment {

namespace {

constexpr std::size_t kMaxBlock = 128;
// A block's tables: large enough that a region's chunks hold tens of replications
// (small chunks compress worse and swell the file's chunk index).
constexpr std::size_t kBlockBudgetBytes = std::size_t{64} << 20;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

std::size_t block_replications(const scenario::Scenario& scenario) {
  const auto& p = scenario.parameters;
  const std::size_t periods = model::period_end_days(p.report_start_day, p.end_day).size();
  const std::size_t rows = model::WorkforceModel::reported_rows(p);
  const std::size_t bytes = (model::kMeasureCount * rows + p.rules.size()) * periods * sizeof(double);
  return std::max<std::size_t>(1, std::min(kMaxBlock, kBlockBudgetBytes / std::max<std::size_t>(1, bytes)));
}

output::RunStatistics run_experiment(const scenario::Scenario& scenario, const ExperimentOptions& options,
                                     output::ResultSink& sink) {
  if (options.threads < 1) throw std::invalid_argument("threads must be at least 1");
  const auto wall_start = Clock::now();
  const int threads = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(options.threads), std::max<std::size_t>(1, options.replications)));
  // One crew does everything: simulating a block, then the sink's work on it. With
  // --threads N, N threads are busy, and a run on one thread uses one core.
  parallel::TaskPool crew(threads);
  BlockComputer computer(scenario, crew, options.seed, options.stop);
  const output::RunDescription run = describe_run(scenario, options, computer.period_end_days(), threads);
  const std::function<void()> begin_sink = [&] { sink.begin(run); };

  const std::size_t block = block_replications(scenario);
  // No more tables than replications: a short run does not hold a whole block's.
  std::vector<model::SeriesTable> tables(std::min(block, options.replications), computer.make_table());
  const std::size_t total = options.replications;
  if (total == 0) begin_sink();
  for (std::size_t start = 0; start < total; start += block) {
    const std::span<model::SeriesTable> these(tables.data(), std::min(block, total - start));
    // The sink sets up its file on this thread while the rest of the crew simulates the
    // first block: done first, that set-up left the other threads idle.
    computer.compute(options.first_replication + start, these, start == 0 ? begin_sink : nullptr);
    sink.write_block(start, these, crew);
    if (options.progress) options.progress(start + these.size(), total);
    if (options.stop && options.stop->load()) throw Interrupted();
  }

  sink.write_flows(computer.flow_totals());
  output::RunStatistics stats;
  stats.events = computer.events();
  stats.threads = threads;
  stats.simulate_seconds = computer.simulate_seconds();
  stats.wall_seconds = seconds_since(wall_start);
  sink.finish(stats);
  return stats;
}

output::RunDescription describe_run(const scenario::Scenario& scenario, const ExperimentOptions& options,
                                    const std::vector<std::int64_t>& period_end_days, int threads) {
  output::RunDescription run;
  run.scenario = &scenario;
  run.engine_version = options.engine_version;
  run.command_line = options.command_line;
  run.notes = options.notes;
  run.seed = options.seed;
  run.replications = options.replications;
  run.first_replication = options.first_replication;
  run.block_replications = block_replications(scenario);
  run.simulation_threads = static_cast<std::size_t>(threads);
  run.period_end_days = period_end_days;
  run.keep = options.keep;
  const auto& p = scenario.parameters;
  for (const auto& a : p.authorities) run.authorities.push_back(a.name);
  if (model::WorkforceModel::reported_rows(p) > p.authorities.size())
    run.authorities.push_back(model::total_row_name(p));
  for (const auto& rule : p.rules) run.rules.push_back(rule.name);
  std::vector<std::string> names, regions;
  for (const auto& a : p.authorities) names.push_back(a.name);
  for (const auto& r : p.regions) regions.push_back(r.name);
  run.flow_categories =
      model::FlowCategories::of(model::region_of_authorities(p), static_cast<std::uint32_t>(p.regions.size()))
          .labels(names, regions);
  return run;
}

}  // namespace wfsim::experiment
