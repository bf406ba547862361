// wfsim calibrate: parsing targets and free keys, recovering a known parameter, and
// an imported baseline reproducing its own year's figures once calibrated.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "calibrate/calibration.hpp"
#include "calibrate/run_in_memory.hpp"
#include "cli/commands.hpp"
#include "experiment/experiment_runner.hpp"
#include "kernel/calendar.hpp"
#include "output/memory_sink.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

using namespace wfsim;

namespace {

const std::string kSmall =
    "name: small\nstart: 2020-01-01\nduration: 3 years\n"
    "authorities:\n"
    "  - name: A\n"
    "    roles:\n"
    "      - name: sw\n"
    "        permanent_posts: 100\n"
    "        initial: {in_post: 85}\n"
    "        leaving: {turnover_per_year: 0.2, notice: 1 month}\n"
    "        recruitment:\n"
    "          approval_to_offer: 20 days\n"
    "          applicants_per_year: 15\n"
    "        agency: {booking_delay: {distribution: exponential, mean: 30 days}}\n";

// A folder of the test's own (removed with it) holding kSmall as small.yaml.
struct SmallScenarioFolder : test_support::ScratchFolder {
  explicit SmallScenarioFolder(const std::string& tag) : ScratchFolder(tag) {
    std::ofstream(path / "small.yaml") << kSmall;
  }
};

// kSmall's applicants a year fitted within `range` to `targets` on seed 1's first
// kFitReplications replications, in at most `evaluations` evaluations.
constexpr std::size_t kFitReplications = 40;
calibrate::CalibrationResult fit_applicants(const std::string& range, const std::vector<std::string>& targets,
                                            int evaluations = 80) {
  const auto free =
      calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year=" + range, kSmall, "small.yaml");
  std::vector<calibrate::Target> parsed;
  for (const std::string& t : targets) parsed.push_back(calibrate::parse_target(t));
  calibrate::CalibrationOptions options;
  options.replications = kFitReplications;
  options.threads = 2;
  options.max_evaluations = evaluations;
  return calibrate::calibrate(kSmall, "small.yaml", parsed, {free}, options);
}

// A fit of one key of `text` at `value` +- `standard_error`, as the search would give it.
calibrate::ParameterFit fit_of(const std::string& key, const std::string& text, double value, double standard_error) {
  calibrate::ParameterFit fit;
  fit.parameter = calibrate::parse_free(key, text, "s.yaml");
  fit.value = value;
  fit.standard_error = standard_error;
  return fit;
}

// The mean over replications and periods of one measure, and its standard error.
// Each replication's mean of a measure over the periods from `from_period`.
std::vector<double> run_values(const scenario::Scenario& s, model::Measure m, std::uint64_t seed, std::size_t n,
                               std::size_t from_period = 0) {
  experiment::ExperimentOptions options;
  options.seed = seed;
  options.replications = n;
  options.threads = 2;
  output::MemorySink sink;
  experiment::run_experiment(s, options, sink);
  std::vector<double> values;
  for (const auto& table : sink.replications) {
    double total = 0;
    std::size_t count = 0;
    for (std::size_t k = from_period; k < table.periods(); ++k) {
      if (!std::isnan(table.at(m, 0, k))) total += table.at(m, 0, k), ++count;
    }
    values.push_back(total / static_cast<double>(count));
  }
  return values;
}

std::pair<double, double> run_mean(const scenario::Scenario& s, model::Measure m, std::uint64_t seed, std::size_t n,
                                   std::size_t from_period = 0) {
  const auto [mean, se] = test_support::mean_and_se(run_values(s, m, seed, n, from_period));
  return {mean, se};
}

}  // namespace

TEST_CASE("targets are parsed with dates and stated uncertainty, and mistakes named", "[calibrate]") {
  const auto t = calibrate::parse_target("agency_share=0.2@2017-01-31+-0.01");
  CHECK(t.measure == model::Measure::agency_share);
  CHECK(t.value == 0.2);
  CHECK(t.sd == 0.01);
  REQUIRE(t.date_day);
  CHECK(kernel::format_iso_date(*t.date_day) == "2017-01-31");
  // The uncertainty before the date too: it was read as '0.01@2017-01-31', "not a number".
  for (const char* other_order : {"agency_share=0.2+-0.01@2017-01-31", "agency_share=0.2\u00b10.01@2017-01-31"}) {
    const auto u = calibrate::parse_target(other_order);
    CHECK(u.value == 0.2);
    CHECK(u.sd == 0.01);
    REQUIRE(u.date_day);
    CHECK(*u.date_day == *t.date_day);
  }
  CHECK_THROWS_WITH(calibrate::parse_target("agency_share=0.2+-x@2017-01-31"),
                    Catch::Contains("the +- uncertainty must be a number > 0"));
  CHECK_THROWS_WITH(calibrate::parse_target("agency_share=0.2+-0.01@2017-02-30"),
                    Catch::Contains("'2017-02-30' is not a date"));
  CHECK(!calibrate::parse_target("vacancy_rate=0.163").date_day);
  // A name in other case is offered in its own: 12 edits away, it was offered nothing.
  CHECK_THROWS_WITH(calibrate::parse_target("VACANCY_RATE=0.1"), Catch::Contains("(did you mean 'vacancy_rate'?)"));
  CHECK(test_support::message_of([] { calibrate::parse_target("vacancy_rat=0.1"); }) ==
        "target 'vacancy_rat=0.1': no measure named 'vacancy_rat' (did you mean 'vacancy_rate'?); see "
        "docs/output-format.md");
  CHECK(test_support::message_of([] {
          calibrate::parse_target("vacancy_rate");
        }).find("expected MEASURE=VALUE[@DATE][+-SD]") != std::string::npos);
  CHECK(test_support::message_of([] { calibrate::parse_target("vacancy_rate=0.1@2017-13-01"); }) ==
        "target 'vacancy_rate=0.1@2017-13-01': '2017-13-01' is not a date: there is no month 13");
  CHECK(test_support::message_of([] {
          calibrate::parse_target("vacancy_rate=0.1@1/3/2017");
        }).find("expected a date YYYY-MM-DD") != std::string::npos);
  CHECK(test_support::message_of([] { calibrate::parse_target("vacancy_rate=high"); }) ==
        "target 'vacancy_rate=high': 'high' is not a number");
  // The backtest's names for the DfE's figures point to the model's measures (the
  // nearest spelling of 'agency_rate' was once 'vacancy_rate').
  CHECK(test_support::message_of([] {
          calibrate::parse_target("agency_rate=0.145");
        }).find("the model's measure for it is 'agency_share'") != std::string::npos);
  CHECK(test_support::message_of([] {
          calibrate::parse_target("turnover=0.17");
        }).find("the model's measure for it is 'turnover_12m'") != std::string::npos);
  // A share is at most 1; turnover, leavers over the mean headcount, may pass it (it was
  // refused as "a fraction from 0 to 1").
  CHECK(test_support::message_of([] { calibrate::parse_target("agency_share=1.2"); }) ==
        "target 'agency_share=1.2': agency_share is a fraction from 0 to 1 (0.2 for 20%)");
  CHECK(calibrate::parse_target("turnover_12m=1.2").value == 1.2);
  // But not past 2, twice the data's highest: 16.6 was a percentage, fitted as 166% a
  // year at a bound with no more than "NOT MET" said (an audit).
  CHECK(test_support::message_of([] { calibrate::parse_target("turnover_12m=16.6@2023-09-30"); }) ==
        "target 'turnover_12m=16.6@2023-09-30': turnover_12m is a fraction a year: 16.6 would be 1660% a year, "
        "more than any council's (0.166 for 16.6%)");
  CHECK(calibrate::parse_target("turnover_12m=2").value == 2);
}

