// Comparing policies on common random numbers.
#include <H5Cpp.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "output/summary_statistics.hpp"
#include "scenario/key_path.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

using wfsim::model::Measure;

namespace {
// Each replication's mean agency share over its last 12 months.
std::vector<double> late_agency_share(const wfsim::output::MemorySink& sink) {
  std::vector<double> out;
  for (const auto& t : sink.replications) {
    double sum = 0;
    for (std::size_t k = t.periods() - 12; k < t.periods(); ++k) sum += t.at(Measure::agency_share, 0, k);
    out.push_back(sum / 12);
  }
  return out;
}
// The statistics /difference holds, from their definition: mean, sd (n - 1) and the
// 95% interval mean +- t sd / sqrt(n) of the paired differences, t Student's 97.5%
// quantile with n - 1 degrees of freedom (from Boost.Math, not the engine's code).
struct PairedInterval {
  double mean, sd, low, high;
};
PairedInterval paired_interval(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double sum = 0;
  for (const double v : x) sum += v;
  const double mean = sum / n;
  double squares = 0;
  for (const double v : x) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / (n - 1));
  const double half = boost::math::quantile(boost::math::students_t(n - 1), 0.975) * sd / std::sqrt(n);
  return {mean, sd, mean - half, mean + half};
}
std::vector<double> read_dataset(const H5::H5File& file, const std::string& name) {
  const H5::DataSet ds = file.openDataSet(name);
  std::vector<double> values(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
  ds.read(values.data(), H5::PredType::NATIVE_DOUBLE);
  return values;
}
double variance(const std::vector<double>& x) {
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double s = 0;
  for (double v : x) s += (v - mean) * (v - mean);
  return s / static_cast<double>(x.size() - 1);
}
}  // namespace

TEST_CASE("common random numbers narrow the interval on a small policy effect", "[compare]") {
  // A small change: 50 applicants a year instead of 48. Paired with the baseline on
  // the same seed, the interval on the mean difference is far narrower than when the
  // policy is run on other random numbers.
  //
  // The threshold, derived. The ratio of the two 95% half-widths is
  //   R = sqrt((s_b^2 + s_i^2) / s_d^2),
  // s_b, s_i the sds of the baseline and the independent run, s_d that of the paired
  // differences. Without common random numbers (a policy run on streams of its own,
  // or streams that shift with the change) the paired run is independent of the
  // baseline and E[s_d^2] = E[s_b^2 + s_i^2]: R is 1 up to Monte Carlo error. The test
  // asks the data to rule that out at 4 standard errors: log R > 4 SE(log R), with
  // SE(log R) from the jackknife over the n replications (leave replication r out of
  // all three runs; it needs no normality and keeps the correlation between the
  // baseline and the paired run that makes R large). On a log scale, since R is a
  // ratio of variances and skewed. With these seeds (measured 2026-12-05) R = 3.6 and
  // SE(log R) = 0.070 (log R is 18 SE above 0; the test prints both), so the check
  // passes by a wide margin and fails only if pairing narrows nothing.
  // (Which draws stay common is checked exactly, process by process, in
  // test_reproducibility.cpp.)
  const std::size_t n = 200;
  const auto base_scenario =
      wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"));
  const auto policy_scenario =
      wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"),
                                          {"authorities[0].roles[0].recruitment.applicants_per_year=50"});
  const auto base = late_agency_share(test_support::run_in_memory(base_scenario, n, 11, 2));
  const auto paired = late_agency_share(test_support::run_in_memory(policy_scenario, n, 11, 2));
  const auto independent = late_agency_share(test_support::run_in_memory(policy_scenario, n, 12, 2));
  // log R of the replications other than `left_out` (none if it is n).
  auto log_ratio = [&](std::size_t left_out) {
    std::vector<double> b, i, d;
    for (std::size_t r = 0; r < n; ++r) {
      if (r == left_out) continue;
      b.push_back(base[r]);
      i.push_back(independent[r]);
      d.push_back(paired[r] - base[r]);
    }
    return 0.5 * std::log((variance(b) + variance(i)) / variance(d));
  };
  const double log_r = log_ratio(n);
  std::vector<double> leave_one_out;
  for (std::size_t r = 0; r < n; ++r) leave_one_out.push_back(log_ratio(r));
  const double se = std::sqrt(static_cast<double>(n - 1) * static_cast<double>(n - 1) / static_cast<double>(n) *
                              variance(leave_one_out));
  const double ratio = std::exp(log_r);
  std::printf("common random numbers: half-width ratio %.2f (log %.3f, jackknife SE %.3f: %.1f SE above 0)\n", ratio,
              log_r, se, log_r / se);
  INFO("half-width ratio " << ratio << ", log " << log_r << ", jackknife SE of the log " << se);
  CHECK(log_r > 4 * se);
}

