// The command line, run in-process: help, version, exit codes, an end-to-end run.
#include <H5Cpp.h>

#include <atomic>
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "cli/authority_row.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "cli/periods_shown.hpp"
#include "cli/progress.hpp"
#include "cli/sweep_grid.hpp"
#include "output/hdf5_helpers.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

namespace {
struct Result {
  int code;
  std::string out;
  std::string err;
};
Result invoke(const std::vector<std::string>& args) {
  Result r;
  r.code = test_support::run_cli(args, r.out, r.err);
  return r;
}
// A measure's summary statistic `statistic` (the file's order: 4 the median) for row
// `authority` at the last period, as the file stores it.
double summary_at_last_period(const H5::H5File& file, const std::string& measure, std::size_t statistic,
                              std::size_t authority) {
  const H5::DataSet summary = file.openDataSet("summary/" + measure);
  hsize_t dims[3];
  summary.getSpace().getSimpleExtentDims(dims);
  std::vector<double> values(dims[0] * dims[1] * dims[2]);
  summary.read(values.data(), H5::PredType::NATIVE_DOUBLE);
  return values[(statistic * dims[1] + authority) * dims[2] + dims[2] - 1];
}
// Writes the text attribute `name` of a results file's root anew: a file tampered
// with, as another program might leave it.
void rewrite_attribute(const std::filesystem::path& path, const std::string& name, const std::string& value) {
  H5::H5File file(path.string(), H5F_ACC_RDWR);
  H5::Group root = file.openGroup("/");
  const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  if (root.attrExists(name)) root.removeAttr(name);
  root.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}
}  // namespace

TEST_CASE("help and version", "[cli]") {
  auto r = invoke({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("Commands:") != std::string::npos);
  CHECK(r.out.find("run SCENARIO -o OUT.h5") != std::string::npos);
  r = invoke({"run", "--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("--replications") != std::string::npos);
  CHECK(r.out.find("--seed") != std::string::npos);
  r = invoke({"validate", "--help"});
  CHECK(r.code == 0);
  r = invoke({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("wfsim ", 0) == 0);
  // 'help COMMAND' is the command's own help (it printed the overview), and an unknown
  // name is refused (it exited 0).
  const auto own = invoke({"run", "--help"});
  r = invoke({"help", "run"});
  CHECK(r.code == 0);
  CHECK(r.out == own.out);
  r = invoke({"help", "frobnicate"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
  r = invoke({"help", "help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("Commands:") != std::string::npos);
  // '--help run' and '-h run' are 'run --help' too (they printed the overview); a word
  // after --version is refused (it exited 0).
  CHECK(invoke({"--help", "run"}).out == own.out);
  CHECK(invoke({"-h", "run"}).out == own.out);
  CHECK(invoke({"--help", "frobnicate"}).code == 2);
  r = invoke({"--version", "extra"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--version takes nothing after it, and got 'extra'"));
  CHECK(r.out.empty());
  // Help asked twice is the overview: '--help --help' and its kin once called themselves
  // without end (a crash).
  for (const auto& twice : std::vector<std::vector<std::string>>{
           {"help", "--help"}, {"help", "-h"}, {"--help", "--help"}, {"-h", "-h"}, {"--help", "--version"}}) {
    r = invoke(twice);
    CHECK(r.code == 0);
    CHECK(r.out.find("Commands:") != std::string::npos);
  }
}

TEST_CASE("'--' ends the options, and a file after it is read as the file", "[cli]") {
  // Boost read '--' as the scenario, and blamed the real one as "one more".
  const test_support::ScratchFolder scratch("wfsim-dashes");
  const auto out = scratch / "dashes.h5";
  const std::string scenario = test_support::scenario_path("buckinghamshire-2015.yaml");
  CHECK(invoke({"run", "-o", out.string(), "-n", "2", "-q", "--", scenario}).code == 0);
  CHECK(std::filesystem::exists(out));
  std::filesystem::remove(out);
  // An option after it would be a file's name: said so, not blamed on the file.
  const Result r = invoke({"run", "--", scenario, "-o", out.string()});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("'--' ends the options, and '-o' after it would be a file's name"));
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("usage mistakes exit 2 with a pointer to help", "[cli]") {
  auto r = invoke({});
  CHECK(r.code == 2);
  r = invoke({"frobnicate"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
  r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml")});
  CHECK(r.code == 2);
  CHECK(r.err.find("missing the output file") != std::string::npos);
  r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", "x.h5", "--bogus"});
  CHECK(r.code == 2);
  CHECK(r.err.find("wfsim run --help") != std::string::npos);
  r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", "x.h5", "-n", "0"});
  CHECK(r.code == 2);
  CHECK(r.err.find("from 1 to") != std::string::npos);
}

TEST_CASE("validate summarises a good scenario", "[cli]") {
  const auto r = invoke({"validate", test_support::scenario_path("buckinghamshire-2015.yaml")});
  CHECK(r.code == 0);
  CHECK(r.out.find("valid scenario 'Buckinghamshire, September 2015'") != std::string::npos);
  CHECK(r.out.find("60 monthly periods") != std::string::npos);
}

TEST_CASE("run writes a results file and reports what it did", "[cli]") {
  const test_support::ScratchFolder scratch("wfsim-cli");
  const auto out = scratch / "cli.h5";
  const auto r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n",
                         "20", "--seed", "3", "-j", "2"});
  CHECK(r.code == 0);
  CHECK(r.out.find("20 replications") != std::string::npos);
  CHECK(r.out.find("events/s") != std::string::npos);
  CHECK(std::filesystem::file_size(out) > 0);
}

TEST_CASE("run reports precision and the replications a wanted precision needs", "[cli]") {
  const test_support::ScratchFolder scratch("wfsim-precision");
  const auto out = scratch / "precision.h5";
  const auto r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n",
                         "40", "--precision", "0.01", "--keep", "all"});
  CHECK(r.code == 0);
  CHECK(r.out.find("precision at the last period") != std::string::npos);
  // Each relative half-width printed, worked here from the file's series: t(39) sd /
  // sqrt(40) over the mean of the last period's 40 values (Student's t from Boost.Math).
  const auto t975 = [](double n) { return boost::math::quantile(boost::math::students_t(n - 1), 0.975); };
  double widest = 0;
  {
    H5::H5File file(out.string(), H5F_ACC_RDONLY);
    for (const std::string measure : {"agency_share", "vacancy_rate", "uncovered_gap", "agency_spend"}) {
      const std::vector<double> last = test_support::last_period_values(file, measure);
      REQUIRE(last.size() == 40);
      double mean = 0, squares = 0;
      for (const double v : last) mean += v / 40;
      for (const double v : last) squares += (v - mean) * (v - mean);
      const double relative = t975(40) * std::sqrt(squares / 39) / std::sqrt(40.0) / std::abs(mean);
      widest = std::max(widest, relative);
      const std::size_t line = r.out.find("    " + measure + " ");
      REQUIRE(line != std::string::npos);
      const std::size_t at = r.out.find("% of the mean", line);
      const std::size_t open = r.out.rfind('(', at);
      INFO(measure << ": printed " << r.out.substr(open + 1, at - open - 1) << "%, worked " << 100 * relative << "%");
      CHECK(std::stod(r.out.substr(open + 1, at - open - 1)) == Approx(100 * relative).margin(0.005 + 1e-9));
    }
  }
  // The replications needed: n replications give t(n - 1) s / sqrt(n), s the relative sd
  // of the widest.
  const double s = widest * std::sqrt(40.0) / t975(40);
  const auto fewest = [&](double target) {
    double n = 2;
    while (t975(n) * s / std::sqrt(n) > target) ++n;
    return n;
  };
  const std::string advice = "for +/-1% on all of these, run about ";
  const std::size_t said = r.out.find(advice);
  REQUIRE(said != std::string::npos);
  const double needed = std::stod(r.out.substr(said + advice.size()));
  CHECK(needed == Approx(fewest(0.01)).epsilon(0.01));
  CHECK(r.out.find("(40 were run)") != std::string::npos);
  // A precision already met says so, with fewer replications than were run (it said
  // "run about 100" after 100 that gave +/-16%), found with t at the smaller n (the
  // normal's 1.96 said 5 where t(4) = 2.78 needs 8).
  const auto met = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n",
                           "40", "--precision", "0.5", "--force"});
  CHECK(met.code == 0);
  CHECK(met.out.find("+/-50% on all of these is met: about ") != std::string::npos);
  const double fewer = std::stod(met.out.substr(met.out.find("is met: about ") + 14));
  CHECK(fewer == Approx(fewest(0.5)).margin(1));
  // Asked for with one replication, or for a measure whose mean is 0, it says why it
  // cannot be worked out: it once said nothing, which read as met.
  // Asked for, the precision is printed with -q too (it printed nothing), the summary not.
  const auto quiet = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n",
                             "40", "--precision", "0.01", "--force", "-q"});
  CHECK(quiet.code == 0);
  CHECK(quiet.out.rfind("  precision at the last period", 0) == 0);
  CHECK_THAT(quiet.out, Contains(r.out.substr(r.out.find("  precision at the last period"))));
  CHECK_THAT(quiet.out, !Contains("events/s"));
  const auto one = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n",
                           "1", "--precision", "0.01", "--force"});
  CHECK(one.code == 0);
  CHECK_THAT(one.out, Contains("1 replication of") &&
                          Contains("--precision: a 95% interval on the mean needs at least 2 replications; 1 was run"));
  const auto no_agency = invoke(
      {"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "5", "--precision",
       "0.01", "--force", "--set", "authorities[0].roles[0].initial={in_post: 200}", "--set",
       "agency_supply[0].joining_per_year=0", "--set", "authorities[0].roles[0].leaving.destinations={outside: 1}"});
  CHECK(no_agency.code == 0);
  CHECK_THAT(no_agency.out, Contains("for +/-1% on all of these, run about") &&
                                Contains("(agency_share, agency_spend are left out: a mean of 0, or none, has no "
                                         "relative precision)"));
  // Past the most one run takes, it says so: 1e-20 asked for 1e40 replications, which
  // wrapped as a whole number to "met: about 2 would do".
  const auto tiny = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n",
                            "3", "--precision", "1e-20", "--force", "--set", "duration=1 year"});
  CHECK(tiny.code == 0);
  CHECK_THAT(tiny.out, Contains("+/-1e-18% on all of these needs more than 10000000 replications, the most one run "
                                "takes (3 were run)") &&
                           !Contains("is met"));
  std::filesystem::remove(out);
  CHECK(
      invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "--precision", "-1"})
          .code == 2);
}

