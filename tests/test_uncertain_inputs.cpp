// Uncertain inputs (scenario/uncertain_inputs.hpp): a number given as a spread is
// drawn once for each replication from its own keyed stream, so the output's spread
// carries the input's; the draws pair across variants and do not depend on threads.
#include <H5Cpp.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/input_split.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/uncertain_inputs.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

using wfsim::model::Measure;

namespace {

// 100 posts refilled the day they fall vacant, no notice: leavers are a Poisson stream
// of rate 100 h, h the turnover rate (with no notice the hazard is the turnover).
std::string refilled(const std::string& turnover) {
  return R"(
name: refilled
start: 2000-01-01
duration: 5 years
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 100
        leaving: {turnover_per_year: )" +
         turnover + R"(, notice: 0 days}
        recruitment: {opens_at: vacancy}
        agency: {cover_vacancies: false, cover_absences: false}
)";
}

std::vector<double> leavers_per_replication(const wfsim::output::MemorySink& sink) {
  return test_support::sums_per_replication(sink, Measure::leavers_permanent);
}

struct Spread {
  double mean, variance, variance_se;
};

// Sample mean and variance, and the variance's standard error from the fourth central
// moment: Var(s^2) ~ (m4 - s^4) / n.
Spread spread_of(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double mean = 0;
  for (const double v : x) mean += v / n;
  double m2 = 0, m4 = 0;
  for (const double v : x) {
    m2 += (v - mean) * (v - mean) / n;
    m4 += std::pow(v - mean, 4) / n;
  }
  return {mean, m2 * n / (n - 1), std::sqrt((m4 - m2 * m2) / n)};
}

std::string message_of_loading(const std::string& yaml) {
  return test_support::message_of([&] { wfsim::scenario::load_scenario_text(yaml, "spread.yaml"); });
}

}  // namespace

TEST_CASE("an uncertain turnover gives the output the spread it implies", "[uncertain][statistics]") {
  // Turnover h ~ normal(0.5, 0.1) a year, over T = 5 years: leavers L given h are
  // Poisson(100 h T), so E[L] = 250 and Var(L) = E[100 h T] + Var(100 h T) = 250 + 500^2
  // x 0.01 = 2,750 (the cut at 0 is 5 sd away). Each within 4 standard errors.
  const auto sink = test_support::run_text(refilled("{mean: 0.5, sd: 0.1}"), 2000, 3);
  const Spread s = spread_of(leavers_per_replication(sink));
  INFO("mean " << s.mean << ", variance " << s.variance << " (SE " << s.variance_se << ")");
  CHECK(std::abs(s.mean - 250) < 4 * std::sqrt(2750.0 / 2000));
  CHECK(std::abs(s.variance - 2750) < 4 * s.variance_se);
  // The test can fail: with the turnover known, the variance is the Poisson's 250.
  const Spread known = spread_of(leavers_per_replication(test_support::run_text(refilled("0.5"), 2000, 3)));
  INFO("known turnover: variance " << known.variance);
  CHECK(std::abs(known.variance - 2750) > 4 * s.variance_se);
  CHECK(std::abs(known.variance - 250) < 4 * known.variance_se);
}

TEST_CASE("a uniform range draws each value once per replication, within the range", "[uncertain]") {
  const auto s = wfsim::scenario::load_scenario_text(refilled("{low: 0.3, high: 0.4}"), "range.yaml");
  REQUIRE(s.uncertain_inputs.size() == 1);
  CHECK(s.uncertain_inputs[0].path == "authorities[0].roles[0].leaving.turnover_per_year");
  CHECK(s.parameters.authorities[0].roles[0].turnover_per_year == Approx(0.35));  // the central value
  double sum = 0;
  for (std::uint64_t k = 0; k < 4000; ++k) {
    const double v = wfsim::scenario::draw_inputs(s.uncertain_inputs, 9, k)[0];
    REQUIRE(v >= 0.3);
    REQUIRE(v <= 0.4);
    sum += v;
  }
  // Mean 0.35, sd 0.1 / sqrt(12) per draw.
  CHECK(std::abs(sum / 4000 - 0.35) < 4 * 0.1 / std::sqrt(12.0 * 4000));
  const auto p = wfsim::scenario::parameters_for_replication(s, 9, 17);
  CHECK(p.authorities[0].roles[0].turnover_per_year == wfsim::scenario::draw_inputs(s.uncertain_inputs, 9, 17)[0]);
}

