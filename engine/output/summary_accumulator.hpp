#pragma once
// The summaries of a run (mean, sd, p5 ... p95 of every measure, row and period, and
// of each rule's refusals), built from blocks of replications as they are computed:
// nothing is read back, and memory does not grow with the replication count (see
// output/replication_distribution.hpp for what is exact and what is within a bin of exact).
//
// The work of a block splits into tasks, one per dataset (add_block) or one per range
// of periods (add_periods), which any thread may run. The result is the same for any
// thread count and either split, and for any split of the blocks between
// processes, provided each block's real-number moments are merged in block order
// (merge_block_moments) and the rest is merged in any order (merge).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/measures.hpp"
#include "model/series_table.hpp"
#include "output/replication_distribution.hpp"
#include "output/summary_datasets.hpp"

namespace wfsim::output {

class SummaryAccumulator {
 public:
  // `rows` authorities (and the region), `rules` rows of refusals (0: none).
  SummaryAccumulator(std::size_t rows, std::size_t periods, std::size_t rules);

  // Datasets: every measure in enum order, then the rules' refusals if there are rules.
  std::size_t datasets() const { return datasets_.size(); }
  std::size_t rows_of(std::size_t dataset) const { return datasets_[dataset].rows; }
  bool counts(std::size_t dataset) const { return datasets_[dataset].counts; }
  // Real-number cells of a dataset (0 for counts): the length of its block moments.
  std::size_t real_cells(std::size_t dataset) const;

  // Adds one block's replications to a dataset's histograms and exact sums, and writes
  // the block's moments of its real-number cells to `block_moments`.
  void add_block(std::size_t dataset, std::span<const model::SeriesTable> tables, std::span<RealMoments> block_moments);
  // The same for every dataset at once, periods [first, last) only: moments of dataset
  // d go to moments[first_moment[d] ...]. `scratch` is the caller's (one per thread).
  // Reads each table a period at a time, so it is the cheaper way to add a whole block.
  void add_periods(std::size_t first, std::size_t last, std::span<const model::SeriesTable> tables,
                   std::span<RealMoments> moments, std::span<const std::size_t> first_moment,
                   std::vector<double>& scratch);
  // Merges a block's moments into the running ones: call for each block in block order.
  void merge_block_moments(std::size_t dataset, std::span<const RealMoments> block_moments);
  // Both at once, for a process that sees every block in order.
  void add_block(std::size_t dataset, std::span<const model::SeriesTable> tables);
  // Merges another accumulator's histograms and count sums (not real moments).
  void merge(const SummaryAccumulator& other);
  // The histograms and count sums, for merging in another process (real moments travel
  // block by block, to be merged in order).
  void write_distributions(ByteWriter& out) const;
  void merge_distributions(ByteReader& in);

  // (statistic, row, period) of a dataset, in kStatisticNames order.
  std::vector<double> statistics(std::size_t dataset) const;
  // The widest bin among a dataset's real-number cells, relative to the cell's range
  // (0 where every quantile is exact): what the quantiles may be off by.
  double widest_relative_bin(std::size_t dataset) const;

 private:
  // Adds one cell's values across a block's replications.
  void add_cell(std::size_t dataset, std::size_t row, std::size_t t, std::span<const double> values,
                std::span<RealMoments> block_moments);

  SummaryDatasets datasets_;
  std::vector<PowerOfTwoHistogram> histograms_;
  std::vector<CountMoments> count_moments_;
  std::vector<RealMoments> real_moments_;
  std::vector<std::vector<double>> scratch_;  // per dataset: one cell's values of a block
};

}  // namespace wfsim::output
