#include "output/replication_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wfsim::output {

namespace {

// The lowest level any histogram uses: below it a bin is narrower than the spacing of
// doubles near the largest value, and bin indices could overflow.
constexpr int kLowestLevel = -1074;

// 128-bit integers (a GCC and Clang extension) hold n x sum(x^2) exactly.
__extension__ using Int128 = __int128;

std::int64_t bin_index(double x, int level) { return static_cast<std::int64_t>(std::floor(std::ldexp(x, -level))); }

// bin_index for many values at one level, as a block of replications adds them once a
// cell is binned. Multiplying by 2^-level gives the same correctly rounded x x 2^-level
// as ldexp whenever 2^-level is a normal double, without a call into libm per value.
class BinIndexer {
 public:
  explicit BinIndexer(int level)
      : level_(level), multiply_(level >= -1022 && level <= 1022), scale_(std::ldexp(1.0, multiply_ ? -level : 0)) {}
  std::int64_t operator()(double x) const {
    return multiply_ ? static_cast<std::int64_t>(std::floor(x * scale_)) : bin_index(x, level_);
  }

 private:
  int level_;
  bool multiply_;
  double scale_;
};

std::int64_t span_at(double low, double high, int level) { return bin_index(high, level) - bin_index(low, level) + 1; }

}  // namespace

int PowerOfTwoHistogram::level_for(double low, double high, const Shape& shape) const {
  // The narrowest bins that hold [low, high] in at most max_bins: a function of the two
  // ends alone, and never narrower for a wider set, so it does not depend on the order
  // the values came in.
  int level = std::max(shape.finest_level, kLowestLevel);
  const double magnitude = std::max(std::abs(low), std::abs(high));
  if (magnitude > 0) level = std::max(level, std::ilogb(magnitude) - 52);
  const double spread = (high - low) / shape.max_bins;
  if (spread > 0) level = std::max(level, std::ilogb(spread));  // a lower bound; step up from it
  while (span_at(low, high, level) > shape.max_bins) ++level;
  return level;
}

void PowerOfTwoHistogram::coarsen_to(int level) {
  if (level <= level_) return;
  const int shift = level - level_;
  const std::int64_t first = first_ >> shift;  // arithmetic: floor division by 2^shift
  const std::int64_t last = (first_ + static_cast<std::int64_t>(bins_.size()) - 1) >> shift;
  std::vector<std::uint32_t> merged(static_cast<std::size_t>(last - first + 1), 0);
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    merged[static_cast<std::size_t>(((first_ + static_cast<std::int64_t>(i)) >> shift) - first)] += bins_[i];
  }
  bins_ = std::move(merged);
  first_ = first;
  level_ = static_cast<std::int16_t>(level);
}

void PowerOfTwoHistogram::add_binned(double x, std::uint32_t count, const Shape& shape, bool range_grew) {
  // min_ and max_ already include x.
  if (bins_.empty()) {
    level_ = static_cast<std::int16_t>(level_for(min_, max_, shape));
    first_ = bin_index(x, level_);
    bins_.assign(1, 0);
  } else if (range_grew) {
    coarsen_to(level_for(min_, max_, shape));
  }
  const std::int64_t i = bin_index(x, level_);
  if (i < first_) {
    bins_.insert(bins_.begin(), static_cast<std::size_t>(first_ - i), 0);
    first_ = i;
  } else if (i >= first_ + static_cast<std::int64_t>(bins_.size())) {
    bins_.resize(static_cast<std::size_t>(i - first_ + 1), 0);
  }
  bins_[static_cast<std::size_t>(i - first_)] += count;
}

void PowerOfTwoHistogram::to_binned(const Shape& shape) {
  const std::vector<double> values = std::move(exact_);
  const std::vector<std::uint32_t> counts = std::move(bins_);
  exact_.clear();
  exact_.shrink_to_fit();
  bins_.clear();
  binned_ = true;
  for (std::size_t i = 0; i < values.size(); ++i) add_binned(values[i], counts[i], shape, false);
}

void PowerOfTwoHistogram::add(double x, const Shape& shape) {
  bool range_grew = false;
  if (values_ == 0) {
    min_ = max_ = x;
    binned_ = shape.exact_limit == 0;
  } else if (x < min_ || x > max_) {
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
    range_grew = true;
  }
  ++values_;
  if (binned_) {
    add_binned(x, 1, shape, range_grew);
    return;
  }
  const auto at = std::lower_bound(exact_.begin(), exact_.end(), x);
  const auto i = static_cast<std::size_t>(at - exact_.begin());
  if (at != exact_.end() && *at == x) {
    ++bins_[i];
    return;
  }
  exact_.insert(at, x);
  bins_.insert(bins_.begin() + static_cast<std::ptrdiff_t>(i), 1);
  if (exact_.size() > shape.exact_limit) to_binned(shape);
}

