// wfsim backtest: one council's one-year forecast against its next year's figures,
// the summary's arithmetic on a table worked by hand, and the command's bad input.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/backtest.hpp"
#include "calibrate/backtest_table.hpp"
#include "calibrate/harrell_davis.hpp"
#include "import/council_figures.hpp"
#include "import/csww_data.hpp"
#include "import/year_to_year.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

using wfsim::calibrate::BacktestRow;

namespace {
const std::string kData = std::string(WFSIM_TEST_DATA_DIR) + "/../data/csww_indicators_2017_2023.csv";

// A short fit and forecast: enough to check structure and ordering, not accuracy.
wfsim::calibrate::BacktestOptions quick(std::size_t replications) {
  wfsim::calibrate::BacktestOptions options;
  options.replications = replications;
  options.calibration_replications = 10;
  options.max_evaluations = 30;
  return options;
}

// A council's quick forecast of `year` + 1 from `year`; why it was skipped, if it was,
// goes to the test's messages.
std::vector<BacktestRow> quick_forecast(const wfsim::import::CswwData& data, const std::string& council, int year,
                                        std::size_t replications) {
  std::string why;
  auto rows = wfsim::calibrate::backtest_council(data, data.council(council, year), data.council(council, year + 1),
                                                 quick(replications), why);
  UNSCOPED_INFO(why);
  return rows;
}
}  // namespace

TEST_CASE("a council's forecast sits beside its next year's figures", "[backtest]") {
  const auto data = wfsim::import::CswwData::read_file(kData);
  const auto options = quick(60);
  std::string why;
  const auto& from = data.council("Dudley", 2022);
  const auto rows = wfsim::calibrate::backtest_council(data, from, data.council("Dudley", 2023), options, why);
  INFO(why);
  REQUIRE(rows.size() == 3);
  for (const BacktestRow& r : rows) {
    INFO(r.measure);
    CHECK(r.year == 2023);
    CHECK(r.council == "Dudley");
    REQUIRE(r.previous);
    REQUIRE(r.reported);
    CHECK(r.p5 <= r.median);
    CHECK(r.median <= r.p95);
    CHECK(r.p5 >= 0);
    CHECK(r.p95 <= 1);
  }
  // The forecast's median of the two calibrated measures is held at the council's 2022
  // level: the search on the forecast itself stops with both within kLevelTolerance
  // (0.025 points) of it, or after its last pass, where the second target's search may
  // have moved the first a little; twice that allows for it. Without the search the
  // inputs' spread pulls the median down by a point or more.
  for (std::size_t k = 0; k < 2; ++k) {
    INFO(rows[k].measure << " median " << rows[k].median << ", 2022 " << *rows[k].previous);
    CHECK(std::abs(rows[k].median - *rows[k].previous) < 2 * wfsim::calibrate::kLevelTolerance);
  }
  // The figures are the data's, as fractions: Dudley's turnover 31.3% in 2023 (the
  // forecast's year) and its 2022 figure as "next year equals this year".
  CHECK(rows[2].measure == "turnover");
  CHECK(*rows[2].reported == Approx(0.313));
  CHECK(*rows[2].previous == Approx(from.figure("turnover_rate_headcount").value.value() / 100));
}

// Kirklees in 2020: 8% of posts vacant and 0.3% agency staff. The fit's simplex stopped
// where its objective is flat, with a vacancy rate near zero (0.3%), and Newton steps from
// there wandered to the ends of the range; even with the vacancy rate right, a booking
// delay of a year covered too many posts. The bracketed search, with delays up to ten
// years, holds both at the level. (With the search turned off, this fails: a vacancy
// median of 0.26% against 8%.)
TEST_CASE("a forecast is held at its level where the fit stopped on a flat stretch", "[backtest]") {
  const auto data = wfsim::import::CswwData::read_file(kData);
  const auto rows = quick_forecast(data, "Kirklees", 2020, 60);
  REQUIRE(rows.size() == 3);
  for (std::size_t k = 0; k < 2; ++k) {
    INFO(rows[k].measure << " median " << rows[k].median << ", 2020 " << *rows[k].previous);
    CHECK(std::abs(rows[k].median - *rows[k].previous) < 2 * wfsim::calibrate::kLevelTolerance);
  }
}

