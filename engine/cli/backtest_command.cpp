#include "cli/backtest_command.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "calibrate/backtest.hpp"
#include "calibrate/backtest_table.hpp"
#include "calibrate/calibration.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "experiment/experiment_runner.hpp"
#include "import/csww_data.hpp"
#include "import/market_scenario.hpp"
#include "import/region_definitions.hpp"
#include "output/overwrite_guard.hpp"
#include "output/text_file.hpp"

namespace wfsim::cli {

namespace {

// The row of a council named by name or code for `year`, or null if the data has none.
const import::CswwRow* row_in(const import::CswwData& data, const std::string& name, int year) {
  try {
    return &data.council(name, year);
  } catch (const import::ImportError&) {
    return nullptr;
  }
}

// The councils asked for, by name or code (--la), by region, or all; each once.
std::vector<std::string> council_codes(const import::CswwData& data, const po::variables_map& vm, int year) {
  std::vector<const import::CswwRow*> rows;
  if (vm.count("la")) {
    // A council is named once for every year; it need not have a row for this one (a
    // council formed in 2019 has none for 2017): then it is simply not forecast from it.
    // Its row is found by name in each year, as a council's code may change (a county
    // council made a unitary one, as Buckinghamshire in 2020) while its name stays.
    for (const auto& name : vm["la"].as<std::vector<std::string>>()) {
      const auto& years = data.years();
      if (std::none_of(years.begin(), years.end(), [&](int y) { return row_in(data, name, y) != nullptr; })) {
        data.council(name, year);  // throws: no such council, with the nearest names
      }
      if (const import::CswwRow* row = row_in(data, name, year)) rows.push_back(row);
    }
  } else if (vm.count("region")) {
    // A region as init reads it, from data/regions.yaml beside the CSV where it is there:
    // the data's own London rows hold no council, its boroughs being Inner and Outer
    // London's, so 'backtest --region London' found none in any year.
    const std::string& region = vm["region"].as<std::string>();
    const auto regions_file = std::filesystem::path(vm["from-csww"].as<std::string>()).parent_path() / "regions.yaml";
    rows = std::filesystem::exists(regions_file) ? import::region_rows(data, region, year, regions_file.string())
                                                 : data.region(region, year);
  } else {
    rows = data.councils(year);
  }
  std::vector<std::string> codes;
  for (const auto* row : rows) {
    if (std::find(codes.begin(), codes.end(), row->code) == codes.end()) codes.push_back(row->code);
  }
  return codes;
}

po::options_description backtest_options(unsigned cores) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("from-csww", po::value<std::string>(),
                                                    "the workforce indicators (data/csww_indicators_2017_2023.csv)")(
      "la", po::value<std::vector<std::string>>()->composing(), "a council by name or code (repeatable)")(
      "region", po::value<std::string>(),
      "every council of a region, as regions.yaml beside the CSV defines it (London: Inner and Outer London)")(
      "from", po::value<WholeNumber>(), "the first year to start from (default: the data's first)")(
      "to", po::value<WholeNumber>(), "the last year forecast (default: the data's last)")(
      "output,o", po::value<std::string>(), "the table to write, one row per council, year and measure (CSV)")(
      "replications,n", po::value<WholeNumber>()->default_value(WholeNumber{200}, "200"),
      "replications of each forecast (at least 2)")("calibration-replications",
                                                    po::value<WholeNumber>()->default_value(WholeNumber{40}, "40"),
                                                    "replications per evaluation of each fit (at least 2)")(
      "seed", po::value<WholeNumber>()->default_value(WholeNumber{1}, "1"), "master random seed")(
      "threads,j", po::value<WholeNumber>()->default_value(WholeNumber{cores}, std::to_string(cores)),
      "worker threads (results do not depend on it)")(
      "no-input-spread", "forecast with the inputs as fitted, without the spread of their past year-to-year moves")(
      "quiet,q", "no progress (the notes on skipped councils are still printed)")(
      "force", "replace the output file even if it is not a backtest table");
  return options;
}

void print_backtest_help(std::ostream& out, const po::options_description& options) {
  out << "Usage: wfsim backtest --from-csww FILE -o BACKTEST.csv [--la NAME ... | --region NAME]\n"
         "                      [--from YEAR] [--to YEAR] [-n N]\n\n"
         "For each council (default: every council) and each pair of consecutive years Y, Y+1\n"
         "in the data: imports year Y as 'wfsim init' does, calibrates it as docs/validation.md\n"
         "does (applicants a year and the agency booking delay, to Y's vacancy rate and agency\n"
         "share), simulates to 30 September of Y+1, brings that forecast's median of those two\n"
         "back to Y's levels (the inputs' spread skews it, and the fit may stop short; the\n"
         "booking delay may then reach ten years), and sets the simulated median and 90% band\n"
         "of the vacancy rate, agency rate and turnover beside the council's figures\n"
         "for Y+1 and beside 'next year equals this year'. Writes the table and prints, per\n"
         "measure, the mean absolute error of each in percentage points, their difference with\n"
         "its standard error over the paired council-years (a difference well inside it is a\n"
         "tie), and the share of real values inside the band. The forecast's turnover and\n"
         "applicants a year are uncertain inputs, spread as much as the council's own figures\n"
         "moved from year to year up to Y (its region's councils' where it has fewer than\n"
         "three moves); --no-input-spread drops that.\n"
         "Chart: wfsim-analysis backtest BACKTEST.csv -o CHART.png.\n\n"
      << help_options(options, po::positional_options_description());
}

// The first year started from and the last forecast: by default the data's first and
// last, and never outside them.
std::pair<int, int> year_range(const po::variables_map& vm, const std::vector<int>& years, const std::string& csv) {
  if (years.size() < 2) throw UsageError(csv + " has fewer than two years of council rows");
  const int from = vm.count("from") ? static_cast<int>(whole_option(vm, "from", 1900, 2200)) : years.front();
  const int to = vm.count("to") ? static_cast<int>(whole_option(vm, "to", 1900, 2200)) : years.back();
  if (to <= from) {
    throw UsageError(vm.count("to") ? "--to " + std::to_string(to) + " must be after --from " + std::to_string(from) +
                                          (vm.count("from") ? "" : " (the first year of " + csv + ")")
                                    : "--from " + std::to_string(from) + " leaves no later year to compare with: " +
                                          csv + " ends in " + std::to_string(years.back()));
  }
  // Years outside the data have no figures to start from or compare with.
  for (const auto& [option, year] : {std::pair{"--from", from}, std::pair{"--to", to}}) {
    if (year < years.front() || year > years.back()) {
      throw UsageError(std::string(option) + " " + std::to_string(year) + " is outside the years " + csv + " holds (" +
                       std::to_string(years.front()) + " to " + std::to_string(years.back()) + ")");
    }
  }
  return {from, to};
}

calibrate::BacktestOptions forecast_options(const po::variables_map& vm, const std::atomic<bool>* stop) {
  calibrate::BacktestOptions opts;
  opts.replications = whole_option(vm, "replications", 2, kMaxReplications, kWhyMaxReplications);
  opts.calibration_replications =
      whole_option(vm, "calibration-replications", 2, kMaxReplications, kWhyMaxReplications);
  opts.seed = whole_option(vm, "seed", 0, UINT64_MAX);
  opts.threads = std::max(1, static_cast<int>(whole_option(vm, "threads", 1, kMaxThreads, "one per core is best")));
  opts.stop = stop;
  opts.input_spread = vm.count("no-input-spread") == 0;
  return opts;
}

// A council's rows for a year and the next.
struct Pair {
  const import::CswwRow* from;
  const import::CswwRow* to;
};

// Why a council-year with no row of the same authority the next year is not forecast,
// said whatever the reason (Cumbria 2022, abolished, went without a word): a council
// whose area changed with its code (Dorset 2018), or one that was abolished or merged.
void note_unpaired(const import::CswwData& data, const import::CswwRow& now, int year, std::ostream& err) {
  const auto next_year = data.councils(year + 1);
  const auto same_name =
      std::find_if(next_year.begin(), next_year.end(), [&](const import::CswwRow* r) { return r->name == now.name; });
  err << "note: " << now.name << " " << year << " not forecast: ";
  if (same_name != next_year.end()) {
    err << "its code changed from " << now.code << " to " << (*same_name)->code << " in " << year + 1
        << " (a reorganisation";
    if (!now.old_code.empty())
      err << " that changed its area: LA number " << now.old_code << " became " << (*same_name)->old_code;
    err << ")";
  } else {
    err << "the data has no row of it (" << now.code << ") for " << year + 1 << " (abolished or merged?)";
  }
  err << ", and a forecast is checked against the same authority's next row\n";
}

// A council --la names by a code it had in other years only (E06000059, unitary
// Dorset's from 2019, asked of 2017) is forecast as the authority of each year's row,
// the old county; init --la says so, and the backtest said nothing (an audit).
void note_codes_of_other_years(const import::CswwData& data, const po::variables_map& vm, int from, int to,
                               std::ostream& err) {
  if (!vm.count("la")) return;
  std::set<std::pair<std::string, int>> said;  // a council-year named twice (by code and name) is said once
  for (const auto& name : vm["la"].as<std::vector<std::string>>()) {
    for (int year = from; year < to; ++year) {
      const import::CswwRow* row = row_in(data, name, year);
      // Only for the years forecast from: one not forecast is noted so already.
      if (!row || !data.same_council(*row, year + 1) || !said.insert({row->code, year}).second) continue;
      if (const std::string note = data.code_of_other_years(name, *row); !note.empty()) {
        err << "note: " << row->name << " " << year << ": " << note << "\n";
      }
    }
  }
}

// The work: each council with rows for both years of a pair. A forecast is checked
// against the same authority's next row (CswwData::same_council); a council-year
// without one is said so and counted in `unpaired` (with --quiet too: it hides only the
// progress, and no file keeps the note).
std::vector<Pair> council_pairs(const import::CswwData& data, const po::variables_map& vm, int from, int to,
                                std::ostream& err, std::size_t& unpaired) {
  std::vector<Pair> pairs;
  for (int year = from; year < to; ++year) {
    for (const std::string& code : council_codes(data, vm, year)) {
      const import::CswwRow* now = data.council_row(code, year);
      const import::CswwRow* next = data.same_council(*now, year + 1);
      if (next) {
        pairs.push_back({now, next});
        continue;
      }
      note_unpaired(data, *now, year, err);
      ++unpaired;
    }
  }
  // A council --la names with no two consecutive years in the span (Cumberland, formed
  // in 2023) is named, by the data's name, whether or not others are forecast: it was
  // dropped without a word beside them.
  std::vector<std::string> unforecast;
  if (vm.count("la")) {
    for (const auto& name : vm["la"].as<std::vector<std::string>>()) {
      // Its name in the span, or in any year of the data: one with no row in the span at
      // all was dropped unnamed beside the others (an audit).
      std::string found;
      std::vector<int> years;
      for (int year = from; year <= to; ++year) years.push_back(year);
      for (const int year : data.years()) years.push_back(year);
      for (const int year : years) {
        const import::CswwRow* row = found.empty() ? row_in(data, name, year) : nullptr;
        if (row) found = row->name;
      }
      const bool paired = std::any_of(pairs.begin(), pairs.end(), [&](const Pair& p) { return p.from->name == found; });
      if (!found.empty() && !paired) unforecast.push_back(found);
    }
  }
  for (const std::string& name : unforecast) {
    if (!pairs.empty()) {
      err << "note: " << name << " not forecast: it has no rows for two consecutive years from " << from << " to " << to
          << "\n";
    }
  }
  if (pairs.empty()) {
    std::string who = "no council has rows";
    if (!unforecast.empty()) {
      std::string names;
      for (const std::string& name : unforecast) names += (names.empty() ? "" : "; ") + name;
      who = names + (unforecast.size() == 1 ? " has" : " have") + " no rows";
    }
    throw UsageError(who + " for two consecutive years from " + std::to_string(from) + " to " + std::to_string(to) +
                     " (a forecast of year Y + 1 needs the council's row of Y and of Y + 1)");
  }
  return pairs;
}

// Every pair forecast in turn, with progress on a terminal and a note for each skipped.
std::vector<calibrate::BacktestRow> forecast_pairs(const import::CswwData& data, const std::vector<Pair>& pairs,
                                                   const calibrate::BacktestOptions& opts, bool show_progress,
                                                   std::ostream& err, std::size_t& skipped) {
  std::vector<calibrate::BacktestRow> rows;
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (opts.stop && opts.stop->load()) throw experiment::Interrupted();
    if (show_progress) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      err << "\r" << i + 1 << " of " << pairs.size() << ": " << pairs[i].from->name << " " << pairs[i].from->year
          << " to " << pairs[i].to->year;
      if (i > 0)
        err << " (about "
            << static_cast<int>(seconds / static_cast<double>(i) * static_cast<double>(pairs.size() - i) / 60 + 1)
            << " min left)";
      err << "          " << std::flush;
    }
    std::string why;
    const auto found = calibrate::backtest_council(data, *pairs[i].from, *pairs[i].to, opts, why);
    if (found.empty()) {
      ++skipped;
      err << (show_progress ? "\n" : "") << "note: " << pairs[i].from->name << " " << pairs[i].from->year
          << " skipped: " << why << "\n";
    }
    rows.insert(rows.end(), found.begin(), found.end());
  }
  if (show_progress) err << "\n";
  return rows;
}

}  // namespace

