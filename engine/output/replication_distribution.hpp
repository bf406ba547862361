#pragma once
// The distribution across replications of one quantity (one measure, row and period),
// kept in memory that does not grow with the replication count, and built so that the
// result does not depend on the order the values arrive in or on how they were split
// between threads or processes.
//
// - Whole numbers (counts) go to a histogram with one bin per value: quantiles are
//   exact, and equal to numpy's default (linear) quantiles of the same values, as long
//   as the values span at most kCountBins; beyond that, bins double in width as for
//   real numbers.
// - Real numbers are kept exactly while they take at most 64 distinct values (their
//   quantiles are then numpy's), and beyond that go to a histogram of at most 128 bins
//   whose width is a power of two and whose edges are multiples of it. When a value
//   falls outside, bins merge in pairs. Both the width and every bin's count are then
//   functions of the set of values alone (its least and greatest value decide the
//   width), so merging histograms built from any split of the values gives the same
//   histogram. A quantile is interpolated within its bin, so it is within one bin width
//   of numpy's: at most 2 x (greatest - least) / 126.
// - Means and standard deviations: exact integer sums for counts (the mean is then what
//   numpy gives; the sd is rounded once, and may differ from numpy's in the last
//   digit); for reals, moments of each block of replications combined in block order
//   (Chan, Golub and LeVeque 1979), which every split of the work reproduces.
//
// NaN marks a value undefined in that replication (a mean over no starters): it is
// counted apart and left out of every statistic, as numpy's nan* functions do.

#include <cstdint>
#include <span>
#include <vector>

#include "output/byte_buffer.hpp"
#include "output/summary_statistics.hpp"

namespace wfsim::output {

// The values of one cell: while they take at most `exact_limit` distinct values, each
// distinct value and its count (exact); beyond that, a histogram of bins 2^level wide,
// bin i covering [i, i + 1) x 2^level. Either way a function of the multiset of values
// alone, so any order or split of the additions gives the same result.
class PowerOfTwoHistogram {
 public:
  PowerOfTwoHistogram() = default;
  // `max_bins` bounds the bins kept; `finest_level` the narrowest bin (0 for counts:
  // one value per bin); `exact_limit` the distinct values kept exactly (0: none).
  struct Shape {
    int max_bins;
    int finest_level;
    std::size_t exact_limit;
  };
  void add(double x, const Shape& shape);
  // Adds every value that is not NaN: the same result as adding them one by one, with
  // the range grown once (the way a block of replications is added).
  void add_all(std::span<const double> values, const Shape& shape);
  // add_all when the caller has already found the least and greatest value and that no
  // value is NaN (the summaries check counts value by value anyway).
  void add_all_in_range(std::span<const double> values, double low, double high, const Shape& shape);
  void merge(const PowerOfTwoHistogram& other, const Shape& shape);
  bool empty() const { return values_ == 0; }
  std::uint64_t values() const { return values_; }
  double min() const { return min_; }
  double max() const { return max_; }
  // Whether each order statistic is known exactly: distinct values kept, or counts in
  // bins one wide.
  bool exact(const Shape& shape) const { return !binned_ || (shape.finest_level == 0 && level_ == 0); }
  // What a quantile may be off by: 0 when exact, else the bin width.
  double error_bound(const Shape& shape) const;
  // The ks-th smallest values (0-based, ks ascending), in one walk: exact when exact(),
  // and for the least and greatest; otherwise placed evenly within their bin.
  void order_statistics(std::span<const std::uint64_t> ks, const Shape& shape, std::span<double> out) const;
  // For sending to another process.
  void write(ByteWriter& out) const;
  static PowerOfTwoHistogram read(ByteReader& in);

 private:
  void add_all(std::span<const double> values, double low, double high, std::uint64_t n, const Shape& shape);
  // add_all's two cases: values kept exactly (merged with those kept), or counted in bins.
  void add_all_exact(std::span<const double> values, double low, double high, std::uint64_t n, const Shape& shape);
  void add_all_binned(std::span<const double> values, double low, double high, std::uint64_t n, const Shape& shape);
  void add_binned(double x, std::uint32_t count, const Shape& shape, bool range_grew);
  void to_binned(const Shape& shape);
  void coarsen_to(int level);
  int level_for(double low, double high, const Shape& shape) const;

  std::vector<std::uint32_t> bins_;  // counts: of each bin, or of each exact value
  std::vector<double> exact_;        // the distinct values, ascending, while not binned
  std::int64_t first_ = 0;           // index of bins_[0], once binned
  std::uint64_t values_ = 0;
  double min_ = 0, max_ = 0;
  std::int16_t level_ = 0;
  bool binned_ = false;
};

// Exact sums of whole numbers.
struct CountMoments {
  std::uint64_t n = 0;
  std::int64_t sum = 0;
  std::int64_t squares = 0;
  void add(std::int64_t x) {
    ++n;
    sum += x;
    squares += x * x;
  }
  void merge(const CountMoments& o) {
    n += o.n;
    sum += o.sum;
    squares += o.squares;
  }
  double mean() const;
  double sd() const;
};

// Count, mean and sum of squared deviations of real numbers.
struct RealMoments {
  std::uint64_t n = 0;
  double mean = 0;
  double m2 = 0;
  // The moments of one block's values, by two passes over them.
  static RealMoments of(std::span<const double> values);
  // Combines in this order: the same blocks merged in the same order give the same bits.
  void merge(const RealMoments& later);
  double sd() const;
};

// Counts: one bin per value over a range of up to 4096 values (then wider bins).
// Real numbers: up to 64 distinct values exactly (a share of a small council, a rate
// that takes few values), then 128 bins.
inline constexpr PowerOfTwoHistogram::Shape kCountShape{4096, 0, 0};
inline constexpr PowerOfTwoHistogram::Shape kRealShape{128, -1074, 64};
inline constexpr int kRealBins = kRealShape.max_bins;

// Statistics (mean, sd, p5 ... p95) from a histogram and its moments.
Statistics statistics_of(const PowerOfTwoHistogram& histogram, const CountMoments& moments);
Statistics statistics_of(const PowerOfTwoHistogram& histogram, const RealMoments& moments);

}  // namespace wfsim::output