TEST_CASE("an input's spread is its typical one-year move, from the past only", "[backtest]") {
  const auto data = wfsim::import::CswwData::read_file(kData);
  const auto& dudley = data.council("Dudley", 2022);
  // Dudley's turnover from its own rows up to 2022, worked out here from the data: the
  // median absolute change times 1.4826.
  std::vector<double> moves;
  std::optional<double> before;
  for (int year = 2017; year <= 2022; ++year) {
    const auto now = data.council("Dudley", year).figure("turnover_rate_headcount").value;
    if (now && before) moves.push_back(std::abs(*now - *before) / 100);
    before = now;
  }
  REQUIRE(moves.size() >= 2);
  std::sort(moves.begin(), moves.end());
  const std::size_t n = moves.size();
  const double median = n % 2 ? moves[n / 2] : (moves[n / 2 - 1] + moves[n / 2]) / 2;
  const std::vector<std::string> turnover = {"turnover_rate_headcount", "turnover_rate_fte"};
  const auto own = wfsim::import::one_year_move(data, dudley, turnover, false);
  CHECK(own.sd == Approx(1.4826 * median));
  CHECK(own.own);
  // 2017 is the data's first year: no move yet, so no spread.
  CHECK(wfsim::import::one_year_move(data, data.council("Dudley", 2017), turnover, false).sd == 0);
  // 2018 and 2019: one and two moves of its own, so the region's councils' moves, pooled.
  CHECK(wfsim::import::one_year_move(data, data.council("Dudley", 2018), turnover, false).sd > 0);
  const auto& dudley_2019 = data.council("Dudley", 2019);
  const auto& walsall_2019 = data.council("Walsall", 2019);
  const auto region_2019 = wfsim::import::one_year_move(data, dudley_2019, turnover, false);
  CHECK_FALSE(region_2019.own);
  CHECK(region_2019.sd == wfsim::import::one_year_move(data, walsall_2019, turnover, false).sd);
  // The Isles of Scilly's turnover went 0, 0, 100%, 0 to 2020 with 1 or 2 in post: one
  // leaver, not how a rate moves. Its own moves (a spread of 148 points, whose high end
  // the scenario refused) give way to its region's.
  const auto& scilly = data.council("Isles of Scilly", 2020);
  const auto small = wfsim::import::one_year_move(data, scilly, turnover, false);
  CHECK_FALSE(small.own);
  CHECK(small.sd > 0);
  CHECK(small.sd < 0.2);
  // Manchester's turnover of 0 in 2022 (426 in post) is a gap, not a year: it made two
  // moves of about 20 points (sd 0.11 to 2023). Now the chain breaks there, as at a
  // missing year: the moves are those between the years either side of it.
  std::vector<double> manchester;
  std::optional<double> last;
  for (int year = 2017; year <= 2023; ++year) {
    auto now = data.council("Manchester", year).figure("turnover_rate_headcount").value;
    if (now && *now == 0) now.reset();
    if (now && last) manchester.push_back(std::abs(*now - *last) / 100);
    last = now;
  }
  REQUIRE(manchester.size() == 4);  // 2017 to 2021, and none across 2022
  std::sort(manchester.begin(), manchester.end());
  const auto gap = wfsim::import::one_year_move(data, data.council("Manchester", 2023), turnover, false);
  CHECK(gap.own);
  CHECK(gap.sd == Approx(1.4826 * (manchester[1] + manchester[2]) / 2));
  CHECK(wfsim::import::turnover_is_gap(data.council("Manchester", 2022)));
  CHECK_FALSE(wfsim::import::turnover_is_gap(data.council("Manchester", 2023)));
  CHECK_FALSE(wfsim::import::turnover_is_gap(data.council("City of London", 2021)));  // 0 of 10 in post: a year
}