TEST_CASE("draws pair across variants and each input keeps its own stream", "[uncertain]") {
  const auto one = wfsim::scenario::load_scenario_text(refilled("{mean: 0.5, sd: 0.1}"), "a.yaml");
  // A variant with a narrower spread draws the same quantile: its value is nearer the
  // mean by the ratio of the sds (the cut at 0 is 5 and 10 sds away, so it barely bends
  // the quantiles).
  const auto wider = wfsim::scenario::load_scenario_text(refilled("{mean: 0.5, sd: 0.05}"), "b.yaml");
  // Another key made uncertain leaves the first key's draws where they were.
  std::string text = refilled("{mean: 0.5, sd: 0.1}");
  text.replace(text.find("permanent_posts: 100"), 20,
               "permanent_posts: 100\n        fte_per_worker: {low: 0.8, high: 1}");
  const auto two = wfsim::scenario::load_scenario_text(text, "c.yaml");
  REQUIRE(two.uncertain_inputs.size() == 2);
  for (std::uint64_t k = 0; k < 50; ++k) {
    const double a = wfsim::scenario::draw_inputs(one.uncertain_inputs, 1, k)[0];
    const double b = wfsim::scenario::draw_inputs(wider.uncertain_inputs, 1, k)[0];
    CHECK(b - 0.5 == Approx(0.5 * (a - 0.5)).margin(1e-6));
    CHECK(wfsim::scenario::draw_inputs(two.uncertain_inputs, 1, k)[1] == a);
  }
  CHECK(wfsim::scenario::draw_inputs(one.uncertain_inputs, 1, 0) !=
        wfsim::scenario::draw_inputs(one.uncertain_inputs, 2, 0));
}

TEST_CASE("results with uncertain inputs do not depend on the thread count", "[uncertain][reproducibility]") {
  const std::string text = refilled("{mean: 0.5, sd: 0.1}");
  const auto one = test_support::run_text(text, 40, 5, 1);
  const auto three = test_support::run_text(text, 40, 5, 3);
  REQUIRE(one.replications.size() == three.replications.size());
  for (std::size_t k = 0; k < one.replications.size(); ++k) {
    INFO("replication " << k);
    CHECK(test_support::bit_identical(one.replications[k], three.replications[k]));
  }
}

TEST_CASE("a malformed spread is bad input naming its key", "[uncertain][malformed]") {
  CHECK_THAT(message_of_loading(refilled("{mean: 0.5}")),
             Catch::Contains("turnover_per_year") && Catch::Contains("{mean: M, sd: S}"));
  CHECK_THAT(message_of_loading(refilled("{mean: 0.5, sdd: 0.1}")),
             Catch::Contains("'sdd' is not one of these keys (did you mean 'sd'?)"));
  CHECK_THAT(message_of_loading(refilled("{mean: 0.5, sd: -0.1}")),
             Catch::Contains("turnover_per_year.sd") && Catch::Contains("cannot be negative"));
  CHECK_THAT(message_of_loading(refilled("{low: 0.4, high: 0.3}")), Catch::Contains("low must not be above high"));
  CHECK_THAT(message_of_loading(refilled("{mean: lots, sd: 0.1}")),
             Catch::Contains("turnover_per_year.mean") && Catch::Contains("expected a number"));
  CHECK_THAT(message_of_loading(refilled("{mean: -0.2, sd: 0.1}")), Catch::Contains("within the key's bounds [0,"));
  std::string probability = refilled("0.5");
  probability.replace(probability.find("recruitment: {opens_at: vacancy}"), 32,
                      "recruitment: {opens_at: vacancy, offer_failure_probability: {low: 0.5, high: 1}}");
  CHECK_THAT(message_of_loading(probability), Catch::Contains("within the key's bounds [0, 1)"));
  // A spread whose end the scenario refuses across keys (turnover x notice must stay
  // below 1) is refused when the scenario loads, not part-way through a run.
  std::string noticed = refilled("{low: 0.1, high: 4.5}");
  noticed.replace(noticed.find("notice: 0 days"), 14, "notice: 3 months");
  CHECK_THAT(message_of_loading(noticed),
             Catch::Contains("spread reaches values at its high end") && Catch::Contains("turnover_per_year=4.5"));
  // With no spread it is simply the value.
  CHECK(wfsim::scenario::load_scenario_text(refilled("{mean: 0.5, sd: 0}"), "x.yaml").uncertain_inputs.empty());
}

