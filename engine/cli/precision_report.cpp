#include "cli/precision_report.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "cli/command_support.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/student_t.hpp"

namespace wfsim::cli {

namespace {

// A measure's mean, sd and the replications it is defined in, at the last period of its
// last row (the region's, where there is one), from the results file's summary.
struct LastCell {
  double mean, sd, defined;
};
LastCell last_cell(const H5::H5File& file, const char* measure, std::size_t replications) {
  H5::DataSet ds = file.openDataSet(std::string("summary/") + measure);
  hsize_t dims[3];
  ds.getSpace().getSimpleExtentDims(dims);
  std::vector<double> summary(dims[0] * dims[1] * dims[2]);
  ds.read(summary.data(), H5::PredType::NATIVE_DOUBLE);
  const hsize_t row = dims[1] - 1, t = dims[2] - 1;
  const auto at = [&](std::size_t statistic) { return summary[(statistic * dims[1] + row) * dims[2] + t]; };
  // A mean undefined in some replications (0/0) is over the others: the interval and
  // the replications needed are worked out from those (they were from all, too narrow).
  const std::vector<std::string> names = output::read_string_vector(file.openDataSet("statistic"));
  const auto n = std::find(names.begin(), names.end(), "n");
  const double defined = n == names.end() ? static_cast<double>(replications) : at(n - names.begin());
  return {at(0), at(1), defined};
}

// What the replications needed for +/-target say of those run: met, how many more, or
// more than one run takes.
std::string replications_advice(double target, double needed, std::size_t replications) {
  char line[200];
  // The replications needed, not at least those run: a planner asking whether fewer
  // would do is told so.
  const double most = static_cast<double>(kMaxReplications);
  if (needed <= static_cast<double>(replications)) {
    std::snprintf(line, sizeof line,
                  "  +/-%.3g%% on all of these is met: about %.0f replications would do (%zu were run)\n", 100 * target,
                  needed, replications);
  } else if (!(needed <= most)) {
    std::snprintf(line, sizeof line,
                  "  +/-%.3g%% on all of these needs more than %.0f replications, the most one run takes (%zu "
                  "were run): ask for a wider interval\n",
                  100 * target, most, replications);
  } else {
    std::snprintf(line, sizeof line, "  for +/-%.3g%% on all of these, run about %.0f replications (%zu were run)\n",
                  100 * target, needed, replications);
  }
  return line;
}

// `x` to `digits` significant figures, but a whole number in full from 10^digits on:
// England's spend at "%.4g" read 4.568e+04 GBP k/month.
std::string significant(double x, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", digits, x);
  // 9999.5 rounds up to "1e+04" at four figures, as 45680 does: shown whole instead.
  if (std::string(text).find('e') != std::string::npos && std::fabs(x) >= 1) {
    std::snprintf(text, sizeof text, "%.0f", x);
  }
  return text;
}

}  // namespace

void report_precision(const std::string& results_file, std::size_t replications, std::optional<double> target,
                      std::ostream& out) {
  if (replications < 2) {
    // Asked for and not worked out would read as met.
    if (target) out << "  --precision: a 95% interval on the mean needs at least 2 replications; 1 was run\n";
    return;
  }
  H5::H5File file(results_file, H5F_ACC_RDONLY);
  std::string left_out;  // measures whose interval cannot be a fraction of their mean
  double needed = 2;     // the fewest that give a standard deviation
  bool any = false;
  char line[200];
  // Shown as info shows them: shares in %, their interval in points, spend in GBP k.
  struct Shown {
    const char* measure;
    double scale;
    const char* unit;
    const char* interval_unit;
  };
  for (const auto& [measure, scale, unit, interval_unit] :
       {Shown{"agency_share", 100, "%", " points"}, Shown{"vacancy_rate", 100, "%", " points"},
        Shown{"uncovered_gap", 1, " posts", ""}, Shown{"agency_spend", 1e-3, " GBP k/month", ""}}) {
    const auto [mean, sd, n] = last_cell(file, measure, replications);
    if (!std::isfinite(mean) || !std::isfinite(sd) || mean == 0 || n < 2) {
      left_out += std::string(left_out.empty() ? "" : ", ") + measure;
      continue;
    }
    const double half = output::student_t_975(n) * sd / std::sqrt(n);
    const double relative = half / std::fabs(mean);
    if (!any) out << "  precision at the last period (95% interval on the mean):\n";
    any = true;
    const std::string over = n < static_cast<double>(replications)
                                 ? ", over the " + significant(n, 10) + " replications it is defined in"
                                 : "";
    std::snprintf(line, sizeof line, "    %-14s %s%s +/- %s%s (%.2f%% of the mean%s)\n", measure,
                  significant(mean * scale, 4).c_str(), unit, significant(half * scale, 3).c_str(), interval_unit,
                  100 * relative, over.c_str());
    out << line;
    if (target && *target > 0) {
      // As a double: 1e-20 asked for 1e40, which as a whole number wrapped to "2 would do".
      // Replications to run: those it must be defined in, at the rate it was.
      const double defined_needed = output::observations_for(sd, mean, *target);
      needed = std::max(needed, std::ceil(defined_needed * static_cast<double>(replications) / n));
    }
  }
  if (target && any) out << replications_advice(*target, needed, replications);
  if (target && !left_out.empty()) {
    out << "  (" << left_out << (left_out.find(',') == std::string::npos ? " is" : " are")
        << " left out: a mean of 0, or none, has no relative precision)\n";
  }
}

}  // namespace wfsim::cli