TEST_CASE("precision of a mean undefined in some replications is over those it is defined in", "[cli]") {
  // A council of 2 posts and 1 in post, who mostly leave: its agency share is 0/0 in
  // about half the replications at the end. The interval was t(39) sd / sqrt(40) over
  // all 40 where the file's mean and sd are over the defined ones (an audit: 33.4% of
  // the mean printed, 47.5% right).
  const test_support::ScratchFolder scratch("wfsim-precision-defined");
  const auto out = scratch / "tiny.h5";
  const std::string role = "authorities[0].roles[0].";
  const auto r = invoke({"run",         test_support::scenario_path("buckinghamshire-2015.yaml"),
                         "-o",          out.string(),
                         "-n",          "40",
                         "--seed",      "3",
                         "--threads",   "1",
                         "--keep",      "all",
                         "--precision", "0.1",
                         "--set",       role + "permanent_posts=2",
                         "--set",       role + "initial={in_post: 1}",
                         "--set",       role + "leaving.turnover_per_year=3",
                         "--set",       role + "recruitment.applicants_per_year=1",
                         "--set",       "agency_supply[0].joining_per_year=1",
                         "--set",       "duration=6 months"});
  REQUIRE(r.code == 0);
  H5::H5File file(out.string(), H5F_ACC_RDONLY);
  std::vector<double> defined;
  for (const double v : test_support::last_period_values(file, "agency_share")) {
    if (!std::isnan(v)) defined.push_back(v);
  }
  const double n = static_cast<double>(defined.size());
  INFO(r.out);
  REQUIRE(n >= 10);
  REQUIRE(n <= 30);  // undefined in some: what the case is about
  double mean = 0, squares = 0;
  for (const double v : defined) mean += v / n;
  for (const double v : defined) squares += (v - mean) * (v - mean);
  const double t = boost::math::quantile(boost::math::students_t(n - 1), 0.975);
  const double relative = t * std::sqrt(squares / (n - 1)) / std::sqrt(n) / mean;
  const std::size_t line = r.out.find("    agency_share ");
  REQUIRE(line != std::string::npos);
  const std::size_t at = r.out.find("% of the mean", line);
  const std::size_t open = r.out.rfind('(', at);
  CHECK(std::stod(r.out.substr(open + 1, at - open - 1)) == Approx(100 * relative).margin(0.005 + 1e-9));
  CHECK_THAT(r.out.substr(line),
             Contains("over the " + std::to_string(defined.size()) + " replications it is defined in)"));
  // The file's own count, statistic n, says the same.
  const std::vector<std::string> statistics = wfsim::output::read_string_vector(file.openDataSet("statistic"));
  REQUIRE(statistics.back() == "n");
  const std::size_t rows = wfsim::output::read_string_vector(file.openDataSet("authority")).size();
  CHECK(summary_at_last_period(file, "agency_share", statistics.size() - 1, rows - 1) == n);
}

TEST_CASE("info describes a results file and shows key measures at chosen dates", "[cli]") {
  const test_support::ScratchFolder scratch("wfsim-info");
  const auto out = scratch / "info.h5";
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "10",
                  "--seed", "4", "-q"})
              .code == 0);
  auto r = invoke({"info", out.string(), "--date", "2017-01-15"});
  CHECK(r.code == 0);
  CHECK(r.out.find("10 replications, seed 4") != std::string::npos);
  // A rerun replaces its own kind of file, and says so.
  const auto rerun = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n",
                             "10", "--seed", "4", "--set", "duration=1 year"});
  CHECK(rerun.code == 0);
  CHECK(rerun.out.rfind("wrote " + out.string() + " (replacing the file of that name): 10 replications", 0) == 0);
  std::filesystem::remove(out);
  CHECK(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "10",
                "--seed", "4"})
            .out.rfind("wrote " + out.string() + ": 10 replications", 0) == 0);
  CHECK(r.out.find("Buckinghamshire, September 2015") != std::string::npos);
  CHECK(r.out.find("2016-12-31") != std::string::npos);  // the last period ending on or before the date
  CHECK(r.out.find("agency_share (%)") != std::string::npos);
  // A date after the run is shown at its last period, and said to be.
  r = invoke({"info", out.string(), "--date", "2030-01-01"});
  CHECK(r.code == 0);
  CHECK(r.out.find("note: 2030-01-01 lies after the run, which reports to 2020-09-30") != std::string::npos);
  r = invoke({"info", out.string(), "--date", "2030-01-01", "--date", "2031-01-01"});
  CHECK(r.out.find("note: 2030-01-01, 2031-01-01 lie after the run, which reports to 2020-09-30") != std::string::npos);
  r = invoke({"info", out.string(), "--date", "2020-10-01"});
  CHECK(r.code == 0);  // and shown: an empty output of a failure has no note either
  CHECK(r.out.find("2020-09-30") != std::string::npos);
  CHECK(r.out.find("note:") == std::string::npos);
  // Two dates in one period show it once, and a date that ends no period says where
  // it is shown; the day after a period's end is that end's snapshot, as meant.
  r = invoke({"info", out.string(), "--date", "2016-12-15", "--date", "2016-12-20", "--date", "2017-01-01"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("note: shown at the last period ending on or before it: 2016-12-15 at 2016-11-30, "
                             "2016-12-20 at 2016-11-30\n"));
  REQUIRE(r.out.find("  measure") != std::string::npos);
  const std::string header = r.out.substr(r.out.find("  measure"));
  const std::string columns = header.substr(0, header.find('\n'));
  REQUIRE(columns.find("2016-11-30") != std::string::npos);  // else find == rfind held with neither
  CHECK(columns.find("2016-11-30") == columns.rfind("2016-11-30"));
  CHECK(header.substr(0, header.find('\n')).find("2016-12-31") != std::string::npos);
  r = invoke({"info", out.string(), "--date", "2001-01-01"});
  CHECK(r.code == 2);
  CHECK(r.err.find("no reporting period ends on or before 2001-01-01") != std::string::npos);
  CHECK(r.out.empty());  // found out before the file's description is printed
  r = invoke({"info", "/nonexistent/file.h5"});
  CHECK(r.code == 2);
  // Overrides one a line, aligned; authorities separated, not ended, by ';'.
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "-q",
                  "--force", "--set", "duration=1 year", "--set", "authorities[0].roles[0].pay.on_costs=0.25"})
              .code == 0);
  r = invoke({"info", out.string()});
  CHECK(r.out.find("  authorities  1: Buckinghamshire\n") != std::string::npos);
  CHECK(r.out.find("  overrides    duration=1 year\n               authorities[0].roles[0].pay.on_costs=0.25\n") !=
        std::string::npos);
  // A variant names the scenario it extends: its own file holds only its differences.
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015-supplement.yaml"), "-o", out.string(), "-n",
                  "2", "-q", "--force", "--set", "duration=1 year"})
              .code == 0);
  r = invoke({"info", out.string()});
  CHECK_THAT(r.out, Contains("  extends      ") && Contains("buckinghamshire-2015.yaml\n"));
  // 'refused' named in --keep where no rule refuses anyone keeps nothing, and says so.
  r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "-q",
              "--force", "--set", "duration=1 year", "--keep", "series=refused,vacancies"});
  CHECK(r.code == 0);
  // -q hides progress and the summary, not notes: the file does not keep them.
  CHECK_THAT(r.err, Contains("note: --keep names 'refused', but ") && Contains("has no rules"));
  r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "--force",
              "--set", "duration=1 year", "--keep", "series=refused,vacancies"});
  CHECK_THAT(r.err, Contains("note: --keep names 'refused', but ") && Contains("has no rules"));
  r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "--force",
              "--set", "duration=1 year"});
  CHECK_THAT(r.err, !Contains("--keep names"));  // the standard series take refusals where there are any
}

TEST_CASE("the notes a command prints on its scenarios are kept in its file, and info shows them", "[cli]") {
  // A report of the file once said nothing of them: the NQSW programme's five-year
  // total with two of its cohorts' cost counted and their work after the run.
  const test_support::ScratchFolder scratch("wfsim-notes");
  const std::filesystem::path& dir = scratch.path;
  const std::string base = test_support::scenario_path("buckinghamshire-2015.yaml"),
                    nqsw = test_support::scenario_path("buckinghamshire-2015-nqsw.yaml");
  const std::string cohorts = "'NQSW programme': 2 of its 5 cohorts within the run (from 2019-09-01) start work";
  auto root_notes = [](const std::filesystem::path& path) {
    H5::H5File file(path.string(), H5F_ACC_RDONLY);
    const H5::Attribute a = file.openGroup("/").openAttribute("notes");
    std::string text;
    a.read(a.getStrType(), text);
    return text;
  };
  const std::vector<std::vector<std::string>> commands = {
      {"run", nqsw, "-o", (dir / "run.h5").string(), "-n", "4", "-q"},
      {"compare", base, nqsw, "-o", (dir / "compare.h5").string(), "-n", "4", "-q"},
      {"sweep", nqsw, "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=36,48", "-o",
       (dir / "sweep.h5").string(), "-n", "4", "-q"}};
  for (const auto& command : commands) {
    const std::string file = *(std::find(command.begin(), command.end(), "-o") + 1);
    INFO(command[0]);
    const Result r = invoke(command);
    REQUIRE(r.code == 0);
    const std::string printed = r.err.substr(r.err.find("note: "));
    const std::string kept = root_notes(file);
    // As printed, one a line, without "note: ".
    CHECK_THAT(kept, Contains(cohorts));
    CHECK(kept.find("note: ") == std::string::npos);
    CHECK(printed.find(kept.substr(0, kept.find('\n'))) != std::string::npos);
    CHECK_THAT(invoke({"info", file}).out, Contains("  notes        " + kept.substr(0, kept.find('\n'))));
    // A paired difference from 4 replications is said to be short of its 95%; a run has none.
    const bool paired = command[0] != "run";
    CHECK((kept.find("4 replications: with fewer than 100, a difference's 95% interval covers less than 95%") !=
           std::string::npos) == paired);
    CHECK((printed.find("use 100 or more to compare policies") != std::string::npos) == paired);
  }
  // A name's direction control is shown on the terminal, not obeyed (it reordered the
  // note's line); the file keeps the note as shown.
  const Result bidi = invoke({"run", nqsw, "-o", (dir / "bidi.h5").string(), "-n", "2", "-q", "--set",
                              "authorities[0].policies[0].name=NQSW\xE2\x80\xAEmargorp"});
  REQUIRE(bidi.code == 0);
  CHECK_THAT(bidi.err, Contains("'NQSW\\u202Emargorp'"));
  CHECK(bidi.err.find("\xE2\x80\xAE") == std::string::npos);
  CHECK_THAT(root_notes(dir / "bidi.h5"), Contains("'NQSW\\u202Emargorp'"));
  // A scenario without notes keeps an empty attribute, and info shows no notes line.
  REQUIRE(invoke({"run", base, "-o", (dir / "plain.h5").string(), "-n", "4", "-q"}).code == 0);
  CHECK(root_notes(dir / "plain.h5").empty());
  const auto plain = invoke({"info", (dir / "plain.h5").string()});
  CHECK(plain.code == 0);
  CHECK(plain.out.find("  periods") != std::string::npos);  // shown, without a notes line
  CHECK(plain.out.find("  notes") == std::string::npos);
}