void PowerOfTwoHistogram::add_all(std::span<const double> values, const Shape& shape) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  std::uint64_t n = 0;
  for (const double v : values) {
    if (std::isnan(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
    ++n;
  }
  add_all(values, low, high, n, shape);
}

void PowerOfTwoHistogram::add_all_in_range(std::span<const double> values, double low, double high,
                                           const Shape& shape) {
  add_all(values, low, high, values.size(), shape);
}

void PowerOfTwoHistogram::add_all(std::span<const double> values, double low, double high, std::uint64_t n,
                                  const Shape& shape) {
  if (n == 0) return;
  if (!binned_ && (values_ != 0 || shape.exact_limit > 0)) {
    add_all_exact(values, low, high, n, shape);
  } else {
    add_all_binned(values, low, high, n, shape);
  }
}

void PowerOfTwoHistogram::add_all_exact(std::span<const double> values, double low, double high, std::uint64_t n,
                                        const Shape& shape) {
  // Distinct values kept exactly: the block's values sorted, then merged with those kept
  // in one pass (binned afterwards if that makes too many: the same histogram as
  // switching part-way, since it depends on the values alone).
  thread_local std::vector<double> sorted;
  thread_local std::vector<double> merged_values;
  thread_local std::vector<std::uint32_t> merged_counts;
  sorted.clear();
  for (const double v : values) {
    if (!std::isnan(v)) sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());
  merged_values.clear();
  merged_counts.clear();
  std::size_t i = 0, j = 0;
  while (i < exact_.size() || j < sorted.size()) {
    if (j == sorted.size() || (i < exact_.size() && exact_[i] < sorted[j])) {
      merged_values.push_back(exact_[i]);
      merged_counts.push_back(bins_[i++]);
      continue;
    }
    const double v = sorted[j];
    std::uint32_t count = 0;
    for (; j < sorted.size() && sorted[j] == v; ++j) ++count;
    if (i < exact_.size() && exact_[i] == v) count += bins_[i++];
    merged_values.push_back(v);
    merged_counts.push_back(count);
  }
  exact_.assign(merged_values.begin(), merged_values.end());
  bins_.assign(merged_counts.begin(), merged_counts.end());
  if (values_ == 0) {
    min_ = low;
    max_ = high;
  } else {
    min_ = std::min(min_, low);
    max_ = std::max(max_, high);
  }
  values_ += n;
  if (exact_.size() > shape.exact_limit) to_binned(shape);
}

void PowerOfTwoHistogram::add_all_binned(std::span<const double> values, double low, double high, std::uint64_t n,
                                         const Shape& shape) {
  // Grow the range once, then count.
  bool grew = false;
  if (values_ == 0) {
    min_ = low;
    max_ = high;
    binned_ = true;
  } else if (low < min_ || high > max_) {
    min_ = std::min(min_, low);
    max_ = std::max(max_, high);
    grew = true;
  }
  values_ += n;
  add_binned(low, 0, shape, grew);  // sets the level for the new range and covers `low`
  add_binned(high, 0, shape, false);
  if (level_ == 0 && shape.finest_level == 0 && n == values.size()) {
    // Counts in bins one wide: a value's bin is the value.
    for (const double v : values) ++bins_[static_cast<std::size_t>(static_cast<std::int64_t>(v) - first_)];
    return;
  }
  const BinIndexer index(level_);
  for (const double v : values) {
    if (!std::isnan(v)) ++bins_[static_cast<std::size_t>(index(v) - first_)];
  }
}

void PowerOfTwoHistogram::merge(const PowerOfTwoHistogram& other, const Shape& shape) {
  if (other.values_ == 0) return;
  if (values_ == 0) {
    *this = other;
    return;
  }
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  values_ += other.values_;
  if (!binned_ && !other.binned_) {
    // Both exact: the union of the distinct values, binned if it is too many.
    std::vector<double> values;
    std::vector<std::uint32_t> counts;
    std::size_t i = 0, j = 0;
    while (i < exact_.size() || j < other.exact_.size()) {
      const bool take_mine = j == other.exact_.size() || (i < exact_.size() && exact_[i] <= other.exact_[j]);
      const bool take_theirs = i == exact_.size() || (j < other.exact_.size() && other.exact_[j] <= exact_[i]);
      values.push_back(take_mine ? exact_[i] : other.exact_[j]);
      counts.push_back((take_mine ? bins_[i++] : 0) + (take_theirs ? other.bins_[j++] : 0));
    }
    exact_ = std::move(values);
    bins_ = std::move(counts);
    if (exact_.size() > shape.exact_limit) to_binned(shape);
    return;
  }
  if (!binned_) to_binned(shape);
  PowerOfTwoHistogram added = other;
  if (!added.binned_) {
    added.min_ = min_;  // bins are set for the whole range
    added.max_ = max_;
    added.to_binned(shape);
  }
  const int level = level_for(min_, max_, shape);
  coarsen_to(level);
  added.coarsen_to(level);
  const std::int64_t first = std::min(first_, added.first_);
  const std::int64_t last = std::max(first_ + static_cast<std::int64_t>(bins_.size()),
                                     added.first_ + static_cast<std::int64_t>(added.bins_.size()));
  std::vector<std::uint32_t> sum(static_cast<std::size_t>(last - first), 0);
  for (std::size_t i = 0; i < bins_.size(); ++i) sum[static_cast<std::size_t>(first_ - first) + i] += bins_[i];
  for (std::size_t i = 0; i < added.bins_.size(); ++i) {
    sum[static_cast<std::size_t>(added.first_ - first) + i] += added.bins_[i];
  }
  bins_ = std::move(sum);
  first_ = first;
}

double PowerOfTwoHistogram::error_bound(const Shape& shape) const {
  return values_ == 0 || exact(shape) ? 0.0 : std::ldexp(1.0, level_);
}

void PowerOfTwoHistogram::order_statistics(std::span<const std::uint64_t> ks, const Shape& shape,
                                           std::span<double> out) const {
  const bool one_value_per_bin = exact(shape);
  const double width = std::ldexp(1.0, level_);
  std::size_t next = 0;
  std::uint64_t before = 0;
  for (std::size_t i = 0; i < bins_.size() && next < ks.size(); ++i) {
    const std::uint64_t count = bins_[i];
    const double low =
        binned_ ? std::ldexp(static_cast<double>(first_ + static_cast<std::int64_t>(i)), level_) : exact_[i];
    for (; next < ks.size() && ks[next] < before + count; ++next) {
      const std::uint64_t k = ks[next];
      if (k == 0 || min_ == max_) {
        out[next] = min_;
      } else if (k + 1 >= values_) {
        out[next] = max_;
      } else if (one_value_per_bin) {
        out[next] = low;
      } else {
        // Placed evenly within the bin, never beyond the values seen.
        const double within = (static_cast<double>(k - before) + 0.5) / static_cast<double>(count);
        out[next] = std::clamp(low + within * width, min_, max_);
      }
    }
    before += count;
  }
  for (; next < ks.size(); ++next) out[next] = max_;
}

void PowerOfTwoHistogram::write(ByteWriter& out) const {
  out.put(values_);
  if (values_ == 0) return;
  out.put(min_);
  out.put(max_);
  out.put(level_);
  out.put(binned_);
  out.put(first_);
  out.put_vector(bins_);
  out.put_vector(exact_);
}

PowerOfTwoHistogram PowerOfTwoHistogram::read(ByteReader& in) {
  PowerOfTwoHistogram h;
  h.values_ = in.get<std::uint64_t>();
  if (h.values_ == 0) return h;
  h.min_ = in.get<double>();
  h.max_ = in.get<double>();
  h.level_ = in.get<std::int16_t>();
  h.binned_ = in.get<bool>();
  h.first_ = in.get<std::int64_t>();
  h.bins_ = in.get_vector<std::uint32_t>();
  h.exact_ = in.get_vector<double>();
  return h;
}

double CountMoments::mean() const { return n == 0 ? std::nan("") : static_cast<double>(sum) / static_cast<double>(n); }

double CountMoments::sd() const {
  if (n < 2) return std::nan("");
  // n * sum(x^2) - sum(x)^2 exactly, then rounded once.
  const Int128 spread = static_cast<Int128>(n) * squares - static_cast<Int128>(sum) * sum;
  const double denominator = static_cast<double>(n) * static_cast<double>(n - 1);
  return std::sqrt(static_cast<double>(spread) / denominator);
}

RealMoments RealMoments::of(std::span<const double> values) {
  RealMoments m;
  double sum = 0;
  for (const double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++m.n;
  }
  if (m.n == 0) return m;
  const auto n = static_cast<double>(m.n);
  const double rough = sum / n;
  if (!std::isfinite(rough)) {  // an infinite value: the mean as it is, no sd (inf - inf)
    m.mean = rough;
    m.m2 = std::nan("");
    return m;
  }
  // The corrected two-pass algorithm (Chan, Golub and LeVeque 1983): the deviations'
  // own sum, zero but for rounding, corrects both. Values alike to 15 digits (a cost
  // that only one lever's days move) had a mean below their least and an sd of 1e-10
  // where numpy gave 3e-11 (a numerics audit).
  double deviations = 0, squares = 0;
  for (const double v : values) {
    if (std::isnan(v)) continue;
    deviations += v - rough;
    squares += (v - rough) * (v - rough);
  }
  m.mean = rough + deviations / n;
  m.m2 = std::max(0.0, squares - deviations * deviations / n);
  return m;
}

void RealMoments::merge(const RealMoments& later) {
  if (later.n == 0) return;
  if (n == 0) {
    *this = later;
    return;
  }
  const double a = static_cast<double>(n), b = static_cast<double>(later.n), total = a + b;
  if (!std::isfinite(mean) || !std::isfinite(later.mean)) {  // an infinite value: as in of()
    mean += later.mean;                                      // inf stays inf; inf and -inf make NaN, as their sum does
    m2 = std::nan("");
    n += later.n;
    return;
  }
  const double delta = later.mean - mean;
  mean += delta * b / total;
  m2 += later.m2 + delta * delta * a * b / total;
  n += later.n;
}

double RealMoments::sd() const { return n < 2 ? std::nan("") : std::sqrt(m2 / static_cast<double>(n - 1)); }

namespace {

constexpr double kProbabilities[] = {0.05, 0.25, 0.50, 0.75, 0.95};
constexpr std::size_t kQuantiles = std::size(kProbabilities);

// numpy.quantile(..., method="linear") (numpy 1.22 and later): the virtual index
// (n - 1) p between the order statistics below and above it, then numpy's _lerp, which
// interpolates from the upper one when the fraction is 0.5 or more.
Statistics with_quantiles(const PowerOfTwoHistogram& histogram, double mean, double sd,
                          const PowerOfTwoHistogram::Shape& shape) {
  Statistics s;
  s.fill(std::nan(""));
  const std::uint64_t n = histogram.empty() ? 0 : histogram.values();
  s[kStatisticNames.size() - 1] = static_cast<double>(n);
  if (n == 0) return s;
  s[0] = mean;
  s[1] = sd;
  std::uint64_t ks[2 * kQuantiles];
  double gamma[kQuantiles];
  for (std::size_t q = 0; q < kQuantiles; ++q) {
    const double virtual_index = static_cast<double>(n - 1) * kProbabilities[q];
    const double previous = std::floor(virtual_index);
    ks[2 * q] = static_cast<std::uint64_t>(previous);
    ks[2 * q + 1] = std::min(ks[2 * q] + 1, n - 1);
    gamma[q] = virtual_index - previous;
  }
  // One walk over the bins needs the ranks in ascending order; with few values the
  // upper rank of one quantile can lie above the lower rank of the next.
  std::uint64_t sorted[2 * kQuantiles];
  std::copy(std::begin(ks), std::end(ks), sorted);
  std::sort(std::begin(sorted), std::end(sorted));
  double found[2 * kQuantiles];
  histogram.order_statistics(sorted, shape, found);
  auto value = [&](std::uint64_t k) {
    return found[std::lower_bound(std::begin(sorted), std::end(sorted), k) - sorted];
  };
  for (std::size_t q = 0; q < kQuantiles; ++q) {
    const double a = value(ks[2 * q]), b = value(ks[2 * q + 1]);
    const double difference = b - a;
    s[2 + q] = gamma[q] >= 0.5 ? b - difference * (1 - gamma[q]) : a + difference * gamma[q];
  }
  return s;
}

}  // namespace

Statistics statistics_of(const PowerOfTwoHistogram& histogram, const CountMoments& moments) {
  return with_quantiles(histogram, moments.mean(), moments.sd(), kCountShape);
}

Statistics statistics_of(const PowerOfTwoHistogram& histogram, const RealMoments& moments) {
  return with_quantiles(histogram, moments.mean, moments.sd(), kRealShape);
}

}  // namespace wfsim::output
