#include "cli/variants_info.hpp"

#include <H5DSpublic.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "cli/periods_shown.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"

namespace wfsim::cli {

namespace {

std::string text_attribute(const H5::H5Object& where, const char* name) {
  if (!where.attrExists(name)) return "";
  H5::Attribute a = where.openAttribute(name);
  std::string value;
  a.read(a.getStrType(), value);
  return value;
}

std::uint64_t whole_attribute(const H5::H5Object& where, const char* name) {
  std::uint64_t value = 0;
  if (where.attrExists(name)) where.openAttribute(name).read(H5::PredType::NATIVE_UINT64, &value);
  return value;
}

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

}  // namespace

void print_variants_info(const H5::H5File& file, const std::string& path, const std::string& format,
                         const std::vector<std::string>& asked, std::ostream& out) {
  const H5::Group root = file.openGroup("/");
  std::vector<std::string> variants = output::read_string_vector(file.openDataSet("variant"));
  const std::vector<std::string> dates = output::read_string_vector(file.openDataSet("date"));
  const std::vector<std::string> authorities = output::read_string_vector(file.openDataSet("authority"));
  const std::vector<std::string> statistics = output::read_string_vector(file.openDataSet("statistic"));
  const std::vector<std::string> differences = output::read_string_vector(file.openDataSet("difference_statistic"));
  const bool sweep = format == "wfsim-sweep";
  if (variants.empty() || dates.empty() || authorities.empty()) {
    throw output::OutputRefused("'" + path + "' is damaged: it has no variants, dates or authorities");
  }
  // The last period, or those of the dates asked for: found before anything is printed.
  const PeriodsShown shown = asked.empty() ? PeriodsShown{{dates.size() - 1}, ""} : periods_shown(asked, dates);
  out << path << ": wfsim " << (sweep ? "sweep" : "comparison") << ", format "
      << whole_attribute(root, "format_version") << "\n"
      << "  run          " << whole_attribute(root, "replications") << " replications of every "
      << (sweep ? "point" : "variant") << ", paired on common random numbers, seed " << whole_attribute(root, "seed")
      << ", wfsim " << text_attribute(root, "engine_version") << ", written " << text_attribute(root, "created_utc")
      << "\n"
      << "  command      " << text_attribute(root, "command_line") << "\n"
      << "  periods      " << dates.size() << " months, " << dates.front() << " to " << dates.back() << "\n";
  if (sweep) {
    // The points named by their values, in the order of the summary's dimensions
    // (the first swept key slowest), which the summary's dimension scales give.
    const H5::DataSet summary = file.openDataSet("summary/total_cost");
    const int keys = summary.getSpace().getSimpleExtentNdims() - 3;
    std::vector<std::pair<std::string, std::vector<std::string>>> axes;
    for (int k = 0; k < keys; ++k) {
      const std::string name = dimension_name(summary, k);
      if (name.empty() || !file.nameExists("sweep/" + name)) {
        throw output::OutputRefused("'" + path +
                                    "' was written by an earlier wfsim, without names for its swept dimensions; "
                                    "run the sweep again to read it here (wfsim-analysis still reads it)");
      }
      const H5::DataSet scale = file.openDataSet("sweep/" + name);
      std::vector<std::string> values = output::read_string_vector(scale);
      std::string listed;
      for (const auto& v : values) listed += (listed.empty() ? "" : ", ") + v;
      out << "  swept        " << text_attribute(scale, "long_name") << " (" << text_attribute(scale, "key")
          << "): " << listed << "\n";
      if (values.empty()) throw output::OutputRefused("'" + path + "' has a swept key without values");
      axes.emplace_back(text_attribute(scale, "long_name"), std::move(values));
    }
    for (std::size_t point = 0; point < variants.size(); ++point) {
      std::string label;
      std::size_t rest = point;
      for (int k = keys - 1; k >= 0; --k) {
        const auto& [meaning, values] = axes[static_cast<std::size_t>(k)];
        label = meaning + " " + values[rest % values.size()] + (label.empty() ? "" : ", " + label);
        rest /= values.size();
      }
      variants[point] = label;
    }
  }
  out << "  " << (sweep ? "points       " : "variants     ") << variants.size() << ": " << variants.front()
      << " (baseline)";
  for (std::size_t v = 1; v < variants.size(); ++v) out << "; " << variants[v];
  out << "\n";
  out << past_the_end_note(shown, dates);
  const std::size_t row = authorities.size() - 1;  // the region's row, or the only authority
  // One measure's lines: each variant's median and its difference from the baseline,
  // read from `summary_path` (variants..., statistic, authority[, time]) and
  // `difference_path` alike: at period `t` if `by_period`, else the one total.
  const auto print_measure = [&](const std::string& name, const std::string& summary_path,
                                 const std::string& difference_path, bool by_period, std::size_t t, double scale,
                                 const char* unit, int decimals) {
    std::vector<hsize_t> sd, dd;
    const std::vector<double> s = read_all(file.openDataSet(summary_path), sd);
    const std::vector<double> d = read_all(file.openDataSet(difference_path), dd);
    const std::size_t trailing = by_period ? 3 : 2;
    const std::size_t periods = by_period ? sd.back() : 1;
    const std::size_t rows = sd.size() >= trailing ? sd[sd.size() - trailing + 1] : 0;
    const std::size_t s_stats = sd.size() >= trailing ? sd[sd.size() - trailing] : 0;
    const std::size_t d_stats = dd.size() >= trailing ? dd[dd.size() - trailing] : 0;
    // A file that does not hang together is refused, not read out of bounds.
    if (s.size() != variants.size() * s_stats * rows * periods ||
        d.size() != variants.size() * d_stats * rows * periods || rows != authorities.size() ||
        (by_period && periods != dates.size()) || s_stats != statistics.size() || d_stats != differences.size()) {
      throw output::OutputRefused("'" + path + "' is damaged: the shape of " + summary_path +
                                  " does not match its variants, authorities, statistics and dates");
    }
    const std::size_t at = by_period ? t : 0;
    const auto s_at = [&](std::size_t v, std::size_t k) {
      return s[((v * s_stats + k) * rows + row) * periods + at] * scale;
    };
    const auto d_at = [&](std::size_t v, std::size_t k) {
      return d[((v * d_stats + k) * rows + row) * periods + at] * scale;
    };
    char line[256];
    out << "  " << name << " (" << unit << ")\n";
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const double median = s_at(v, index_of(statistics, "p50"));
      if (v == 0) {
        std::snprintf(line, sizeof line, "    %-56.56s %10.*f   baseline\n", variants[v].c_str(), decimals, median);
      } else {
        std::snprintf(line, sizeof line, "    %-56.56s %10.*f   %+9.*f (%+.*f to %+.*f)\n", variants[v].c_str(),
                      decimals, median, decimals, d_at(v, index_of(differences, "mean")), decimals,
                      d_at(v, index_of(differences, "ci95_low")), decimals,
                      d_at(v, index_of(differences, "ci95_high")));
      }
      out << (std::isnan(median) ? std::string("    ") + variants[v] + ": -\n" : std::string(line));
    }
  };
  struct Shown {
    const char* measure;
    double scale;
    const char* unit;
    int decimals = 1;
  };
  for (const std::size_t t : shown.periods) {
    out << "\n  " << authorities[row] << " at " << dates[t]
        << ": median across replications; difference from the baseline, mean (95% interval)\n";
    for (const Shown& m : {Shown{"total_cost", 1e-3, "GBP k/month"}, Shown{"staff_cost", 1e-3, "GBP k/month"},
                           Shown{"agency_share", 100, "%; points"}, Shown{"vacancy_rate", 100, "%; points"},
                           Shown{"uncovered_gap", 1, "posts"}}) {
      print_measure(m.measure, std::string("summary/") + m.measure, std::string("difference/") + m.measure, true, t,
                    m.scale, m.unit, m.decimals);
    }
  }
  // Costs and leavers over the whole run: one month's cost can mislead (a trainee
  // cohort's is booked in the month it starts). Files from before these totals lack them.
  if (!file.nameExists("total_summary")) return;
  out << "\n  " << authorities[row] << ", totals over the " << dates.size() << " months to " << dates.back()
      << ": median across replications; difference from the baseline, mean (95% interval)\n";
  // Millions to two decimals: a lever's cost over a run is often tens of thousands.
  for (const Shown& m : {Shown{"total_cost", 1e-6, "GBP m", 2}, Shown{"agency_spend", 1e-6, "GBP m", 2},
                         Shown{"policy_cost", 1e-6, "GBP m", 2}, Shown{"leavers_permanent", 1, "workers"},
                         Shown{"starters_permanent", 1, "workers"}}) {
    print_measure(m.measure, std::string("total_summary/") + m.measure, std::string("total_difference/") + m.measure,
                  false, 0, m.scale, m.unit, m.decimals);
  }
}

}  // namespace wfsim::cli
