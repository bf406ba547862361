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
  const std::size_t n = y.size(), k = x.size() + 1;  // the inputs and an intercept
  // A y that never varies has no variance to split (summing its mean's rounding error
  // would make some up).
  if (n <= k || std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); })) return std::nan("");
  double mean = 0;
  for (const double v : y) mean += v / static_cast<double>(n);
  double total = 0;
  for (const double v : y) total += (v - mean) * (v - mean);
  // The normal equations (A'A) b = A'y, solved by Gaussian elimination with partial
  // pivoting: a handful of inputs, so a k x k system.
  auto column = [&](std::size_t j, std::size_t i) { return j == 0 ? 1.0 : x[j - 1][i]; };
  std::vector<std::vector<double>> m(k, std::vector<double>(k + 1, 0.0));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t b = 0; b < k; ++b) m[a][b] += column(a, i) * column(b, i);
      m[a][k] += column(a, i) * y[i];
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
      for (std::size_t c = p; c <= k; ++c) m[r][c] -= f * m[p][c];
    }
  }
  double residual = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double fitted = 0;
    for (std::size_t j = 0; j < k; ++j) fitted += m[j][k] / m[j][j] * column(j, i);
    residual += (y[i] - fitted) * (y[i] - fitted);
  }
  return std::max(0.0, 1.0 - residual / total);
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
         "  inputs account for (R^2 of a linear fit on them; the rest is chance):\n";
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