TEST_CASE("the run's length, dates and format version are no free keys", "[calibrate]") {
  // A fit of 'duration' met its target by cutting a two-year run to ten weeks and
  // reported success; '--free wfsim' was offered bounds for the format's version.
  for (const std::string key : {"duration", "end", "start", "warmup"}) {
    CHECK_THAT(test_support::message_of([&] { calibrate::parse_free(key, kSmall, "s.yaml"); }),
               Catch::Matchers::Contains("--free " + key +
                                         ": the run's length and dates set what the targets are "
                                         "measured over, and cannot be fitted"));
  }
  CHECK(test_support::message_of([] { calibrate::parse_free("wfsim", kSmall, "s.yaml"); }) ==
        "--free wfsim: the scenario format's version is no figure to fit");
}

TEST_CASE("free keys are found where they are written, with their units and bounds", "[calibrate]") {
  const auto p = calibrate::parse_free("authorities[0].roles[0].agency.booking_delay.mean=1:365", kSmall, "s.yaml");
  CHECK(p.initial == 30);
  CHECK(p.unit == "days");
  CHECK(p.low == 1);
  CHECK(p.high == 365);
  CHECK(kSmall.substr(p.text_position, p.text_length) == "30 days");
  const auto q = calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year", kSmall, "s.yaml");
  CHECK(q.low == 1.5);
  CHECK(q.high == 150);
  CHECK(test_support::message_of([] {
          calibrate::parse_free("authorities[0].roles[0].recruitment.applicant_per_year", kSmall, "s.yaml");
        }) ==
        "--free authorities[0].roles[0].recruitment.applicant_per_year: s.yaml: "
        "authorities[0].roles[0].recruitment.applicant_per_year: no such key written in this file (did you "
        "mean 'applicants_per_year'?)");
  CHECK(test_support::message_of([] {
          calibrate::parse_free("authorities[0].roles[0].leaving=1:2", kSmall, "s.yaml");
        }) == "--free authorities[0].roles[0].leaving: the value is not a single number");
  CHECK(test_support::message_of([] {
          calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year=9:3", kSmall, "s.yaml");
        }).find("expected KEY=LOW:HIGH with LOW < HIGH") != std::string::npos);
  // A bound past a double's range is said so: it was "expected LOW < HIGH" (a CLI audit).
  CHECK(test_support::message_of([] {
          calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year=1:1e400", kSmall, "s.yaml");
        }).find("'1e400' is not a number (a bound is a finite number)") != std::string::npos);
  // A value outside the range given: the search starts inside it, and the fit still
  // reports what the file held.
  const auto r =
      calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year=20:40", kSmall, "s.yaml");
  CHECK(r.written == 15);
  CHECK(r.initial == 20);
  // Neither a date (once read as 2020 and the unit '-01-01') nor a name can be fitted
  // ('start' is refused earlier, as the run's window: above).
  const std::string dated = std::string(kSmall) +
                            "rules:\n  - {name: r, kind: experience, min_experience: 1 year, members: all, "
                            "from: 2021-01-01}\n";
  for (const char* key : {"rules[0].from", "authorities[0].name"}) {
    INFO(key);
    CHECK(test_support::message_of([&] {
            calibrate::parse_free(key, dated, "s.yaml");
          }).find("is not a number (or a duration such as '14 days'), so it cannot be fitted") != std::string::npos);
  }
}

TEST_CASE("a fit written with its spread: plain numbers as {mean, sd}, durations plain", "[calibrate][uncertain]") {
  calibrate::CalibrationResult result;
  result.parameters = {fit_of("authorities[0].roles[0].agency.booking_delay.mean=1:365", kSmall, 35.5, 6.3),
                       fit_of("authorities[0].roles[0].recruitment.applicants_per_year", kSmall, 106.9, 1.5)};
  const std::string spread = calibrate::fitted_scenario_text(kSmall, result, "", true);
  CHECK_THAT(spread, Catch::Contains("applicants_per_year: {mean: 106.9, sd: 1.5}"));
  CHECK_THAT(spread, Catch::Contains("35.5 days"));
  const auto loaded = wfsim::scenario::load_scenario_text(spread, "fitted.yaml");
  REQUIRE(loaded.uncertain_inputs.size() == 1);
  CHECK(loaded.uncertain_inputs[0].second == 1.5);
  // Without the option, or with an error the fit could not determine, a plain value.
  CHECK_THAT(calibrate::fitted_scenario_text(kSmall, result, ""), Catch::Contains("applicants_per_year: 106.9"));
  result.parameters[1].standard_error = std::nan("");
  CHECK_THAT(calibrate::fitted_scenario_text(kSmall, result, "", true), Catch::Contains("applicants_per_year: 106.9"));
}

TEST_CASE("with its spread, a key that is a part of an uncertain input is written plain, not refused after the fit",
          "[calibrate][uncertain]") {
  // turnover_per_year.mean of {mean: 0.2, sd: 0.03} was written {mean: {mean: ..}} and
  // refused once the whole fit was done, the fit lost (an audit).
  std::string uncertain = kSmall;
  uncertain.replace(uncertain.find("turnover_per_year: 0.2"), 22, "turnover_per_year: {mean: 0.2, sd: 0.03}");
  std::vector<calibrate::FreeParameter> free = {
      calibrate::parse_free("authorities[0].roles[0].leaving.turnover_per_year.mean=0.05:0.4", uncertain, "u.yaml"),
      calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year", uncertain, "u.yaml")};
  calibrate::mark_spreadable(uncertain, "u.yaml", free, {});
  CHECK_FALSE(free[0].takes_spread);
  CHECK(free[1].takes_spread);
  calibrate::CalibrationResult result;
  result.parameters = {fit_of(free[0].key + "=0.05:0.4", uncertain, 0.25, 0.01),
                       fit_of(free[1].key, uncertain, 20, 1.5)};
  result.parameters[0].parameter.takes_spread = free[0].takes_spread;
  const std::string written = calibrate::fitted_scenario_text(uncertain, result, "", true);
  CHECK_THAT(written, Catch::Contains("turnover_per_year: {mean: 0.25, sd: 0.03}"));
  CHECK_THAT(written, Catch::Contains("applicants_per_year: {mean: 20, sd: 1.5}"));
  CHECK_NOTHROW(wfsim::scenario::load_scenario_text(written, "fitted.yaml"));
}

TEST_CASE("with its spread, a value whose spread the scenario refuses is written plain, not refused after the fit",
          "[calibrate][uncertain]") {
  // A gamma's shape fitted at 6.39 +- 3.11: its spread reaches below 0, the file as it
  // would be written was refused once the whole fit was done, and the fit lost (a
  // review). That value alone is written plain, and said.
  std::string gamma = kSmall;
  gamma.replace(gamma.find("          applicants_per_year: 15"), 0,
                "          offer_to_start: {distribution: gamma, mean: 49 days, shape: 3}\n");
  calibrate::CalibrationResult result;
  result.parameters = {fit_of("authorities[0].roles[0].recruitment.offer_to_start.shape", gamma, 6.39, 3.11),
                       fit_of("authorities[0].roles[0].recruitment.applicants_per_year", gamma, 20, 1.5)};
  REQUIRE_THROWS(
      wfsim::scenario::load_scenario_text(calibrate::fitted_scenario_text(gamma, result, "", true), "g.yaml"));
  std::vector<std::string> notes;
  const std::string written = calibrate::fitted_text_with_spreads(gamma, "g.yaml", result, "", notes);
  CHECK_NOTHROW(wfsim::scenario::load_scenario_text(written, "g.yaml"));
  CHECK_THAT(written, Catch::Contains("shape: 6.39}"));
  CHECK_THAT(written, Catch::Contains("applicants_per_year: {mean: 20, sd: 1.5}"));
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::StartsWith("authorities[0].roles[0].recruitment.offer_to_start.shape is written as a "
                                         "plain number"));
  // The file says so too: its header names --with-spread, and a reader without the
  // terminal's notes would ask why one value is plain.
  CHECK_THAT(written, Catch::Contains("# Note: --with-spread: authorities[0].roles[0].recruitment.offer_to_start.shape "
                                      "is written as a plain number"));
  // A value the fit gave no standard error is written plain, and said.
  calibrate::CalibrationResult unsure;
  unsure.parameters = {fit_of("authorities[0].roles[0].recruitment.applicants_per_year", gamma, 20,
                              std::numeric_limits<double>::quiet_NaN())};
  std::vector<std::string> unsure_notes{"a note it came with"};
  const std::string unsure_text = calibrate::fitted_text_with_spreads(gamma, "g.yaml", unsure, "", unsure_notes);
  CHECK_THAT(unsure_text, Catch::Contains("applicants_per_year: 20 "));
  REQUIRE(unsure_notes.size() == 2);
  CHECK_THAT(unsure_notes[1], Catch::Contains("applicants_per_year is written as a plain number: the fit gave it no "
                                              "standard error"));
  CHECK_THAT(unsure_text, Catch::Contains("# Note: --with-spread: a note it came with"));
  // Two that load alone may not together: two kinds of absence both reaching 0, where
  // absences start at the start (a review). Then all are written plain.
  std::string absences = kSmall;
  absences.replace(absences.find("        initial: {in_post: 85}"), 0,
                   "        long_absences:\n          - {kind: a, starts_per_year: 0.01, duration: 6 months}\n"
                   "          - {kind: b, starts_per_year: 0.01, duration: 6 months}\n");
  absences.replace(absences.find("initial: {in_post: 85}"), 22, "initial: {in_post: 85, absent: 2}");
  REQUIRE_NOTHROW(wfsim::scenario::load_scenario_text(absences, "a.yaml"));
  calibrate::CalibrationResult two;
  for (const char* key : {"authorities[0].roles[0].long_absences[0].starts_per_year",
                          "authorities[0].roles[0].long_absences[1].starts_per_year"}) {
    two.parameters.push_back(fit_of(key, absences, 0.01, 0.02));
  }
  std::vector<std::string> said;
  const std::string plain = calibrate::fitted_text_with_spreads(absences, "a.yaml", two, "", said);
  CHECK_NOTHROW(wfsim::scenario::load_scenario_text(plain, "a.yaml"));
  REQUIRE(!said.empty());
  CHECK_THAT(said.back(), Catch::StartsWith("every value is written as a plain number"));
}