TEST_CASE("compare and sweep note fewer replications than a comparison needs, and only then", "[cli]") {
  std::ostringstream few, enough;
  wfsim::cli::note_few_replications(wfsim::cli::kReplicationsToCompare - 1, few);
  wfsim::cli::note_few_replications(wfsim::cli::kReplicationsToCompare, enough);
  CHECK_THAT(few.str(), Contains("note: 99 replications: with fewer than 100,"));
  CHECK(enough.str().empty());
}

TEST_CASE("every command stopped by a signal says so, exits 130 and writes nothing", "[cli]") {
  // Only the simulating commands looked at the stop: init, calibrate's and schema's files
  // were still written after a Ctrl-C, and validate and info ended with exit 0.
  const test_support::ScratchFolder scratch("wfsim-stopped");
  const std::atomic<bool> raised{true};
  const std::string schema = (scratch / "s.json").string(), scenario = (scratch / "init.yaml").string();
  const std::string old_schema = "{\"$schema\": \"the old one\"}\n";
  std::ofstream(schema) << old_schema;
  const std::string data = std::string(WFSIM_TEST_DATA_DIR) + "/../data/csww_indicators_2017_2023.csv";
  const std::string results = (scratch / "r.h5").string();
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", results, "-n", "2", "-q",
                  "--set", "duration=1 month"})
              .code == 0);
  const std::vector<std::vector<std::string>> commands = {
      {"schema", "-o", schema},
      {"init", "--from-csww", data, "--la", "Dudley", "--year", "2023", "-o", scenario},
      {"validate", test_support::scenario_path("buckinghamshire-2015.yaml")},
      {"info", results},
      {"schema"}};
  for (const auto& command : commands) {
    INFO(command.front() << " (" << command.size() << " words)");
    std::string out, err;
    CHECK(test_support::run_cli(command, out, err, &raised) == wfsim::cli::kInterrupted);
    // A command that writes a file says none was; one that only prints, that it had.
    const bool writes = std::find(command.begin(), command.end(), "-o") != command.end();
    const std::string line =
        writes ? "wfsim: interrupted; nothing was written (an existing output is as it was)\n"
               : "wfsim: interrupted after it printed its output; the exit status says it was stopped\n";
    CHECK(err.size() >= line.size());
    CHECK(err.find(line) == err.size() - line.size());  // once, and last
  }
  std::ifstream kept(schema);
  CHECK(std::string(std::istreambuf_iterator<char>(kept), {}) == old_schema);
  CHECK(std::distance(std::filesystem::directory_iterator(scratch.path), std::filesystem::directory_iterator()) == 2);
  // Not raised, the same commands write their files.
  const std::atomic<bool> lowered{false};
  std::string out, err;
  CHECK(test_support::run_cli(commands[0], out, err, &lowered) == 0);
  CHECK(test_support::run_cli(commands[1], out, err, &lowered) == 0);
  CHECK(std::filesystem::exists(scenario));
  // Raised once the file is saved (here, as the command says what it wrote): the work
  // was done before the stop, which the command then ends with 0.
  struct RaisingOnOutput : std::streambuf {
    std::atomic<bool>& flag;
    explicit RaisingOnOutput(std::atomic<bool>& f) : flag(f) {}
    int_type overflow(int_type c) override {
      flag.store(true);
      return c;
    }
  };
  std::atomic<bool> raised_late{false};
  RaisingOnOutput raising(raised_late);
  std::ostream says(&raising);
  std::ostringstream errors;
  const std::vector<const char*> argv = {"wfsim", "schema", "-o", schema.c_str()};
  CHECK(wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), says, errors, &raised_late) == 0);
  CHECK(raised_late.load());
  CHECK(errors.str().empty());
}

TEST_CASE("a short option joined to its value by '=' is refused, and writes nothing", "[cli]") {
  // '-o=x.h5' gave -o the value '=x.h5': run wrote a file of that name and said so.
  const test_support::ScratchFolder scratch("wfsim-short-eq");
  const std::filesystem::path& dir = scratch.path;
  const std::string out = (dir / "x.h5").string();
  const Result r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o=" + out, "-n", "2"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("'-o=" + out + "': a short option takes its value after a space, '-o " + out + "'"));
  CHECK(std::filesystem::is_empty(dir));
  CHECK(invoke({"schema", "-o=" + out}).code == 2);
  CHECK_THAT(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n=2"}).err,
             Contains("'-n=2': a short option takes its value after a space, '-n 2' (or its long form, "
                      "--replications=2)"));
  CHECK(std::filesystem::is_empty(dir));
  // After '--' it is no option: refused as a file's name that looks like one.
  CHECK_THAT(invoke({"run", "-o", out, "--", "-o=x.yaml"}).err,
             Contains("'--' ends the options, and '-o=x.yaml' after it would be a file's name"));
}

TEST_CASE("info shows a tampered file's control characters escaped, not sent to the terminal", "[cli]") {
  // A results file's text comes from whoever wrote it: an escape sequence in its
  // scenario name cleared the terminal when info printed it, and a carriage return
  // hid what came before it on the line.
  const test_support::ScratchFolder scratch("wfsim-tampered");
  const auto out = scratch / "tampered.h5";
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "-q",
                  "--set", "duration=1 year"})
              .code == 0);
  rewrite_attribute(out, "scenario_name",
                    "Bucks\x1b[2J\rfake\x07\nfake line\xc2\x9b"
                    "31m");
  rewrite_attribute(out, "format", "wfsim-\x1b[31mx");
  auto r = invoke({"info", out.string()});
  CHECK(r.code == 2);  // the format is not wfsim's, and the message quotes it
  CHECK_THAT(r.err, Contains("wfsim-\\x1B[31mx") && !Contains("\x1b"));
  rewrite_attribute(out, "format", "wfsim-results");
  r = invoke({"info", out.string()});
  CHECK(r.code == 0);
  // A line end in a name shown as one would add a line of the file's making; a C1
  // control (U+009B, CSI) acts as ESC [ on some terminals.
  CHECK_THAT(r.out, Contains("Bucks\\x1B[2J\\x0Dfake\\x07\\x0Afake line\\xC2\\x9B31m (") && !Contains("\x1b") &&
                        !Contains("\r") && !Contains("\x07") && !Contains("\xc2\x9b"));
}

TEST_CASE("info's table of key measures stays aligned when a figure passes 10,000", "[cli]") {
  // A region's staff cost passes 10,000k a month: its cells were wider than the
  // columns and pushed the rest of the row out of line.
  const test_support::ScratchFolder scratch("wfsim-info-wide");
  const auto out = scratch / "info-wide.h5";
  REQUIRE(invoke({"run", test_support::scenario_path("south-east-moc-2016.yaml"), "-o", out.string(), "-n", "2", "-q",
                  "--set", "duration=3 months"})
              .code == 0);
  const auto r = invoke({"info", out.string()});
  REQUIRE(r.code == 0);
  std::istringstream lines(r.out.substr(r.out.find("Region: median")));
  std::string line;
  std::getline(lines, line);
  std::set<std::size_t> widths;
  std::vector<std::string> rows;
  while (std::getline(lines, line) && !line.empty()) {
    widths.insert(line.size());
    rows.push_back(line);
  }
  INFO(r.out);
  REQUIRE(rows.size() == 9);  // the dates and eight measures
  CHECK(widths.size() == 1);
  CHECK_THAT(rows.back(), Contains("staff_cost (GBP k/month)"));  // as a comparison says it
  CHECK(rows.back().find('(', 30) != std::string::npos);
}

TEST_CASE("info of a run of one replication shows its values, not a range across replications", "[cli]") {
  // It said "median (5% to 95%) across replications" over cells of 300.0 (300.0-300.0).
  const test_support::ScratchFolder scratch("wfsim-info-one");
  const auto out = scratch / "one.h5";
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "1", "-q",
                  "--set", "duration=3 months"})
              .code == 0);
  const auto r = invoke({"info", out.string()});
  REQUIRE(r.code == 0);
  INFO(r.out);
  CHECK_THAT(r.out, Contains(": the one replication's values (one replication shows no range)\n") &&
                        !Contains("across replications"));
  // The value as stored (the median of one), alone in its cell.
  const H5::H5File file(out.string(), H5F_ACC_RDONLY);
  char value[32];
  std::snprintf(value, sizeof value, "%.1f", summary_at_last_period(file, "permanent_headcount", 4, 0));
  std::string row = r.out.substr(r.out.find("permanent_headcount"));
  row = row.substr(0, row.find('\n'));
  CHECK_THAT(row, EndsWith(std::string(" ") + value) && !Contains("("));
}