int backtest_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>* stop, bool interactive) {
  const po::options_description options = backtest_options(std::max(1u, std::thread::hardware_concurrency()));
  const po::variables_map vm = parse(options, po::positional_options_description(), args);
  if (vm.count("help")) {
    print_backtest_help(out, options);
    return kSuccess;
  }
  if (!vm.count("from-csww")) throw UsageError("missing --from-csww FILE");
  if (!vm.count("output")) throw UsageError("missing -o BACKTEST.csv");
  if (vm.count("la") && vm.count("region")) throw UsageError("give --la or --region, not both");
  const std::string csv = vm["from-csww"].as<std::string>();
  const std::string output_path = vm["output"].as<std::string>();
  output::check_overwrite(output_path, output::OutputKind::backtest, {csv}, vm.count("force") > 0);
  const import::CswwData data = import::CswwData::read_file(csv);
  const auto [from, to] = year_range(vm, data.years(), csv);
  const calibrate::BacktestOptions opts = forecast_options(vm, stop);
  std::size_t unpaired = 0;
  note_codes_of_other_years(data, vm, from, to, err);
  const std::vector<Pair> pairs = council_pairs(data, vm, from, to, err, unpaired);
  std::size_t skipped = 0;
  const std::vector<calibrate::BacktestRow> rows =
      forecast_pairs(data, pairs, opts, interactive && vm.count("quiet") == 0, err, skipped);
  // A table of no rows would report errors of 0.00 and a band holding 0% of nothing.
  if (skipped == pairs.size()) {
    throw calibrate::CalibrationError("backtest: nothing could be forecast: all " + std::to_string(skipped) +
                                      " council-years were skipped (the notes above say why); " + output_path +
                                      " was not written");
  }
  const std::string wrote = wrote_line(output_path);
  output::write_text_file(output_path, calibrate::backtest_csv(rows), opts.stop);
  out << "Backtest of one-year forecasts, " << from << " to " << to << ": " << pairs.size() - skipped
      << " council-years (" << skipped << " skipped; " << unpaired
      << " not forecast, with no row of the same authority the next year), " << opts.replications
      << " replications each, seed " << opts.seed << "\n"
      << calibrate::describe_backtest(calibrate::summarise_backtest(rows)) << wrote << "\n";
  return kSuccess;
}

}  // namespace wfsim::cli