TEST_CASE("wfsim compare writes summaries and paired differences", "[compare][cli]") {
  const test_support::ScratchFolder scratch("wfsim-compare");
  const std::string out = (scratch / "compare.h5").string();
  const std::string base = test_support::scenario_path("buckinghamshire-2015.yaml");
  const std::string policy = test_support::scenario_path("buckinghamshire-2015-more-applicants.yaml");
  std::vector<std::string> args = {"wfsim", "compare", base, policy, "-o", out, "-n", "30", "--seed", "5", "-j", "2"};
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  REQUIRE(wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), o, e) == 0);
  H5::H5File file(out, H5F_ACC_RDONLY);
  // The run's dates, as a results file has them (a reader could not tell a warm-up).
  const H5::Group root = file.openGroup("/");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"start_date", "2015-10-01"}, {"report_start_date", "2015-10-01"}, {"end_date", "2020-10-01"}}) {
    REQUIRE(root.attrExists(name));
    H5::Attribute attribute = root.openAttribute(name);
    std::string read;
    attribute.read(attribute.getStrType(), read);
    CHECK(read == value);
  }
  H5::DataSet difference = file.openDataSet("difference/agency_share");
  hsize_t dims[4];
  difference.getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 2);
  CHECK(dims[1] == 5);
  std::vector<double> d(dims[0] * dims[1] * dims[2] * dims[3]);
  difference.read(d.data(), H5::PredType::NATIVE_DOUBLE);
  const std::size_t periods = dims[3];
  // The baseline against itself: exactly zero, over all 30 pairs.
  CHECK(d[0 * periods + periods - 1] == 0.0);
  CHECK(d[4 * periods + periods - 1] == 30.0);
  // The policy (60 applicants instead of 48) lowers the agency share, clearly.
  const double mean = d[(5 + 0) * periods + periods - 1];
  const double high = d[(5 + 3) * periods + periods - 1];
  CHECK(mean < 0);
  CHECK(high < 0);
  // Every statistic of every period against its definition (docs/output-format.md),
  // worked out here from the replications themselves: the same seed runs each variant
  // replication by replication as `compare` pairs them.
  const auto base_runs = test_support::run_in_memory(wfsim::scenario::load_scenario_file(base), 30, 5, 2);
  const auto policy_runs = test_support::run_in_memory(wfsim::scenario::load_scenario_file(policy), 30, 5, 2);
  for (const Measure measure : {Measure::agency_share, Measure::leavers_permanent}) {
    const std::string name(wfsim::model::info(measure).name);
    const std::vector<double> stored = read_dataset(file, "difference/" + name);
    REQUIRE(stored.size() == d.size());
    for (std::size_t t = 0; t < periods; ++t) {
      INFO(name << ", period " << t);
      std::vector<double> differences;
      for (std::size_t r = 0; r < 30; ++r) {
        differences.push_back(policy_runs.replications[r].at(measure, 0, t) -
                              base_runs.replications[r].at(measure, 0, t));
      }
      const PairedInterval expected = paired_interval(differences);
      const double scale = std::max(1.0, expected.sd);
      auto at = [&](std::size_t statistic) { return stored[(5 + statistic) * periods + t]; };
      CHECK(at(0) == Approx(expected.mean).margin(1e-12 * scale));
      CHECK(at(1) == Approx(expected.sd).epsilon(1e-12).margin(1e-12 * scale));
      CHECK(at(2) == Approx(expected.low).margin(1e-12 * scale));
      CHECK(at(3) == Approx(expected.high).margin(1e-12 * scale));
      CHECK(at(4) == 30.0);
    }
  }
  // Totals over the periods: the paired difference of each replication's sum, for the
  // measures that add up (a cost, leavers); none for a level or a rate.
  for (const Measure measure : {Measure::total_cost, Measure::leavers_permanent}) {
    const std::string name(wfsim::model::info(measure).name);
    INFO(name << " over the run");
    const std::vector<double> stored = read_dataset(file, "total_difference/" + name);
    const std::vector<double> summary = read_dataset(file, "total_summary/" + name);
    REQUIRE(stored.size() == 2 * 5);
    REQUIRE(summary.size() == 2 * wfsim::output::kStatisticNames.size());
    std::vector<double> differences, policy_totals;
    for (std::size_t r = 0; r < 30; ++r) {
      double base_total = 0, policy_total = 0;
      for (std::size_t t = 0; t < periods; ++t) {
        base_total += base_runs.replications[r].at(measure, 0, t);
        policy_total += policy_runs.replications[r].at(measure, 0, t);
      }
      differences.push_back(policy_total - base_total);
      policy_totals.push_back(policy_total);
    }
    const PairedInterval expected = paired_interval(differences);
    const double scale = std::max(1.0, expected.sd);
    CHECK(stored[5 + 0] == Approx(expected.mean).margin(1e-12 * scale));
    CHECK(stored[5 + 1] == Approx(expected.sd).epsilon(1e-12).margin(1e-12 * scale));
    CHECK(stored[5 + 2] == Approx(expected.low).margin(1e-12 * scale));
    CHECK(stored[5 + 3] == Approx(expected.high).margin(1e-12 * scale));
    CHECK(stored[5 + 4] == 30.0);
    CHECK(stored[0] == 0.0);  // the baseline against itself
    double policy_mean = 0;
    for (const double x : policy_totals) policy_mean += x;
    policy_mean /= 30;
    CHECK(summary[wfsim::output::kStatisticNames.size() + 0] == Approx(policy_mean).epsilon(1e-12));
    const auto [least, greatest] = std::minmax_element(policy_totals.begin(), policy_totals.end());
    CHECK(summary[wfsim::output::kStatisticNames.size() + 2] >= *least);     // p5
    CHECK(summary[wfsim::output::kStatisticNames.size() + 6] <= *greatest);  // p95
  }
  {
    // `wfsim info` shows the totals, costs in GBP m: the variant's mean difference, one decimal.
    const std::vector<double> stored = read_dataset(file, "total_difference/total_cost");
    std::vector<const char*> info_argv = {"wfsim", "info", out.c_str()};
    std::ostringstream info_out, info_err;
    REQUIRE(wfsim::cli::run_command_line(3, info_argv.data(), info_out, info_err) == 0);
    INFO(info_out.str());
    const std::string shown = info_out.str();
    CHECK(shown.find("totals over the " + std::to_string(periods) + " months") != std::string::npos);
    char shown_mean[32];
    std::snprintf(shown_mean, sizeof shown_mean, "%+9.2f (", stored[5] * 1e-6);
    const std::size_t totals = shown.find("totals over the");
    CHECK(shown.find(std::string("  total_cost (GBP m)\n"), totals) != std::string::npos);
    CHECK(shown.find(shown_mean, totals) != std::string::npos);
  }
  {
    // `wfsim info --date` shows the variants at that date's period (12 here: the run's
    // periods end 2015-10-31 to 2020-09-30); a date before the first period stops the
    // command before it prints anything.
    const std::vector<double> stored = read_dataset(file, "difference/total_cost");
    std::vector<const char*> info_argv = {"wfsim", "info", out.c_str(), "--date", "2016-11-15"};
    std::ostringstream info_out, info_err;
    REQUIRE(wfsim::cli::run_command_line(5, info_argv.data(), info_out, info_err) == 0);
    const std::string shown = info_out.str();
    INFO(shown);
    const std::size_t at = shown.find("Buckinghamshire at 2016-10-31:");
    REQUIRE(at != std::string::npos);
    char shown_mean[32];
    std::snprintf(shown_mean, sizeof shown_mean, "%+9.1f (", stored[(5 + 0) * periods + 12] * 1e-3);
    CHECK(shown.find(shown_mean, at) < shown.find("staff_cost", at));
    info_argv[4] = "2015-01-01";
    std::ostringstream early_out, early_err;
    CHECK(wfsim::cli::run_command_line(5, info_argv.data(), early_out, early_err) == 2);
    CHECK(early_out.str().empty());
    CHECK_THAT(early_err.str(), Catch::Contains("no reporting period ends on or before 2015-01-01"));
  }
  CHECK_FALSE(file.nameExists("total_difference/agency_share"));
  CHECK_FALSE(file.nameExists("total_difference/time_to_fill"));
  file.close();
  std::filesystem::remove(out);
  // No intermediate files are left beside the output.
  CHECK(std::filesystem::is_empty(scratch.path));
}

