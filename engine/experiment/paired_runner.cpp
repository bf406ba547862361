#include "experiment/paired_runner.hpp"

#include <algorithm>
#include <functional>

#include "experiment/block_computer.hpp"
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

// Where each dataset's real-number cells sit in one variant's moments of a block: the
// summaries' first, then the differences'.
struct MomentLayout {
  std::vector<std::size_t> summary_at, difference_at;
  std::size_t size = 0;
  MomentLayout(const output::SummaryAccumulator& s, const output::DifferenceAccumulator& d) {
    for (std::size_t k = 0; k < s.datasets(); ++k) {
      summary_at.push_back(size);
      size += s.real_cells(k);
    }
    for (std::size_t k = 0; k < d.datasets(); ++k) {
      difference_at.push_back(size);
      size += d.real_cells(k);
    }
  }
};

// The variants of one group: their models (none for the baseline, which has its own),
// summaries and differences from the baseline.
struct Group {
  std::size_t first, last;
  std::vector<std::unique_ptr<BlockComputer>> computers;
  std::vector<output::SummaryAccumulator> summaries;
  std::vector<output::DifferenceAccumulator> differences;
  std::size_t size() const { return last - first; }
};

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
  BlockComputer base_computer(base, crew, options.seed);
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
  std::vector<model::SeriesTable> baseline(block, model::SeriesTable(rows, periods, rules));
  std::vector<model::SeriesTable> variant(block, model::SeriesTable(rows, periods, rules));
  // Progress counts replications simulated, the baseline's again in each later group.
  const std::size_t groups = (variants.size() + per_group - 1) / per_group;
  const std::size_t work = total * (variants.size() + groups - 1);
  std::size_t done = 0;
  for (std::size_t first = 0; first < variants.size(); first += per_group) {
    Group group{first, std::min(variants.size(), first + per_group), {}, {}, {}};
    for (std::size_t v = group.first; v < group.last; ++v) {
      group.computers.push_back(v > 0 ? std::make_unique<BlockComputer>(variants[v], crew, options.seed) : nullptr);
      group.summaries.emplace_back(rows, periods, rules);
      group.differences.emplace_back(rows, periods, rules);
    }
    const MomentLayout layout(group.summaries.front(), group.differences.front());
    const std::size_t datasets = group.summaries.front().datasets();
    std::vector<output::RealMoments> moments(group.size() * layout.size);  // the block's, every variant's
    auto merge_moments = [&] {
      for (std::size_t i = 0; i < group.size(); ++i) {
        const std::span<const output::RealMoments> mine(moments.data() + i * layout.size, layout.size);
        for (std::size_t d = 0; d < datasets; ++d) {
          group.summaries[i].merge_block_moments(d,
                                                 mine.subspan(layout.summary_at[d], group.summaries[i].real_cells(d)));
          group.differences[i].merge_block_moments(
              d, mine.subspan(layout.difference_at[d], group.differences[i].real_cells(d)));
        }
      }
    };
    for (std::size_t b = 0; b < blocks; ++b) {
      const int owner = static_cast<int>(b % static_cast<std::size_t>(ranks));
      const std::size_t start = b * block;
      const std::size_t count = std::min(block, total - start);
      if (owner == rank) {
        const std::span<const model::SeriesTable> base_tables(baseline.data(), count);
        // Rank 0, which writes, owns the first block: it sets up the file on this thread
        // while the rest of its crew simulates the baseline (as run_experiment does).
        base_computer.compute(options.first_replication + start, std::span(baseline.data(), count),
                              writer && first == 0 && b == 0 ? begin_writer : nullptr);
        for (std::size_t i = 0; i < group.size(); ++i) {
          const std::span<model::SeriesTable> tables(variant.data(), count);
          if (group.computers[i]) group.computers[i]->compute(options.first_replication + start, tables);
          const std::span<const model::SeriesTable> these =
              group.computers[i] ? std::span<const model::SeriesTable>(tables) : base_tables;
          const std::span<output::RealMoments> mine(moments.data() + i * layout.size, layout.size);
          crew.run(2 * datasets, [&](std::size_t task, int) {
            if (task < datasets) {
              group.summaries[i].add_block(task, these,
                                           mine.subspan(layout.summary_at[task], group.summaries[i].real_cells(task)));
            } else {
              const std::size_t d = task - datasets;
              group.differences[i].add_block(d, base_tables, these,
                                             mine.subspan(layout.difference_at[d], group.differences[i].real_cells(d)));
            }
          });
        }
        if (writer) {
          merge_moments();
        } else {
          output::ByteWriter out;
          out.put_vector(moments);
          cluster.send(0, kBlockTag, out.bytes());
        }
      } else if (writer) {
        const std::vector<unsigned char> bytes = cluster.receive(owner, kBlockTag);
        output::ByteReader in(bytes);
        moments = in.get_vector<output::RealMoments>();
        merge_moments();
      }
      done += count * (group.size() + (first > 0 ? 1 : 0));
      if (writer && options.progress) options.progress(done, work);
      if (options.stop && options.stop->load()) throw Interrupted();
    }
    // The other ranks' histograms and exact sums for this group, merged in any order.
    if (writer) {
      for (int other = 1; other < ranks; ++other) {
        const std::vector<unsigned char> bytes = cluster.receive(other, kSummaryTag);
        output::ByteReader in(bytes);
        for (std::size_t i = 0; i < group.size(); ++i) {
          group.summaries[i].merge_distributions(in);
          group.differences[i].merge_counts(in);
        }
      }
      for (std::size_t i = 0; i < group.size(); ++i) {
        writer->write_variant(group.first + i, group.summaries[i], group.differences[i]);
      }
    } else {
      output::ByteWriter out;
      for (std::size_t i = 0; i < group.size(); ++i) {
        group.summaries[i].write_distributions(out);
        group.differences[i].write_counts(out);
      }
      cluster.send(0, kSummaryTag, out.bytes());
    }
  }
  if (writer) writer->finish();
}

}  // namespace wfsim::experiment
