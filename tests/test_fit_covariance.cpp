// The fit's uncertainty (calibrate/fit_covariance.hpp), against values worked out by hand.

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "calibrate/fit_covariance.hpp"

using namespace wfsim::calibrate;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("a mean's standard error keeps its digits when the spread is far below the mean", "[calibrate]") {
  // Sums of squares near 3e18 (a one-pass formula's) hold no digit of a spread of 1.
  const MeanAndError e = mean_and_error({1e9 + 1, 1e9 + 2, 1e9 + 3});
  CHECK(e.mean == 1e9 + 2);
  CHECK(e.standard_error == Approx(std::sqrt(1.0 / 3.0)).epsilon(1e-12));
  CHECK(mean_and_error({5.0}).standard_error == 0);
}

TEST_CASE("the covariance of two means shares only the replications where both are defined", "[calibrate]") {
  // Means 2 (over 3) and 5.75 (over 4); products of deviations over the 3 shared
  // replications 3.75 + 0 + 1.25 = 5, over sqrt(3 x 2 x 4 x 3).
  const Matrix c = covariance_of_means({{1, 2, 3, kNaN}, {2, 4, 7, 10}});
  CHECK(c[0][0] == Approx(1.0 / 3.0));
  CHECK(c[1][1] == Approx(36.75 / 3 / 4));
  CHECK(c[0][1] == Approx(5 / std::sqrt(72.0)));
  CHECK(c[1][0] == c[0][1]);
  // Every value defined: the sample covariance over n ((-1)(-7/3) + 0 + (1)(8/3) = 5, / 2 / 3).
  const Matrix all = covariance_of_means({{1, 2, 3}, {2, 4, 7}});
  CHECK(all[0][1] == Approx(5.0 / 2 / 3));
}

TEST_CASE("the means' covariance has no negative variance however the undefined values fall", "[calibrate]") {
  // Taken pair by pair over the replications both define, these gave [[6.67, 33.3],
  // [33.3, 100]], whose determinant is negative: a variance below zero along (1, -1/3),
  // and a parameter reported undetermined rather than uncertain (a review).
  const Matrix c = covariance_of_means({{0, 0, 0, 0, 10, -10}, {kNaN, kNaN, kNaN, kNaN, 10, -10}});
  CHECK(c[0][0] >= 0);
  CHECK(c[1][1] >= 0);
  CHECK(c[0][0] * c[1][1] - c[0][1] * c[1][0] >= -1e-12);
}

TEST_CASE("with as many targets as parameters the errors' correlation counts and the weights do not", "[calibrate]") {
  // J = [[2, 0], [1, 1]], J^-1 = [[0.5, 0], [-0.5, 1]]; J^-1 S J^-T by hand.
  const Matrix jacobian{{2, 0}, {1, 1}};
  const Matrix errors{{1, 0.5}, {0.5, 2}};
  for (const std::vector<double>& weights : {std::vector<double>{1, 1}, std::vector<double>{1, 100}}) {
    const Matrix c = parameter_covariance(jacobian, weights, errors);
    REQUIRE(c.size() == 2);
    CHECK(c[0][0] == Approx(0.25));
    CHECK(c[0][1] == Approx(0).margin(1e-12));
    CHECK(c[1][1] == Approx(1.75));
  }
  // Taken as uncorrelated the same errors give 2.25: the correlation is not optional.
  const Matrix apart = parameter_covariance(jacobian, {1, 1}, {{1, 0}, {0, 2}});
  CHECK(apart[1][1] == Approx(2.25));
}

TEST_CASE("with more targets than parameters the search's own weights carry the errors", "[calibrate]") {
  // One parameter, J = (1, 2), weights (1, 1/4): J'WJ = 2, A = (0.5, 0.25), and
  // A S A' = 0.25 + 2 x 0.5 x 0.25 x 0.8 + 0.0625 x 4 = 0.7.
  const Matrix c = parameter_covariance({{1}, {2}}, {1, 0.25}, {{1, 0.8}, {0.8, 4}});
  REQUIRE(c.size() == 1);
  CHECK(c[0][0] == Approx(0.7));
  // Taken as uncorrelated (the weights here being their inverse variances, as the fit
  // once assumed), the same errors give (1/1 + 4/4)^-1 = 0.5.
  const Matrix uncorrelated{{1, 0}, {0, 4}};
  CHECK(parameter_covariance({{1}, {2}}, {1, 0.25}, uncorrelated)[0][0] == Approx(0.5));
}

TEST_CASE("parameters the targets cannot determine have no covariance", "[calibrate]") {
  CHECK(parameter_covariance({{1, 2}}, {1}, {{1}}).empty());                        // two parameters, one target
  CHECK(parameter_covariance({{1, 1}, {1, 1}}, {1, 1}, {{1, 0}, {0, 1}}).empty());  // no effect apart
  CHECK(inverse({{0, 0}, {0, 0}}).empty());
}
