#include "experiment/paired_runner.hpp"

#include <algorithm>
#include <functional>
#include <span>

#include "experiment/block_computer.hpp"
#include "experiment/receive_unless_stopped.hpp"
#include "model/runaway_error.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::experiment {

namespace {

// Summaries of a group of variants held at once.
constexpr std::size_t kGroupBudgetBytes = std::size_t{1} << 30;
// Per cell (measure, row, period) of one variant: its histogram and moments, and a
// histogram's typical bins.
constexpr std::size_t kBytesPerCell = 640;

constexpr int kBlockTag = 3;
constexpr int kSummaryTag = 4;

std::size_t cells(const scenario::Scenario& scenario) {
  const auto& p = scenario.parameters;
  const std::size_t periods = model::period_end_days(p.report_start_day, p.end_day).size();
  return model::kMeasureCount * model::WorkforceModel::reported_rows(p) * periods;
}

// What is accumulated for one variant: the summaries and paired differences of every
// period, and the same of each replication's totals over the periods (one period).
struct VariantSums {
  output::SummaryAccumulator summaries;
  output::DifferenceAccumulator differences;
  output::SummaryAccumulator totals;
  output::DifferenceAccumulator total_differences;
  VariantSums(std::size_t rows, std::size_t periods, std::size_t rules)
      : summaries(rows, periods, rules),
        differences(rows, periods, rules),
        totals(rows, 1, 0),
        total_differences(rows, 1, 0) {}
};

// Where each dataset's real-number cells sit in one variant's moments of a block, for
// each of the four accumulators in turn (VariantSums' order).
struct MomentLayout {
  std::vector<std::size_t> at[4];
  std::size_t size = 0;
  explicit MomentLayout(const VariantSums& sums) {
    auto lay_out = [&](std::vector<std::size_t>& offsets, const auto& accumulator) {
      for (std::size_t k = 0; k < accumulator.datasets(); ++k) {
        offsets.push_back(size);
        size += accumulator.real_cells(k);
      }
    };
    lay_out(at[0], sums.summaries);
    lay_out(at[1], sums.differences);
    lay_out(at[2], sums.totals);
    lay_out(at[3], sums.total_differences);
  }
};

// The variants of one group: their models (none for the baseline, which has its own)
// and what is accumulated for each, and where the block in hand puts its moments.
struct Group {
  std::size_t first, last;
  std::vector<std::unique_ptr<BlockComputer>> computers;
  std::vector<VariantSums> sums;
  std::size_t size() const { return last - first; }
};

Group make_group(const std::vector<scenario::Scenario>& variants, std::size_t first, std::size_t per_group,
                 parallel::TaskPool& crew, const ExperimentOptions& options, std::size_t rows, std::size_t periods,
                 std::size_t rules) {
  Group group{first, std::min(variants.size(), first + per_group), {}, {}};
  for (std::size_t v = group.first; v < group.last; ++v) {
    group.computers.push_back(v > 0 ? std::make_unique<BlockComputer>(variants[v], crew, options.seed, options.stop)
                                    : nullptr);
    group.sums.emplace_back(rows, periods, rules);
  }
  return group;
}

// One block's tables: the baseline's and one variant's at a time, and their totals over
// the periods. Allocated by the threads that first fill them (SeriesTable::Deferred).
struct BlockTables {
  std::vector<model::SeriesTable> baseline, variant, baseline_totals, variant_totals;
  BlockTables(std::size_t block, std::size_t rows, std::size_t periods, std::size_t rules) {
    const model::SeriesTable::Deferred deferred;
    baseline.assign(block, model::SeriesTable(deferred, rows, periods, rules));
    variant.assign(block, model::SeriesTable(deferred, rows, periods, rules));
    baseline_totals.assign(block, model::SeriesTable(deferred, rows, 1, 0));
    variant_totals.assign(block, model::SeriesTable(deferred, rows, 1, 0));
  }
};

// Each table's totals over its periods, on the crew.
void total_over_periods(parallel::TaskPool& crew, std::span<const model::SeriesTable> tables,
                        std::span<model::SeriesTable> totals) {
  crew.run(tables.size(), [&](std::size_t r, int) { tables[r].total_over_periods(totals[r]); });
}

// One variant's block added to its sums, paired with the baseline's; its real cells'
// moments go to `mine`. Task k of each quarter: dataset k of the summaries, the
// differences, and the same of the totals, which only the measures that add up over
// time have (the others' totals are left 0 and never written; their moments stay empty).
void add_variant_block(parallel::TaskPool& crew, VariantSums& sums, const MomentLayout& layout,
                       std::span<output::RealMoments> mine, std::span<const model::SeriesTable> base_tables,
                       std::span<const model::SeriesTable> these, std::span<const model::SeriesTable> base_totals,
                       std::span<const model::SeriesTable> these_totals) {
  const std::size_t datasets = sums.summaries.datasets();  // the same for all four
  crew.run(4 * datasets, [&](std::size_t task, int) {
    const std::size_t d = task % datasets;
    if (task / datasets >= 2 && !model::adds_up_over_time(static_cast<model::Measure>(d))) return;
    switch (task / datasets) {
      case 0: sums.summaries.add_block(d, these, mine.subspan(layout.at[0][d], sums.summaries.real_cells(d))); break;
      case 1:
        sums.differences.add_block(d, base_tables, these,
                                   mine.subspan(layout.at[1][d], sums.differences.real_cells(d)));
        break;
      case 2: sums.totals.add_block(d, these_totals, mine.subspan(layout.at[2][d], sums.totals.real_cells(d))); break;
      default:
        sums.total_differences.add_block(d, base_totals, these_totals,
                                         mine.subspan(layout.at[3][d], sums.total_differences.real_cells(d)));
    }
  });
}

// Runs `simulate`; a run stopped as bad input (rates that make workers or events
// without bound) is said to be the variant's (or the sweep point's), whose name and file
// `info` gives: "compare base campaign flood" once said only that a market overflowed.
template <class Simulate>
void as_variant(const std::vector<output::VariantInfo>& info, std::size_t v, Simulate simulate) {
  try {
    simulate();
  } catch (const model::RunawayError& e) {
    if (v >= info.size()) throw;
    throw model::RunawayError("'" + info[v].name + "' (" + info[v].file + "): " + e.what());
  }
}

// Simulates one block of the baseline and of every variant of the group, and adds each
// variant's to its sums. `begin_writer`, if given, runs alongside the baseline's block.
void compute_block(parallel::TaskPool& crew, BlockComputer& base_computer, Group& group, BlockTables& t,
                   const MomentLayout& layout, std::vector<output::RealMoments>& moments, std::size_t first_replication,
                   std::size_t count, const std::function<void()>& begin_writer,
                   const std::vector<output::VariantInfo>& info) {
  const std::span<const model::SeriesTable> base_tables(t.baseline.data(), count);
  as_variant(info, 0,
             [&] { base_computer.compute(first_replication, std::span(t.baseline.data(), count), begin_writer); });
  const std::span<const model::SeriesTable> base_totals(t.baseline_totals.data(), count);
  total_over_periods(crew, base_tables, std::span(t.baseline_totals.data(), count));
  for (std::size_t i = 0; i < group.size(); ++i) {
    const std::span<model::SeriesTable> tables(t.variant.data(), count);
    if (group.computers[i]) {
      as_variant(info, group.first + i, [&] { group.computers[i]->compute(first_replication, tables); });
      total_over_periods(crew, tables, std::span(t.variant_totals.data(), count));
    }
    const std::span<const model::SeriesTable> these =
        group.computers[i] ? std::span<const model::SeriesTable>(tables) : base_tables;
    const std::span<const model::SeriesTable> these_totals =
        group.computers[i] ? std::span<const model::SeriesTable>(t.variant_totals.data(), count) : base_totals;
    add_variant_block(crew, group.sums[i], layout, std::span(moments.data() + i * layout.size, layout.size),
                      base_tables, these, base_totals, these_totals);
  }
}

// A block's moments, every variant's, merged into the group's sums in block order.
void merge_moments(Group& group, const MomentLayout& layout, const std::vector<output::RealMoments>& moments) {
  for (std::size_t i = 0; i < group.size(); ++i) {
    const std::span<const output::RealMoments> mine(moments.data() + i * layout.size, layout.size);
    VariantSums& sums = group.sums[i];
    for (std::size_t d = 0; d < sums.summaries.datasets(); ++d) {
      sums.summaries.merge_block_moments(d, mine.subspan(layout.at[0][d], sums.summaries.real_cells(d)));
      sums.differences.merge_block_moments(d, mine.subspan(layout.at[1][d], sums.differences.real_cells(d)));
      sums.totals.merge_block_moments(d, mine.subspan(layout.at[2][d], sums.totals.real_cells(d)));
      sums.total_differences.merge_block_moments(d,
                                                 mine.subspan(layout.at[3][d], sums.total_differences.real_cells(d)));
    }
  }
}

// A block's moments merged into the group's sums on rank 0, which writes, whichever
// rank (`owner`) computed them; the owner sends them if it is another.
void gather_moments(Group& group, const MomentLayout& layout, std::vector<output::RealMoments>& moments,
                    parallel::Cluster& cluster, output::ComparisonWriter* writer, int owner,
                    const std::atomic<bool>* stop) {
  if (owner == cluster.rank()) {
    if (writer) {
      merge_moments(group, layout, moments);
    } else {
      output::ByteWriter out;
      out.put_vector(moments);
      cluster.send(0, kBlockTag, out.bytes());
    }
  } else if (writer) {
    const std::vector<unsigned char> bytes = receive_unless_stopped(cluster, owner, kBlockTag, stop);
    output::ByteReader in(bytes);
    moments = in.get_vector<output::RealMoments>();
    merge_moments(group, layout, moments);
  }
}

// The group's end: rank 0 merges the other ranks' histograms and exact sums (in any
// order) and writes each variant; every other rank sends its own.
void finish_group(Group& group, parallel::Cluster& cluster, output::ComparisonWriter* writer,
                  const std::atomic<bool>* stop) {
  if (!writer) {
    output::ByteWriter out;
    for (const VariantSums& sums : group.sums) {
      sums.summaries.write_distributions(out);
      sums.differences.write_counts(out);
      sums.totals.write_distributions(out);
      sums.total_differences.write_counts(out);
    }
    cluster.send(0, kSummaryTag, out.bytes());
    return;
  }
  for (int other = 1; other < cluster.size(); ++other) {
    const std::vector<unsigned char> bytes = receive_unless_stopped(cluster, other, kSummaryTag, stop);
    output::ByteReader in(bytes);
    for (VariantSums& sums : group.sums) {
      sums.summaries.merge_distributions(in);
      sums.differences.merge_counts(in);
      sums.totals.merge_distributions(in);
      sums.total_differences.merge_counts(in);
    }
  }
  for (std::size_t i = 0; i < group.size(); ++i) {
    const VariantSums& sums = group.sums[i];
    writer->write_variant(group.first + i, sums.summaries, sums.differences, sums.totals, sums.total_differences);
  }
}

}  // namespace