TEST_CASE("calibration recovers a known applicant rate within its stated uncertainty", "[calibrate]") {
  // Truth: 40 applicants a year. Its vacancy rate, measured on another seed, is the
  // target; the fit starts from 15 and must land within 4 standard errors of 40, the
  // error combining the fit's own and the target's Monte Carlo error.
  const std::string truth_text =
      std::string(kSmall).replace(kSmall.find("applicants_per_year: 15"), 23, "applicants_per_year: 40");
  const auto truth = scenario::load_scenario_text(truth_text, "truth.yaml", {});
  const auto [target, target_se] = run_mean(truth, model::Measure::vacancy_rate, 99, 400);
  calibrate::Target t = calibrate::parse_target("vacancy_rate=" + std::to_string(target));
  t.sd = target_se;  // the target's own uncertainty enters the parameter's
  const auto free =
      calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year=5:200", kSmall, "small.yaml");
  calibrate::CalibrationOptions options;
  options.replications = 200;
  options.threads = 2;
  const auto fit = calibrate::calibrate(kSmall, "small.yaml", {t}, {free}, options);
  REQUIRE(fit.parameters.size() == 1);
  const auto& p = fit.parameters[0];
  INFO("fitted " << p.value << " +- " << p.standard_error << "; target " << target << " +- " << target_se);
  REQUIRE(std::isfinite(p.standard_error));
  // The fit's error, checked against one worked out here: the target's error and the
  // fit's own Monte Carlo error at its best, carried through the slope of the vacancy
  // rate in the applicant rate (from 36 to 44, on common random numbers, as the fit's
  // central difference spans). The two differ by how far the fit's slope (200
  // replications, unpaired with this one's 400) is from this one: within 4 standard
  // errors of the log ratio, the fit's slope counted at twice this one's variance. An
  // error inflated by a flat Jacobian would let the recovery check below pass for
  // almost any value.
  auto with_rate = [&](const char* rate) {
    std::string text = kSmall;
    return scenario::load_scenario_text(
        text.replace(text.find("applicants_per_year: 15"), 23, std::string("applicants_per_year: ") + rate),
        "rate.yaml", {});
  };
  const auto high = run_values(with_rate("44"), model::Measure::vacancy_rate, 98, 400);
  const auto low = run_values(with_rate("36"), model::Measure::vacancy_rate, 98, 400);
  std::vector<double> differences;
  for (std::size_t r = 0; r < high.size(); ++r) differences.push_back((high[r] - low[r]) / 8);
  const auto [slope, slope_se] = test_support::mean_and_se(differences);
  const double expected = std::hypot(target_se, fit.targets[0].standard_error) / std::abs(slope);
  const double tolerance = 4 * std::sqrt(3.0) * slope_se / std::abs(slope);
  INFO("slope " << slope << " (SE " << slope_se << ") a year; the error expected " << expected << ", log ratio within "
                << tolerance);
  CHECK(tolerance < 0.5);  // the check has power: an error off by 1.65 times fails
  CHECK(std::abs(std::log(p.standard_error / expected)) < tolerance);
  CHECK(6 * p.standard_error < 25);
  CHECK(std::abs(p.value - 40) < 4 * p.standard_error);
  CHECK(!p.at_bound);
  CHECK(std::abs(fit.targets[0].residual) < 3 * std::hypot(fit.targets[0].standard_error, target_se));
  // The written scenario holds the fitted value where the old one was, and loads.
  const std::string written = calibrate::fitted_scenario_text(kSmall, fit, "header\n");
  CHECK(written.rfind("# header\n# Fitted parameters", 0) == 0);
  const auto reloaded = scenario::load_scenario_text(written, "fitted.yaml", {});
  CHECK(reloaded.parameters.authorities[0].roles[0].recruitment.applicants_per_year == Approx(p.value).epsilon(1e-5));
}

TEST_CASE("a fit that ends at the edge of its range says so", "[calibrate]") {
  // A vacancy rate of 0.1% is out of reach with at most 80 applicants a year: the fit
  // ends just inside the top of the range (79.89 of [10, 80] here, 79.5 in an
  // analyst's run) and was not flagged, as the flag wanted the last 0.1% of the range.
  const auto fit = fit_applicants("10:80", {"vacancy_rate=0.001"});
  REQUIRE(fit.parameters.size() == 1);
  INFO("fitted " << fit.parameters[0].value);
  CHECK(fit.parameters[0].value > 79.3);
  CHECK(fit.parameters[0].at_bound);
  // More applicants would lower the vacancy rate towards its target: the objective
  // falls towards the top of the range.
  CHECK(fit.parameters[0].objective_slope < 0);
  const std::string said = calibrate::describe_fit(fit);
  CHECK(said.find("AT A BOUND: widen the range") != std::string::npos);
  // The target it could not reach is said to be missed, not left to the residual.
  CHECK(said.find("vacancy_rate=0.001: ") != std::string::npos);
  CHECK(said.find("   NOT MET: ") != std::string::npos);
  CHECK(said.find("WARNING: 1 of 1 targets not met within 2 standard errors") != std::string::npos);
}