TEST_CASE("the share of variance the inputs explain is adjusted R^2, worked by hand", "[uncertain]") {
  // y = 2 + 3x exactly: all of it. x = 1..4 against y = 1, 3, 2, 4: the correlation is
  // 4 / sqrt(5 x 5) = 0.8, so R^2 0.64, adjusted for one input among 4 replications
  // 1 - 0.36 x 3 / 2 = 0.46. A y that does not vary has no share.
  CHECK(wfsim::cli::explained_share({{1, 2, 3, 4}}, {5, 8, 11, 14}) == Approx(1.0));
  CHECK(wfsim::cli::explained_share({{1, 2, 3, 4}}, {1, 3, 2, 4}) == Approx(0.46));
  CHECK(std::isnan(wfsim::cli::explained_share({{1, 2, 3, 4}}, {2, 2, 2, 2})));
  // The same about a mean of 1e4 with steps of 1e-6: centred, the digits survive (the
  // normal equations on raw values, of entries near 4e8, lost them).
  CHECK(wfsim::cli::explained_share({{1e4 + 1e-6, 1e4 + 2e-6, 1e4 + 3e-6, 1e4 + 4e-6}}, {1, 3, 2, 4}) ==
        Approx(0.46).epsilon(1e-4));
  // Two replications and one input leave nothing to tell the input from chance.
  CHECK(std::isnan(wfsim::cli::explained_share({{1, 2}}, {1, 3})));
}

TEST_CASE("a results file keeps each replication's draws, and info splits the variance", "[uncertain][cli]") {
  const test_support::ScratchFolder scratch("wfsim-uncertain");
  const std::filesystem::path& dir = scratch.path;
  const std::string scenario = (dir / "s.yaml").string(), results = (dir / "r.h5").string();
  std::ofstream(scenario) << refilled("{mean: 0.5, sd: 0.1}");
  std::string out, err;
  REQUIRE(test_support::run_cli({"run", scenario, "-o", results, "-n", "300", "--seed", "4", "-q"}, out, err) == 0);
  const auto loaded = wfsim::scenario::load_scenario_file(scenario);
  {
    H5::H5File file(results, H5F_ACC_RDONLY);
    H5::DataSet values = file.openDataSet("inputs/values");
    std::vector<double> drawn(300);
    values.read(drawn.data(), H5::PredType::NATIVE_DOUBLE);
    for (std::size_t k = 0; k < 300; k += 37) {
      CHECK(drawn[k] == wfsim::scenario::draw_inputs(loaded.uncertain_inputs, 4, k)[0]);
    }
  }
  REQUIRE(test_support::run_cli({"info", results}, out, err) == 0);
  CHECK_THAT(out, Catch::Contains("turnover_per_year: normal, mean 0.5, sd 0.1"));
  // Each share printed is the adjusted R^2 of that measure's last period on the draw,
  // worked here from the file apart from the engine's fit: one input, so R^2 is the
  // squared correlation. A share from draws paired with the wrong replications would be
  // near 0; the larger of these is well above it.
  H5::H5File file(results, H5F_ACC_RDONLY);
  std::vector<double> x(300);
  file.openDataSet("inputs/values").read(x.data(), H5::PredType::NATIVE_DOUBLE);
  double largest = 0;
  // (Every post is refilled at once, so the headcount does not vary: it has no share.)
  for (const std::string measure : {"permanent_headcount", "leavers_permanent", "starters_permanent"}) {
    const std::vector<double> y = test_support::last_period_values(file, measure);
    REQUIRE(y.size() == 300);
    double mx = 0, my = 0;
    for (std::size_t r = 0; r < 300; ++r) {
      mx += x[r] / 300;
      my += y[r] / 300;
    }
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t r = 0; r < 300; ++r) {
      sxy += (x[r] - mx) * (y[r] - my);
      sxx += (x[r] - mx) * (x[r] - mx);
      syy += (y[r] - my) * (y[r] - my);
    }
    const std::size_t at = out.find("    " + measure + " ", out.find("share of each measure's variance"));
    REQUIRE(at != std::string::npos);
    const std::string shown = out.substr(at + 4 + 23, 5);
    if (std::all_of(y.begin(), y.end(), [&](double v) { return v == y[0]; })) {
      CHECK(shown == "    -");
      continue;
    }
    const double r2 = sxy * sxy / (sxx * syy);
    const double adjusted = std::max(0.0, 1 - (1 - r2) * 299 / 298);
    largest = std::max(largest, adjusted);
    const double printed = std::stod(shown);
    INFO(measure << ": printed " << printed << "%, worked " << 100 * adjusted << "%");
    CHECK(std::abs(printed - 100 * adjusted) <= 0.5 + 1e-9);
  }
  CHECK(largest > 0.05);
}