TEST_CASE("info --authority shows one council of a region, named in any case, and refuses one the file lacks",
          "[cli]") {
  const test_support::ScratchFolder scratch("wfsim-info-council");
  const std::filesystem::path& dir = scratch.path;
  const std::string run = (dir / "run.h5").string(), compared = (dir / "compare.h5").string();
  REQUIRE(invoke({"run", test_support::scenario_path("south-east-moc-2016.yaml"), "-o", run, "-n", "4", "-q", "--set",
                  "duration=3 months"})
              .code == 0);
  auto r = invoke({"info", run, "--authority", "kent"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Contains("\n  Kent: median (5% to 95%) across replications\n") && !Contains("Region: median"));
  // Kent's own figures: its permanent headcount's median at the last period, as stored.
  H5::H5File file(run, H5F_ACC_RDONLY);
  const auto names = wfsim::output::read_string_vector(file.openDataSet("authority"));
  const auto kent = static_cast<std::size_t>(std::find(names.begin(), names.end(), "Kent") - names.begin());
  auto at = [&](std::size_t statistic) { return summary_at_last_period(file, "permanent_headcount", statistic, kent); };
  char cell[64];  // the last period's median (5% to 95%), as info writes it but for spaces
  std::snprintf(cell, sizeof cell, "%.1f(%.1f-%.1f)", at(4), at(2), at(6));
  std::string row = r.out.substr(r.out.find("permanent_headcount"));
  row = row.substr(0, row.find('\n'));
  std::erase(row, ' ');
  CHECK_THAT(row, EndsWith(cell));
  CHECK(invoke({"info", run, "--authority", "Region"}).out.find("  Region: median") != std::string::npos);
  r = invoke({"info", run, "--authority", "Kentt"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("--authority 'Kentt'") && Contains("has no such authority (did you mean 'Kent'?)"));
  // An empty name was taken for none, the total shown without a word (a robustness test).
  r = invoke({"info", run, "--authority", ""});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--authority is empty"));
  // A comparison's tables are of the council asked for too.
  REQUIRE(invoke({"compare", test_support::scenario_path("south-east-no-moc-2016.yaml"),
                  test_support::scenario_path("south-east-moc-2016.yaml"), "-o", compared, "-n", "2", "-q"})
              .code == 0);
  r = invoke({"info", compared, "--authority", "Medway"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("\n  Medway at ") && Contains("\n  Medway, totals over the") && !Contains("Region at"));
  // Neither scenario has a policy: its cost differs by exactly 0, shown without a sign
  // (a "-0.0" read as a change). A real difference may start "-0.0" ("-0.03"): only a
  // signed zero, all its digits 0, is wrong.
  CHECK_THAT(r.out, Contains("  0.00 (0.00 to 0.00)\n") && !Contains("+0.00 ("));
  CHECK_FALSE(std::regex_search(r.out, std::regex(R"([-+]0\.0+([^0-9]|$))")));
}

TEST_CASE("info --authority given a council's name without its kind suggests that council", "[cli]") {
  // The data's names put the kind after a comma: 'Herefordshire' was told "did you mean
  // 'Hertfordshire'?", the nearest spelling, and an analyst who took it saw another council.
  const std::vector<std::string> names{"Hertfordshire", "Herefordshire, County of", "Bristol, City of", "Total"};
  const auto message = [&](const std::string& wanted) {
    try {
      wfsim::cli::authority_row(names, wanted, "england.h5");
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(message("Herefordshire"), Contains("(did you mean 'Herefordshire, County of'?)"));
  CHECK_THAT(message("bristol"), Contains("(did you mean 'Bristol, City of'?)"));
  CHECK_THAT(message("Hertfordshir"), Contains("(did you mean 'Hertfordshire'?)"));
  CHECK(wfsim::cli::authority_row(names, "herefordshire, county of", "england.h5") == 1);
}

TEST_CASE("info --authority given a region says what charts it, for the kind of file", "[cli]") {
  // A comparison file was told "'wfsim-analysis plot FILE --authority REGION' charts
  // one", which no command can do with it; a results file was not told that the chart
  // needs the councils' series.
  const std::vector<std::string> names{"Camden", "Kent", "All councils"};
  const auto message = [&](bool variants) {
    try {
      wfsim::cli::authority_row(names, "South East", "england.h5", variants);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(message(false), Contains("'wfsim-analysis plot england.h5 --authority REGION' charts one from its "
                                      "councils' per-replication series (which the default --keep keeps)"));
  CHECK_THAT(message(true), Contains("a comparison or sweep file keeps no council's series to add one up from: run "
                                     "each scenario with 'wfsim run'") &&
                                !Contains("plot england.h5"));
}

TEST_CASE("a one-day period is counted as one day", "[cli]") {
  // "1 period (1 days)" and "covers 1 days" (a CLI audit).
  CHECK(wfsim::cli::days_counted(1) == "1 day");
  CHECK(wfsim::cli::days_counted(14) == "14 days");
  const test_support::ScratchFolder scratch("wfsim-one-day");
  const auto out = scratch / "day.h5";
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "-q",
                  "--set", "duration=1 day"})
              .code == 0);
  const auto r = invoke({"info", out.string()});
  CHECK_THAT(r.out, Contains("  periods      1 period (1 day), 2015-10-01 to 2015-10-01\n") &&
                        Contains("2015-10-01 covers 1 day, from 2015-10-01."));
}

TEST_CASE("info says which periods shown are not whole months", "[cli]") {
  // A run from the 15th: the first period's spend was about half a month's, under a
  // heading of a month's, without a word.
  const test_support::ScratchFolder partial("wfsim-partial");
  const auto out = partial / "partial.h5";
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "-q",
                  "--force", "--set", "start=2015-10-15", "--set", "duration=14 months"})
              .code == 0);
  auto r = invoke({"info", out.string()});
  CHECK(r.code == 0);
  // 15 periods over 14 months: counted as periods, with their days ("15 months" overstated it).
  CHECK(r.out.find("  periods      15 periods (427 days), 2015-10-31 to 2016-12-14\n") != std::string::npos);
  CHECK(r.out.find("note: not a whole month: 2015-10-31 covers 17 days, from 2015-10-15; 2016-12-14 covers 14 days, "
                   "from 2016-12-01.") != std::string::npos);
  r = invoke({"info", out.string(), "--date", "2016-05-31"});
  CHECK(r.code == 0);
  CHECK(r.out.find("2016-05-31") != std::string::npos);
  CHECK(r.out.find("not a whole month") == std::string::npos);  // a whole month shown alone
  r = invoke({"info", out.string(), "--date", "2015-10-31", "--date", "2015-10-31"});
  CHECK(r.out.find("2015-10-31 covers 17 days, from 2015-10-15.") != std::string::npos);  // once, asked twice
  std::filesystem::remove(out);
  // A comparison says it too.
  namespace fs = std::filesystem;
  const test_support::ScratchFolder scratch("wfsim-partial-compare");
  const std::filesystem::path& dir = scratch.path;
  // A copy beside the variants: extends reaches only the first scenario's folder and the
  // current one, and ctest runs this from the build tree.
  fs::copy_file(test_support::scenario_path("buckinghamshire-2015.yaml"), dir / "bucks.yaml");
  std::ofstream(dir / "base.yaml") << "extends: bucks.yaml\nname: from the 15th\nstart: 2015-10-15\nduration: 3 "
                                      "months\n";
  std::ofstream(dir / "more.yaml") << "extends: base.yaml\nname: more applicants\nauthorities:\n  - name: "
                                      "Buckinghamshire\n    roles:\n      - name: social_worker\n        "
                                      "recruitment: {applicants_per_year: 60}\n";
  r = invoke({"compare", (dir / "base.yaml").string(), (dir / "more.yaml").string(), "-o", (dir / "c.h5").string(),
              "-n", "2", "-q"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  r = invoke({"info", (dir / "c.h5").string()});
  CHECK(r.out.find("note: not a whole month: 2016-01-14 covers 14 days, from 2016-01-01.") != std::string::npos);
  CHECK(r.out.find("totals over the 4 periods (92 days) to 2016-01-14") != std::string::npos);
}

TEST_CASE("info says a file with wfsim's format but not its parts is not one wfsim wrote whole", "[cli]") {
  // xarray's to_netcdf of wfsim_analysis.open's dataset copies the format attribute
  // into a file without wfsim's datasets: it was called damaged, "run it again".
  const test_support::ScratchFolder scratch("wfsim-foreign");
  const auto out = scratch / "foreign.h5";
  {
    H5::H5File file(out.string(), H5F_ACC_TRUNC);
    H5::Group root = file.openGroup("/");
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    root.createAttribute("format", type, H5::DataSpace(H5S_SCALAR)).write(type, std::string("wfsim-results"));
    const hsize_t n[1] = {1};
    file.createDataSet("authority", H5::PredType::NATIVE_INT, H5::DataSpace(1, n));
  }
  const auto r = invoke({"info", out.string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("says it is a wfsim-results file but has no 'date', 'statistic' or 'summary': it is not one wfsim "
                   "wrote whole") != std::string::npos);
  CHECK(r.err.find("run it again") == std::string::npos);
  // Another program's number under the name: once "(it is a  file)", a blank kind.
  {
    H5::H5File file(out.string(), H5F_ACC_TRUNC);
    const int three = 3;
    file.openGroup("/")
        .createAttribute("format", H5::PredType::NATIVE_INT, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_INT, &three);
  }
  const auto numbered = invoke({"info", out.string()});
  CHECK(numbered.code == 2);
  CHECK_THAT(numbered.err, Contains("is not a wfsim results file") && !Contains("(it is a"));
  // A backtest's table given to info was said only to be "not HDF5 at all".
  const std::filesystem::path table = out.parent_path() / "backtest.csv";
  std::ofstream(table) << "council,year,measure\n";
  const auto csv = invoke({"info", table.string()});
  CHECK(csv.code == 2);
  CHECK_THAT(csv.err, Contains("it looks like a CSV table") && Contains("wfsim-analysis backtest " + table.string()));
}

TEST_CASE("info refuses a results file of another format version", "[cli]") {
  // A file that said format 99 was shown as if this wfsim's, its figures read as ours.
  namespace fs = std::filesystem;
  const test_support::ScratchFolder scratch("wfsim-format");
  const std::filesystem::path& dir = scratch.path;
  for (const bool compare : {false, true}) {
    const std::string out = (dir / (compare ? "c.h5" : "r.h5")).string();
    const std::string scenario = test_support::scenario_path("buckinghamshire-2015.yaml");
    const std::string campaign = test_support::scenario_path("buckinghamshire-2015-campaign.yaml");
    auto r = compare ? invoke({"compare", scenario, campaign, "-o", out, "-n", "2", "-q"})
                     : invoke({"run", scenario, "-o", out, "-n", "2", "-q", "--set", "duration=2 months"});
    REQUIRE(r.code == 0);
    CHECK(invoke({"info", out}).code == 0);
    // The file's format_version replaced by one of another type and value.
    const auto set_version = [&](const H5::PredType& type, const auto& value) {
      H5::H5File file(out, H5F_ACC_RDWR);
      H5::Group root = file.openGroup("/");
      root.removeAttr("format_version");
      root.createAttribute("format_version", type, H5::DataSpace(H5S_SCALAR)).write(type, &value);
    };
    set_version(H5::PredType::NATIVE_INT, 99);
    r = invoke({"info", out});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("is a wfsim file of format 99; this wfsim reads format 1"));
    // Not a whole number (1.7 was read as 1), and none at all ("format 0"): refused too.
    set_version(H5::PredType::NATIVE_DOUBLE, 1.7);
    r = invoke({"info", out});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("its format_version is not a whole number"));
    set_version(H5::PredType::NATIVE_DOUBLE, 1.0);  // as a Python writer may give it: 1
    CHECK(invoke({"info", out}).code == 0);
    H5::H5File(out, H5F_ACC_RDWR).openGroup("/").removeAttr("format_version");
    r = invoke({"info", out});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("says no format_version: it is not a file wfsim wrote whole"));
  }
}

TEST_CASE("info refuses a file whose replications or seed is not a whole number", "[cli]") {
  // An edited file's replications of -5 was shown as "0 replications", a seed of 1.5 as
  // 1; the analysis package refused both as damaged.
  namespace fs = std::filesystem;
  const test_support::ScratchFolder scratch("wfsim-counts");
  const std::filesystem::path& dir = scratch.path;
  const std::string out = (dir / "r.h5").string();
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2", "-q", "--set",
                  "duration=2 months"})
              .code == 0);
  const auto set = [&](const char* name, const H5::PredType& type, const auto& value) {
    H5::H5File file(out, H5F_ACC_RDWR);
    H5::Group root = file.openGroup("/");
    root.removeAttr(name);
    root.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, &value);
  };
  set("replications", H5::PredType::NATIVE_INT64, std::int64_t{-5});
  auto r = invoke({"info", out});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("is damaged: its replications is not a whole number >= 0"));
  set("replications", H5::PredType::NATIVE_INT64, std::int64_t{2});  // a signed 2, as Python writes it, is fine
  CHECK(invoke({"info", out}).code == 0);
  set("seed", H5::PredType::NATIVE_DOUBLE, 1.5);
  r = invoke({"info", out});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("is damaged: its seed is not a whole number >= 0"));
}