TEST_CASE("a free key that moves no target keeps its starting value", "[calibrate]") {
  // Every point ties where the targets do not move, and the point the search ended on
  // was written as fitted: an agency rate of 44 became 49.4, and the written scenario's
  // agency spend 12% more, for nothing (an audit). The first point that did best, the
  // start, is kept.
  const std::string priced = kSmall + "        pay: {salary_per_year: 30000, agency_rate_per_hour: 44}\n";
  const auto free = calibrate::parse_free("authorities[0].roles[0].pay.agency_rate_per_hour=10:100", priced, "p.yaml");
  calibrate::CalibrationOptions options;
  options.replications = 10;
  options.threads = 2;
  const auto fit =
      calibrate::calibrate(priced, "p.yaml", {calibrate::parse_target("vacancy_rate=0.05")}, {free}, options);
  REQUIRE(fit.parameters.size() == 1);
  INFO(calibrate::describe_fit(fit));
  CHECK(fit.evaluations > 4);  // the search moved, and found nothing better
  CHECK(fit.parameters[0].value == 44);
  // Beside a key that does move the target, Subplex carried it along (45 written as 54.1
  // in a review's fit): put back to its start, where that fits as well.
  const auto applicants =
      calibrate::parse_free("authorities[0].roles[0].recruitment.applicants_per_year=5:200", priced, "p.yaml");
  const auto both = calibrate::calibrate(priced, "p.yaml", {calibrate::parse_target("vacancy_rate=0.05")},
                                         {applicants, free}, options);
  INFO(calibrate::describe_fit(both));
  CHECK(both.parameters[0].value != 15);  // applicants moved to meet the target
  CHECK(both.parameters[1].value == 44);
  CHECK_THAT(calibrate::fitted_scenario_text(priced, both, ""),
             Catch::Contains("agency_rate_per_hour: 44}   # calibrated, unchanged"));
  // Its error is undetermined, and no longer makes the others' so (a review).
  CHECK(std::isfinite(both.parameters[0].standard_error));
  CHECK(std::isnan(both.parameters[1].standard_error));
  CHECK(both.search_evaluations > 0);
  CHECK_THAT(calibrate::describe_fit(both),
             Catch::Contains("(" + std::to_string(both.search_evaluations) + " by the search, " +
                             std::to_string(both.evaluations - both.search_evaluations) + " for the optimum"));
}

TEST_CASE("a search that runs out of evaluations says so, and one that meets its tolerance does not", "[calibrate]") {
  // validation.md read "the search met its tolerance before its 80" of a search that had
  // used all 80: nothing told the two apart.
  const auto cut_short = fit_applicants("5:200", {"vacancy_rate=0.1"}, 3);
  CHECK(cut_short.stopped_at_limit);
  CHECK(calibrate::describe_fit(cut_short).find("The search stopped at its limit of 3 evaluations "
                                                "(--max-evaluations), not at its tolerance") != std::string::npos);
  // Its 6 evaluations in all, beside a limit of 3, say where the other 3 went.
  CHECK(calibrate::describe_fit(cut_short).find("after 6 evaluations (3 by the search, 3 for the optimum and the "
                                                "standard errors)") != std::string::npos);
  // Pressed against a bound, the search meets its tolerance there well inside 80.
  const auto converged = fit_applicants("10:80", {"vacancy_rate=0.001"});
  INFO(converged.evaluations << " evaluations");
  CHECK(!converged.stopped_at_limit);
  CHECK(calibrate::describe_fit(converged).find("The search stopped at its limit") == std::string::npos);
}

TEST_CASE("a fit shows the permanent starters and leavers a year it implies", "[calibrate]") {
  // A vacancy rate can be met with more applicants filling posts that empty faster, so
  // the flows are shown beside the targets. They are the fitted scenario's own: the
  // file written, run again on the fit's seed and replications (common random numbers),
  // gives the same starters and leavers a year to the last bit.
  const auto fit = fit_applicants("5:200", {"vacancy_rate=0.1"}, 12);
  REQUIRE(fit.flows.size() == 2);
  const auto fitted = scenario::load_scenario_text(calibrate::fitted_scenario_text(kSmall, fit, ""), "fitted.yaml", {});
  const output::MemorySink sink = calibrate::run_in_memory(fitted, {1, kFitReplications, 1, nullptr});
  for (const calibrate::FlowAtFit& flow : fit.flows) {
    double sum = 0;
    for (const auto& table : sink.replications) {
      for (std::size_t k = 0; k < table.periods(); ++k) sum += table.at(flow.measure, 0, k);
    }
    INFO(model::info(flow.measure).name);
    // 2020-01-01 to 2022-12-31: 1,096 days.
    CHECK(flow.per_year == Approx(sum / kFitReplications / (1096 / 365.25)).epsilon(1e-12));
    CHECK(flow.standard_error > 0);
  }
  CHECK(fit.flows[0].measure == model::Measure::starters_permanent);
  CHECK(fit.flows[1].measure == model::Measure::leavers_permanent);
  const std::string said = calibrate::describe_fit(fit);
  CHECK(said.find("Not targets, at the fit (simulated mean a year +- Monte Carlo SE):\n  starters_permanent: ") !=
        std::string::npos);
  // A flow given as a target is shown with the targets, not again.
  const auto with_starters = fit_applicants("5:200", {"vacancy_rate=0.1", "starters_permanent=1.5"}, 12);
  REQUIRE(with_starters.flows.size() == 1);
  CHECK(with_starters.flows[0].measure == model::Measure::leavers_permanent);
  CHECK(calibrate::describe_fit(with_starters).find("(--target leavers_permanent=N)") != std::string::npos);
}

TEST_CASE("a key is held by its range's end when near it with the objective falling that way", "[calibrate]") {
  // Within 1% of an end, whatever the slope: the search stops a little inside a bound.
  CHECK(calibrate::held_by_bound(0.995, 0.3));
  CHECK(calibrate::held_by_bound(0.005, -0.3));
  // Within 5%, only with the objective falling towards the end (Kirklees 2020's booking
  // delay ended 1.8% from its end, both targets missed, and was not flagged).
  CHECK(calibrate::held_by_bound(0.982, -0.3));
  CHECK(!calibrate::held_by_bound(0.982, 0.3));
  CHECK(calibrate::held_by_bound(0.04, 0.3));
  CHECK(!calibrate::held_by_bound(0.04, -0.3));
  // Further in, an optimum whatever the slope.
  CHECK(!calibrate::held_by_bound(0.94, -5));
  CHECK(!calibrate::held_by_bound(0.06, 5));
  CHECK(!calibrate::held_by_bound(0.5, -5));
}

TEST_CASE("a key at the end of its range is flagged only while a target is missed", "[calibrate]") {
  // With the target met the end of the range is where the answer lies: "widen the
  // range" was a false alarm an analyst met (a residual of -0.0002, SE 0.009).
  calibrate::CalibrationResult fit;
  calibrate::ParameterFit p;
  p.parameter.key = "authorities[0].roles[0].leaving.turnover_per_year";
  p.parameter.low = 0.05;
  p.parameter.high = 3;
  p.value = 0.0501;
  p.standard_error = 0.01;
  p.at_bound = true;
  fit.parameters.push_back(p);
  calibrate::TargetFit t;
  t.target = calibrate::parse_target("vacancy_rate=0.10");
  t.simulated = 0.0998;
  t.standard_error = 0.009;
  t.residual = -0.0002;
  fit.targets.push_back(t);
  CHECK(t.met());
  std::string said = calibrate::describe_fit(fit);
  CHECK(said.find("(at the end of its range, with every target met)") != std::string::npos);
  CHECK(said.find("AT A BOUND") == std::string::npos);
  CHECK(said.find("NOT MET") == std::string::npos);
  CHECK(said.find("WARNING") == std::string::npos);
  CHECK(calibrate::missed_targets_warning(fit).empty());
  // 2.5 standard errors away, the target's own +-SD included: 0.05 / sqrt(0.012^2 + 0.016^2).
  fit.targets[0].standard_error = 0.012;
  fit.targets[0].target.sd = 0.016;
  fit.targets[0].residual = 0.05;
  CHECK(fit.targets[0].residual_in_errors() == Approx(2.5));
  said = calibrate::describe_fit(fit);
  CHECK(said.find("NOT MET: 2.5 standard errors away") != std::string::npos);
  CHECK(said.find("AT A BOUND: widen the range") != std::string::npos);
  CHECK(said.find("WARNING: 1 of 1 targets not met") != std::string::npos);
  CHECK(calibrate::missed_targets_warning(fit).rfind("WARNING: 1 of 1 targets not met", 0) == 0);
  CHECK(said.find("a year's?") == std::string::npos);  // a rate, not a flow
  // A flow's target is a month's: a council's annual starters given instead are said
  // as maybe a year's, where they ended "315.7 standard errors away" and no more.
  calibrate::TargetFit starters;
  starters.target = calibrate::parse_target("starters_permanent=50");
  starters.simulated = 4.1;
  starters.standard_error = 0.14;
  starters.residual = starters.simulated - 50;
  fit.targets = {starters};
  CHECK_THAT(calibrate::describe_fit(fit),
             Catch::Contains("NOT MET") && Catch::Contains("(a flow's target is a month's: is 50 a year's?)"));
  fit.targets[0].target = calibrate::parse_target("starters_permanent=5");  // missed, but a month's
  fit.targets[0].residual = fit.targets[0].simulated - 5;
  CHECK_THAT(calibrate::describe_fit(fit), Catch::Contains("NOT MET") && !Catch::Contains("a year's?"));
}

