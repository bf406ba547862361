#include "experiment/paired_runner.hpp"

#include <algorithm>

#include "experiment/block_computer.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::experiment {

namespace {

// Summaries of a group of variants held at once.
constexpr std::size_t kGroupBudgetBytes = std::size_t{1} << 30;
// Per cell (measure, row, period) of one variant: its histogram and moments, and a
// histogram's typical bins.
constexpr std::size_t kBytesPerCell = 640;

std::size_t cells(const scenario::Scenario& scenario) {
  const auto& p = scenario.parameters;
  const std::size_t periods = model::period_end_days(p.report_start_day, p.end_day).size();
  return (model::kMeasureCount * model::WorkforceModel::reported_rows(p) + p.rules.size()) * periods;
}

}  // namespace

std::size_t variants_per_group(const scenario::Scenario& scenario) {
  return std::max<std::size_t>(1, kGroupBudgetBytes / (kBytesPerCell * std::max<std::size_t>(1, cells(scenario))));
}

void run_paired(const std::vector<scenario::Scenario>& variants, const ExperimentOptions& options,
                output::ComparisonWriter& writer, const std::vector<output::VariantInfo>& info,
                const output::SweepGrid* grid) {
  if (options.threads < 1) throw std::invalid_argument("threads must be at least 1");
  const scenario::Scenario& base = variants.front();
  const int threads = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(options.threads), std::max<std::size_t>(1, options.replications)));
  parallel::TaskPool crew(threads);
  BlockComputer base_computer(base, crew, options.seed);
  const output::RunDescription run = describe_run(base, options, base_computer.period_end_days(), threads);
  writer.begin(run, info, grid);

  const std::size_t rows = run.authorities.size(), periods = run.period_end_days.size(), rules = run.rules.size();
  const std::size_t block = block_replications(base);
  const std::size_t total = options.replications;
  const std::size_t group = variants_per_group(base);
  std::vector<model::SeriesTable> baseline(block, base_computer.make_table());
  std::vector<model::SeriesTable> variant(block, base_computer.make_table());
  // Progress counts replications simulated, the baseline's again in each later group.
  const std::size_t groups = (variants.size() + group - 1) / group;
  const std::size_t work = total * (variants.size() + groups - 1);
  std::size_t done = 0;
  for (std::size_t first = 0; first < variants.size(); first += group) {
    const std::size_t last = std::min(variants.size(), first + group);
    // The group's variants: models (one per thread), summaries and differences.
    std::vector<std::unique_ptr<BlockComputer>> computers;
    std::vector<output::SummaryAccumulator> summaries;
    std::vector<output::DifferenceAccumulator> differences;
    for (std::size_t v = first; v < last; ++v) {
      computers.push_back(v > 0 ? std::make_unique<BlockComputer>(variants[v], crew, options.seed) : nullptr);
      summaries.emplace_back(rows, periods, rules);
      differences.emplace_back(rows, periods, rules);
    }
    const std::size_t datasets = summaries.front().datasets();
    for (std::size_t start = 0; start < total; start += block) {
      const std::size_t count = std::min(block, total - start);
      const std::span<const model::SeriesTable> base_tables(baseline.data(), count);
      base_computer.compute(options.first_replication + start, std::span(baseline.data(), count));
      if (first > 0) done += count;
      for (std::size_t v = first; v < last; ++v) {
        const std::span<model::SeriesTable> tables(variant.data(), count);
        if (v > 0) computers[v - first]->compute(options.first_replication + start, tables);
        const std::span<const model::SeriesTable> these = v > 0 ? std::span<const model::SeriesTable>(tables)
                                                                 : base_tables;
        output::SummaryAccumulator& s = summaries[v - first];
        output::DifferenceAccumulator& d = differences[v - first];
        crew.run(2 * datasets, [&](std::size_t task, int) {
          if (task < datasets) {
            s.add_block(task, these);
          } else {
            d.add_block(task - datasets, base_tables, these);
          }
        });
        done += count;
        if (options.progress) options.progress(done, work);
        if (options.stop && options.stop->load()) throw Interrupted();
      }
    }
    for (std::size_t v = first; v < last; ++v) writer.write_variant(v, summaries[v - first], differences[v - first]);
  }
  writer.finish();
}

}  // namespace wfsim::experiment
