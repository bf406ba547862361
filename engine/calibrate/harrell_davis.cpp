#include "calibrate/harrell_davis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wfsim::calibrate {

namespace {

// The continued fraction of the regularised incomplete beta function, by the modified
// Lentz method; it converges quickly for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double epsilon = 1e-15;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::abs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double fraction = d;
  for (int m = 1; m <= 1000; ++m) {
    const double m2 = 2.0 * m;
    // The even step, then the odd step, of the fraction's terms.
    double term = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + term * d;
    c = 1.0 + term / c;
    d = 1.0 / (std::abs(d) < tiny ? tiny : d);
    c = std::abs(c) < tiny ? tiny : c;
    fraction *= d * c;
    term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + term * d;
    c = 1.0 + term / c;
    d = 1.0 / (std::abs(d) < tiny ? tiny : d);
    c = std::abs(c) < tiny ? tiny : c;
    const double change = d * c;
    fraction *= change;
    if (std::abs(change - 1.0) < epsilon) break;
  }
  return fraction;
}

// I_x(a, b): the probability that a Beta(a, b) variable is at most x.
double regularised_incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

}  // namespace

double harrell_davis_quantile(std::vector<double> values, double p) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  const double a = p * (n + 1.0);
  const double b = (1.0 - p) * (n + 1.0);
  double estimate = 0;
  double below = 0;  // I at (i - 1) / n
  for (std::size_t i = 1; i <= values.size(); ++i) {
    const double at = regularised_incomplete_beta(a, b, static_cast<double>(i) / n);
    estimate += (at - below) * values[i - 1];
    below = at;
  }
  return estimate;
}

}  // namespace wfsim::calibrate