TEST_CASE("a target or a free key given twice is refused before fitting", "[calibrate][cli]") {
  // Both were taken: one value freed twice was fitted as two parameters (50.2 and 99.7)
  // and the file kept the last; two targets for one figure pulled the fit between them.
  const SmallScenarioFolder scratch("wfsim-calibrate-twice");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "small.yaml").string();
  const std::string key = "authorities[0].roles[0].recruitment.applicants_per_year";
  const std::string fitted = (dir / "fitted.yaml").string();
  struct Case {
    std::vector<std::string> extra;
    std::string said;
  };
  for (const Case& c : std::vector<Case>{
           {{"--target", "vacancy_rate=0.1", "--free", key, "--free", key},
            "--free " + key + " names the value that --free " + key + " already frees"},
           {{"--target", "vacancy_rate=0.1", "--free", key, "--free", key + "=10:20"},
            "--free " + key + " names the value that --free " + key + " already frees"},
           {{"--target", "vacancy_rate=0.1", "--target", "vacancy_rate=0.3", "--free", key},
            "--target vacancy_rate=0.3 is a second target for the figure of --target vacancy_rate=0.1"},
       }) {
    std::vector<std::string> args{"calibrate", path, "-o", fitted};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    std::string out, err;
    INFO(c.said);
    CHECK(test_support::run_cli(args, out, err) == 2);
    CHECK(err.find(c.said) != std::string::npos);
    CHECK(out.empty());
    CHECK_FALSE(std::filesystem::exists(fitted));
  }
  // One figure at two dates is two targets.
  std::string out, err;
  CHECK(test_support::run_cli({"calibrate", path, "-o", fitted, "-q", "-n", "2", "--max-evaluations", "2", "--target",
                               "vacancy_rate=0.1@2021-01-31", "--target", "vacancy_rate=0.1@2022-01-31", "--free", key},
                              out, err) == 0);
}

TEST_CASE("a quiet calibrate still says that a target was missed", "[calibrate][cli]") {
  // -q printed nothing at all, so a fit that fell short looked like one that held.
  const SmallScenarioFolder scratch("wfsim-calibrate-quiet");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "small.yaml").string();
  std::string out, err;
  // A vacancy rate of 60% is out of reach with at most 40 applicants a year.
  CHECK(test_support::run_cli(
            {"calibrate", path, "-o", (dir / "fitted.yaml").string(), "-q", "-n", "4", "--max-evaluations", "3",
             "--target", "vacancy_rate=0.6", "--free", "authorities[0].roles[0].recruitment.applicants_per_year=30:40"},
            out, err) == 0);
  CHECK(out.empty());
  CHECK(err.rfind("WARNING: 1 of 1 targets not met", 0) == 0);
  CHECK(std::filesystem::exists(dir / "fitted.yaml"));
}

TEST_CASE("a free key in a variant that takes an element out before it is refused, saying why",
          "[calibrate][cli][extends]") {
  // The variant numbers its rules otherwise than the scenario it makes: the fit was
  // told the value came from the base, or to list the rules in an order a removed one
  // cannot have (a review of 'remove: true').
  const SmallScenarioFolder scratch("wfsim-calibrate-removal");
  const std::filesystem::path& dir = scratch.path;
  std::filesystem::copy_file(test_support::scenario_path("national-rules-2024.yaml"), dir / "nr.yaml",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "variant.yaml") << "extends: nr.yaml\nrules:\n  - {name: SE MoC cooling-off 2022, remove: "
                                         "true}\n  - {name: national cooling-off, length: 3 months}\n";
  std::string out, err;
  CHECK(test_support::run_cli(
            {"calibrate", (dir / "variant.yaml").string(), "-o", (dir / "fitted.yaml").string(), "-q", "-n", "2",
             "--max-evaluations", "2", "--target", "vacancy_rate=0.16", "--free", "rules[1].length=1:6"},
            out, err) == 2);
  CHECK_THAT(err, Catch::Contains("--free rules[1].length: ") &&
                      Catch::Contains("takes rules[0] out of the scenario it extends ('remove: true')") &&
                      Catch::Contains("write the element whose key is to be fitted (its name and the key) before the "
                                      "elements it takes out"));
  CHECK_FALSE(std::filesystem::exists(dir / "fitted.yaml"));
  // A list index no number can be is refused as bad input (it was 'internal error:
  // stoul', exit 1, in any variant).
  for (const char* key : {"authorities[99999999999999999999].roles[0].permanent_posts", "rules[x].length"}) {
    INFO(key);
    CHECK(
        test_support::run_cli({"calibrate", (dir / "variant.yaml").string(), "-o", (dir / "fitted.yaml").string(), "-q",
                               "-n", "2", "--max-evaluations", "2", "--target", "vacancy_rate=0.16", "--free", key},
                              out, err) == 2);
    CHECK_THAT(err, !Catch::Contains("internal error"));
  }
}

// A council's year written as a scenario by init, in a folder of the test's own (removed
// with it), beside the name of the fitted file calibrate is to write.
struct ImportedBaseline {
  test_support::ScratchFolder folder;
  std::string baseline, fitted;
  ImportedBaseline(const std::string& tag, const std::string& council, const std::string& year)
      : folder("wfsim-calibrate-" + tag),
        baseline((folder.path / (tag + ".yaml")).string()),
        fitted((folder.path / (tag + "-fitted.yaml")).string()) {
    const std::string data = std::string(WFSIM_TEST_DATA_DIR) + "/../data/csww_indicators_2017_2023.csv";
    std::string out, err;
    const int code =
        test_support::run_cli({"init", "--from-csww", data, "--la", council, "--year", year, "-o", baseline}, out, err);
    INFO(err);
    REQUIRE(code == 0);
  }
};

TEST_CASE("an imported baseline, calibrated, reproduces its own year's turnover, agency and vacancy rates",
          "[calibrate][import]") {
  // West Sussex, September 2022 [DfE]: vacancy rate 16.3%, agency rate 14.5% and
  // turnover 16.6% (headcount). Fit applicants and the agency booking delay to the
  // first two, then check all three on a fresh seed. Tolerance: 4 standard errors,
  // combining the fit's Monte Carlo error with the check's.
  const ImportedBaseline imported("ws", "West Sussex", "2022");
  const std::string &baseline = imported.baseline, &fitted = imported.fitted;
  auto invoke = [](const std::vector<std::string>& args) {
    std::string out, err;
    const int code = test_support::run_cli(args, out, err);
    INFO(out << err);
    CHECK(code == 0);
    return out;
  };
  const std::string report =
      invoke({"calibrate", baseline, "-o", fitted, "-n", "60", "-j", "2", "--target", "vacancy_rate=0.163", "--target",
              "agency_share=0.145", "--free", "authorities[0].roles[0].recruitment.applicants_per_year", "--free",
              "authorities[0].roles[0].agency.booking_delay.mean=1:365"});
  const auto s = scenario::load_scenario_file(fitted, {});
  // The fit's Monte Carlo standard errors, from its report's "target: mean +- se; residual" lines.
  auto fit_se = [&](const std::string& target) {
    const auto at = report.find(target + ": ");
    REQUIRE(at != std::string::npos);
    const auto pm = report.find("+- ", at);
    return std::stod(report.substr(pm + 3));
  };
  const auto [vacancy, vacancy_se] = run_mean(s, model::Measure::vacancy_rate, 7, 200);
  const auto [agency, agency_se] = run_mean(s, model::Measure::agency_share, 7, 200);
  // Turnover over the last 12 months of the run, once every window is a whole year of the model.
  const auto [turnover, turnover_se] = run_mean(s, model::Measure::turnover_12m, 7, 200, 24);
  CHECK(std::abs(vacancy - 0.163) < 4 * std::hypot(vacancy_se, fit_se("vacancy_rate=0.163")));
  CHECK(std::abs(agency - 0.145) < 4 * std::hypot(agency_se, fit_se("agency_share=0.145")));
  CHECK(std::abs(turnover - 0.166) < 4 * turnover_se);
}

