#pragma once
// Writes a comparison file (wfsim compare) or a sweep file (wfsim sweep): each
// variant's summaries and, per measure, authority and period, the paired difference
// from the first variant (the baseline) with its 95% confidence interval; and the same
// of each replication's totals over the periods, for the measures that add up (costs,
// leavers, starters).
//
// Replication k of every variant used the same random streams, so the difference of
// their k-th values removes most of the noise they share; the interval on the mean
// difference is then much narrower than one from independent runs. The variants are
// simulated side by side and paired as their blocks are computed
// (experiment/paired_runner.hpp): no variant is written to a file and read back.
//
// The file is built under a temporary name and renamed into place by finish().

#include <H5Cpp.h>

#include <atomic>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/difference_accumulator.hpp"
#include "output/group_scales.hpp"
#include "output/result_sink.hpp"
#include "output/summary_accumulator.hpp"

namespace wfsim::output {

struct VariantInfo {
  std::string name;                        // the scenario's name, or the sweep point's settings
  std::string file;                        // the scenario file
  std::string text;                        // the scenario file's text
  std::vector<std::string> extends;        // the scenarios it extends, nearest first
  std::vector<std::string> extends_texts;  // their texts, in the same order
};

// A sweep's grid: the keys varied and their values; the variants are the grid's
// points in row-major order (the first key varies slowest).
struct SweepGrid {
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> values;
};

class ComparisonWriter {
 public:
  // Creates the temporary file at once, so an unwritable path fails before any work.
  explicit ComparisonWriter(std::string path);
  ~ComparisonWriter();

  // `base` describes the baseline's run (dates, rows, seed, replications). With a grid,
  // the variant dimension of every summary and difference becomes one dimension per
  // swept key, each with its values as a dimension scale under /sweep.
  void begin(const RunDescription& base, const std::vector<VariantInfo>& variants, const SweepGrid* grid);
  // One variant's summaries and its paired differences from the baseline, of every
  // period and of the totals over the periods (accumulators of one period).
  void write_variant(std::size_t variant, const SummaryAccumulator& summaries, const DifferenceAccumulator& differences,
                     const SummaryAccumulator& totals, const DifferenceAccumulator& total_differences);
  void finish();
  // If `stop` becomes true before the finished file replaces the target, it does not:
  // finish() throws OutputCancelled.
  void cancel_on(const std::atomic<bool>* stop) { stop_ = stop; }

 private:
  // Writes `values` as variant `variant`'s slice of the dataset `name`, and closes it.
  void write_slice(const std::string& name, std::size_t variant, const std::vector<double>& values,
                   std::initializer_list<hsize_t> block);
  // The groups `summaries` and `differences`, with a dataset for each measure (by
  // period), or for each that adds up over time (its totals over the run).
  void write_run_attributes(const RunDescription& base);
  H5::DataSet write_variants(const std::vector<VariantInfo>& variants, bool sweep);
  void write_axes(const RunDescription& base, H5::DataSet& variant);
  std::vector<GroupScales::Dimension> write_leading_dimensions(const std::vector<VariantInfo>& variants,
                                                               const SweepGrid* grid,
                                                               const std::vector<std::string>& rules);
  void create_statistics(GroupScales& group_scales, const std::vector<GroupScales::Dimension>& leading,
                         const std::string& summaries, const std::string& differences, bool by_period);

  std::string path_;
  AtomicFile output_;
  bool committed_ = false;
  const std::atomic<bool>* stop_ = nullptr;
  std::string format_;  // "wfsim-comparison" or "wfsim-sweep", as begin() wrote it
  std::unique_ptr<H5::H5File> file_;
  std::vector<hsize_t> lead_;  // the variant dimension, or one per swept key
  std::size_t rows_ = 0, periods_ = 0, variants_ = 0, written_ = 0;
};

}  // namespace wfsim::output
