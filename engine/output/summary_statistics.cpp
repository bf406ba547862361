#include "output/summary_statistics.hpp"

#include <algorithm>
#include <cmath>

namespace wfsim::output {

namespace {
double quantile_of_sorted(std::span<const double> sorted, double p) {
  const double h = p * static_cast<double>(sorted.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(h));
  if (lower + 1 >= sorted.size()) return sorted[sorted.size() - 1];
  return sorted[lower] + (h - static_cast<double>(lower)) * (sorted[lower + 1] - sorted[lower]);
}
}  // namespace

Statistics summarize(std::span<double> scratch) {
  const auto defined_end = std::remove_if(scratch.begin(), scratch.end(), [](double v) { return std::isnan(v); });
  const std::span<double> values(scratch.begin(), defined_end);
  const double nan = std::nan("");
  Statistics s;
  s.fill(nan);
  if (values.empty()) return s;
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  s[0] = mean;
  s[1] = values.size() > 1 ? std::sqrt(squares / (n - 1)) : nan;
  std::sort(values.begin(), values.end());
  const double probabilities[] = {0.05, 0.25, 0.50, 0.75, 0.95};
  for (std::size_t i = 0; i < 5; ++i) s[2 + i] = quantile_of_sorted(values, probabilities[i]);
  return s;
}

}  // namespace wfsim::output