TEST_CASE("variants with different agency rules are paired on their measures", "[compare][cli][rules]") {
  // The README's question: a region with its MoC against the same region without. The
  // tables once carried each scenario's own rules' refusals, so the two shapes clashed
  // ("internal error: series table has the wrong shape", exit 1).
  const test_support::ScratchFolder scratch("wfsim-compare-rules");
  const std::string out = (scratch / "compare-rules.h5").string();
  const std::string without = test_support::scenario_path("south-east-no-moc-2016.yaml");
  const std::string with = test_support::scenario_path("south-east-moc-2016.yaml");
  const std::size_t n = 6;
  std::vector<std::string> args = {"wfsim",           "compare", without, with, "-o", out, "-n",
                                   std::to_string(n), "--seed",  "3",     "-j", "2",  "-q"};
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  REQUIRE(wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), o, e) == 0);
  const auto without_runs = test_support::run_in_memory(wfsim::scenario::load_scenario_file(without), n, 3, 2);
  const auto with_runs = test_support::run_in_memory(wfsim::scenario::load_scenario_file(with), n, 3, 2);
  REQUIRE(with_runs.replications.front().rules() > 0);
  REQUIRE(without_runs.replications.front().rules() == 0);
  H5::H5File file(out, H5F_ACC_RDONLY);
  const std::vector<double> stored = read_dataset(file, "difference/uncovered_gap");
  const std::size_t rows = with_runs.replications.front().authorities();
  const std::size_t periods = with_runs.replications.front().periods();
  REQUIRE(stored.size() == 2 * 5 * rows * periods);
  const std::size_t region = rows - 1;
  bool any_difference = false;
  for (std::size_t t = 0; t < periods; ++t) {
    INFO("period " << t);
    std::vector<double> differences;
    for (std::size_t r = 0; r < n; ++r) {
      differences.push_back(with_runs.replications[r].at(Measure::uncovered_gap, region, t) -
                            without_runs.replications[r].at(Measure::uncovered_gap, region, t));
    }
    const PairedInterval expected = paired_interval(differences);
    auto at = [&](std::size_t statistic) { return stored[((5 + statistic) * rows + region) * periods + t]; };
    CHECK(at(0) == Approx(expected.mean).margin(1e-12 * std::max(1.0, expected.sd)));
    CHECK(at(4) == static_cast<double>(n));
    any_difference = any_difference || expected.mean != 0;
  }
  CHECK(any_difference);  // the rules change the region's results
  file.close();
}

