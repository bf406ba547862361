#include "cli/input_split.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"

namespace wfsim::cli {

double explained_share(const std::vector<std::vector<double>>& x, const std::vector<double>& y) {
  const std::size_t n = y.size(), k = x.size();
  // A y that never varies has no variance to split (summing its mean's rounding error
  // would make some up); with no more replications than parameters, nothing is left to
  // tell the inputs from chance.
  if (n <= k + 1 || std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); })) return std::nan("");
  // A k x k system: past a thousand inputs (no scenario comes near) no share is given,
  // rather than a system of gigabytes.
  constexpr std::size_t kMostInputsFitted = 1000;
  if (k > kMostInputsFitted) return std::nan("");
  const auto mean_of = [n](const std::vector<double>& v) {
    double mean = 0;
    for (const double e : v) mean += e / static_cast<double>(n);
    return mean;
  };
  // Inputs and y centred on their means (the intercept's part): an input of a tiny
  // spread about a large mean otherwise loses its digits in the normal equations.
  std::vector<std::vector<double>> c(k, std::vector<double>(n));
  for (std::size_t j = 0; j < k; ++j) {
    const double mean = mean_of(x[j]);
    for (std::size_t i = 0; i < n; ++i) c[j][i] = x[j][i] - mean;
  }
  const double y_mean = mean_of(y);
  double total = 0;
  for (const double v : y) total += (v - y_mean) * (v - y_mean);
  // The normal equations (C'C) b = C'(y - mean), solved by Gaussian elimination with
  // partial pivoting: a handful of inputs, so a k x k system.
  std::vector<std::vector<double>> m(k, std::vector<double>(k + 1, 0.0));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t b = 0; b < k; ++b) m[a][b] += c[a][i] * c[b][i];
      m[a][k] += c[a][i] * (y[i] - y_mean);
    }
  }
  for (std::size_t p = 0; p < k; ++p) {
    std::size_t best = p;
    for (std::size_t r = p + 1; r < k; ++r) {
      if (std::abs(m[r][p]) > std::abs(m[best][p])) best = r;
    }
    std::swap(m[p], m[best]);
    if (std::abs(m[p][p]) < 1e-300) return std::nan("");  // an input that did not vary
    for (std::size_t r = 0; r < k; ++r) {
      if (r == p) continue;
      const double f = m[r][p] / m[p][p];
      for (std::size_t col = p; col <= k; ++col) m[r][col] -= f * m[p][col];
    }
  }
  double residual = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double fitted = y_mean;
    for (std::size_t j = 0; j < k; ++j) fitted += m[j][k] / m[j][j] * c[j][i];
    residual += (y[i] - fitted) * (y[i] - fitted);
  }
  // Adjusted for the fit's own freedom: inputs that do nothing leave a plain R^2 of
  // k / (n - 1) on average (14% with 4 inputs and 30 replications), which is chance.
  const double nn = static_cast<double>(n), kk = static_cast<double>(k);
  return std::max(0.0, 1.0 - (residual / total) * (nn - 1) / (nn - kk - 1));
}

namespace {

// An attribute holding one entry a line.
std::vector<std::string> attribute_lines(const H5::Group& group, const char* name) {
  std::string text;
  H5::Attribute a = group.openAttribute(name);
  a.read(a.getStrType(), text);
  std::vector<std::string> split;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) split.push_back(line);
  return split;
}

// The inputs drawn, one column an input and a row a replication.
std::vector<std::vector<double>> drawn_inputs(const H5::Group& group, const std::string& path,
                                              std::size_t& replications) {
  H5::DataSet values = group.openDataSet("values");
  // Dimensions are read only after their number is checked: a damaged or foreign file's
  // dataset of more would overrun the array they are read into.
  if (values.getSpace().getSimpleExtentNdims() != 2) {
    throw output::OutputRefused("'" + path + "' is damaged: inputs/values is not a table of replications and inputs");
  }
  hsize_t shape[2];
  values.getSpace().getSimpleExtentDims(shape);
  std::vector<double> drawn(shape[0] * shape[1]);
  values.read(drawn.data(), H5::PredType::NATIVE_DOUBLE);
  std::vector<std::vector<double>> x(shape[1], std::vector<double>(shape[0]));
  for (std::size_t r = 0; r < shape[0]; ++r) {
    for (std::size_t j = 0; j < shape[1]; ++j) x[j][r] = drawn[r * shape[1] + j];
  }
  replications = shape[0];
  return x;
}

}  // namespace

void print_input_split(const H5::H5File& file, const std::string& path, std::size_t row, std::ostream& out) {
  if (!file.nameExists("inputs")) return;
  const H5::Group group = file.openGroup("inputs");
  const auto paths = attribute_lines(group, "paths"), descriptions = attribute_lines(group, "descriptions");
  std::size_t replications = 0;
  const std::vector<std::vector<double>> x = drawn_inputs(group, path, replications);
  out << "\n  uncertain inputs, drawn once for each replication:\n";
  for (std::size_t j = 0; j < paths.size(); ++j) {
    out << "    " << paths[j] << ": " << (j < descriptions.size() ? descriptions[j] : "") << "\n";
  }
  out << "  share of each measure's variance across replications at the last period that the\n"
         "  inputs account for (adjusted R^2 of a linear fit on them; the rest is chance):\n";
  bool any = false;
  for (const char* measure : {"permanent_headcount", "vacancies", "agency_headcount", "uncovered_gap",
                              "leavers_permanent", "starters_permanent", "agency_spend"}) {
    const std::string name = std::string("series/") + measure;
    if (!file.nameExists(name)) continue;
    H5::DataSet ds = file.openDataSet(name);
    if (ds.getSpace().getSimpleExtentNdims() != 3) {
      throw output::OutputRefused("'" + path + "' is damaged: " + name +
                                  " is not a series of replications, authorities and periods");
    }
    hsize_t dims[3];
    ds.getSpace().getSimpleExtentDims(dims);
    if (dims[0] != replications || row >= dims[1] || dims[2] == 0) continue;
    std::vector<double> all(dims[0] * dims[1] * dims[2]);
    ds.read(all.data(), H5::PredType::NATIVE_DOUBLE);
    std::vector<double> y(dims[0]);
    for (std::size_t r = 0; r < dims[0]; ++r) y[r] = all[(r * dims[1] + row) * dims[2] + dims[2] - 1];
    const double share = explained_share(x, y);
    char line[96];
    if (std::isnan(share)) {
      std::snprintf(line, sizeof line, "    %-22s     -\n", measure);
    } else {
      std::snprintf(line, sizeof line, "    %-22s %5.0f%%\n", measure, 100 * share);
    }
    out << line;
    any = true;
  }
  if (!any) out << "    (no per-replication series kept: run with the default --keep, or --keep series=...)\n";
}

}  // namespace wfsim::cli