TEST_CASE("a fit that stops short of its range's end but presses on it is told to widen the range",
          "[calibrate][import]") {
  // Kirklees, September 2020 [DfE]: 8% of posts vacant, 0.3% agency. The booking delay
  // ends at 358 days of [1, 365], 1.8% from the end, with both targets missed; the
  // flag once wanted the last 1% of the range and said nothing (an analyst's run).
  const ImportedBaseline imported("k", "Kirklees", "2020");
  const std::string &baseline = imported.baseline, &fitted = imported.fitted;
  std::string out, err;
  const int code =
      test_support::run_cli({"calibrate", baseline, "-o", fitted, "--target", "vacancy_rate=0.08", "--target",
                             "agency_share=0.003", "--free", "authorities[0].roles[0].recruitment.applicants_per_year",
                             "--free", "authorities[0].roles[0].agency.booking_delay.mean=1:365"},
                            out, err);
  INFO(out << err);
  CHECK(code == 0);
  const auto delay_line = out.find("booking_delay.mean = ");
  REQUIRE(delay_line != std::string::npos);
  const std::string line = out.substr(delay_line, out.find('\n', delay_line) - delay_line);
  const double delay = std::stod(line.substr(std::string("booking_delay.mean = ").size()));
  // Between 1% and 5% of the range from its end: the slope, not the nearness, flags it.
  CHECK(delay < 365 - 0.01 * 364);
  CHECK(delay > 365 - 0.05 * 364);
  CHECK(line.find("AT A BOUND: widen the range") != std::string::npos);
  CHECK(out.find("WARNING: 2 of 2 targets not met") != std::string::npos);
}

TEST_CASE("a value the scenario refuses stops the fit before it starts, with the scenario's own message",
          "[calibrate]") {
  // permanent_posts is a whole number; the optimiser's steps are not. Both ends of the
  // range load, and the fit failed part-way, at 273.5, a value nobody gave.
  const SmallScenarioFolder scratch("wfsim-calibrate-refused");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "small.yaml").string();
  std::string out, err;
  CHECK(test_support::run_cli({"calibrate", path, "-o", (dir / "fitted.yaml").string(), "-n", "4", "--target",
                               "vacancy_rate=0.1", "--free", "authorities[0].roles[0].permanent_posts=86:151"},
                              out, err) == 2);
  CHECK_THAT(err, Catch::Contains("--free authorities[0].roles[0].permanent_posts: the fit tries every value from 86 "
                                  "to 151, and the scenario refuses 118.5") &&
                      Catch::Contains("expected a whole number >= 0") &&
                      Catch::Contains("cannot be fitted: compare its values with wfsim sweep --vary instead"));
  CHECK(!std::filesystem::exists(dir / "fitted.yaml"));
  // So with the default range, a tenth to ten times its 100: the whole-number reason is
  // given, not the ends' (which sent the user to other bounds, to meet this one there).
  CHECK(test_support::run_cli({"calibrate", path, "-o", (dir / "fitted.yaml").string(), "-n", "4", "--target",
                               "vacancy_rate=0.1", "--free", "authorities[0].roles[0].permanent_posts"},
                              out, err) == 2);
  CHECK_THAT(err, Catch::Contains("the fit tries every value from 10 to 1000, and the scenario refuses 505.5") &&
                      Catch::Contains("cannot be fitted"));
  // A range whose end the scenario refuses (a negative turnover) is refused before
  // fitting, naming the end.
  CHECK(
      test_support::run_cli({"calibrate", path, "-o", (dir / "fitted.yaml").string(), "-n", "4", "--target",
                             "vacancy_rate=0.1", "--free", "authorities[0].roles[0].leaving.turnover_per_year=-1:0.5"},
                            out, err) == 2);
  CHECK(err.find("its search range, -1 to 0.5, reaches -1, which the scenario refuses") != std::string::npos);
  CHECK_THAT(err, Catch::Contains("(--free authorities[0].roles[0].leaving.turnover_per_year=-1: ") &&
                      Catch::Contains("expected a number >= 0, got -1"));
}

TEST_CASE("a free key a variant takes from the scenario it extends is refused, naming the option", "[calibrate]") {
  // The message named the file and the key's first part only ("small-variant.yaml:
  // authorities: no such key written in this file"): not the option, nor why.
  const SmallScenarioFolder scratch("wfsim-calibrate-variant");
  const std::filesystem::path& dir = scratch.path;
  const std::string variant = (dir / "variant.yaml").string();
  std::ofstream(variant) << "extends: small.yaml\nname: a variant\n";
  std::string out, err;
  CHECK(test_support::run_cli({"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "4", "--target",
                               "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year"},
                              out, err) == 2);
  CHECK_THAT(err, Catch::Contains("--free authorities[0].roles[0].recruitment.applicants_per_year: ") &&
                      Catch::Contains("no such key written in this file") &&
                      Catch::Contains("its value comes from the scenario " + variant +
                                      " extends (small.yaml), which the fit cannot change here: write the key in"));
  CHECK(!std::filesystem::exists(dir / "fitted.yaml"));
  // A misspelt key in a variant is a misspelling: no word of inheritance beside the
  // suggestion.
  std::ofstream(variant) << "extends: small.yaml\nname: a variant\nauthorities:\n  - name: A\n    roles:\n"
                            "      - name: sw\n        recruitment: {applicants_per_year: 20}\n";
  CHECK(test_support::run_cli({"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "4", "--target",
                               "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicant_per_year"},
                              out, err) == 2);
  CHECK_THAT(err, Catch::Contains("(did you mean 'applicants_per_year'?)") && !Catch::Contains("extends"));
  // An inherited key beside a written one whose name is near: inherited all the same
  // (the suggestion alone hid it).
  std::ofstream(variant) << "extends: small.yaml\nname: a variant\nauthorities:\n  - name: A\n    roles:\n"
                            "      - name: sw\n        recruitment: {approval_to_offer: 25 days}\n";
  CHECK(test_support::run_cli({"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "4", "--target",
                               "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year"},
                              out, err) == 2);
  CHECK_THAT(err, Catch::Contains("its value comes from the scenario"));
}