TEST_CASE("variants that cannot be paired are refused", "[compare][cli]") {
  std::vector<std::string> args = {"wfsim",
                                   "compare",
                                   test_support::scenario_path("buckinghamshire-2015.yaml"),
                                   test_support::scenario_path("south-east-moc-2016.yaml"),
                                   "-o",
                                   "/tmp/never.h5"};
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  CHECK(wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), o, e) == 2);
  CHECK(e.str().find("cannot be paired") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists("/tmp/never.h5"));
}

TEST_CASE("a variant that changes nothing, written otherwise than the baseline, is noted after the run",
          "[compare][cli]") {
  // applicants_per_year: 48.0 against the base's 48 simulates the same: every
  // difference 0, and no note, as the check before the run compares the text (an audit).
  const test_support::ScratchFolder scratch("wfsim-same-otherwise");
  const std::filesystem::path& dir = scratch.path;
  {
    std::ifstream base(test_support::scenario_path("buckinghamshire-2015.yaml"));
    std::ofstream(dir / "base.yaml") << base.rdbuf();
  }
  std::ofstream(dir / "same.yaml") << "extends: base.yaml\nname: same\nauthorities:\n  - name: Buckinghamshire\n"
                                      "    roles:\n      - name: social_worker\n        recruitment:\n"
                                      "          applicants_per_year: 48.0\n";
  std::ofstream(dir / "more.yaml") << "extends: base.yaml\nname: more\nauthorities:\n  - name: Buckinghamshire\n"
                                      "    roles:\n      - name: social_worker\n        recruitment:\n"
                                      "          applicants_per_year: 60\n";
  std::string o, e;
  REQUIRE(test_support::run_cli(
              {"compare", (dir / "base.yaml").string(), (dir / "same.yaml").string(), (dir / "more.yaml").string(),
               "-o", (dir / "c.h5").string(), "-n", "4", "--threads", "1", "-q"},
              o, e) == 0);
  INFO(e);
  CHECK(e.find("note: '" + (dir / "same.yaml").string() + "' came out as '" + (dir / "base.yaml").string() +
               "' did in these 4 replications: every difference from the baseline is 0") != std::string::npos);
  // Printed, not kept: the file's notes are written as it begins.
  {
    std::string info_out, info_err;
    REQUIRE(test_support::run_cli({"info", (dir / "c.h5").string()}, info_out, info_err) == 0);
    CHECK(info_out.find("came out as") == std::string::npos);
  }
  CHECK(e.find("'" + (dir / "more.yaml").string() + "' came out as") == std::string::npos);
  CHECK(e.find("simulates what") == std::string::npos);  // the text differs: not said before the run
}