TEST_CASE("info refuses a results file whose datasets have other shapes than it says", "[cli]") {
  // A summary read with indices from the file's other datasets: a damaged or foreign
  // file whose summary has fewer periods, or more dimensions, was read out of bounds,
  // and the uncertain inputs' table and series were read into arrays of two and three
  // dimensions whatever their number.
  const test_support::ScratchFolder scratch("wfsim-shape");
  const auto out = scratch / "shape.h5";
  const auto replaced = [&](const std::string& name, std::vector<hsize_t> dims) {
    REQUIRE(
        invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "4", "-q",
                "--force", "--set", "authorities[0].roles[0].leaving.turnover_per_year={mean: 0.17, sd: 0.02}"})
            .code == 0);
    H5::H5File file(out.string(), H5F_ACC_RDWR);
    file.unlink(name);
    const H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
    H5::DataSet ds = file.createDataSet(name, H5::PredType::NATIVE_DOUBLE, space);
    std::size_t n = 1;
    for (const hsize_t d : dims) n *= d;
    const std::vector<double> zeros(n, 0.0);
    ds.write(zeros.data(), H5::PredType::NATIVE_DOUBLE);
  };
  const std::vector<std::pair<std::string, std::vector<hsize_t>>> cases = {
      {"summary/vacancy_rate", {7, 1, 3}},  {"summary/vacancy_rate", {7, 1, 60, 2}},
      {"summary/vacancy_rate", {2, 1, 60}}, {"summary/vacancy_rate", {7, 60}},
      {"inputs/values", {4, 1, 1}},         {"series/vacancies", {4, 1, 60, 1}}};
  for (const auto& [name, dims] : cases) {
    replaced(name, dims);
    const auto r = invoke({"info", out.string()});
    INFO(name << " of " << dims.size() << " dimensions, the first " << dims[0] << ": " << r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("is damaged: " + std::string(name.starts_with("summary") ? "the shape of " : "") + name) !=
          std::string::npos);
    CHECK(r.out.empty());  // nothing printed ahead of the error
  }
}

