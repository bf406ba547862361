#pragma once
// Paired differences between a variant and the baseline, replication by replication
// (common random numbers), for every measure, row and period: their mean, sd, 95%
// confidence interval on the mean, and count, built from blocks as they are computed.
//
// Counts differ by whole numbers, summed exactly; real numbers by the moments of each
// block merged in block order, as in SummaryAccumulator. NaN in either run leaves that
// replication out of the cell.

#include <span>
#include <vector>

#include "model/series_table.hpp"
#include "output/replication_distribution.hpp"
#include "output/summary_datasets.hpp"

namespace wfsim::output {

// Statistics of the paired differences, in /difference_statistic order.
inline constexpr const char* kDifferenceStatistics[] = {"mean", "sd", "ci95_low", "ci95_high", "n"};
inline constexpr std::size_t kDifferenceCount = std::size(kDifferenceStatistics);

class DifferenceAccumulator {
 public:
  // The same datasets as SummaryAccumulator(rows, periods, rules).
  DifferenceAccumulator(std::size_t rows, std::size_t periods, std::size_t rules);
  std::size_t datasets() const { return datasets_.size(); }
  // Real-number cells of a dataset (0 for counts): the length of its block moments.
  std::size_t real_cells(std::size_t dataset) const;
  // Adds one block, variant[r] paired with baseline[r]: counts to the exact sums, and
  // the real cells' moments of the block to `block_moments`.
  void add_block(std::size_t dataset, std::span<const model::SeriesTable> baseline,
                 std::span<const model::SeriesTable> variant, std::span<RealMoments> block_moments);
  // Merges a block's moments: for each block, in block order.
  void merge_block_moments(std::size_t dataset, std::span<const RealMoments> block_moments);
  // The exact sums of counts, for merging in another process.
  void write_counts(ByteWriter& out) const { out.put_vector(counts_); }
  void merge_counts(ByteReader& in);
  // (difference statistic, row, period) of a dataset, in kDifferenceStatistics order.
  std::vector<double> statistics(std::size_t dataset) const;

 private:
  SummaryDatasets datasets_;
  std::vector<CountMoments> counts_;
  std::vector<RealMoments> reals_;
  std::vector<std::vector<double>> scratch_;  // per dataset
};

}  // namespace wfsim::output