TEST_CASE("two variants of the same name are refused", "[compare][cli]") {
  // A copied variant whose name was not changed: both would be labelled alike in every
  // table and chart. (Written beside a copy of the base: extends reads only files in
  // the scenario's own folder.)
  const test_support::ScratchFolder scratch("wfsim-same-name");
  const std::filesystem::path& dir = scratch.path;
  {
    std::ifstream base(test_support::scenario_path("buckinghamshire-2015.yaml"));
    std::ofstream(dir / "base.yaml") << base.rdbuf();
  }
  for (const char* variant : {"a.yaml", "b.yaml"}) {
    std::ofstream(dir / variant) << "extends: base.yaml\nname: \"Policy: the same name\"\n";
  }
  const std::string out = (dir / "never.h5").string();
  std::vector<std::string> args = {
      "wfsim", "compare", (dir / "base.yaml").string(), (dir / "a.yaml").string(), (dir / "b.yaml").string(),
      "-o",    out};
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  CHECK(wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), o, e) == 2);
  INFO(e.str());
  CHECK(e.str().find("are both named 'Policy: the same name'") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("wfsim sweep writes a grid with one dimension per swept key", "[compare][cli]") {
  const test_support::ScratchFolder scratch("wfsim-sweep");
  const std::string out = (scratch / "sweep.h5").string();
  std::vector<std::string> args = {"wfsim",
                                   "sweep",
                                   test_support::scenario_path("buckinghamshire-2015.yaml"),
                                   "-o",
                                   out,
                                   "-n",
                                   "10",
                                   "--vary",
                                   "authorities[0].roles[0].recruitment.applicants_per_year=36,60",
                                   "--vary",
                                   "authorities[0].roles[0].leaving.turnover_per_year=0.15,0.173,0.2"};
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  REQUIRE(wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), o, e) == 0);
  H5::H5File file(out, H5F_ACC_RDONLY);
  H5::DataSet summary = file.openDataSet("summary/agency_share");
  hsize_t dims[5];
  REQUIRE(summary.getSpace().getSimpleExtentNdims() == 5);
  summary.getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 2);  // applicants
  CHECK(dims[1] == 3);  // turnover
  std::vector<double> s(dims[0] * dims[1] * dims[2] * dims[3] * dims[4]);
  summary.read(s.data(), H5::PredType::NATIVE_DOUBLE);
  // More applicants, a lower mean agency share at the end, at every turnover, by more
  // than 4 standard errors of the difference. Taken as if unpaired, the error is larger
  // than the paired one the common random numbers give: the difference is 9 to 15 of
  // them here (seed 1), so the check fails only if the swept key did not take.
  const std::size_t per_point = dims[2] * dims[3] * dims[4];
  const std::size_t mean_last = dims[4] - 1, sd_last = dims[3] * dims[4] + dims[4] - 1;
  for (std::size_t t = 0; t < 3; ++t) {
    const double* few = &s[t * per_point];
    const double* many = &s[(3 + t) * per_point];
    const double se = std::sqrt((few[sd_last] * few[sd_last] + many[sd_last] * many[sd_last]) / 10);
    INFO("turnover point " << t << ": mean " << few[mean_last] << " against " << many[mean_last] << ", SE " << se);
    CHECK(few[mean_last] - many[mean_last] > 4 * se);
  }
  file.close();
  {
    // `wfsim info` names what the differences are from: the first point, which is only
    // the first value listed (36 applicants here, the scenario's own being 48), not a
    // baseline.
    std::vector<const char*> info_argv = {"wfsim", "info", out.c_str()};
    std::ostringstream info_out, info_err;
    REQUIRE(wfsim::cli::run_command_line(3, info_argv.data(), info_out, info_err) == 0);
    INFO(info_out.str());
    CHECK_THAT(info_out.str(), Catch::Matchers::Contains(" (first point)") &&
                                   Catch::Matchers::Contains("difference from the first point, mean") &&
                                   !Catch::Matchers::Contains("baseline"));
  }
  std::filesystem::remove(out);
  // A malformed --vary is a usage error.
  std::vector<std::string> bad = {
      "wfsim", "sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "--vary", "novalues"};
  std::vector<const char*> bad_argv;
  for (const auto& a : bad) bad_argv.push_back(a.c_str());
  CHECK(wfsim::cli::run_command_line(static_cast<int>(bad_argv.size()), bad_argv.data(), o, e) == 2);
}