TEST_CASE("the inputs' spread widens the forecast's band", "[backtest]") {
  const auto data = wfsim::import::CswwData::read_file(kData);
  constexpr std::size_t kReplications = 1000;
  auto options = quick(kReplications);
  std::string why;
  const auto& from = data.council("Dudley", 2022);
  const auto& to = data.council("Dudley", 2023);
  const auto spread = wfsim::calibrate::backtest_council(data, from, to, options, why);
  options.input_spread = false;
  const auto fixed = wfsim::calibrate::backtest_council(data, from, to, options, why);
  REQUIRE(spread.size() == 3);
  REQUIRE(fixed.size() == 3);
  CHECK(spread[2].turnover_sd > 0);
  CHECK(fixed[2].turnover_sd == 0);
  // Turnover's band: chance alone, then chance and the turnover's own spread.
  INFO("turnover band " << spread[2].p5 << " to " << spread[2].p95 << " with the spread (sd " << spread[2].turnover_sd
                        << "), " << fixed[2].p5 << " to " << fixed[2].p95 << " without; measure " << spread[2].measure);
  // Chance alone gives a band of about 0.12; the turnover's own spread adds 3.29 sd
  // (0.46) in quadrature, about 0.48 in all. Switching the spreads off also removes
  // the applicants', which hardly moves turnover: so with the turnover's spread broken
  // the band would stay near 0.12. A band at least twice chance's tells the two apart.
  const double with_spread = spread[2].p95 - spread[2].p5;
  const double chance_only = fixed[2].p95 - fixed[2].p5;
  CHECK(with_spread > 2 * chance_only);
  // And the spread is of the size the input's sd gives, not just there. The 5-95%
  // width of n draws of a normal with sd s has a standard error of
  // s sqrt(2 (p(1-p) - p^2) / n) / phi(z), p = 0.05, z = 1.645 (the sample
  // quantiles' variances, less their covariance): 0.028 of the width for n = 1,000, so
  // 4 standard errors are 11%. The turnover is clamped at 0, 2.2 sd below its level,
  // which narrows the band by about 4%: inside them. A spread 1.3 times its size would
  // widen the band by about 24% after the clamp, 4.6 standard errors past the bound,
  // and 0.7 times narrow it by about 30%. (With 200 replications, 4 standard errors
  // were 25%, and a spread 1.3 times too large passed about 60% of the time.)
  const double z90 = 3.29;
  const double expected = std::sqrt(chance_only * chance_only + std::pow(z90 * spread[2].turnover_sd, 2));
  const double p = 0.05;
  const double phi_z = std::exp(-0.5 * 1.645 * 1.645) / std::sqrt(2 * M_PI);
  const double se =
      (expected / z90) * std::sqrt(2 * (p * (1 - p) - p * p) / static_cast<double>(kReplications)) / phi_z;
  INFO("width " << with_spread << ", expected " << expected << ", standard error " << se);
  CHECK(std::abs(with_spread - expected) < 4 * se);
}

TEST_CASE("backtest --no-input-spread reaches the forecast from the command line", "[backtest][cli]") {
  // The library's switch is tested above; here, that the option sets it (and only with
  // the option given): the table's spread columns are each forecast's inputs' sds.
  const test_support::ScratchFolder scratch("wfsim-backtest-spread");
  auto spreads_of = [&](const std::vector<std::string>& extra) {
    const std::string table = (scratch / "spread.csv").string();
    std::vector<std::string> args = {
        "backtest", "--from-csww", kData, "--la", "Dudley", "--from", "2022", "-n", "10", "--calibration-replications",
        "5",        "-q",          "-j",  "1",    "-o",     table};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string out, err;
    REQUIRE(test_support::run_cli(args, out, err) == 0);
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);
    REQUIRE(line.substr(line.rfind(",turnover_sd,")) == ",turnover_sd,applicants_relative_sd");
    std::vector<std::string> spreads;  // the last two cells of each row
    while (std::getline(in, line)) {
      const std::size_t last = line.rfind(','), before = line.rfind(',', last - 1);
      spreads.push_back(line.substr(before + 1));
    }
    std::filesystem::remove(table);
    return spreads;
  };
  const auto with = spreads_of({});
  const auto without = spreads_of({"--no-input-spread"});
  REQUIRE(with.size() == 3);
  REQUIRE(without.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(without[i] == "0,0");
    CHECK(with[i] != "0,0");
  }
}