std::size_t variants_per_group(const scenario::Scenario& scenario) {
  return std::max<std::size_t>(1, kGroupBudgetBytes / (kBytesPerCell * std::max<std::size_t>(1, cells(scenario))));
}

void run_paired(const std::vector<scenario::Scenario>& variants, const ExperimentOptions& options,
                parallel::Cluster& cluster, output::ComparisonWriter* writer,
                const std::vector<output::VariantInfo>& info, const output::SweepGrid* grid) {
  if (options.threads < 1) throw std::invalid_argument("threads must be at least 1");
  const int rank = cluster.rank(), ranks = cluster.size();
  const scenario::Scenario& base = variants.front();
  const int threads = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(options.threads), std::max<std::size_t>(1, options.replications)));
  parallel::TaskPool crew(threads);
  BlockComputer base_computer(base, crew, options.seed, options.stop);
  const output::RunDescription run = describe_run(base, options, base_computer.period_end_days(), threads);
  const std::function<void()> begin_writer = [&] { writer->begin(run, info, grid); };

  // A comparison file holds the measures only, not the rules' refusals, which variants
  // need not share (a region with its MoC against the same region without): the tables
  // and summaries keep none.
  const std::size_t rows = run.authorities.size(), periods = run.period_end_days.size(), rules = 0;
  const std::size_t block = block_replications(base);
  const std::size_t total = options.replications;
  const std::size_t blocks = (total + block - 1) / block;
  if (writer && blocks == 0) begin_writer();
  const std::size_t per_group = variants_per_group(base);
  BlockTables tables(block, rows, periods, rules);
  // Progress counts replications simulated, the baseline's again in each later group.
  const std::size_t groups = (variants.size() + per_group - 1) / per_group;
  const std::size_t work = total * (variants.size() + groups - 1);
  std::size_t done = 0;
  for (std::size_t first = 0; first < variants.size(); first += per_group) {
    Group group = make_group(variants, first, per_group, crew, options, rows, periods, rules);
    const MomentLayout layout(group.sums.front());
    std::vector<output::RealMoments> moments(group.size() * layout.size);  // the block's, every variant's
    for (std::size_t b = 0; b < blocks; ++b) {
      const int owner = static_cast<int>(b % static_cast<std::size_t>(ranks));
      const std::size_t start = b * block;
      const std::size_t count = std::min(block, total - start);
      if (owner == rank) {
        // Rank 0, which writes, owns the first block: it sets up the file on this thread
        // while the rest of its crew simulates the baseline (as run_experiment does).
        compute_block(crew, base_computer, group, tables, layout, moments, options.first_replication + start, count,
                      writer && first == 0 && b == 0 ? begin_writer : nullptr, info);
      }
      gather_moments(group, layout, moments, cluster, writer, owner, options.stop);
      done += count * (group.size() + (first > 0 ? 1 : 0));
      if (writer && options.progress) options.progress(done, work);
      if (options.stop && options.stop->load()) throw Interrupted();
      if (writer) cluster.check_stopped_ranks();
    }
    finish_group(group, cluster, writer, options.stop);
  }
  if (writer) writer->finish();
}

}  // namespace wfsim::experiment
