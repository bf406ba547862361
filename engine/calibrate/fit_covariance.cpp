#include "calibrate/fit_covariance.hpp"

#include <cmath>

namespace wfsim::calibrate {

MeanAndError mean_and_error(const std::vector<double>& values) {
  const auto n = static_cast<double>(values.size());
  double sum = 0;
  for (const double v : values) sum += v;
  const double mean = sum / n;
  if (values.size() < 2) return {mean, 0.0};
  double squares = 0;
  for (const double v : values) squares += (v - mean) * (v - mean);
  return {mean, std::sqrt(squares / (n - 1) / n)};
}

Matrix covariance_of_means(const std::vector<std::vector<double>>& values) {
  const std::size_t targets = values.size();
  // Each target's deviations from its own mean, scaled by sqrt(n (n - 1)) over its own
  // n defined values: a sum of their products over the replications is then the square
  // of the mean's standard error on the diagonal, and the whole is a sum of outer
  // products, so never a negative variance.
  std::vector<std::vector<double>> scaled(targets);
  for (std::size_t i = 0; i < targets; ++i) {
    double sum = 0, defined = 0;
    for (const double v : values[i]) {
      if (!std::isnan(v)) sum += v, defined += 1;
    }
    scaled[i].assign(values[i].size(), 0.0);
    if (defined < 2) continue;
    const double mean = sum / defined, scale = std::sqrt(defined * (defined - 1));
    for (std::size_t k = 0; k < values[i].size(); ++k) {
      if (!std::isnan(values[i][k])) scaled[i][k] = (values[i][k] - mean) / scale;
    }
  }
  Matrix covariance(targets, std::vector<double>(targets, 0));
  for (std::size_t i = 0; i < targets; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double products = 0;
      for (std::size_t k = 0; k < scaled[i].size() && k < scaled[j].size(); ++k)
        products += scaled[i][k] * scaled[j][k];
      covariance[i][j] = covariance[j][i] = products;
    }
  }
  return covariance;
}

Matrix inverse(Matrix a) {
  const std::size_t n = a.size();
  Matrix inv(n, std::vector<double>(n, 0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    }
    if (std::abs(a[pivot][c]) < 1e-300) return {};
    std::swap(a[c], a[pivot]);
    std::swap(inv[c], inv[pivot]);
    const double d = a[c][c];
    for (std::size_t k = 0; k < n; ++k) a[c][k] /= d, inv[c][k] /= d;
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a[r][c];
      for (std::size_t k = 0; k < n; ++k) a[r][k] -= f * a[c][k], inv[r][k] -= f * inv[c][k];
    }
  }
  return inv;
}

Matrix parameter_covariance(const Matrix& jacobian, const std::vector<double>& weights, const Matrix& errors) {
  const std::size_t targets = jacobian.size();
  const std::size_t parameters = targets > 0 ? jacobian[0].size() : 0;
  if (parameters == 0 || targets < parameters) return {};
  Matrix information(parameters, std::vector<double>(parameters, 0));
  for (std::size_t i = 0; i < targets; ++i) {
    for (std::size_t a = 0; a < parameters; ++a) {
      for (std::size_t b = 0; b < parameters; ++b) information[a][b] += jacobian[i][a] * weights[i] * jacobian[i][b];
    }
  }
  const Matrix bread = inverse(information);
  if (bread.empty()) return {};
  // A = (J'WJ)^-1 J'W: gain[j][i], how far parameter j moves for target i's error.
  Matrix gain(parameters, std::vector<double>(targets, 0));
  for (std::size_t j = 0; j < parameters; ++j) {
    for (std::size_t i = 0; i < targets; ++i) {
      for (std::size_t b = 0; b < parameters; ++b) gain[j][i] += bread[j][b] * jacobian[i][b] * weights[i];
    }
  }
  Matrix covariance(parameters, std::vector<double>(parameters, 0));
  for (std::size_t a = 0; a < parameters; ++a) {
    for (std::size_t b = 0; b < parameters; ++b) {
      for (std::size_t i = 0; i < targets; ++i) {
        for (std::size_t k = 0; k < targets; ++k) covariance[a][b] += gain[a][i] * errors[i][k] * gain[b][k];
      }
    }
  }
  return covariance;
}

}  // namespace wfsim::calibrate