TEST_CASE("the backtest summary: errors in points and the share inside, worked by hand", "[backtest]") {
  auto row = [](double previous, double reported, double median, double p5, double p95) {
    BacktestRow r;
    r.measure = "vacancy_rate";
    r.previous = previous;
    r.reported = reported;
    r.median = median;
    r.p5 = p5;
    r.p95 = p95;
    return r;
  };
  // Errors of the median 0.02 and 0.04 (mean 3 points); of persistence 0.01 and 0.05
  // (mean 3 points); the paired differences +1 and -1 point, whose sd is sqrt(2), so the
  // mean difference's standard error is sqrt(2) / sqrt(2) = 1 point. The first reported
  // value is inside its band, the second not.
  const std::vector<BacktestRow> rows = {row(0.11, 0.10, 0.12, 0.08, 0.15), row(0.25, 0.20, 0.16, 0.12, 0.19)};
  const auto summary = wfsim::calibrate::summarise_backtest(rows);
  REQUIRE(summary[0].measure == "vacancy_rate");
  CHECK(summary[0].rows == 2);
  CHECK(summary[0].model_error == Approx(3.0));
  CHECK(summary[0].persistence_error == Approx(3.0));
  CHECK(summary[0].difference_standard_error == Approx(1.0));
  CHECK(summary[0].inside_share == Approx(0.5));
  CHECK_THAT(wfsim::calibrate::describe_backtest(summary), Catch::Contains("0.000 (1.000)"));
  // One pair has no standard error: said so, not printed as an exact 0.
  const auto one = wfsim::calibrate::summarise_backtest({rows[0]});
  CHECK(one[0].model_error - one[0].persistence_error == Approx(1.0));
  CHECK_THAT(wfsim::calibrate::describe_backtest(one), Catch::Contains("+1.000 (n/a)"));
  CHECK(summary[1].rows == 0);
  // A row without the year before counts in the band's share, not in the errors: both
  // counts are said ("rows 2" once stood beside errors of one row).
  BacktestRow unpaired = rows[1];
  unpaired.previous.reset();
  const auto mixed = wfsim::calibrate::summarise_backtest({rows[0], unpaired});
  CHECK(mixed[0].rows == 2);
  CHECK(mixed[0].paired == 1);
  CHECK(mixed[0].model_error == Approx(2.0));
  CHECK_THAT(wfsim::calibrate::describe_backtest(mixed), Catch::Contains("vacancy_rate          2        1"));
  // Nothing paired, or no row at all: no error to show, where "0.00" and "0%" read as
  // a perfect forecast and a band that always missed.
  const auto none_paired = wfsim::calibrate::describe_backtest(wfsim::calibrate::summarise_backtest({unpaired}));
  CHECK_THAT(none_paired, Catch::Contains("vacancy_rate          1        0                    n/a"));
  CHECK_THAT(none_paired, !Catch::Contains("0.00"));
  CHECK_THAT(none_paired, Catch::Contains("agency_rate           0        0                    n/a"));
  const std::string csv = wfsim::calibrate::backtest_csv(rows);
  CHECK(csv.rfind("council,code,region,year,measure,previous,reported,median,p5,p95,inside,turnover_sd,"
                  "applicants_relative_sd\n",
                  0) == 0);
  CHECK_THAT(csv, Catch::Contains(",vacancy_rate,0.11,0.1,0.12,0.08,0.15,yes,0,0\n"));
  CHECK_THAT(csv, Catch::Contains(",no,0,0\n"));
  // Names from the data never reach a spreadsheet as formulas: '=1+1' came out as 2.
  BacktestRow hostile = rows[0];
  hostile.council = "=1+1";
  hostile.code = "-2+3";
  hostile.region = "@SUM(1+1), and more";
  const std::string guarded = wfsim::calibrate::backtest_csv({hostile});
  CHECK_THAT(guarded, Catch::Contains("\n'=1+1,'-2+3,\"'@SUM(1+1), and more\",0,vacancy_rate"));
  hostile.council = "Bath";
  hostile.code = "-12";  // a number stays one
  hostile.region = "South West";
  CHECK_THAT(wfsim::calibrate::backtest_csv({hostile}), Catch::Contains("\nBath,-12,South West,0,vacancy_rate"));
  // What a spreadsheet reads as a number stays one; the rest of what starts like a
  // formula is guarded.
  for (const auto& [code, written] : std::vector<std::pair<std::string, std::string>>{{"-0.5", "-0.5"},
                                                                                      {"+.5", "+.5"},
                                                                                      {"-5.", "-5."},
                                                                                      {"-1e5", "-1e5"},
                                                                                      {"+2E-3", "+2E-3"},
                                                                                      {"-", "'-"},
                                                                                      {"-.", "'-."},
                                                                                      {"-1e", "'-1e"},
                                                                                      {"-1e+", "'-1e+"},
                                                                                      {"-1.2.3", "'-1.2.3"},
                                                                                      {"+1 ", "'+1 "}}) {
    hostile.code = code;
    INFO(code);
    CHECK_THAT(wfsim::calibrate::backtest_csv({hostile}), Catch::Contains("\nBath," + written + ",South West,"));
  }
}

