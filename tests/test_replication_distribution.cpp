// The summaries' distributions: exact where they say so, and the same whatever the
// order or split of the values (what makes results independent of threads and ranks).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "output/replication_distribution.hpp"

using wfsim::output::kCountShape;
using wfsim::output::kRealShape;
using wfsim::output::PowerOfTwoHistogram;

namespace {

bool same_bits(const wfsim::output::Statistics& a, const wfsim::output::Statistics& b) {
  return std::memcmp(a.data(), b.data(), sizeof a) == 0;
}

// Statistics of `values` added in blocks of `block`, each block to its own histogram,
// merged in reverse order: as far from adding them one by one as a split can be.
template <class Moments>
wfsim::output::Statistics split_and_merged(const std::vector<double>& values, std::size_t block,
                                           const PowerOfTwoHistogram::Shape& shape, const Moments& moments) {
  std::vector<PowerOfTwoHistogram> parts;
  for (std::size_t i = 0; i < values.size(); i += block) {
    parts.emplace_back();
    parts.back().add_all(std::span(values).subspan(i, std::min(block, values.size() - i)), shape);
  }
  PowerOfTwoHistogram merged;
  for (std::size_t i = parts.size(); i-- > 0;) merged.merge(parts[i], shape);
  return wfsim::output::statistics_of(merged, moments);
}

}  // namespace

TEST_CASE("count quantiles are numpy's and do not depend on how the values were split", "[output]") {
  std::mt19937_64 draw(5);
  std::poisson_distribution<int> count(40);
  std::vector<double> values;
  wfsim::output::CountMoments moments;
  for (int i = 0; i < 1001; ++i) {
    values.push_back(count(draw));
    moments.add(static_cast<std::int64_t>(values.back()));
  }
  PowerOfTwoHistogram one_by_one;
  for (const double v : values) one_by_one.add(v, kCountShape);
  const auto s = wfsim::output::statistics_of(one_by_one, moments);
  // numpy.quantile(values, p) for n = 1001: the order statistic at 1000 p exactly.
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  CHECK(s[2] == sorted[50]);
  CHECK(s[3] == sorted[250]);
  CHECK(s[4] == sorted[500]);
  CHECK(s[5] == sorted[750]);
  CHECK(s[6] == sorted[950]);
  for (const std::size_t block : {1, 7, 128, 1001}) {
    INFO("blocks of " << block);
    CHECK(same_bits(split_and_merged(values, block, kCountShape, moments), s));
  }
}

TEST_CASE("statistics of ten values are numpy's, worked out by hand", "[output]") {
  // 1 to 10: numpy.quantile's virtual index is 9 p (0.45, 2.25, 4.5, 6.75, 8.55), so
  // p5 = 1.45, p25 = 3.25, p50 = 5.5, p75 = 7.75, p95 = 9.55; the sd (n - 1) is
  // sqrt(82.5 / 9). As counts and as real numbers (kept exactly: few distinct values).
  const std::vector<double> values = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6};
  const double expected[] = {5.5, std::sqrt(82.5 / 9), 1.45, 3.25, 5.5, 7.75, 9.55};
  wfsim::output::CountMoments counts;
  PowerOfTwoHistogram count_histogram, real_histogram;
  for (const double v : values) {
    counts.add(static_cast<std::int64_t>(v));
    count_histogram.add(v, kCountShape);
  }
  real_histogram.add_all(values, kRealShape);
  const auto as_counts = wfsim::output::statistics_of(count_histogram, counts);
  const auto as_reals = wfsim::output::statistics_of(real_histogram, wfsim::output::RealMoments::of(values));
  for (std::size_t k = 0; k < 7; ++k) {
    INFO(wfsim::output::kStatisticNames[k]);
    CHECK(as_counts[k] == Approx(expected[k]).epsilon(1e-15));
    CHECK(as_reals[k] == Approx(expected[k]).epsilon(1e-15));
  }
}