TEST_CASE("an output never replaces an input, nor a file of another kind without --force", "[cli]") {
  namespace fs = std::filesystem;
  const test_support::ScratchFolder scratch("wfsim-overwrite");
  const std::filesystem::path& dir = scratch.path;
  const std::string scenario = (dir / "b.yaml").string();
  fs::copy_file(test_support::scenario_path("buckinghamshire-2015.yaml"), scenario);
  auto text_of = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string original = text_of(scenario);
  // The scenario itself, under another spelling of its path: refused, untouched.
  auto r = invoke({"run", scenario, "-o", (dir / "." / "b.yaml").string(), "-n", "2", "-q", "--force"});
  CHECK(r.code == 2);
  CHECK(r.err.find("is one of this command's inputs") != std::string::npos);
  CHECK(text_of(scenario) == original);
  // Someone's notes: refused unless --force.
  const std::string notes = (dir / "notes").string();
  { std::ofstream(notes) << "some notes"; }
  r = invoke({"run", scenario, "-o", notes, "-n", "2", "-q"});
  CHECK(r.code == 2);
  CHECK(r.err.find("give --force to replace it") != std::string::npos);
  CHECK(text_of(notes) == "some notes");
  CHECK(invoke({"run", scenario, "-o", notes, "-n", "2", "-q", "--force"}).code == 0);
  // A name that says another format is refused, --force or not, and nothing is written:
  // `-o out.csv` once wrote HDF5 that Excel opened as garbage.
  const std::string chart = (dir / "chart.png").string();
  { std::ofstream(chart) << "a chart"; }
  r = invoke({"run", scenario, "-o", chart, "-n", "2", "-q", "--force"});
  CHECK(r.code == 2);
  CHECK(r.err.find("its name says an image, but this command writes HDF5; name it") != std::string::npos);
  CHECK(text_of(chart) == "a chart");
  r = invoke({"run", scenario, "-o", (dir / "Out.CSV").string(), "-n", "2", "-q"});
  CHECK(r.code == 2);
  CHECK(r.err.find("name it '" + (dir / "Out.h5").string() + "', then 'wfsim-analysis export") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "Out.CSV"));
  const std::string other = (dir / "other.yaml").string();
  std::ofstream(other) << "extends: b.yaml\nname: another\n";
  r = invoke({"compare", scenario, other, "-o", (dir / "c.xlsx").string(), "-n", "2", "-q"});
  CHECK(r.code == 2);
  CHECK(r.err.find("its name says Excel") != std::string::npos);
  // other.yaml changes nothing but the name: said (on a path the command may write: a
  // refused one is said alone), and run as written.
  r = invoke({"compare", scenario, other, "-o", (dir / "c.h5").string(), "-n", "2"});
  CHECK(r.code == 0);
  CHECK(r.err.find("note: '" + other + "' simulates what '" + scenario + "' does, but for its name") !=
        std::string::npos);
  r = invoke({"schema", "-o", (dir / "schema.yaml").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("its name says YAML, but this command writes JSON") != std::string::npos);
  r = invoke({"run", scenario, "-o", (dir / "out.h5.csv").string(), "-n", "2", "-q"});
  CHECK(r.err.find("name it '" + (dir / "out.h5").string() + "'") != std::string::npos);       // not out.h5.h5
  CHECK(invoke({"run", scenario, "-o", (dir / ".csv").string(), "-n", "2", "-q"}).code == 2);  // all suffix
  // Any other name is the user's choice: HDF5's other suffixes, or none at all.
  CHECK(invoke({"run", scenario, "-o", (dir / "r.HDF5").string(), "-n", "2", "-q"}).code == 0);
  // A results file replaces a results file; a comparison does not, without --force.
  const std::string results = (dir / "results.h5").string();
  CHECK(invoke({"run", scenario, "-o", results, "-n", "2", "-q"}).code == 0);
  CHECK(invoke({"run", scenario, "-o", results, "-n", "2", "-q"}).code == 0);
  // The name a wrong suffix is told to use may be taken: said, since it would be replaced.
  r = invoke({"run", scenario, "-o", (dir / "results.csv").string(), "-n", "2", "-q"});
  CHECK(r.err.find("name it '" + results + "' (that file exists: choose another name to keep it)") !=
        std::string::npos);
  const std::string variant = (dir / "variant.yaml").string();
  std::ofstream(variant) << "extends: b.yaml\nname: a variant\n";
  r = invoke({"compare", scenario, variant, "-o", results, "-n", "2", "-q"});
  CHECK(r.code == 2);
  CHECK(r.err.find("is not a wfsim comparison file (it is a wfsim results file)") != std::string::npos);
  // init never writes over the data it reads.
  const std::string csv = std::string(WFSIM_TEST_DATA_DIR) + "/../data/csww_indicators_2017_2023.csv";
  // A --duration that is no length is the option's mistake, not the generated scenario's.
  r = invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2017", "-o", (dir / "s.yaml").string(),
              "--duration", "3"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--duration expects a length such as '3 years'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "s.yaml"));
  r = invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2017", "-o", csv});
  CHECK(r.code == 2);
  CHECK(r.err.find("is one of this command's inputs") != std::string::npos);
  // A scenario written by hand (here the base the variant extends) is not init's to
  // replace without --force; one init wrote is.
  r = invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2017", "-o", scenario});
  CHECK(r.code == 2);
  CHECK(r.err.find("is not a scenario wfsim wrote") != std::string::npos);
  CHECK(text_of(scenario) == original);
  const std::string generated = (dir / "surrey.yaml").string();
  CHECK(invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2017", "-o", generated}).code == 0);
  CHECK(invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2018", "-o", generated}).code == 0);
  CHECK(text_of(generated).find("30 September 2018") != std::string::npos);
  // Edited since init wrote it (init's own file says to edit its pay): the edits are
  // the user's work, kept without --force. Its header alone once let init replace it.
  {
    std::string edited = text_of(generated);
    const std::size_t salary = edited.find("salary_per_year: ");
    REQUIRE(salary != std::string::npos);
    edited.insert(salary + 17, "1");
    std::ofstream(generated) << edited;
    r = invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2017", "-o", generated});
    CHECK(r.code == 2);
    CHECK(r.err.find("nobody has edited since") != std::string::npos);
    CHECK(text_of(generated) == edited);
    // The header's command line is not the user's work: rewriting it is no edit.
    std::string retitled = text_of(generated);
    retitled.replace(0, retitled.find('\n'), "# Written by wfsim 0.0: wfsim init (moved)");
    std::string restored = retitled;
    restored.erase(restored.find("salary_per_year: ") + 17, 1);
    std::ofstream(generated) << restored;
    CHECK(invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2017", "-o", generated}).code == 0);
  }
  CHECK(invoke({"init", "--from-csww", csv, "--la", "Surrey", "--year", "2017", "-o", scenario, "--force"}).code == 0);
  CHECK(text_of(scenario).find("# Written by wfsim ") != std::string::npos);
}

TEST_CASE("an output path refused is said before, and without, the scenario's notes", "[cli]") {
  // run, compare and sweep said a scenario's notes (here, NQSW cohorts that start work
  // after the run ends), then refused the output: notes of a run that never ran.
  const test_support::ScratchFolder scratch("wfsim-refused-first");
  const std::string taken = (scratch / "taken.h5").string();
  std::ofstream(taken) << "not results\n";
  const std::string noted = test_support::scenario_path("buckinghamshire-2015-nqsw.yaml");
  const std::string base = test_support::scenario_path("buckinghamshire-2015.yaml");
  const std::vector<std::vector<std::string>> commands = {
      {"run", noted, "-o", taken, "-n", "2"},
      {"compare", base, noted, "-o", taken, "-n", "2"},
      {"sweep", noted, "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=36,48", "-o", taken, "-n",
       "2"}};
  for (const auto& command : commands) {
    const auto r = invoke(command);
    INFO(command[0] << ": " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("error: refusing to replace '" + taken + "'") && !Contains("note:"));
    // Given a path it may write, the same command says the note.
    std::vector<std::string> allowed = command;
    std::replace(allowed.begin(), allowed.end(), taken, (scratch / (command[0] + ".h5")).string());
    const auto ran = invoke(allowed);
    CHECK(ran.code == 0);
    CHECK_THAT(ran.err, Contains("note: " + noted) && Contains("authorities[0].policies[0] 'NQSW programme'"));
  }
}

TEST_CASE("mistyped commands and options get a suggestion, in wfsim's words", "[cli]") {
  const std::string bucks = test_support::scenario_path("buckinghamshire-2015.yaml");
  auto r = invoke({"rn", bucks});
  CHECK(r.code == 2);
  CHECK(r.err.find("did you mean 'run'?") != std::string::npos);
  r = invoke({"run", bucks, "-o", "x.h5", "--sed", "3"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown option '--sed' (did you mean '--seed'?)") != std::string::npos);
  // --set is not --seed's typo to compare and sweep: they take variant files.
  r = invoke({"compare", bucks, bucks, "-o", "x.h5", "--set", "name=x"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("this command does not take --set: put the value in the scenario, or in a variant") &&
                        !Contains("--seed"));
  r = invoke({"sweep", bucks, "-o", "x.h5", "--set", "name=x"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("or sweep the key with --vary"));
  // Nor is --keep --help's: a comparison's file keeps summaries and differences.
  for (const char* command : {"compare", "sweep"}) {
    for (const std::vector<std::string>& keep : {std::vector<std::string>{"--keep", "all"}, {"--keep=all"}}) {
      std::vector<std::string> args{command, bucks, "-o", "x.h5"};
      args.insert(args.end(), keep.begin(), keep.end());
      r = invoke(args);
      CHECK(r.code == 2);
      CHECK_THAT(r.err, Contains("this command does not take --keep: its file keeps each variant's summaries") &&
                            !Contains("--help'?"));
    }
  }
  // Not said of calibrate, which writes a scenario, not a file of variants.
  r = invoke({"calibrate", bucks, "-o", "x.yaml", "--keep", "all"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("unknown option '--keep'") && !Contains("variant"));
  r = invoke({"run", bucks, "other.yaml", "-o", "x.h5"});
  CHECK(r.code == 2);
  CHECK(r.err.find("'other.yaml' is one more") != std::string::npos);
  CHECK(r.err.find("positional") == std::string::npos);
  r = invoke({"run", bucks, "-o", "x.h5", "-n", "-1"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--replications takes a whole number") != std::string::npos);
  r = invoke({"run", bucks, "-o", "x.h5", "--seed"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--seed needs a value") != std::string::npos);
  // A whole number past 2^64 - 1 was told to give "a whole number".
  r = invoke({"run", bucks, "-o", "x.h5", "--seed", "18446744073709551616"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--seed takes a whole number, and '18446744073709551616' is past the largest that can "
                             "be read (2^64 - 1"));
  // init's --year, an int: 2022.5 was told "takes a number", which it is.
  r = invoke({"init", "--from-csww", "data.csv", "--la", "Kent", "--year", "2022.5", "-o", "k.yaml"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--year takes a whole number (no decimals), got '2022.5'"));
  r = invoke({"init", "--from-csww", "data.csv", "--la", "Kent", "--year", "99999999999", "-o", "k.yaml"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--year takes a whole number, and '99999999999' is outside what can be read"));
  r = invoke({"init", "--from-csww", "data.csv", "--la", "Kent", "--year=-99999999999", "-o", "k.yaml"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--year takes a whole number, and '-99999999999' is outside what can be read"));
  // An empty scenario name (a shell variable not set) was said as ": cannot read ...".
  r = invoke({"run", "", "-o", "x.h5"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("'': the scenario file's name is empty"));
  r = invoke({"run", bucks, "-o", "x.h5", "extra.yaml", "--"});
  CHECK(r.code == 2);
  CHECK(r.err.find("'extra.yaml' is one more") != std::string::npos);  // not "x.h5", the value of -o
  // schema takes no file: it was told "expected the files and options".
  r = invoke({"schema", "foo"});
  CHECK(r.code == 2);
  CHECK(r.err.find("expected options only, but 'foo' is no option") != std::string::npos);
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].roles[0].permanent_posts=10,20", "--vary",
              "authorities[0].roles[0].permanent_posts=30"});
  CHECK(r.code == 2);
  CHECK(r.err.find("is given twice") != std::string::npos);
  // One value twice, as text or as a number: two points the file could not tell apart.
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].roles[0].permanent_posts=10, 20,10"});
  CHECK(r.code == 2);
  CHECK(r.err.find("lists the value 10 twice; give each value once") != std::string::npos);
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].roles[0].leaving.turnover_per_year=0.15,1.5e-1"});
  CHECK(r.code == 2);
  CHECK(r.err.find("lists the value 1.5e-1 twice (as 0.15)") != std::string::npos);
  // A duration written two ways is one value too.
  r = invoke(
      {"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].roles[0].leaving.notice=1 month,3 month,3 months"});
  CHECK(r.code == 2);
  CHECK(r.err.find("lists the value 3 months twice (as 3 month)") != std::string::npos);
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].roles[0].leaving.notice=12 months,1 year"});
  CHECK(r.code == 2);
  CHECK(r.err.find("lists the value 1 year twice (as 12 months)") != std::string::npos);
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary",
              "authorities[0].roles[0].agency.booking_delay={distribution: exponential, mean: 14 days"});
  CHECK(r.code == 2);
  CHECK(r.err.find("has a value whose brace or bracket is not closed") != std::string::npos);
  // An apostrophe inside a plain value is text, not a quote: the values are read (and
  // the scenario then says what is wrong with them).
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].name=King's Lynn,Norfolk"});
  CHECK(r.code == 2);
  CHECK(r.err.find("not closed") == std::string::npos);
  CHECK(r.err.find("its authority 0 is 'Norfolk', the first's 'King's Lynn'") != std::string::npos);
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].name=\"a \\\" b\",'it''s'"});
  CHECK(r.code == 2);
  CHECK(r.err.find("not closed") == std::string::npos);
  CHECK(r.err.find("its authority 0 is 'it's', the first's 'a \" b'") != std::string::npos);
  r = invoke({"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].name='open,Norfolk"});
  CHECK(r.err.find("has a value whose quote is not closed") != std::string::npos);
  // NaN and values past a double's range are not numbers to compare: the scenario's own
  // check says what is wrong, not a repeat.
  r = invoke(
      {"sweep", bucks, "-o", "x.h5", "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=36,nan,48"});
  CHECK(r.code == 2);
  CHECK(r.err.find("twice") == std::string::npos);
  CHECK(r.err.find("expected a number") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists("x.h5"));
  for (const char* command : {"run", "validate", "compare", "sweep", "calibrate"}) {
    r = invoke({command, "--help"});
    INFO(command);
    CHECK(r.code == 0);
    CHECK(r.out.find("--scenario") == std::string::npos);  // given by position, not an option
  }
}

TEST_CASE("a sweep's values may be distributions, with commas inside them", "[cli]") {
  namespace fs = std::filesystem;
  // The values were split at every comma: "lists the value {distribution: exponential
  // twice", or "not valid YAML".
  const test_support::ScratchFolder scratch("wfsim_sweep_distributions");
  const std::filesystem::path& dir = scratch.path;
  const std::string out = (dir / "sweep.h5").string();
  const auto r = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2", "-q",
                         "--vary", "duration=2 months", "--vary",
                         "authorities[0].roles[0].agency.booking_delay={distribution: exponential, mean: 14 days}, "
                         "{distribution: exponential, mean: 28 days}"});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(fs::exists(out));
  // A key given one value is set for every point, and said to be (even with -q); a sweep
  // of one point has nothing to compare with.
  const auto one = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2",
                           "--force", "--vary", "duration=2 months"});
  CHECK(one.code == 0);
  CHECK_THAT(one.err, Contains("note: --vary duration has one value, 2 months: every point runs with it") &&
                          Contains("note: the sweep has one point: there is nothing to compare it with"));
  CHECK_THAT(r.err, Contains("note: --vary duration has one value, 2 months"));  // with -q, above
  // A value the scenario refuses is refused, without first being noted as set for
  // every point.
  const auto refused =
      invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", (dir / "refused.h5").string(),
              "-n", "2", "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=[36,48]"});
  CHECK(refused.code == 2);
  CHECK_THAT(refused.err, Contains("got a list") && !Contains("note:"));
  // A number written with a thousands separator is split at its comma: '1,000' (a
  // group no list would hold) is refused, '31,250' is noted; '31250, 33750' is not.
  const auto thousand =
      invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", (dir / "k.h5").string(), "-n",
              "2", "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=1,000"});
  CHECK(thousand.code == 2);
  CHECK_THAT(thousand.err, Contains("'1,000' reads as two values") && Contains("(1000)"));
  CHECK_FALSE(std::filesystem::exists(dir / "k.h5"));
  const std::string salary = "authorities[0].roles[0].pay.salary_per_year=";
  const auto grouped =
      invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", (dir / "g.h5").string(), "-n",
              "2", "--vary", "duration=1 month", "--vary", salary + "31,250,33,750"});
  CHECK(grouped.code == 0);
  CHECK_THAT(grouped.err, Contains("so '31,250' is two values; if it was one number, write it without the "
                                   "separator (31250)"));
  const auto plain =
      invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", (dir / "p.h5").string(), "-n",
              "2", "--vary", "duration=1 month", "--vary", salary + "31250, 33750"});
  CHECK(plain.code == 0);
  CHECK_THAT(plain.err, !Contains("thousands") && !Contains("separator"));
  // A list of numbers is not taken for thousands (a review: '24,100,200' was noted).
  const auto listed = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o",
                              (dir / "l.h5").string(), "-n", "2", "--vary", "duration=1 month", "--vary",
                              "authorities[0].roles[0].recruitment.applicants_per_year=24,100,200"});
  CHECK(listed.code == 0);
  CHECK_THAT(listed.err, !Contains("separator"));
  // info names points too long for its tables' column by number, each listed in full
  // once: cut at 56 characters, the four points of a sweep of three keys read alike.
  const std::string three = (dir / "three.h5").string();
  REQUIRE(invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", three, "-n", "2", "-q",
                  "--vary", "duration=2 months", "--vary", "authorities[0].roles[0].agency.leaving_per_year=0.8,1.2",
                  "--vary", "agency_supply[0].leaving_per_year=2,4", "--vary",
                  "authorities[0].roles[0].agency.booking_delay={distribution: exponential, mean: 14 days}, "
                  "{distribution: exponential, mean: 28 days}"})
              .code == 0);
  const auto info = invoke({"info", three});
  INFO(info.out);
  CHECK(info.code == 0);
  CHECK(info.out.find("points       8, numbered in the tables below:") != std::string::npos);
  CHECK(info.out.find(
            "#8  duration 2 months, agency leaving per year 1.2, agency supply leaving per year 4, booking delay "
            "{distribution: exponential, mean: 28 days}\n") != std::string::npos);
  CHECK(info.out.find("\n    #8 ") != std::string::npos);
  // Two swept keys that end alike are told apart by their meaning too.
  CHECK(info.out.find("swept        agency leaving per year (authorities[0].roles[0].agency.leaving_per_year)") !=
        std::string::npos);
  CHECK(info.out.find("swept        agency supply leaving per year (agency_supply[0].leaving_per_year)") !=
        std::string::npos);
}