TEST_CASE("wfsim backtest refuses bad input with exit 2", "[backtest][cli]") {
  std::string out, err;
  CHECK(test_support::run_cli({"backtest", "-o", "x.csv"}, out, err) == 2);
  CHECK_THAT(err, Catch::Contains("missing --from-csww"));
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData}, out, err) == 2);
  CHECK_THAT(err, Catch::Contains("missing -o"));
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "Dudly", "-o", "never-written.csv"}, out,
                              err) == 2);
  CHECK_THAT(err, Catch::Contains("Dudley"));
  CHECK(test_support::run_cli(
            {"backtest", "--from-csww", kData, "--from", "2023", "--to", "2022", "-o", "never-written.csv"}, out,
            err) == 2);
  CHECK_THAT(err, Catch::Contains("must be after --from"));
  // No --to given: the data's last year is the end, and the message says so.
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData, "--from", "2023", "-o", "never-written.csv"}, out,
                              err) == 2);
  CHECK_THAT(err, Catch::Contains("--from 2023 leaves no later year to compare with"));
  // A council with one year of rows is named, not "no council".
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "Cumberland", "-o", "never-written.csv"}, out,
                              err) == 2);
  CHECK_THAT(err, Catch::Contains("Cumberland has no rows for two consecutive years from 2017 to 2023"));
  // So is one with no row at all in the span (it was "no council has rows": an audit).
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "Cumberland", "--from", "2018", "--to", "2019",
                               "-o", "never-written.csv"},
                              out, err) == 2);
  CHECK_THAT(err, Catch::Contains("Cumberland has no rows for two consecutive years from 2018 to 2019"));
  // Beside a council that is forecast it was dropped without a word; named by the data's name.
  const test_support::ScratchFolder both_folder("wfsim-backtest-both");
  const std::string both = (both_folder / "both.csv").string();
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "cumberland", "--la", "Kent", "--from", "2022",
                               "-n", "20", "--calibration-replications", "5", "-q", "-o", both},
                              out, err) == 0);
  CHECK_THAT(err, Catch::Contains("note: Cumberland not forecast: it has no rows for two consecutive years from 2022 "
                                  "to 2023"));
  std::filesystem::remove(both);
  // A code of another year's authority (unitary Dorset's, from 2019) forecasts the
  // county whose row 2017 has, as init --la does; said, as init says it (an audit),
  // once however often it is named, and only for a year forecast from (2018's county
  // has no next row of the same area, and is noted so already: a review).
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "E06000059", "--la", "e06000059", "--from",
                               "2017", "--to", "2019", "-n", "20", "--calibration-replications", "5", "-q", "-o", both},
                              out, err) == 0);
  const std::string note =
      "note: Dorset 2017: 'E06000059' is Dorset's code in 2019, 2020, 2021, 2022, 2023; "
      "its row for 2017 has code E10000009 (835), after a reorganisation";
  CHECK_THAT(err, Catch::Contains(note));
  CHECK(err.find(note) == err.rfind(note));
  CHECK_THAT(err, !Catch::Contains("note: Dorset 2018: 'E06000059'"));
  std::filesystem::remove(both);
  // A council formed after the data's first year is forecast from the years it has.
  const test_support::ScratchFolder scratch("wfsim-backtest");
  const std::filesystem::path& dir = scratch.path;
  const std::string table = (dir / "b.csv").string();
  REQUIRE(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "E06000058", "--from", "2018", "--to",
                                 "2020", "-n", "20", "--calibration-replications", "5", "-q", "-o", table},
                                out, err) == 0);
  std::ifstream in(table);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(text, Catch::Contains(",2020,vacancy_rate,"));
  CHECK_THAT(text, !Catch::Contains(",2019,vacancy_rate,"));  // no row for 2018 to start from
  // Every council-year skipped (the Isles of Scilly had nobody in post in 2022): no
  // table of zero errors, but exit 2 and nothing written.
  const std::string none = (dir / "none.csv").string();
  CHECK(test_support::run_cli(
            {"backtest", "--from-csww", kData, "--la", "Isles of Scilly", "--from", "2022", "-n", "20", "-o", none},
            out, err) == 2);
  CHECK_THAT(err, Catch::Contains("nothing could be forecast: all 1 council-years were skipped"));
  CHECK_FALSE(std::filesystem::exists(none));
  // The data file is an input: never the output.
  CHECK(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "Dudley", "-o", kData}, out, err) == 2);
}