TEST_CASE("a variant's free key must number its list as the merged scenario does", "[calibrate]") {
  // A base of A and B and a variant listing B alone: authorities[0] was B in the
  // variant's text and A in the merged scenario, and the fit varied A's value and
  // wrote the result on B's line.
  const SmallScenarioFolder scratch("wfsim-calibrate-renumbered");
  const std::filesystem::path& dir = scratch.path;
  std::ofstream(dir / "two.yaml") << kSmall
                                  << "  - name: B\n    roles:\n      - name: sw\n        permanent_posts: 50\n"
                                  << "        initial: {in_post: 40}\n        leaving: {turnover_per_year: 0.2}\n"
                                  << "        recruitment: {applicants_per_year: 10}\n";
  const std::string variant = (dir / "variant.yaml").string();
  std::ofstream(variant) << "extends: two.yaml\nname: B's variant\nauthorities:\n  - name: B\n    roles:\n"
                            "      - name: sw\n        recruitment: {applicants_per_year: 20}\n";
  std::string out, err;
  CHECK(test_support::run_cli(
            {"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "2", "--authority", "B", "--target",
             "vacancy_rate=0.05", "--free", "authorities[0].roles[0].recruitment.applicants_per_year=5:60"},
            out, err) == 2);
  CHECK_THAT(err, Catch::Contains("authorities[0] is 'B' in " + variant +
                                  ", but the scenario it makes with the one it extends has 'A' there"));
  CHECK(!std::filesystem::exists(dir / "fitted.yaml"));
  // So in the dotted form of the same key, which passed the check unseen.
  CHECK(test_support::run_cli(
            {"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "2", "--authority", "B", "--target",
             "vacancy_rate=0.05", "--free", "authorities.0.roles.0.recruitment.applicants_per_year=5:60"},
            out, err) == 2);
  CHECK_THAT(err, Catch::Contains("authorities[0] is 'B' in "));
  // A region's supplies all name one role: matched, as the merge matches them, with
  // their region.
  std::ofstream(dir / "regions.yaml")
      << "name: two regions\nstart: 2020-01-01\nduration: 1 year\nregions: [{name: North}, {name: South}]\n"
         "authorities:\n"
         "  - {name: A, region: North, roles: [{name: sw, permanent_posts: 10, leaving: {turnover_per_year: 0.2}}]}\n"
         "  - {name: B, region: South, roles: [{name: sw, permanent_posts: 10, leaving: {turnover_per_year: 0.2}}]}\n"
         "agency_supply:\n"
         "  - {role: sw, region: North, available_at_start: 2, joining_per_year: 10, leaving_per_year: 2}\n"
         "  - {role: sw, region: South, available_at_start: 2, joining_per_year: 10, leaving_per_year: 2}\n";
  std::ofstream(variant) << "extends: regions.yaml\nname: the South's supply\nagency_supply:\n"
                            "  - {role: sw, region: South, joining_per_year: 20}\n";
  CHECK(test_support::run_cli({"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "2", "--target",
                               "vacancy_rate=0.05", "--free", "agency_supply[0].joining_per_year=5:40"},
                              out, err) == 2);
  CHECK_THAT(err, Catch::Contains("agency_supply[0] is 'sw in South' in " + variant +
                                  ", but the scenario it makes with the one it extends has 'sw in North' there"));
  // A council that names no region is the base's of its name: listed in the merged
  // scenario's order, the fit runs.
  std::ofstream(variant) << "extends: regions.yaml\nname: B's variant\nauthorities:\n  - name: A\n  - name: B\n"
                            "    roles:\n      - name: sw\n        recruitment: {applicants_per_year: 20}\n";
  CHECK(test_support::run_cli({"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "2", "-q",
                               "--max-evaluations", "3", "--authority", "B", "--target", "vacancy_rate=0.05", "--free",
                               "authorities[1].roles[0].recruitment.applicants_per_year=5:60"},
                              out, err) == 0);
  std::filesystem::remove(dir / "fitted.yaml");
  // Listing A first, by name alone, numbers them alike: the fit runs.
  std::ofstream(variant) << "extends: two.yaml\nname: B's variant\nauthorities:\n  - name: A\n  - name: B\n"
                            "    roles:\n      - name: sw\n        recruitment: {applicants_per_year: 20}\n";
  CHECK(test_support::run_cli({"calibrate", variant, "-o", (dir / "fitted.yaml").string(), "-n", "2", "-q",
                               "--max-evaluations", "3", "--authority", "B", "--target", "vacancy_rate=0.05", "--free",
                               "authorities[1].roles[0].recruitment.applicants_per_year=5:60"},
                              out, err) == 0);
}

TEST_CASE("a range that crosses a key's bound is not taken for a whole-number key", "[calibrate]") {
  // fte_per_worker 0.5:2 refuses 1.5 (above 1) but also 2: the ends' message, not
  // "takes whole numbers only".
  const SmallScenarioFolder scratch("wfsim-calibrate-crossing");
  const std::filesystem::path& dir = scratch.path;
  std::string with_fte = kSmall;
  const std::string posts = "        permanent_posts: 100\n";
  with_fte.replace(with_fte.find(posts), posts.size(), posts + "        fte_per_worker: 1\n");
  std::ofstream(dir / "small.yaml") << with_fte;
  std::string out, err;
  CHECK(test_support::run_cli(
            {"calibrate", (dir / "small.yaml").string(), "-o", (dir / "fitted.yaml").string(), "-n", "2", "--target",
             "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year=5:60", "--free",
             "authorities[0].roles[0].fte_per_worker=0.5:2"},
            out, err) == 2);
  CHECK_THAT(err, Catch::Contains("its search range, 0.5 to 2, reaches 2, which the scenario refuses") &&
                      !Catch::Contains("whole numbers"));
}

TEST_CASE("an unwritable output is refused before any fitting", "[calibrate]") {
  const SmallScenarioFolder scratch("wfsim-calibrate-out");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "small.yaml").string();
  std::string out, err;
  CHECK(test_support::run_cli({"calibrate", path, "-o", (dir / "no-such-dir" / "fitted.yaml").string(), "--target",
                               "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year"},
                              out, err) == 2);
  CHECK(err.find("cannot write '") != std::string::npos);
  CHECK(out.empty());  // no fit was reported: it never started
}

TEST_CASE("calibrate refuses --set, whose value it would fit but not write", "[calibrate]") {
  // A fit with --set turnover 0.25 wrote the file's own 0.166 beside the fitted
  // applicants: the file ran at a vacancy rate of 9% falling to 1%, not the 16% fitted.
  const SmallScenarioFolder scratch("wfsim-calibrate-set");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "small.yaml").string();
  std::string out, err;
  CHECK(test_support::run_cli({"calibrate", path, "-o", (dir / "fitted.yaml").string(), "--target", "vacancy_rate=0.1",
                               "--free", "authorities[0].roles[0].recruitment.applicants_per_year", "--set",
                               "authorities[0].roles[0].leaving.turnover_per_year=0.25"},
                              out, err) == 2);
  CHECK(err.find("calibrate does not take --set") != std::string::npos);
  CHECK(err.find("would be fitted but not written") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "fitted.yaml"));
}

TEST_CASE("an unknown --authority is told with the names there are", "[calibrate]") {
  const SmallScenarioFolder scratch("wfsim-calibrate-who");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "small.yaml").string();
  std::string out, err;
  CHECK(test_support::run_cli(
            {"calibrate", path, "-o", (dir / "fitted.yaml").string(), "-n", "4", "--target", "vacancy_rate=0.1",
             "--free", "authorities[0].roles[0].recruitment.applicants_per_year", "--authority", "Nowhere"},
            out, err) == 2);
  INFO(err);
  CHECK(err.find("no authority named 'Nowhere' in the results; they are ") != std::string::npos);
  CHECK(!std::filesystem::exists(dir / "fitted.yaml"));
}

TEST_CASE("a stop asked for ends a replication under way, not only between blocks", "[calibrate][kernel]") {
  // A joining rate of ten million a year makes one replication take minutes; Ctrl-C and
  // SIGTERM were heard only when it ended. The runner now says Interrupted at once.
  const auto s = scenario::load_scenario_text(
      kSmall, "endless.yaml", {"agency_supply=[{role: sw, available_at_start: 0, joining_per_year: 1e7}]"});
  experiment::ExperimentOptions options;
  options.replications = 2;
  options.threads = 1;
  std::atomic<bool> stop{true};
  options.stop = &stop;
  output::MemorySink sink;
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(experiment::run_experiment(s, options, sink), experiment::Interrupted);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() < 5.0);
}

