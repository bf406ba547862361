// Random streams: pinned draws (so an accidental change to the generator, the
// seeding or a distribution shows up at once) and the statistical shape of each
// distribution family.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>

#include "kernel/distribution.hpp"
#include "kernel/random_stream.hpp"

using namespace wfsim::kernel;

TEST_CASE("draws for seed 12345 are pinned", "[random]") {
  RandomStream s(StreamKey{12345, 0, 0, 1});
  const std::uint64_t expected[] = {1322585092569891994ULL, 10492812750167623045ULL, 2775701323707699947ULL,
                                    7339074969190947215ULL, 15004052487240803026ULL};
  for (std::uint64_t e : expected) CHECK(s() == e);
  RandomStream t(StreamKey{12345, 7, 2, 3});
  const double expected_exp[] = {4.454051175027459, 5.9575866064099685, 6.5337728728217952, 6.9999119193094863,
                                 4.7343236356939276};
  const Distribution exp14 = Distribution::exponential(14.0);
  for (double e : expected_exp) CHECK(exp14.sample(t) == e);
}

TEST_CASE("streams differ when any part of the key differs", "[random]") {
  const StreamKey base{1, 2, 3, 4};
  const std::uint64_t first = RandomStream(base)();
  CHECK(RandomStream(StreamKey{2, 2, 3, 4})() != first);
  CHECK(RandomStream(StreamKey{1, 3, 3, 4})() != first);
  CHECK(RandomStream(StreamKey{1, 2, 4, 4})() != first);
  CHECK(RandomStream(StreamKey{1, 2, 3, 5})() != first);
  CHECK(RandomStream(base)() == first);
}

namespace {
// Mean of n draws, checked against the distribution's mean within 4 standard errors
// of the sample mean, using the known variance.
void check_mean(const Distribution& d, double variance, std::uint64_t seed) {
  RandomStream s(StreamKey{seed, 0, 0, 0});
  const int n = 200000;
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += d.sample(s);
  const double se = std::sqrt(variance / n);
  INFO(d.describe() << ": sample mean " << sum / n << ", expected " << d.mean() << ", SE " << se);
  CHECK(std::abs(sum / n - d.mean()) < 4 * se);
}
}  // namespace

TEST_CASE("distribution families have the means they claim", "[random]") {
  check_mean(Distribution::exponential(66.0), 66.0 * 66.0, 1);
  check_mean(Distribution::lognormal(17.0, 10.0), 100.0, 2);
  check_mean(Distribution::gamma(3.0, 49.0 / 3.0), 3.0 * (49.0 / 3.0) * (49.0 / 3.0), 3);
  check_mean(Distribution::uniform(10.0, 20.0), 100.0 / 12.0, 4);
  check_mean(Distribution::empirical({1.0, 2.0, 6.0}), (1 + 4 + 36) / 3.0 - 9.0, 5);
  RandomStream s;
  CHECK(Distribution::fixed(90.0).sample(s) == 90.0);
}

TEST_CASE("invalid distribution parameters are rejected", "[random]") {
  CHECK_THROWS(Distribution::exponential(0.0));
  CHECK_THROWS(Distribution::lognormal(10.0, -1.0));
  CHECK_THROWS(Distribution::gamma(0.0, 1.0));
  CHECK_THROWS(Distribution::fixed(-1.0));
  CHECK_THROWS(Distribution::empirical({}));
}