TEST_CASE("backtest --la follows a council whose code changed, and says where it cannot", "[backtest]") {
  // Buckinghamshire was E10000002 to 2019 and E06000060 from 2020, its LA number 825
  // throughout: --la found its rows by the first code, so '--from 2021' had "no council
  // with rows for two years", and its 2019 was then said not forecast as its code had
  // no row in 2020 (a review: the same children's services, the same authority).
  std::string out, err;
  const test_support::ScratchFolder scratch("wfsim-backtest-code");
  const std::filesystem::path& dir = scratch.path;
  const std::string table = (dir / "b.csv").string();
  REQUIRE(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "Buckinghamshire", "--from", "2019", "--to",
                                 "2021", "-n", "10", "--calibration-replications", "5", "-q", "-o", table},
                                out, err) == 0);
  CHECK_THAT(out, Catch::Contains("2019 to 2021: 2 council-years (0 skipped; 0 not forecast, with no row of the same "
                                  "authority the next year)"));
  CHECK_THAT(err, !Catch::Contains("not forecast"));
  std::ifstream in(table);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(text, Catch::Contains("E06000060,South East,2020,vacancy_rate,") &&
                       Catch::Contains("E06000060,South East,2021,vacancy_rate,"));
  // Dorset's LA number changed with its area in 2019 (835, the county with
  // Christchurch; 838, Dorset Council without it): not the same authority.
  REQUIRE(test_support::run_cli(
              {"backtest", "--from-csww", kData, "--la", "Dorset", "--la", "Dudley", "--from", "2018", "--to", "2019",
               "-n", "10", "--calibration-replications", "5", "-q", "-o", table, "--force"},
              out, err) == 0);
  // --quiet hides the progress only: the note is in no file, so it was lost under -q.
  CHECK_THAT(err, Catch::Contains("note: Dorset 2018 not forecast: its code changed from E10000009 to E06000059 in "
                                  "2019 (a reorganisation that changed its area: LA number 835 became 838)"));
}

TEST_CASE("a council abolished after a year is said not forecast, and counted", "[backtest]") {
  // Cumbria's last row is 2022's (Cumberland and Westmorland and Furness from 2023): its
  // 2022 went unforecast without a word, and the count said "0 skipped".
  std::string out, err;
  const test_support::ScratchFolder scratch("wfsim-backtest-gone");
  const auto table = scratch / "backtest-gone.csv";
  REQUIRE(test_support::run_cli({"backtest", "--from-csww", kData, "--la", "Cumbria", "--la", "Dudley", "--from",
                                 "2022", "-n", "10", "--calibration-replications", "5", "-q", "-o", table.string()},
                                out, err) == 0);
  CHECK_THAT(err, Catch::Contains("note: Cumbria 2022 not forecast: the data has no row of it (E10000006) for 2023 "
                                  "(abolished or merged?)"));
  CHECK_THAT(out, Catch::Contains("2022 to 2023: 1 council-years (0 skipped; 1 not forecast, with no row of the same "
                                  "authority the next year)"));
}

