#include "cli/info_command.hpp"

#include <H5Cpp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "cli/authority_row.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "cli/file_attributes.hpp"
#include "cli/input_split.hpp"
#include "cli/periods_shown.hpp"
#include "cli/shown_measure.hpp"
#include "cli/variants_info.hpp"
#include "kernel/calendar.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/results_format.hpp"
#include "support/damaged_input_guard.hpp"
#include "support/input_file.hpp"
#include "support/visible_text.hpp"

namespace wfsim::cli {

namespace {

void print_opened(const H5::H5File& file, const std::string& path, const std::vector<std::string>& dates,
                  const std::string& authority, std::ostream& out);

// The top-level parts every file of its format has that this one lacks ("'summary' or
// 'date'"); empty if it has them all, or says no wfsim format.
std::string missing_parts(const H5::H5File& file) {
  std::string format;
  try {
    format = text_attribute(file.openGroup("/"), "format");
  } catch (const H5::Exception&) {
    return "";
  }
  std::vector<std::string> parts;
  if (format == "wfsim-results") {
    parts = {"date", "authority", "statistic", "summary"};
  } else if (format == "wfsim-comparison" || format == "wfsim-sweep") {
    parts = {"variant", "date", "authority", "statistic", "difference_statistic", "summary", "difference"};
  }
  std::string missing;
  std::size_t count = 0;
  for (const std::string& part : parts) {
    if (file.nameExists(part)) continue;
    missing += (missing.empty() ? "'" : "', '") + part;
    ++count;
  }
  if (count == 0) return "";
  missing += "'";
  const std::size_t last = missing.rfind(", ");
  if (last != std::string::npos) missing.replace(last, 2, " or ");
  return missing;
}

// Why a file that opened could not be read. A whole file without wfsim's parts is not
// damaged: xarray's to_netcdf of what wfsim_analysis.open gives copies the format
// attribute into a file of its own.
output::OutputRefused unreadable(const H5::H5File& file, const std::string& path) {
  std::string missing;
  try {
    missing = missing_parts(file);
  } catch (const H5::Exception&) {
    missing.clear();  // too damaged to tell: said as damaged below
  }
  if (!missing.empty()) {
    return output::OutputRefused("'" + path + "' says it is a " + text_attribute(file.openGroup("/"), "format") +
                                 " file but has no " + missing +
                                 ": it is not one wfsim wrote whole (another program may have copied wfsim's "
                                 "attributes, as xarray's to_netcdf of wfsim_analysis.open's dataset does, or it "
                                 "is damaged); give the file wfsim wrote");
  }
  return output::OutputRefused("cannot read '" + path +
                               "': it opens as HDF5 but part of it cannot be read, so it is damaged; run it again");
}

// A file of another layout would be misread, its figures shown as if right. Every file
// wfsim writes says its version, a whole number (1.7 was read as 1, and 2^32 + 1 as the
// largest int, once passed or misnamed). One without it is not wfsim's whole.
void check_format_version(const H5::H5File& file, const std::string& path) {
  const H5::Group root = file.openGroup("/");
  if (!root.attrExists("format_version")) {
    if (!missing_parts(file).empty()) throw unreadable(file, path);
    throw output::OutputRefused("'" + path + "' says no format_version: it is not a file wfsim wrote whole");
  }
  const H5::Attribute attribute = root.openAttribute("format_version");
  const H5T_class_t kind = attribute.getTypeClass();
  double value = 0;  // read as a real number, so that 1.7 is not 1 (1.0, as Python may write it, is)
  if ((kind != H5T_INTEGER && kind != H5T_FLOAT) || attribute.getSpace().getSimpleExtentNpoints() != 1) {
    throw output::OutputRefused("'" + path + "' is damaged: its format_version is not a number");
  }
  attribute.read(H5::PredType::NATIVE_DOUBLE, &value);
  if (!(std::abs(value) < 1e15) || value != std::floor(value)) {
    throw output::OutputRefused("'" + path + "' is damaged: its format_version is not a whole number");
  }
  const auto version = static_cast<std::int64_t>(value);
  if (version != output::kResultsFormatVersion) {
    throw output::OutputRefused("'" + path + "' is a wfsim file of format " + std::to_string(version) +
                                "; this wfsim reads format " + std::to_string(output::kResultsFormatVersion) +
                                " (read it with the wfsim that wrote it: its engine_version attribute names it)");
  }
}

// The run's counts, as info shows them: an edited file's replications of -5 was shown
// as "0 replications" and a seed of 1.5 as 1, where the analysis package refuses both
// as damaged (a hostile-input review).
void check_run_counts(const H5::H5File& file, const std::string& path) {
  const H5::Group root = file.openGroup("/");
  for (const char* name : {"replications", "seed"}) {
    if (!root.attrExists(name)) continue;
    const H5::Attribute attribute = root.openAttribute(name);
    bool whole = attribute.getTypeClass() == H5T_INTEGER && attribute.getSpace().getSimpleExtentNpoints() == 1;
    if (whole && attribute.getIntType().getSign() != H5T_SGN_NONE) {
      std::int64_t value = 0;
      attribute.read(H5::PredType::NATIVE_INT64, &value);
      whole = value >= 0;
    }
    if (!whole) throw output::OutputRefused("'" + path + "' is damaged: its " + name + " is not a whole number >= 0");
  }
}

}  // namespace

void print_info(const std::string& path, const std::vector<std::string>& dates, const std::string& authority,
                std::ostream& out) {
  H5::Exception::dontPrint();
  for (const auto& d : dates) {
    // Checked as a date first: "01/01/2017" is a format mistake, not a missing period.
    if (!kernel::parse_iso_date(d)) {
      const std::string problem = kernel::iso_date_problem(d);
      throw output::OutputRefused(problem.empty()
                                      ? "--date takes a date as YYYY-MM-DD, such as 2017-03-31; got '" + d + "'"
                                      : "--date '" + d + "' is not a date: " + problem);
    }
  }
  try {
    support::check_regular_file(path);
  } catch (const support::InputFileError& e) {
    throw output::OutputRefused("cannot read '" + path + "': " + e.what());
  }
  if (::access(path.c_str(), R_OK) != 0) {
    throw output::OutputRefused("cannot read '" + path + "': " + std::strerror(errno));
  }
  // info writes nothing: a crash inside HDF5 on a damaged file is said as such.
  const support::DamagedInputGuard guard(
      "error: cannot read '" + path + "': it is damaged (HDF5 failed inside it while reading); run it again",
      kBadInput);
  H5::H5File file;
  try {
    file = H5::H5File(path, H5F_ACC_RDONLY);
  } catch (const H5::Exception&) {
    const bool yaml = path.size() > 5 && (path.ends_with(".yaml") || path.ends_with(".yml"));
    const bool csv = path.size() > 4 && path.ends_with(".csv");
    // HDF5's own test finds its signature (at any user-block offset) even in a file cut
    // short: such a file is damaged, not "not HDF5 at all".
    if (H5Fis_hdf5(path.c_str()) > 0) {
      throw output::OutputRefused("cannot read '" + path +
                                  "': it is an HDF5 file that HDF5 cannot open, damaged or cut short (was it copied "
                                  "or written to the end?)");
    }
    throw output::OutputRefused("'" + path + "' is not a wfsim results file" +
                                (yaml ? ": it looks like a scenario; check it with 'wfsim validate " + path +
                                            "', or run it with 'wfsim run " + path +
                                            " -o OUT.h5' and then ask 'wfsim info OUT.h5'"
                                 : csv ? ": it looks like a CSV table (wfsim-analysis's export, or wfsim backtest's "
                                         "table, which 'wfsim-analysis backtest " +
                                             path + " -o CHART.png' charts)"
                                       : " (not HDF5 at all)"));
  }
  // A file that opens may still be damaged inside: what cannot be read is the input's
  // fault, said as such, not a failure to write.
  // Printed only once all of it has been read: a damaged measure half-way through the
  // table left its first rows on standard output ahead of the error.
  std::ostringstream table;
  try {
    print_opened(file, path, dates, authority, table);
    // Names and the command line come from the file: a tampered one's escape sequences
    // would act on the terminal.
    out << support::visible_text(table.str());
  } catch (const H5::Exception&) {
    throw unreadable(file, path);
  }
}

namespace {

void print_results_header(const H5::Group& root, const std::string& path, const std::vector<std::string>& authorities,
                          const std::vector<std::string>& period_dates, std::ostream& out) {
  out << path << ": wfsim results, format " << whole_attribute(root, "format_version") << "\n"
      << "  scenario     " << one_line_attribute(root, "scenario_name") << " ("
      << one_line_attribute(root, "scenario_file") << ")\n"
      << "  run          " << periods_text(whole_attribute(root, "replications"), "replication") << ", seed "
      << whole_attribute(root, "seed") << ", wfsim " << one_line_attribute(root, "engine_version") << ", written "
      << one_line_attribute(root, "created_utc") << "\n"
      << "  command      " << one_line_attribute(root, "command_line") << "\n"
      << "  periods      " << periods_counted(period_dates, text_attribute(root, "report_start_date")) << ", "
      << period_dates.front() << " to " << period_dates.back() << "\n  authorities  ";
  // Several councils end with their total row, which is not one more authority.
  const std::size_t councils = authorities.size() > 1 ? authorities.size() - 1 : authorities.size();
  out << councils << ":";
  for (std::size_t i = 0; i < councils; ++i) out << (i ? "; " : " ") << support::visible_text(authorities[i], false);
  if (councils < authorities.size()) out << "; and their total, " << support::visible_text(authorities.back(), false);
  out << "\n";
  // A variant's bases, nearest first (its own file is only its differences from them),
  // and the overrides.
  print_listed(out, "extends", root.attrExists("extends") ? text_attribute(root, "extends") : "");
  print_listed(out, "overrides", text_attribute(root, "overrides"));
  print_listed(out, "notes", text_attribute(root, "notes"));
}

// A measure's summary (statistic, authority, time), refused unless it has the file's
// authorities and dates and at least the seven statistics read here (files since
// 2026-12-07 add an eighth, n): a damaged file is not read out of bounds.
std::vector<double> read_summary(const H5::H5File& file, const std::string& path, const char* measure,
                                 std::size_t authorities, std::size_t periods, hsize_t (&dims)[3]) {
  H5::DataSet ds = file.openDataSet(std::string("summary/") + measure);
  const H5::DataSpace space = ds.getSpace();
  const bool three = space.getSimpleExtentNdims() == 3;  // else dims cannot hold them
  if (three) space.getSimpleExtentDims(dims);
  if (!three || dims[0] < 7 || dims[1] != authorities || dims[2] != periods) {
    throw output::OutputRefused("'" + path + "' is damaged: the shape of summary/" + measure +
                                " does not match its authorities, statistics and dates");
  }
  std::vector<double> s(dims[0] * dims[1] * dims[2]);
  ds.read(s.data(), H5::PredType::NATIVE_DOUBLE);
  return s;
}

std::string one_decimal(double x) {
  char text[48];
  std::snprintf(text, sizeof text, "%.1f", x);
  return text;
}

// The key measures' medians and 5-95% bands for `row` at the periods shown; a run of
// one replication has no band, and its one value is shown alone (its "band" of 26.0-26.0
// read as a range across replications). Columns are as wide as their widest figure: a
// region's staff cost passes 10,000k a month.
void print_key_measures(const H5::H5File& file, const std::string& path, const std::vector<std::string>& authorities,
                        const std::vector<std::string>& period_dates, const std::vector<std::size_t>& periods,
                        std::size_t row, bool one_replication, std::ostream& out) {
  struct Cell {
    std::string median, low, high;  // all empty where the measure has no value yet
  };
  std::vector<std::string> labels;
  std::vector<std::vector<Cell>> cells;
  std::size_t median_width = 5, band_width = 5;
  for (const ShownMeasure& m :
       {ShownMeasure{"permanent_headcount", 1, ""}, ShownMeasure{"agency_headcount", 1, ""},
        ShownMeasure{"vacancy_rate", 100, "%"}, ShownMeasure{"agency_share", 100, "%"},
        ShownMeasure{"uncovered_gap", 1, ""}, ShownMeasure{"turnover_12m", 100, "%"},
        ShownMeasure{"agency_spend", 1e-3, "GBP k/month"}, ShownMeasure{"staff_cost", 1e-3, "GBP k/month"}}) {
    hsize_t dims[3] = {0, 0, 0};
    const std::vector<double> s = read_summary(file, path, m.measure, authorities.size(), period_dates.size(), dims);
    labels.push_back(std::string(m.measure) + (*m.unit ? std::string(" (") + m.unit + ")" : ""));
    cells.emplace_back();
    for (const std::size_t t : periods) {
      auto at = [&](std::size_t k) { return s[(k * dims[1] + row) * dims[2] + t] * m.scale; };
      Cell c;
      if (!std::isnan(at(4))) c = {one_decimal(at(4)), one_decimal(at(2)), one_decimal(at(6))};
      median_width = std::max(median_width, c.median.size());
      band_width = std::max({band_width, c.low.size(), c.high.size()});
      cells.back().push_back(c);
    }
  }
  const int median = static_cast<int>(median_width), band = static_cast<int>(band_width);
  int column = one_replication ? median : median + 2 * band + 4;  // "M" or "M (L-H)"
  for (const std::size_t t : periods) column = std::max(column, static_cast<int>(period_dates[t].size()));
  out << "\n  " << support::visible_text(authorities[row], false)
      << (one_replication ? ": the one replication's values (one replication shows no range)\n"
                          : ": median (5% to 95%) across replications\n");
  int label_width = 22;
  for (const std::string& label : labels) label_width = std::max(label_width, static_cast<int>(label.size()));
  char line[200];
  std::snprintf(line, sizeof line, "  %-*s", label_width, "measure");
  out << line;
  for (const std::size_t t : periods) {
    std::snprintf(line, sizeof line, "   %*s", column, period_dates[t].c_str());
    out << line;
  }
  out << "\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    std::snprintf(line, sizeof line, "  %-*s", label_width, labels[i].c_str());
    out << line;
    for (const Cell& c : cells[i]) {
      if (c.median.empty() || one_replication) {
        std::snprintf(line, sizeof line, "   %*s", column, c.median.empty() ? "-" : c.median.c_str());
      } else {
        std::snprintf(line, sizeof line, "   %*s (%*s-%*s)", median, c.median.c_str(), band, c.low.c_str(), band,
                      c.high.c_str());
      }
      out << line;
    }
    out << "\n";
  }
}

void print_opened(const H5::H5File& file, const std::string& path, const std::vector<std::string>& dates,
                  const std::string& authority, std::ostream& out) {
  const H5::Group root = file.openGroup("/");
  const std::string format = text_attribute(root, "format");
  if (format != "wfsim-results" && format != "wfsim-comparison" && format != "wfsim-sweep") {
    throw output::OutputRefused("'" + path + "' is not a wfsim results file" +
                                (format.empty() ? "" : " (it is a " + format + " file)"));
  }
  check_format_version(file, path);
  check_run_counts(file, path);
  if (format == "wfsim-comparison" || format == "wfsim-sweep") {
    print_variants_info(file, path, format, dates, authority, out);
    return;
  }
  const auto authorities = output::read_string_vector(file.openDataSet("authority"));
  const auto period_dates = output::read_string_vector(file.openDataSet("date"));
  if (authorities.empty() || period_dates.empty()) {
    throw output::OutputRefused("'" + path + "' is damaged: it has no dates or authorities");
  }
  // The periods to show: the first, middle and last, or those of the dates asked for.
  // Each once: a run of two months showed its last month twice.
  std::vector<std::size_t> default_periods = {0, period_dates.size() / 2, period_dates.size() - 1};
  default_periods.erase(std::unique(default_periods.begin(), default_periods.end()), default_periods.end());
  const PeriodsShown shown = dates.empty() ? PeriodsShown{default_periods, "", ""} : periods_shown(dates, period_dates);
  print_results_header(root, path, authorities, period_dates, out);
  out << dates_note(shown, period_dates);
  out << partial_periods_note(shown.periods, period_dates, text_attribute(root, "report_start_date"));
  const std::size_t row = authority_row(authorities, authority, path);
  const bool one_replication = whole_attribute(root, "replications") == 1;  // 0 where not said
  print_key_measures(file, path, authorities, period_dates, shown.periods, row, one_replication, out);
  print_input_split(file, path, row, out);
}

}  // namespace