TEST_CASE("the examples error messages give are accepted", "[cli]") {
  const std::string bucks = test_support::scenario_path("buckinghamshire-2015.yaml");
  auto r = invoke({"validate", bucks, "--set", "turnover"});
  CHECK(r.code == 2);
  const std::string marker = "for example ";
  const std::size_t at = r.err.find(marker);
  REQUIRE(at != std::string::npos);
  std::string example = r.err.substr(at + marker.size());
  example = example.substr(0, example.find_first_of(" \n"));
  r = invoke({"validate", bucks, "--set", example});
  INFO(example << ": " << r.err);
  CHECK(r.code == 0);
  r = invoke({"info", bucks});
  CHECK(r.code == 2);
  CHECK(r.err.find("wfsim validate " + bucks) != std::string::npos);
  r = invoke({"info", bucks, "--date", "01/01/2017"});
  CHECK(r.code == 2);
  CHECK(r.err.find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("progress names what it counts: one run's replications, or a paired set's runs", "[cli]") {
  using wfsim::cli::ProgressStyle;
  std::ostringstream one, paired, quiet;
  wfsim::cli::Progress(one, ProgressStyle::redrawn).update(5, 10);
  CHECK_THAT(one.str(), Contains("\r  5/10 replications ( 50%)"));
  // A sweep of 2 points x 100 replications counted 200 "replications".
  wfsim::cli::Progress set(paired, ProgressStyle::redrawn, "runs (2 points x 100 replications)");
  set.update(200, 200);
  set.finish();
  CHECK_THAT(paired.str(), Contains("200/200 runs (2 points x 100 replications) (100%)") && EndsWith("\n"));
  wfsim::cli::Progress(quiet, ProgressStyle::none).update(1, 2);
  CHECK(quiet.str().empty());  // not a terminal: logs and pipes stay clean
  // --progress where standard error is no terminal (mpirun, a batch job): plain lines,
  // at most one per interval, none in the interval's first stretch.
  std::ostringstream log;
  wfsim::cli::Progress lines(log, ProgressStyle::lines, "replications", std::chrono::milliseconds(0));
  lines.update(3, 10);
  lines.update(10, 10);
  lines.finish();
  CHECK(log.str().find('\r') == std::string::npos);
  CHECK_THAT(log.str(), Catch::StartsWith("  3/10 replications ( 30%)") && Contains("\n  10/10 replications (100%)") &&
                            EndsWith(" left\n"));
  std::ostringstream slow;
  wfsim::cli::Progress(slow, ProgressStyle::lines).update(1, 2);
  CHECK(slow.str().empty());  // within its first 15 s
  // The style from the options: --progress and --quiet contradict.
  CHECK(wfsim::cli::progress_style(false, true, false) == ProgressStyle::lines);
  CHECK(wfsim::cli::progress_style(false, true, true) == ProgressStyle::redrawn);
  CHECK(wfsim::cli::progress_style(false, false, false) == ProgressStyle::none);
  CHECK_THROWS_WITH(wfsim::cli::progress_style(true, true, false), Contains("--progress and --quiet contradict"));
}

TEST_CASE("a sweep refuses a key inside another, and a key that is only a label", "[cli]") {
  // The later --vary's mapping replaced the earlier's value at every point: an axis
  // labelled 0.1 and 0.2 ran 0.3 throughout, every difference 0 (a hostile-input audit).
  const test_support::ScratchFolder scratch("wfsim-sweep-nested");
  const std::string out = (scratch.path / "sweep.h5").string();
  const std::string bucks = test_support::scenario_path("buckinghamshire-2015.yaml");
  auto r = invoke({"sweep", bucks, "-o", out, "-n", "2", "-q", "--vary",
                   "authorities[0].roles[0].leaving.turnover_per_year=0.1,0.2", "--vary",
                   "authorities.0.roles.0.leaving={turnover_per_year: 0.3, notice: 1 day}"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--vary authorities[0].roles[0].leaving lies around --vary "
                             "authorities[0].roles[0].leaving.turnover_per_year"));
  r = invoke({"sweep", bucks, "-o", out, "-n", "2", "-q", "--vary", "authorities[0]={name: X}", "--vary",
              "authorities[0].roles[0].permanent_posts=300,310"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--vary authorities[0].roles[0].permanent_posts lies inside --vary authorities[0]"));
  r = invoke({"sweep", bucks, "-o", out, "-n", "2", "-q", "--vary", "name=a,b"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--vary name changes only the label"));
  CHECK_FALSE(std::filesystem::exists(out));
  // Keys side by side, one a prefix of the other's text but not its path, are two keys
  // (parsed only: no scenario has two such keys to run).
  const auto grid =
      wfsim::cli::parse_sweep_grid({"labour_market.agency=1,2", "labour_market.agency_pay=3,4", "rules[1]=x,y"});
  CHECK(grid.keys.size() == 3);
  CHECK_THROWS_WITH(wfsim::cli::parse_sweep_grid({"rules[1]=x,y", "rules[1].length=1 month,2 months"}),
                    Contains("--vary rules[1].length lies inside --vary rules[1]"));
}

TEST_CASE("a sweep's durations are one value where its key reads them alike, and only there", "[cli]") {
  using wfsim::cli::parse_sweep_grid;
  // A cooling-off's whole months are calendar months, any other length days: 6 months
  // and 0.5 years run differently, and were refused as one value (an audit).
  CHECK(parse_sweep_grid({"rules[0].length=6 months,0.5 years,26 weeks"}).values[0].size() == 3);
  CHECK_THROWS_WITH(parse_sweep_grid({"rules[0].length=12 months,1 year"}),
                    Contains("lists the value 1 year twice (as 12 months)"));
  CHECK_THROWS_WITH(parse_sweep_grid({"rules[0].length=0.5 years,182.625 days"}),
                    Contains("lists the value 182.625 days twice (as 0.5 years)"));
  CHECK_THROWS_WITH(parse_sweep_grid({"rules[0].length=0 months,0 days"}),
                    Contains("lists the value 0 days twice (as 0 months)"));
  // A cooling-off counts whole months as calendar months up to 1,199, the run's length
  // up to 999 (a review): 1000 months is calendar months for the one, days for the other.
  CHECK(parse_sweep_grid({"rules[0].length=1000 months,30437.5 days"}).values[0].size() == 2);
  CHECK_THROWS_WITH(parse_sweep_grid({"warmup=1000 months,30437.5 days"}),
                    Contains("lists the value 30437.5 days twice (as 1000 months)"));
  // A notice is days whatever its unit: those are one value there.
  CHECK_THROWS_WITH(parse_sweep_grid({"authorities[0].roles[0].leaving.notice=6 months,0.5 years"}),
                    Contains("lists the value 0.5 years twice (as 6 months)"));
}

TEST_CASE("a sweep notes a point that simulates what an earlier one does, and refuses a rule's name", "[cli]") {
  // Written otherwise ('3 months' quoted, 'unlimited' and unlimited), such points ran
  // without a word, every difference 0 (an audit).
  const test_support::ScratchFolder scratch("wfsim-sweep-alike");
  const std::string out = (scratch.path / "sweep.h5").string();
  const std::string bucks = test_support::scenario_path("buckinghamshire-2015.yaml");
  auto r = invoke({"sweep", bucks, "-o", out, "-n", "2", "-q", "--vary", "duration=3 months", "--vary",
                   "authorities[0].roles[0].leaving.notice=3 months,'3 months',2 months"});
  CHECK(r.code == 0);
  CHECK_THAT(r.err, Contains("note: the point duration=3 months, authorities[0].roles[0].leaving.notice='3 months' "
                             "simulates what the point duration=3 months, authorities[0].roles[0].leaving.notice=3 "
                             "months does"));
  CHECK_THAT(r.err, !Contains("notice=2 months simulates"));
  // A rule's name is a label, as the scenario's is.
  const std::string ruled = (scratch.path / "ruled.yaml").string();
  std::ofstream(ruled) << "extends: " << bucks
                       << "\nrules:\n  - {name: r, kind: cooling_off, scope: same_authority, length: 6 months, "
                          "members: all}\n";
  r = invoke({"sweep", ruled, "-o", out, "-n", "2", "-q", "--vary", "rules[0].name=a,b"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--vary rules[0].name changes only the label"));
  // Fewer than 2 replications: the range said is the one that holds.
  r = invoke({"sweep", ruled, "-o", out, "-n", "1", "-q", "--vary", "rules[0].length=1 month,2 months"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--replications must be from 2 to"));
}

TEST_CASE("a sweep's single-quoted value keeps its doubled quote and the comma after it", "[cli]") {
  // '' inside single quotes is one quote: the value was cut at the comma after it.
  const auto grid = wfsim::cli::parse_sweep_grid({"authorities[0].name='it''s, x',c"});
  REQUIRE(grid.values[0].size() == 2);
  CHECK(grid.values[0][0] == "'it''s, x'");
  CHECK(grid.values[0][1] == "c");
}

TEST_CASE("a sweep's key written two ways is one key", "[cli]") {
  // --set takes "authorities.0.roles.0.x" and "authorities[0].roles[0].x" alike: a sweep
  // took them for two keys, and its first dimension, set again by the second, changed
  // nothing though it was labelled as if it had.
  const test_support::ScratchFolder scratch("wfsim-sweep-keys");
  const std::filesystem::path& dir = scratch.path;
  const std::string out = (dir / "sweep.h5").string();
  auto r = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2", "-q",
                   "--vary", "authorities[0].roles[0].permanent_posts=300,310", "--vary",
                   "authorities.0.roles.0.permanent_posts=320,330"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--vary authorities[0].roles[0].permanent_posts is given twice (as "
                             "authorities.0.roles.0.permanent_posts)"));
  CHECK_FALSE(std::filesystem::exists(out));
  // Mixed spellings too, and an index with leading zeros.
  r = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2", "-q", "--vary",
              "authorities[0].roles.0.permanent_posts=300,310", "--vary",
              "authorities.0.roles[00].permanent_posts=320,330"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--vary authorities[0].roles[0].permanent_posts is given twice (as "
                             "authorities.0.roles[00].permanent_posts)"));
  // A key with a dot and nothing after it is refused, as --set refuses it.
  r = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2", "-q", "--vary",
              "duration.=2 months,3 months"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("a key is missing at a '.'"));
  // Either spelling names the key as the scenario's paths do.
  r = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2", "-q", "--vary",
              "authorities.0.roles.00.permanent_posts=300,310", "--vary", "duration=2 months"});
  REQUIRE(r.code == 0);
  CHECK_THAT(invoke({"info", out}).out,
             Contains("swept        permanent posts (authorities[0].roles[0].permanent_posts): 300, 310"));
}

TEST_CASE("a run whose last period is not a whole month says so", "[cli]") {
  // Two weeks printed its spend in "GBP k/month" with nothing said of its 14 days.
  const test_support::ScratchFolder scratch("wfsim-short");
  const auto out = scratch / "short.h5";
  auto r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2",
                   "--set", "duration=2 weeks"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("note: the last period, 2015-10-01 to 2015-10-14 (14 days), is not a whole month"));
  r = invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "--set",
              "duration=2 months"});
  CHECK_THAT(r.out, !Contains("not a whole month"));
}

TEST_CASE("a variant's run and comparison keep the texts of the scenarios it extends", "[cli][extends]") {
  // The merged scenario keeps no comments, and a base's comments declare the
  // assumptions its variants inherit: a report listed the variant's own alone.
  namespace fs = std::filesystem;
  const test_support::ScratchFolder scratch("wfsim_extends_texts");
  const std::filesystem::path& dir = scratch.path;
  const std::string base = test_support::scenario_path("buckinghamshire-2015.yaml");
  const std::string variant = test_support::scenario_path("buckinghamshire-2015-more-applicants.yaml");
  std::ifstream in(base, std::ios::binary);
  const std::string base_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto string_attribute = [](const H5::H5Object& where, const char* name) {
    H5::Attribute attribute = where.openAttribute(name);
    std::string value;
    attribute.read(attribute.getStrType(), value);
    return value;
  };
  const std::string run = (dir / "run.h5").string(), compared = (dir / "compare.h5").string();
  REQUIRE(invoke({"run", variant, "-o", run, "-n", "2", "-q", "--set", "duration=1 month"}).code == 0);
  {
    H5::H5File file(run, H5F_ACC_RDONLY);
    const auto texts = wfsim::output::read_string_vector(file.openDataSet("scenario_extends"));
    REQUIRE(texts.size() == 1);
    CHECK(texts[0] == base_text);  // byte for byte, comments and all
    CHECK(string_attribute(file.openGroup("/"), "extends") == fs::path(base).lexically_normal().string());
  }
  // The base itself extends nothing: no dataset.
  REQUIRE(invoke({"run", base, "-o", run, "-n", "2", "-q", "--force", "--set", "duration=1 month"}).code == 0);
  CHECK_FALSE(H5::H5File(run, H5F_ACC_RDONLY).nameExists("scenario_extends"));
  // A comparison: each variant that extends another, under its number, with the chain.
  REQUIRE(invoke({"compare", base, variant, "-o", compared, "-n", "2", "-q"}).code == 0);
  H5::H5File file(compared, H5F_ACC_RDONLY);
  H5::Group extended = file.openGroup("scenario_extends");
  CHECK_FALSE(extended.nameExists("0"));
  const H5::DataSet second = extended.openDataSet("1");
  CHECK(wfsim::output::read_string_vector(second) == std::vector<std::string>{base_text});
  CHECK(string_attribute(second, "extends") == fs::path(base).lexically_normal().string());
  // A sweep's points run one scenario: its bases kept once, as point 0's.
  const std::string swept = (dir / "sweep.h5").string();
  REQUIRE(invoke({"sweep", variant, "-o", swept, "-n", "2", "-q", "--vary",
                  "authorities[0].roles[0].recruitment.applicants_per_year=40,50"})
              .code == 0);
  H5::Group sweep_extended = H5::H5File(swept, H5F_ACC_RDONLY).openGroup("scenario_extends");
  CHECK(sweep_extended.getNumObjs() == 1);
  CHECK(wfsim::output::read_string_vector(sweep_extended.openDataSet("0")) == std::vector<std::string>{base_text});
}

TEST_CASE("a run of one period is said as one period", "[cli]") {
  // "1 monthly periods reported" and "1 months". Two weeks are one period, not a month.
  const test_support::ScratchFolder scratch("wfsim-one-month");
  const auto out = scratch / "one-month.h5";
  const auto v =
      invoke({"validate", test_support::scenario_path("buckinghamshire-2015.yaml"), "--set", "duration=2 weeks"});
  CHECK_THAT(v.out, Contains(", 1 period (14 days), not all whole months, reported"));
  REQUIRE(invoke({"run", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out.string(), "-n", "2", "-q",
                  "--set", "duration=2 weeks"})
              .code == 0);
  CHECK_THAT(invoke({"info", out.string()}).out, Contains("  periods      1 period (14 days), "));
}

TEST_CASE("a comparison's info escapes a tampered header and says '1 period'", "[cli]") {
  // The comparison and sweep headers printed the command line as stored: a line end in
  // it added a line of the file's making; and a one-period run's totals were "over the
  // 1 months" (its two weeks are one period, not a month).
  const test_support::ScratchFolder scratch("wfsim-cmp-hdr");
  const std::filesystem::path& dir = scratch.path;
  const auto out = dir / "c.h5";
  std::ifstream in(test_support::scenario_path("buckinghamshire-2015.yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("duration: 5 years"), 17, "duration: 2 weeks");
  std::ofstream((dir / "a.yaml").string()) << text;
  text.replace(text.find("name: "), 6, "name: B ");
  std::ofstream((dir / "b.yaml").string()) << text;
  REQUIRE(invoke({"compare", (dir / "a.yaml").string(), (dir / "b.yaml").string(), "-o", out.string(), "-n", "2", "-q"})
              .code == 0);
  rewrite_attribute(out, "command_line", "wfsim compare\n  periods      99 months (fake)");
  const auto r = invoke({"info", out.string()});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("  command      wfsim compare\\x0A  periods      99 months (fake)\n") &&
                        Contains("totals over the 1 period (14 days) to") &&
                        Contains("2 replications of every variant"));
}

TEST_CASE("validate lists the agency rules as the merged scenario has them", "[cli]") {
  // A variant's near-miss rule name added a second rule that no output showed.
  const auto r = invoke({"validate", test_support::scenario_path("south-east-moc-2016.yaml")});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("  2 agency rules:\n    rules[0] 'SE MoC cooling-off', cooling_off, 17 members, from "
                             "2016-04-04\n    rules[1] 'SE MoC rate cap', rate_cap, 17 members, from 2016-04-04\n"));
  CHECK_THAT(invoke({"validate", test_support::scenario_path("buckinghamshire-2015.yaml")}).out,
             !Contains("agency rule"));
}

TEST_CASE("sweep prints the scenario's notes, each once over its points", "[cli]") {
  // run and compare printed them; sweep said nothing, -q or not (an MPI walkthrough).
  const test_support::ScratchFolder scratch("wfsim-sweep-notes");
  const std::filesystem::path& dir = scratch.path;
  const std::string out = (dir / "s.h5").string();
  const auto r = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015-nqsw.yaml"), "-o", out, "-n", "2",
                         "-q", "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=36,48"});
  CHECK(r.code == 0);
  const std::string note = "'NQSW programme': 2 of its 5 cohorts within the run";
  const std::size_t first = r.err.find(note);
  CHECK(first != std::string::npos);
  CHECK(r.err.find(note, first + 1) == std::string::npos);
  // Every point has it: credited to the swept key, not to the first point's value.
  CHECK_THAT(r.err, Contains("(as changed by --vary authorities[0].roles[0].recruitment.applicants_per_year): "));
  // A note of some points says how many.
  const auto some = invoke({"sweep", test_support::scenario_path("buckinghamshire-2015-nqsw.yaml"), "-o", out, "-n",
                            "2", "-q", "--force", "--vary", "authorities[0].policies[0].per_year=10,0"});
  CHECK_THAT(some.err, Contains("(as changed by --vary authorities[0].policies[0].per_year=10)") &&
                           Contains("(at 1 of the 2 points)\n"));
}