TEST_CASE("a council with no starters is skipped for that, in the analyst's words", "[backtest]") {
  // The note named the fit's internals: "--free authorities[0]...: give bounds".
  const auto data = wfsim::import::CswwData::read_file(kData);
  std::string why;
  const auto rows = wfsim::calibrate::backtest_council(data, data.council("City of London", 2018),
                                                       data.council("City of London", 2019), quick(20), why);
  CHECK(rows.empty());
  CHECK(why == "no permanent starters in the year to September 2018, so no applicants a year to fit from");
}

TEST_CASE("the Harrell-Davis quantile agrees with SciPy's and moves smoothly", "[backtest]") {
  using wfsim::calibrate::harrell_davis_quantile;
  // References from scipy.stats.mstats.hdquantiles (SciPy 1.10.1) of the same values.
  const std::vector<double> five = {10, 2, 4, 1, 3};
  CHECK(harrell_davis_quantile(five, 0.05) == Approx(1.07326079).epsilon(1e-8));
  CHECK(harrell_davis_quantile(five, 0.5) == Approx(3.2896).epsilon(1e-8));
  CHECK(harrell_davis_quantile(five, 0.95) == Approx(9.6084175).epsilon(1e-8));
  // 37 draws of a Gamma(2, 0.05), rounded to 4 places (numpy's default_rng(3)).
  const std::vector<double> gamma = {0.2967, 0.1133, 0.0574, 0.0091, 0.039,  0.0988, 0.0665, 0.0321, 0.1185, 0.1617,
                                     0.0849, 0.1237, 0.0721, 0.281,  0.0686, 0.0382, 0.1543, 0.0894, 0.0355, 0.1025,
                                     0.0578, 0.085,  0.211,  0.0965, 0.0708, 0.127,  0.0702, 0.099,  0.1363, 0.016,
                                     0.0353, 0.138,  0.0072, 0.1064, 0.234,  0.1084, 0.211};
  CHECK(harrell_davis_quantile(gamma, 0.05) == Approx(0.01406485).epsilon(1e-6));
  CHECK(harrell_davis_quantile(gamma, 0.5) == Approx(0.09296343).epsilon(1e-7));
  CHECK(harrell_davis_quantile(gamma, 0.95) == Approx(0.26295861).epsilon(1e-7));
  // Its weights sum to one, so a constant sample gives the constant.
  CHECK(harrell_davis_quantile(std::vector<double>(200, 0.25), 0.5) == Approx(0.25).epsilon(1e-12));
  // Moving one value a little moves the estimate a little, where the sample median
  // (the 19th of 37 values) would not move at all: here the 25th, kept in its place.
  auto moved = gamma;
  std::sort(moved.begin(), moved.end());
  REQUIRE(moved[25] - moved[24] > 0.001);
  moved[24] += 0.001;
  const double change = harrell_davis_quantile(moved, 0.5) - harrell_davis_quantile(gamma, 0.5);
  CHECK(change > 0);
  CHECK(change < 0.001);
  CHECK(std::isnan(harrell_davis_quantile({}, 0.5)));
}

TEST_CASE("a turnover of 0 among many in post is no figure to forecast from or score against", "[backtest]") {
  // Manchester 2022 reported 0 with 426 in post: the forecast of 2023 started from the
  // region's rate (init's reading), and its "previous" was 0, which scored persistence
  // against a gap.
  const auto data = wfsim::import::CswwData::read_file(kData);
  const auto rows = quick_forecast(data, "Manchester", 2022, 20);
  REQUIRE(rows.size() == 3);
  REQUIRE(std::string(rows[2].measure) == "turnover");
  CHECK_FALSE(rows[2].previous.has_value());
  CHECK(rows[2].reported == Approx(0.225));
  CHECK(rows[0].previous.has_value());  // the vacancy rate's 0 would be a figure
}