TEST_CASE("two swept keys with the same last name are both named by their whole path", "[compare][cli]") {
  // Only the first was: the second kept 'applicants_per_year', so selecting by that
  // name silently took the second council's key.
  const test_support::ScratchFolder scratch("wfsim-clash");
  const std::string out = (scratch / "clash.h5").string();
  std::vector<std::string> args = {"wfsim",
                                   "sweep",
                                   test_support::scenario_path("south-east-moc-2016.yaml"),
                                   "-o",
                                   out,
                                   "-n",
                                   "2",
                                   "-q",
                                   "--vary",
                                   "duration=1 month",
                                   "--vary",
                                   "authorities[0].roles[0].recruitment.applicants_per_year=20,40",
                                   "--vary",
                                   "authorities[1].roles[0].recruitment.applicants_per_year=20,40"};
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  REQUIRE(wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), o, e) == 0);
  std::vector<std::string> names;
  std::set<std::string> meanings;
  {
    H5::H5File file(out, H5F_ACC_RDONLY);
    H5::Group sweep = file.openGroup("sweep");
    for (hsize_t i = 0; i < sweep.getNumObjs(); ++i) {
      names.push_back(sweep.getObjnameByIdx(i));
      H5::Attribute meaning = sweep.openDataSet(names.back()).openAttribute("long_name");
      std::string text;
      meaning.read(meaning.getStrType(), text);
      meanings.insert(text);
    }
  }
  std::filesystem::remove(out);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"duration", "sweep_authorities_0__roles_0__recruitment_applicants_per_year",
                                          "sweep_authorities_1__roles_0__recruitment_applicants_per_year"});
  // Their meanings too, which info labels the points with: alike in their last two
  // parts, so each is its whole key path.
  CHECK(meanings == std::set<std::string>{"duration", "authorities[0].roles[0].recruitment.applicants_per_year",
                                          "authorities[1].roles[0].recruitment.applicants_per_year"});
}

namespace {
// A swept key's meaning, as the file says it (the scale's `long_name`).
std::string long_name_of(const std::string& path, const std::string& dataset) {
  H5::H5File file(path, H5F_ACC_RDONLY);
  const H5::Attribute meaning = file.openDataSet(dataset).openAttribute("long_name");
  std::string text;
  meaning.read(meaning.getStrType(), text);
  return text;
}
}  // namespace

