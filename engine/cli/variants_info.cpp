#include "cli/variants_info.hpp"

#include <H5DSpublic.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "cli/authority_row.hpp"
#include "cli/command_support.hpp"
#include "cli/file_attributes.hpp"
#include "cli/periods_shown.hpp"
#include "cli/shown_measure.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"
#include "support/visible_text.hpp"

namespace wfsim::cli {

namespace {

// A difference with its sign, but none where it shows as 0: "-0.0" read as a change.
std::string signed_figure(double x, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%+.*f", decimals, x);
  const std::string digits(text);
  return digits.find_first_of("123456789") == std::string::npos ? digits.substr(1) : digits;
}

// The tables' column of variant or point labels: a longer label numbers them all.
constexpr int kLabelWidth = 56;

// A dataset's values, flattened, with its dimensions.
std::vector<double> read_all(const H5::DataSet& ds, std::vector<hsize_t>& dims) {
  const H5::DataSpace space = ds.getSpace();
  dims.resize(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(dims.data());
  std::size_t n = 1;
  for (hsize_t d : dims) n *= d;
  std::vector<double> values(n);
  ds.read(values.data(), H5::PredType::NATIVE_DOUBLE);
  return values;
}

// The name of dimension `axis` of a dataset: the dimension label HDF5 keeps for it.
std::string dimension_name(const H5::DataSet& dataset, int axis) {
  char name[256] = {};
  H5DSget_label(dataset.getId(), static_cast<unsigned>(axis), name, sizeof name);
  return name;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  return 0;
}

// What a comparison or sweep file's key measures are read against.
struct VariantsFile {
  const H5::H5File& file;
  const std::string& path;
  std::vector<std::string> variants, dates, authorities, statistics, differences;
  std::size_t row = 0;  // the region's row, or the only authority
  int label_width = kLabelWidth;
  // What the differences are from: a sweep's first point is only the first value listed,
  // not the scenario's own, which "baseline" would suggest.
  const char* reference = "baseline";
};

// A sweep's points named by their values, in the order of the summary's dimensions
// (the first swept key slowest), which the summary's dimension scales give; each swept
// key is printed as it is read.
void name_sweep_points(VariantsFile& f, std::ostream& out) {
  const H5::DataSet summary = f.file.openDataSet("summary/total_cost");
  const int keys = summary.getSpace().getSimpleExtentNdims() - 3;
  std::vector<std::pair<std::string, std::vector<std::string>>> axes;
  for (int k = 0; k < keys; ++k) {
    const std::string name = dimension_name(summary, k);
    if (name.empty() || !f.file.nameExists("sweep/" + name)) {
      throw output::OutputRefused("'" + f.path +
                                  "' was written by an earlier wfsim, without names for its swept dimensions; "
                                  "run the sweep again to read it here (wfsim-analysis still reads it)");
    }
    const H5::DataSet scale = f.file.openDataSet("sweep/" + name);
    std::vector<std::string> values = output::read_string_vector(scale);
    std::string listed;
    for (const auto& v : values) listed += (listed.empty() ? "" : ", ") + v;
    out << "  swept        " << text_attribute(scale, "long_name") << " (" << text_attribute(scale, "key")
        << "): " << listed << "\n";
    if (values.empty()) throw output::OutputRefused("'" + f.path + "' has a swept key without values");
    axes.emplace_back(text_attribute(scale, "long_name"), std::move(values));
  }
  for (std::size_t point = 0; point < f.variants.size(); ++point) {
    std::string label;
    std::size_t rest = point;
    for (int k = keys - 1; k >= 0; --k) {
      const auto& [meaning, values] = axes[static_cast<std::size_t>(k)];
      label = meaning + " " + values[rest % values.size()] + (label.empty() ? "" : ", " + label);
      rest /= values.size();
    }
    f.variants[point] = label;
  }
}

// One measure's lines: each variant's median and its difference from the baseline (or first point),
// read from `summary_path` (variants..., statistic, authority[, time]) and
// `difference_path` alike: at period `t` if `by_period`, else the one total.
void print_measure(const VariantsFile& f, std::ostream& out, const ShownMeasure& m, const std::string& summary_path,
                   const std::string& difference_path, bool by_period, std::size_t t) {
  std::vector<hsize_t> sd, dd;
  const std::vector<double> s = read_all(f.file.openDataSet(summary_path), sd);
  const std::vector<double> d = read_all(f.file.openDataSet(difference_path), dd);
  const std::size_t trailing = by_period ? 3 : 2;
  const std::size_t periods = by_period ? sd.back() : 1;
  const std::size_t rows = sd.size() >= trailing ? sd[sd.size() - trailing + 1] : 0;
  const std::size_t s_stats = sd.size() >= trailing ? sd[sd.size() - trailing] : 0;
  const std::size_t d_stats = dd.size() >= trailing ? dd[dd.size() - trailing] : 0;
  const std::size_t n = f.variants.size();
  // A file that does not hang together is refused, not read out of bounds.
  if (s.size() != n * s_stats * rows * periods || d.size() != n * d_stats * rows * periods ||
      rows != f.authorities.size() || (by_period && periods != f.dates.size()) || s_stats != f.statistics.size() ||
      d_stats != f.differences.size()) {
    throw output::OutputRefused("'" + f.path + "' is damaged: the shape of " + summary_path +
                                " does not match its variants, authorities, statistics and dates");
  }
  const std::size_t at = by_period ? t : 0;
  const auto s_at = [&](std::size_t v, std::size_t k) {
    return s[((v * s_stats + k) * rows + f.row) * periods + at] * m.scale;
  };
  const auto d_at = [&](std::size_t v, std::size_t k) {
    return d[((v * d_stats + k) * rows + f.row) * periods + at] * m.scale;
  };
  const int decimals = m.decimals;
  char line[256];
  out << "  " << m.measure << " (" << m.unit << ")\n";
  for (std::size_t v = 0; v < n; ++v) {
    const double median = s_at(v, index_of(f.statistics, "p50"));
    if (v == 0) {
      std::snprintf(line, sizeof line, "    %-*s %10.*f   %s\n", f.label_width, f.variants[v].c_str(), decimals, median,
                    f.reference);
    } else {
      std::snprintf(line, sizeof line, "    %-*s %10.*f   %9s (%s to %s)\n", f.label_width, f.variants[v].c_str(),
                    decimals, median, signed_figure(d_at(v, index_of(f.differences, "mean")), decimals).c_str(),
                    signed_figure(d_at(v, index_of(f.differences, "ci95_low")), decimals).c_str(),
                    signed_figure(d_at(v, index_of(f.differences, "ci95_high")), decimals).c_str());
    }
    out << (std::isnan(median) ? std::string("    ") + f.variants[v] + ": -\n" : std::string(line));
  }
}

void print_header(const VariantsFile& f, const H5::Group& root, bool sweep, std::ostream& out) {
  out << f.path << ": wfsim " << (sweep ? "sweep" : "comparison") << ", format "
      << whole_attribute(root, "format_version") << "\n"
      << "  run          " << periods_text(whole_attribute(root, "replications"), "replication") << " of every "
      << (sweep ? "point" : "variant") << ", paired on common random numbers, seed " << whole_attribute(root, "seed")
      << ", wfsim " << one_line_attribute(root, "engine_version") << ", written "
      << one_line_attribute(root, "created_utc") << "\n"
      << "  command      " << one_line_attribute(root, "command_line") << "\n"
      << "  periods      " << periods_counted(f.dates, text_attribute(root, "report_start_date")) << ", "
      << f.dates.front() << " to " << f.dates.back() << "\n";
  // What the command said of its scenarios as it began (files from before 2026-12-06 have none).
  print_listed(out, "notes", text_attribute(root, "notes"));
}

// Costs and leavers over the whole run: one month's cost can mislead (a trainee
// cohort's is booked in the month it starts). Files from before these totals lack them.
void print_totals(const VariantsFile& f, std::ostream& out) {
  if (!f.file.nameExists("total_summary")) return;
  out << "\n  " << support::visible_text(f.authorities[f.row], false) << ", totals over the "
      << periods_counted(f.dates, text_attribute(f.file.openGroup("/"), "report_start_date")) << " to "
      << f.dates.back() << ": median across replications; difference from the " << f.reference
      << ", mean (95% interval)\n";
  // Millions to two decimals: a lever's cost over a run is often tens of thousands.
  // Total cost and all three of its parts, so that they add up on the screen.
  for (const ShownMeasure& m :
       {ShownMeasure{"total_cost", 1e-6, "GBP m", 2}, ShownMeasure{"permanent_staff_cost", 1e-6, "GBP m", 2},
        ShownMeasure{"agency_spend", 1e-6, "GBP m", 2}, ShownMeasure{"policy_cost", 1e-6, "GBP m", 2},
        ShownMeasure{"leavers_permanent", 1, "workers"}, ShownMeasure{"starters_permanent", 1, "workers"}}) {
    print_measure(f, out, m, std::string("total_summary/") + m.measure, std::string("total_difference/") + m.measure,
                  false, 0);
  }
}

}  // namespace

void print_variants_info(const H5::H5File& file, const std::string& path, const std::string& format,
                         const std::vector<std::string>& asked, const std::string& authority, std::ostream& out) {
  const H5::Group root = file.openGroup("/");
  VariantsFile f{file,
                 path,
                 output::read_string_vector(file.openDataSet("variant")),
                 output::read_string_vector(file.openDataSet("date")),
                 output::read_string_vector(file.openDataSet("authority")),
                 output::read_string_vector(file.openDataSet("statistic")),
                 output::read_string_vector(file.openDataSet("difference_statistic"))};
  const bool sweep = format == "wfsim-sweep";
  if (sweep) f.reference = "first point";
  if (f.variants.empty() || f.dates.empty() || f.authorities.empty()) {
    throw output::OutputRefused("'" + path + "' is damaged: it has no variants, dates or authorities");
  }
  f.row = authority_row(f.authorities, authority, path, true);
  // The last period, or those of the dates asked for: found before anything is printed.
  const PeriodsShown shown = asked.empty() ? PeriodsShown{{f.dates.size() - 1}, "", ""} : periods_shown(asked, f.dates);
  print_header(f, root, sweep, out);
  if (sweep) name_sweep_points(f, out);
  const bool numbered = std::any_of(f.variants.begin(), f.variants.end(), [](const std::string& v) {
    return v.size() > static_cast<std::size_t>(kLabelWidth);
  });
  out << "  " << (sweep ? "points       " : "variants     ") << f.variants.size();
  if (numbered) {
    // Too long for the tables' column, where a sweep of three keys once showed four
    // rows alike, cut at the same place: the tables name them by number instead.
    out << ", numbered in the tables below:\n";
    for (std::size_t v = 0; v < f.variants.size(); ++v) {
      out << "               #" << v + 1 << "  " << f.variants[v]
          << (v == 0 ? std::string(" (") + f.reference + ")" : "") << "\n";
      f.variants[v] = "#" + std::to_string(v + 1);
    }
    f.label_width = static_cast<int>(f.variants.back().size());
  } else {
    out << ": " << f.variants.front() << " (" << f.reference << ")";
    for (std::size_t v = 1; v < f.variants.size(); ++v) out << "; " << f.variants[v];
    out << "\n";
  }
  out << dates_note(shown, f.dates);
  // Files from before 2026-12-03 have no report_start_date: nothing is said of the first.
  const std::string first_day = text_attribute(root, "report_start_date");
  if (!first_day.empty()) out << partial_periods_note(shown.periods, f.dates, first_day);
  for (const std::size_t t : shown.periods) {
    out << "\n  " << support::visible_text(f.authorities[f.row], false) << " at " << f.dates[t]
        << ": median across replications; difference from the " << f.reference << ", mean (95% interval)\n";
    for (const ShownMeasure& m :
         {ShownMeasure{"total_cost", 1e-3, "GBP k/month"}, ShownMeasure{"staff_cost", 1e-3, "GBP k/month"},
          ShownMeasure{"agency_share", 100, "%; points"}, ShownMeasure{"vacancy_rate", 100, "%; points"},
          ShownMeasure{"uncovered_gap", 1, "posts"}}) {
      print_measure(f, out, m, std::string("summary/") + m.measure, std::string("difference/") + m.measure, true, t);
    }
  }
  print_totals(f, out);
}

}  // namespace wfsim::cli