TEST_CASE("a free parameter's range past what the scenario accepts is refused before fitting", "[calibrate]") {
  // The default range of a logit weight of 40 (4 to 400) passes the bound of 50: the fit
  // stopped at the first value past it, part-way, after simulating.
  const std::string text = kSmall + "labour_market: {pay: 40}\n";
  const auto free = calibrate::parse_free("labour_market.pay", text, "s.yaml");
  calibrate::CalibrationOptions options;
  options.replications = 2;
  CHECK_THROWS_WITH(
      calibrate::calibrate(text, "s.yaml", {calibrate::parse_target("vacancy_rate=0.15")}, {free}, options),
      Catch::Contains("--free labour_market.pay: its search range, 4 to 400, reaches 400, which the "
                      "scenario refuses") &&
          Catch::Contains("expected a value from -50 to 50"));
  const auto within = calibrate::parse_free("labour_market.pay=4:50", text, "s.yaml");
  CHECK_NOTHROW(calibrate::calibrate(text, "s.yaml", {calibrate::parse_target("vacancy_rate=0.15")}, {within}, [] {
    calibrate::CalibrationOptions quick;
    quick.replications = 2;
    quick.max_evaluations = 2;
    return quick;
  }()));
}

TEST_CASE("a fit that tries a value whose rates run away names --free and the value", "[calibrate][cli]") {
  // The fit stopped with the market's message alone: the range given to --free, not
  // the scenario, held the value that made joiners without bound.
  const SmallScenarioFolder scratch("wfsim-calibrate-runaway");  // the fit is written there, if at all
  const std::filesystem::path& dir = scratch.path;
  const std::string fitted = (dir / "fitted.yaml").string();
  std::string out, err;
  CHECK(test_support::run_cli(
            {"calibrate", test_support::scenario_path("south-east-moc-2016.yaml"), "-o", fitted, "-q", "-n", "2",
             "--target", "agency_share=0.2", "--free", "agency_supply[0].joining_per_year=1:1e7"},
            out, err) == 2);
  INFO(err);
  CHECK(err.rfind("error: at --free agency_supply[0].joining_per_year=", 0) == 0);
  CHECK(err.find("(a value the fit tried; narrow the range): the social_worker market") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(fitted));
}

TEST_CASE("a scenario saved with CRLF line ends or a byte-order mark is fitted as the plain one is",
          "[calibrate][cli]") {
  // The fitted file is the scenario's text with the values changed. With CRLF, the
  // comment added at a value's line end went after its CR, so the value read "0.2\r"
  // and the whole fit was lost at the end; with a byte-order mark, yaml-cpp's positions
  // (which start after it) missed the value, and the key was said to be quoted.
  const SmallScenarioFolder scratch("wfsim-calibrate-line-ends");
  const std::filesystem::path& dir = scratch.path;
  std::string crlf;
  for (const char c : kSmall) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const std::string mark = "\xEF\xBB\xBF";
  std::ofstream(dir / "crlf.yaml", std::ios::binary) << crlf;
  std::ofstream(dir / "marked.yaml", std::ios::binary) << mark << kSmall;
  std::ofstream(dir / "both.yaml", std::ios::binary) << mark << crlf;
  const auto fit = [&](const std::string& name) {
    std::string out, err;
    const std::string fitted = (dir / ("fitted-" + name)).string();
    const int code = test_support::run_cli(
        {"calibrate", (dir / name).string(), "-o", fitted, "-q", "-n", "4", "--max-evaluations", "3", "--target",
         "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year=10:20"},
        out, err);
    INFO(name << ": " << err);
    REQUIRE(code == 0);
    std::ifstream in(fitted, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  // Line ends and mark taken away, and the header's first line (which names the file),
  // each fitted file is the plain one's, the fingerprint apart.
  const auto comparable = [&](std::string text) {
    if (text.starts_with(mark)) text.erase(0, mark.size());
    std::erase(text, '\r');
    text.erase(0, text.find('\n'));
    return text.substr(0, text.find("# wfsim fingerprint"));
  };
  const std::string plain = fit("small.yaml");
  for (const std::string name : {"crlf.yaml", "marked.yaml", "both.yaml"}) {
    INFO(name);
    const std::string text = fit(name);
    CHECK(comparable(text) == comparable(plain));
    CHECK(text.starts_with(mark) == (name != "crlf.yaml"));
    CHECK((text.find("\r\n") != std::string::npos) == (name != "marked.yaml"));
    CHECK(text.find("\r ") == std::string::npos);
    // Unedited, it is calibrate's own file to replace again without --force.
    std::string out, err;
    CHECK(test_support::run_cli({"calibrate", (dir / name).string(), "-o", (dir / ("fitted-" + name)).string(), "-q",
                                 "-n", "4", "--max-evaluations", "3", "--target", "vacancy_rate=0.1", "--free",
                                 "authorities[0].roles[0].recruitment.applicants_per_year=10:20"},
                                out, err) == 0);
  }
  // UTF-16 has no byte to edit: refused before the fit, saying why.
  std::string wide = "\xFF\xFE";
  for (const char c : kSmall) wide += std::string{c, '\0'};
  std::ofstream(dir / "wide.yaml", std::ios::binary) << wide;
  std::string out, err;
  CHECK(test_support::run_cli(
            {"calibrate", (dir / "wide.yaml").string(), "-o", (dir / "fitted-wide.yaml").string(), "-n", "4",
             "--target", "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year=10:20"},
            out, err) == 2);
  CHECK_THAT(err, Catch::Contains("saved as UTF-16 or UTF-32") && Catch::Contains("save the scenario as UTF-8"));
}

TEST_CASE("a duration's fit is reported with its unit on every figure", "[calibrate][cli]") {
  // "notice = 0.3 months +- 5.03523   [0.03, 3], was 0.3" read as an error of 5 of
  // something else.
  const SmallScenarioFolder scratch("wfsim-calibrate-unit");
  const std::filesystem::path& dir = scratch.path;
  std::string out, err;
  const int code = test_support::run_cli(
      {"calibrate", (dir / "small.yaml").string(), "-o", (dir / "fitted.yaml").string(), "-n", "4", "--max-evaluations",
       "3", "--target", "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.approval_to_offer=30:60"},
      out, err);
  INFO(out << err);
  REQUIRE(code == 0);
  const std::size_t line = out.find("  authorities[0].roles[0].recruitment.approval_to_offer = ");
  REQUIRE(line != std::string::npos);
  const std::string fitted = out.substr(line, out.find('\n', line) - line);
  CHECK_THAT(fitted, Catch::Matches(".* = [0-9.]+ days \\+- ([0-9.e+-]+ days|undetermined)   \\[30, 60\\] days, was 20 "
                                    "days \\(outside the range: the search began at 30 days\\).*"));
}

TEST_CASE("a variant's fit may be written in its folder however the folder is spelled", "[calibrate][cli]") {
  // Its 'extends:' path is relative to its folder, so the fit must be written there;
  // the folders were compared as text, and './x', 'sub/../x' and a link to the folder
  // were refused as another folder (a review).
  const SmallScenarioFolder scratch("wfsim-calibrate-folder");
  const std::filesystem::path& dir = scratch.path;
  const std::string variant = (dir / "variant.yaml").string();
  std::ofstream(variant) << "extends: small.yaml\nname: a variant\nauthorities:\n  - name: A\n    roles:\n"
                            "      - name: sw\n        recruitment: {applicants_per_year: 20}\n";
  std::filesystem::create_directory(dir / "sub");
  std::filesystem::create_directory_symlink(dir, dir / "sub" / "again");
  std::string out, err;
  for (const std::filesystem::path& fitted :
       {dir / "." / "a.yaml", dir / "sub" / ".." / "b.yaml", dir / "sub" / "again" / "c.yaml"}) {
    INFO(fitted.string());
    CHECK(test_support::run_cli(
              {"calibrate", variant, "-o", fitted.string(), "-q", "-n", "2", "--max-evaluations", "2", "--target",
               "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year"},
              out, err) == 0);
    CHECK(std::filesystem::exists(fitted));
  }
  // Another folder is refused, saying why.
  CHECK(test_support::run_cli(
            {"calibrate", variant, "-o", (dir / "sub" / "d.yaml").string(), "-q", "-n", "2", "--max-evaluations", "2",
             "--target", "vacancy_rate=0.1", "--free", "authorities[0].roles[0].recruitment.applicants_per_year"},
            out, err) == 2);
  CHECK_THAT(err, Catch::Contains("write the fitted scenario in the same directory as " + variant));
}