TEST_CASE("a swept parameter of a value is named with the key that holds it", "[compare][cli]") {
  // 'agency.booking_delay.mean' was a scale and dimension named "mean", beside the
  // statistic "mean", and info labelled the points "mean 7 days".
  const test_support::ScratchFolder scratch("wfsim-sweep-mean");
  const std::string out = (scratch / "sweep-mean.h5").string();
  std::string o, e;
  REQUIRE(test_support::run_cli(
              {"sweep", test_support::scenario_path("buckinghamshire-2015.yaml"), "-o", out, "-n", "2", "-q", "--vary",
               "duration=1 month", "--vary", "authorities[0].roles[0].agency.booking_delay.mean=7 days,14 days"},
              o, e) == 0);
  CHECK(long_name_of(out, "sweep/booking_delay_mean") == "booking delay mean");
}

TEST_CASE("a swept rule's key is said with the rule's name", "[compare][cli][rules]") {
  // "length" alone said whose length nowhere: not in info, the report or the workbook.
  const test_support::ScratchFolder scratch("wfsim-sweep-rule");
  const std::string out = (scratch / "sweep-rule.h5").string();
  std::string o, e;
  REQUIRE(test_support::run_cli({"sweep", test_support::scenario_path("south-east-moc-2016.yaml"), "-o", out, "-n", "2",
                                 "-q", "--vary", "duration=1 month", "--vary", "rules[0].length=3 months,6 months"},
                                o, e) == 0);
  CHECK(long_name_of(out, "sweep/length") == "SE MoC cooling-off: length");
  CHECK_THAT(
      test_support::run_cli({"info", out}, o, e) == 0 ? o : e,
      Catch::Matchers::Contains("swept        SE MoC cooling-off: length (rules[0].length): 3 months, 6 months"));
  // Two rules' lengths, each said by its whole key path, and with its rule's name.
  REQUIRE(test_support::run_cli({"sweep", test_support::scenario_path("national-rules-2024.yaml"), "-o", out, "-n", "2",
                                 "-q", "--vary", "duration=1 month", "--vary", "rules[0].length=3 months,6 months",
                                 "--vary", "rules[1].length=3 months,6 months"},
                                o, e) == 0);
  REQUIRE(test_support::run_cli({"info", out}, o, e) == 0);
  CHECK_THAT(o, Catch::Matchers::Contains("swept        SE MoC cooling-off 2022: rules[0].length (rules[0].length)"));
  CHECK_THAT(o, Catch::Matchers::Contains("swept        national cooling-off: rules[1].length (rules[1].length)"));
}

TEST_CASE("a key inside one rule is read as the rule's index and its key, and nothing else is", "[compare][rules]") {
  using wfsim::scenario::rule_key;
  const auto length = rule_key("rules[12].length");
  REQUIRE(length);
  CHECK(length->rule == 12);
  CHECK(length->key == "length");
  CHECK(rule_key("rules[0].caps_per_hour.social_worker")->key == "caps_per_hour.social_worker");
  // A whole rule, another list, a bracket not closed, no index, an empty key, a number
  // too long to be an index.
  for (const char* other : {"rules[3]", "rules[3].", "authorities[0].name", "rules[3.length", "rules[].length",
                            "rules[x].length", "rules[1234567890123].length", "Rules[0].length"}) {
    INFO(other);
    CHECK_FALSE(rule_key(other));
  }
}

TEST_CASE("a swept key named as a measure is named by its whole path, and the file is written", "[compare][cli]") {
  // labour_market.agency_idle's scale met the measure agency_idle in the groups of
  // measures, which hold the scales' copies: every point ran, then "H5Dcreate2 failed".
  const test_support::ScratchFolder scratch("wfsim-measure-key");
  const std::string out = (scratch / "measure-key.h5").string();
  std::string o, e;
  const int code =
      test_support::run_cli({"sweep", test_support::scenario_path("south-east-no-moc-2016.yaml"), "-o", out, "-n", "2",
                             "-q", "--vary", "duration=1 month", "--vary", "labour_market.agency_idle=-4,-3"},
                            o, e);
  INFO(e);
  REQUIRE(code == 0);
  {
    H5::H5File file(out, H5F_ACC_RDONLY);
    CHECK(file.nameExists("sweep/sweep_labour_market_agency_idle"));
    CHECK(file.nameExists("summary/agency_idle"));
  }
}