TEST_CASE("compare notes a variant whose marked payments say another amount was paid", "[cli][compare]") {
  // Removed, unmarked or changed, a marked payment moves the pay the figures are set
  // against, not what is paid: a removal's difference was its cost alone. Stopped with
  // 'until', or renamed, it is what the user meant: no note.
  const test_support::ScratchFolder dir("wfsim-paid-compare");
  const std::string base = (dir / "paid.yaml").string();
  std::ofstream(base) << "name: paid\nstart: 2016-01-01\nduration: 6 months\nauthorities:\n  - name: A\n    roles:\n"
                         "      - {name: sw, permanent_posts: 20, leaving: {turnover_per_year: 0.2}, pay: "
                         "{salary_per_year: 30000}}\n    policies:\n      - {name: retention, kind: retention_payment, "
                         "role: sw, amount_per_worker_per_year: 2000, already_paid: true}\n";
  auto variant = [&](const std::string& name, const std::string& policy) {
    const std::string path = (dir / (name + ".yaml")).string();
    std::ofstream(path) << "extends: paid.yaml\nname: " << name << "\nauthorities:\n  - name: A\n    policies:\n"
                        << policy;
    return path;
  };
  const std::string stopped = variant("stopped", "      - {name: retention, until: 2016-03-01}\n");
  const std::string renamed = variant("renamed",
                                      "      - {name: retention, remove: true}\n      - {name: kept, kind: "
                                      "retention_payment, role: sw, amount_per_worker_per_year: 2000, "
                                      "already_paid: true}\n");
  const std::string removed = variant("removed", "      - {name: retention, remove: true}\n");
  const std::string unmarked = variant("unmarked", "      - {name: retention, already_paid: false}\n");
  std::string out, err;
  REQUIRE(test_support::run_cli({"compare", base, stopped, renamed, removed, unmarked, "-o", (dir / "c.h5").string(),
                                 "-n", "2", "-q", "-j", "1"},
                                out, err) == 0);
  const std::string said =
      " differ in what their payments marked already_paid say was paid when the figures were "
      "measured ('A' sw 0 a year against 2000): that changes the pay the figures are set "
      "against, not what is paid";
  CHECK(err.find("note: '" + removed + "' and '" + base + "'" + said) != std::string::npos);
  CHECK(err.find("note: '" + unmarked + "' and '" + base + "'" + said) != std::string::npos);
  CHECK(err.find("note: '" + stopped + "'") == std::string::npos);
  CHECK(err.find("note: '" + renamed + "' and '") == std::string::npos);
  // A payment renamed pays the same, and draws nothing: said after the run to have
  // simulated what the baseline did.
  CHECK(err.find("note: '" + renamed + "' came out as '" + base + "' did in these 2 replications") !=
        std::string::npos);
}