int info_command(const std::vector<std::string>& args, std::ostream& out) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "date", po::value<std::vector<std::string>>()->composing(),
      "a date to show (YYYY-MM-DD; the last period ending on or before it, where calibrate's --target "
      "MEASURE@DATE takes the period containing it); repeatable")(
      "authority", po::value<std::string>(),
      "the council to show, as the file names it (default: the councils' total, or the only council)")(
      "file", po::value<std::string>(), "results, comparison or sweep file");
  po::positional_options_description positional;
  positional.add("file", 1);
  const po::variables_map vm = parse(options, positional, args);
  if (vm.count("help")) {
    out << "Usage: wfsim info FILE.h5 [--date YYYY-MM-DD ...] [--authority NAME]\n\n"
           "Shows what a results file holds (scenario, seed, replications, version, command)\n"
           "and a table of key measures, median and 5-95% band, for the councils' total (or\n"
           "the only council, or --authority) at the first, middle and last periods or at\n"
           "the dates given.\n"
           "A comparison or sweep file: each variant's (or point's) key measures and their\n"
           "paired difference from the baseline (a sweep's first point) at the last period\n"
           "or at the dates given, then costs and flows totalled over the run.\n\n"
        << help_options(options, positional);
    return kSuccess;
  }
  if (!vm.count("file")) throw UsageError("missing the results file");
  // An empty name was taken for none given, and the total shown without a word.
  if (vm.count("authority") && vm["authority"].as<std::string>().find_first_not_of(" \t") == std::string::npos) {
    throw UsageError("--authority is empty: give a council's name as the file has it");
  }
  print_info(vm["file"].as<std::string>(),
             vm.count("date") ? vm["date"].as<std::vector<std::string>>() : std::vector<std::string>{},
             vm.count("authority") ? vm["authority"].as<std::string>() : std::string{}, out);
  return kSuccess;
}

}  // namespace wfsim::cli