TEST_CASE("real quantiles: exact while few values are distinct, within a bin after", "[output]") {
  // A share of a small council: few distinct values, kept exactly.
  std::vector<double> few = {0.1, 0.2, 0.1, 0.15, 0.3, 0.2, 0.2, 0.1, 0.25, 0.15, 0.2};
  PowerOfTwoHistogram exact;
  exact.add_all(few, kRealShape);
  CHECK(exact.exact(kRealShape));
  // Continuous values: more than 64 distinct, so binned, and the same for any split.
  std::mt19937_64 draw(9);
  std::lognormal_distribution<double> spend(13.0, 0.2);
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) values.push_back(spend(draw));
  values[17] = std::nan("");  // undefined in one replication: left out
  PowerOfTwoHistogram whole;
  whole.add_all(values, kRealShape);
  CHECK_FALSE(whole.exact(kRealShape));
  CHECK(whole.values() == 4999);
  const auto moments = wfsim::output::RealMoments::of(values);
  const auto s = wfsim::output::statistics_of(whole, moments);
  for (const std::size_t block : {1, 81, 128, 4999}) {
    INFO("blocks of " << block);
    CHECK(same_bits(split_and_merged(values, block, kRealShape, moments), s));
  }
  std::vector<double> sorted;
  for (const double v : values) {
    if (!std::isnan(v)) sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());
  const double median = 0.5 * (sorted[2499] + sorted[2499]);  // n = 4999: the 2500th value
  CHECK(std::abs(s[4] - median) <= whole.error_bound(kRealShape));
  CHECK(whole.error_bound(kRealShape) <= 2 * (sorted.back() - sorted.front()) / (kRealShape.max_bins - 2));
}

TEST_CASE("moments merged block by block agree with two passes over all the values", "[output]") {
  std::vector<double> values;
  for (int i = 0; i < 300; ++i) values.push_back(std::sin(i) * 1e6 + 3e7);  // large mean, small spread
  wfsim::output::RealMoments merged;
  for (std::size_t i = 0; i < values.size(); i += 81) {
    merged.merge(
        wfsim::output::RealMoments::of(std::span(values).subspan(i, std::min<std::size_t>(81, values.size() - i))));
  }
  const auto whole = wfsim::output::RealMoments::of(values);
  CHECK(merged.n == 300);
  CHECK(merged.mean == Approx(whole.mean).epsilon(1e-14));
  CHECK(merged.sd() == Approx(whole.sd()).epsilon(1e-12));
}

TEST_CASE("an infinite value keeps the mean infinite in whichever block it falls", "[output]") {
  // The corrected two-pass mean took inf - inf within a block, and the merge of a block
  // holding it with a finite one did too: NaN either way (a review).
  using wfsim::output::RealMoments;
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> finite{1, 2}, infinite{inf, 3};
  for (const bool infinite_first : {true, false}) {
    RealMoments m = RealMoments::of(infinite_first ? infinite : finite);
    m.merge(RealMoments::of(infinite_first ? finite : infinite));
    INFO("the infinite block " << (infinite_first ? "first" : "second"));
    CHECK(m.n == 4);
    CHECK(m.mean == inf);
    CHECK(std::isnan(m.sd()));
  }
}

TEST_CASE("a block added to binned counts lands in the bins adding one by one gives", "[output]") {
  // add_all bins a block with one multiplication per value once the histogram is
  // binned; add() with ldexp. Values of every magnitude, down to where the bins are
  // narrower than a normal double (the multiplication's limit, where add_all falls back
  // to ldexp), must land alike: the histograms are the same, byte for byte.
  std::mt19937_64 draw(21);
  std::uniform_real_distribution<double> unit(1.0, 2.0);
  for (const double scale : {1e-310, 1e-300, 1e-12, 1.0, 3e5, 1e300}) {
    INFO("values near " << scale);
    std::vector<double> values;
    for (int i = 0; i < 700; ++i) values.push_back(scale * unit(draw));
    PowerOfTwoHistogram blocks, one_by_one;
    blocks.add_all(std::span(values).first(300), kRealShape);
    REQUIRE_FALSE(blocks.exact(kRealShape));  // so the next block takes the binned loop
    blocks.add_all(std::span(values).subspan(300), kRealShape);
    for (const double v : values) one_by_one.add(v, kRealShape);
    wfsim::output::ByteWriter a, b;
    blocks.write(a);
    one_by_one.write(b);
    CHECK(a.bytes() == b.bytes());
  }
}

TEST_CASE("counts added with their range known give the histogram add_all gives", "[output]") {
  // The summaries find a block's least and greatest count while checking each one, and
  // pass them on; the histogram must not depend on who found them.
  std::mt19937_64 draw(4);
  std::poisson_distribution<int> count(40);
  PowerOfTwoHistogram known, found;
  for (int block = 0; block < 5; ++block) {
    std::vector<double> values;
    for (int i = 0; i < 128; ++i) values.push_back(count(draw) * (block == 3 ? 9 : 1));  // block 3 widens the range
    known.add_all_in_range(values, *std::min_element(values.begin(), values.end()),
                           *std::max_element(values.begin(), values.end()), kCountShape);
    found.add_all(values, kCountShape);
  }
  wfsim::output::ByteWriter a, b;
  known.write(a);
  found.write(b);
  CHECK(a.bytes() == b.bytes());
  CHECK(known.values() == 640);
}
