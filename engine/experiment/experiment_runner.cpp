#include "experiment/experiment_runner.hpp"

#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "model/workforce_model.hpp"

namespace wfsim::experiment {

namespace {

constexpr std::size_t kMaxBlock = 128;
constexpr std::size_t kBlockBudgetBytes = std::size_t{8} << 20;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// One block of replications computed by `threads` workers, each with its own model.
class BlockComputer {
 public:
  BlockComputer(const scenario::Scenario& scenario, int threads, std::uint64_t seed) : seed_(seed) {
    for (int i = 0; i < threads; ++i) models_.push_back(std::make_unique<model::WorkforceModel>(scenario.parameters));
  }

  // Fills tables[0..count) with replications first..first+count-1.
  void compute(std::size_t first, std::size_t count, std::vector<model::SeriesTable>& tables) {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    std::vector<std::exception_ptr> errors(models_.size());
    std::vector<double> busy(models_.size(), 0.0);
    std::vector<std::uint64_t> events(models_.size(), 0);
    for (std::size_t w = 0; w < models_.size(); ++w) {
      workers.emplace_back([&, w] {
        const auto start = Clock::now();
        try {
          for (std::size_t i = next++; i < count; i = next++) {
            events[w] += models_[w]->run(seed_, first + i, tables[i]);
          }
        } catch (...) {
          errors[w] = std::current_exception();
        }
        busy[w] = seconds_since(start);
      });
    }
    for (auto& t : workers) t.join();
    for (std::size_t w = 0; w < models_.size(); ++w) {
      simulate_seconds += busy[w];
      total_events += events[w];
    }
    for (const auto& e : errors) {
      if (e) std::rethrow_exception(e);
    }
  }

  std::size_t periods() const { return models_.front()->periods(); }
  model::SeriesTable make_table() const { return models_.front()->make_table(); }
  // Flow counts are integers, so summing the threads' totals in any order is exact.
  output::FlowTotals flow_totals() const {
    output::FlowTotals totals;
    totals.categories = models_.front()->flow_categories().count();
    totals.periods = periods();
    totals.counts.assign(std::size_t{totals.categories} * totals.categories * totals.periods, 0);
    for (const auto& m : models_) {
      const std::vector<std::int64_t> counts = m->flow_totals();
      for (std::size_t i = 0; i < counts.size(); ++i) totals.counts[i] += counts[i];
    }
    return totals;
  }
  const std::vector<std::int64_t>& period_end_days() const { return models_.front()->period_end_days(); }

  double simulate_seconds = 0;
  std::uint64_t total_events = 0;

 private:
  std::uint64_t seed_;
  std::vector<std::unique_ptr<model::WorkforceModel>> models_;
};

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
  BlockComputer computer(scenario, threads, options.seed);

  output::RunDescription run;
  run.scenario = &scenario;
  run.engine_version = options.engine_version;
  run.command_line = options.command_line;
  run.seed = options.seed;
  run.replications = options.replications;
  run.first_replication = options.first_replication;
  run.block_replications = block_replications(scenario);
  run.simulation_threads = static_cast<std::size_t>(threads);
  run.period_end_days = computer.period_end_days();
  const auto& p = scenario.parameters;
  for (const auto& a : p.authorities) run.authorities.push_back(a.name);
  if (model::WorkforceModel::reported_rows(p) > p.authorities.size()) run.authorities.push_back("Region");
  for (const auto& rule : p.rules) run.rules.push_back(rule.name);
  std::vector<std::string> names;
  for (const auto& a : p.authorities) names.push_back(a.name);
  run.flow_categories = model::FlowCategories::labels(names);
  sink.begin(run);

  // Two buffers: workers fill one block while this thread writes the previous one.
  const std::size_t block = block_replications(scenario);
  std::vector<model::SeriesTable> buffers[2] = {std::vector<model::SeriesTable>(block, computer.make_table()),
                                                std::vector<model::SeriesTable>(block, computer.make_table())};

  const std::size_t total = options.replications;
  auto block_size = [&](std::size_t start) { return std::min(block, total - start); };
  if (total > 0) computer.compute(options.first_replication, block_size(0), buffers[0]);
  std::size_t current = 0;
  for (std::size_t start = 0; start < total; start += block, current ^= 1) {
    const std::size_t next = start + block;
    std::exception_ptr compute_error;
    std::thread ahead;
    if (next < total) {
      ahead = std::thread([&] {
        try {
          computer.compute(options.first_replication + next, block_size(next), buffers[current ^ 1]);
        } catch (...) {
          compute_error = std::current_exception();
        }
      });
    }
    try {
      sink.write_block(start, buffers[current], block_size(start));
    } catch (...) {
      if (ahead.joinable()) ahead.join();
      throw;
    }
    if (ahead.joinable()) ahead.join();
    if (compute_error) std::rethrow_exception(compute_error);
    if (options.progress) options.progress(start + block_size(start), total);
    if (options.stop && options.stop->load()) throw Interrupted();
  }

  sink.write_flows(computer.flow_totals());
  output::RunStatistics stats;
  stats.events = computer.total_events;
  stats.threads = threads;
  stats.simulate_seconds = computer.simulate_seconds;
  stats.wall_seconds = seconds_since(wall_start);
  sink.finish(stats);
  return stats;
}

}  // namespace wfsim::experiment
