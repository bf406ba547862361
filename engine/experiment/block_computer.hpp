#pragma once
// Simulates blocks of replications on a crew of threads, each thread with its own
// model. Replication k of seed s is a pure function of (scenario, s, k), so which
// thread runs it changes nothing. A scenario with uncertain inputs gets a model of its
// own drawn inputs for each replication (scenario/uncertain_inputs.hpp).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "experiment/interrupted.hpp"
#include "kernel/simulator.hpp"
#include "model/workforce_model.hpp"
#include "output/result_sink.hpp"
#include "parallel/task_pool.hpp"
#include "scenario/scenario.hpp"
#include "scenario/uncertain_inputs.hpp"

namespace wfsim::experiment {

class BlockComputer {
 public:
  // `stop`, if given, ends a replication under way when it is raised (Interrupted).
  BlockComputer(const scenario::Scenario& scenario, parallel::TaskPool& crew, std::uint64_t seed,
                const std::atomic<bool>* stop = nullptr)
      : scenario_(scenario),
        crew_(crew),
        seed_(seed),
        stop_(stop),
        drawn_(static_cast<std::size_t>(crew.threads())),
        busy_(static_cast<std::size_t>(crew.threads())),
        events_(static_cast<std::size_t>(crew.threads())),
        retired_flows_(static_cast<std::size_t>(crew.threads())) {
    for (int i = 0; i < crew.threads(); ++i) {
      models_.push_back(std::make_unique<model::WorkforceModel>(scenario.parameters));
      models_.back()->set_stop(stop);
    }
  }

  // Fills tables[i] with replication first + i. `alongside`, if given, runs on the
  // calling thread while the rest of the crew starts simulating (TaskPool::run_alongside).
  void compute(std::size_t first, std::span<model::SeriesTable> tables,
               const std::function<void()>& alongside = nullptr) {
    try {
      simulate(first, tables, alongside);
    } catch (const kernel::Stopped&) {
      throw Interrupted();
    }
  }

  std::size_t periods() const { return models_.front()->periods(); }
  // A table for one replication, its storage left to the thread that fills it.
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
    for (const auto& kept : retired_flows_) {
      for (std::size_t i = 0; i < kept.size(); ++i) totals.counts[i] += kept[i];
    }
    return totals;
  }
  const std::vector<std::int64_t>& period_end_days() const { return models_.front()->period_end_days(); }
  double simulate_seconds() const {
    double total = 0;
    for (const double b : busy_) total += b;
    return total;
  }
  std::uint64_t events() const {
    std::uint64_t total = 0;
    for (const std::uint64_t e : events_) total += e;
    return total;
  }

 private:
  void simulate(std::size_t first, std::span<model::SeriesTable> tables, const std::function<void()>& alongside) {
    crew_.run_alongside(alongside, tables.size(), [&](std::size_t i, int worker) {
      const auto w = static_cast<std::size_t>(worker);
      const auto start = std::chrono::steady_clock::now();
      if (!scenario_.uncertain_inputs.empty()) {
        // The model keeps a reference to its parameters: they live here, and the old
        // model goes before the parameters it refers to. Drawn first: if the draw is
        // refused, the worker's model is left as it was.
        auto parameters =
            std::make_unique<model::ModelParameters>(scenario::parameters_for_replication(scenario_, seed_, first + i));
        keep_flow_totals(w);
        models_[w].reset();
        drawn_[w] = std::move(parameters);
        models_[w] = std::make_unique<model::WorkforceModel>(*drawn_[w]);
        models_[w]->set_stop(stop_);
      }
      events_[w] += models_[w]->run(seed_, first + i, tables[i]);
      busy_[w] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    });
  }

  // A worker's model is about to be replaced: keep the flows it has counted.
  void keep_flow_totals(std::size_t worker) {
    const std::vector<std::int64_t> counts = models_[worker]->flow_totals();
    std::vector<std::int64_t>& kept = retired_flows_[worker];
    if (kept.empty()) kept.assign(counts.size(), 0);
    for (std::size_t i = 0; i < counts.size(); ++i) kept[i] += counts[i];
  }

  const scenario::Scenario& scenario_;
  parallel::TaskPool& crew_;
  std::uint64_t seed_;
  const std::atomic<bool>* stop_;
  // Per worker: the parameters of its model's drawn inputs (declared before the models,
  // which refer to them, so that they outlive them).
  std::vector<std::unique_ptr<model::ModelParameters>> drawn_;
  std::vector<std::unique_ptr<model::WorkforceModel>> models_;
  std::vector<double> busy_;                              // per worker: seconds simulating
  std::vector<std::uint64_t> events_;                     // per worker
  std::vector<std::vector<std::int64_t>> retired_flows_;  // per worker: flows of models replaced
};

}  // namespace wfsim::experiment
