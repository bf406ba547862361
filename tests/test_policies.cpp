// Recruitment and retention levers, each in a case that can be checked by hand.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "support.hpp"

using wfsim::model::Measure;

namespace {
// 10 posts; no applicants of its own; instant pipeline; no agency.
std::string council(const std::string& role_extra, const std::string& policies, int in_post = 10,
                    const std::string& duration = "2 years") {
  return R"(
name: levers
start: 2015-10-01
duration: )" +
         duration + R"(
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 10
        initial: {in_post: )" +
         std::to_string(in_post) + R"(}
        leaving: {turnover_per_year: 0.5}
        recruitment: {opens_at: vacancy, applicants_per_year: 0}
        agency: {cover_vacancies: false}
)" + role_extra +
         (policies.empty() ? "" : "    policies:\n" + policies);
}
}  // namespace

TEST_CASE("a lever of zero strength changes nothing, bit for bit", "[policies]") {
  const std::string none =
      R"(      - {name: campaign, kind: recruitment_campaign, role: social_worker, from: 2016-01-01,
         until: 2016-06-01, extra_applicants_per_year: 0}
      - {name: supplement, kind: market_supplement, role: social_worker, from: 2016-03-01,
         amount_per_worker_per_year: 0}
      - {name: trainees, kind: cohort, route: nqsw, role: social_worker, per_year: 0}
)";
  const auto base = test_support::run_text(council("", ""), 20, 3);
  const auto levers = test_support::run_text(council("", none), 20, 3);
  for (std::size_t r = 0; r < 20; ++r)
    REQUIRE(test_support::bit_identical(base.replications[r], levers.replications[r]));
}

TEST_CASE("a campaign brings applicants only while it runs, and costs what it says", "[policies]") {
  // From 1 January to 1 April 2016: 120 applicants a year, £10,000 at the start and
  // £36,525 a year (£100 a day) while it runs. With 5 vacancies and nobody else
  // applying, every start falls inside the window.
  const std::string campaign =
      R"(      - {name: campaign, kind: recruitment_campaign, role: social_worker, from: 2016-01-01,
         until: 2016-04-01, extra_applicants_per_year: 120, one_off_cost: 10000, cost_per_year: 36525}
)";
  const auto sink = test_support::run_text(council("", campaign, 5), 30, 9);
  double in_window = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) {
      const bool window = k >= 3 && k <= 5;  // January, February, March 2016
      if (!window) CHECK(t.at(Measure::starters_permanent, 0, k) == 0);
      if (window) in_window += t.at(Measure::starters_permanent, 0, k);
    }
    CHECK(t.at(Measure::policy_cost, 0, 2) == 0);
    CHECK(t.at(Measure::policy_cost, 0, 3) == Approx(10000 + 31 * 100.0).epsilon(1e-12));
    CHECK(t.at(Measure::policy_cost, 0, 4) == Approx(29 * 100.0).epsilon(1e-12));  // 2016 is a leap year
    CHECK(t.at(Measure::policy_cost, 0, 5) == Approx(31 * 100.0).epsilon(1e-12));
    CHECK(t.at(Measure::policy_cost, 0, 6) == 0);
    CHECK(t.at(Measure::total_cost, 0, 3) ==
          Approx(t.at(Measure::staff_cost, 0, 3) + t.at(Measure::policy_cost, 0, 3)).epsilon(1e-12));
  }
  CHECK(in_window > 0);
}

namespace {
// Ten posts at £36,525 a year (£100 a day), refilled the moment they open; a supplement
// of `amount` a worker a year from 1 January 2016, and the labour market's quit
// elasticity.
std::string supplemented(const std::string& amount, const std::string& quit_elasticity, int posts = 10) {
  return R"(
name: supplement
start: 2015-10-01
duration: 1 year
labour_market: {quit_pay_elasticity: )" +
         quit_elasticity + R"(}
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: )" +
         std::to_string(posts) + R"(
        pay: {salary_per_year: 36525}
        leaving: {turnover_per_year: 0.5}
        recruitment: {opens_at: vacancy}
        agency: {cover_vacancies: false}
    policies:
      - {name: supplement, kind: market_supplement, role: social_worker, from: 2016-01-01,
         amount_per_worker_per_year: )" +
         amount + "}\n";
}

// Permanent leavers from January to the end in `with` over those in `without`, runs of
// one seed (so their replications are paired), with the ratio's standard error by the
// delta method, the covariance of the two means taken off.
std::pair<double, double> leavers_ratio_from_january(const wfsim::output::MemorySink& with,
                                                     const wfsim::output::MemorySink& without) {
  auto leavers = [](const wfsim::output::MemorySink& sink) {
    return test_support::sums_per_replication(sink, Measure::leavers_permanent, 3);  // from January
  };
  auto mean_var = [](const std::vector<double>& v) {
    const auto n = static_cast<double>(v.size());
    double m = 0, s = 0;
    for (double x : v) m += x / n;
    for (double x : v) s += (x - m) * (x - m) / (n - 1);
    return std::pair<double, double>{m, s / n};
  };
  const std::vector<double> x = leavers(with), y = leavers(without);
  const auto [a, va] = mean_var(x);
  const auto [b, vb] = mean_var(y);
  const auto n = static_cast<double>(x.size());
  double cov = 0;
  for (std::size_t r = 0; r < x.size(); ++r) cov += (x[r] - a) * (y[r] - b) / (n - 1) / n;
  const double ratio = a / b;
  return {ratio, ratio * std::sqrt(va / (a * a) + vb / (b * b) - 2 * cov / (a * b))};
}
}  // namespace

TEST_CASE("a supplement that all but stops notices costs per head", "[policies]") {
  // Doubling pay with a quit elasticity of 50 multiplies the notice hazard by 2^-50:
  // nobody leaves from January, and January costs 10 x 31 x £100 in supplements.
  const auto sink = test_support::run_text(supplemented("36525", "50"), 10, 4);
  double leavers_before = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < 3; ++k) leavers_before += t.at(Measure::leavers_permanent, 0, k);
    for (std::size_t k = 3; k < t.periods(); ++k) CHECK(t.at(Measure::leavers_permanent, 0, k) == 0);
    CHECK(t.at(Measure::policy_cost, 0, 2) == 0);
    CHECK(t.at(Measure::policy_cost, 0, 3) == Approx(10 * 31 * 100.0).epsilon(1e-12));
    CHECK(t.at(Measure::permanent_headcount, 0, 3) == 10);
  }
  CHECK(leavers_before > 0);  // the lever, not the setting, stopped the leaving
  // A supplement is pay: with on-costs of 30%, January costs 1.3 times as much (it
  // was booked at the amount paid alone, where the staff's pay carried on-costs).
  std::string text = supplemented("36525", "50");
  text.replace(text.find("pay: {salary_per_year: 36525}"), 29, "pay: {salary_per_year: 36525, on_costs: 0.3}");
  for (const auto& t : test_support::run_text(text, 10, 4).replications) {
    CHECK(t.at(Measure::policy_cost, 0, 3) == Approx(1.3 * 10 * 31 * 100.0).epsilon(1e-12));
  }
}

TEST_CASE("turnover falls with pay by the quit elasticity", "[policies][statistics]") {
  // A supplement of a third of the salary with elasticity 1.5: the notice hazard is
  // multiplied by (4/3)^-1.5 = 0.6495. Leavers from January to September over 300
  // replications of 100 posts, with and without it (the same seed): the ratio of the
  // means must be within 4 standard errors (delta method) of 0.6495.
  const auto with = test_support::run_text(supplemented("12175", "1.5", 100), 300, 12);
  const auto without = test_support::run_text(supplemented("0", "1.5", 100), 300, 12);
  const auto [ratio, se] = leavers_ratio_from_january(with, without);
  const double expected = std::pow(48700.0 / 36525.0, -1.5);
  INFO("ratio " << ratio << " (SE " << se << "), expected " << expected);
  CHECK(std::abs(ratio - expected) < 4 * se);
  // Power: an elasticity of 1 or 2 gives a ratio of 0.75 or 0.5625, at least 0.087
  // from the right one: 6 SE or more, passing the 4 SE tolerance with probability
  // 0.023 at most.
  CHECK(6 * se < 0.087);
}

TEST_CASE("a payment already paid holds turnover at the figures, and moves it when it stops",
          "[policies][statistics]") {
  // A third of the salary paid already when turnover was measured, stopped on 1 January
  // 2016: until then pay is as in the figures (relative pay 1, so the same draws as
  // without it, replication for replication); from then it is 36,525 / 48,700 of them,
  // and the notice hazard is multiplied by (3/4)^-1.5 = 1.540. Without already_paid the
  // payment lowered turnover from the first day and raised it back to the figures'
  // level when it stopped.
  std::string text = supplemented("12175", "1.5", 100);
  const std::string from = "from: 2016-01-01,";
  text.replace(text.find(from), from.size(), "already_paid: true, until: 2016-01-01,");
  const auto paid = test_support::run_text(text, 300, 12);
  const auto figures = test_support::run_text(supplemented("0", "1.5", 100), 300, 12);
  for (std::size_t r = 0; r < paid.replications.size(); ++r) {
    for (std::size_t k = 0; k < 3; ++k) {
      REQUIRE(paid.replications[r].at(Measure::leavers_permanent, 0, k) ==
              figures.replications[r].at(Measure::leavers_permanent, 0, k));
    }
    CHECK(paid.replications[r].at(Measure::policy_cost, 0, 0) > 0);   // paid all the same
    CHECK(paid.replications[r].at(Measure::policy_cost, 0, 3) == 0);  // not a leftover of sums of rates
  }
  const auto [ratio, se] = leavers_ratio_from_january(paid, figures);
  const double expected = std::pow(36525.0 / 48700.0, -1.5);
  INFO("ratio " << ratio << " (SE " << se << "), expected " << expected);
  CHECK(std::abs(ratio - expected) < 4 * se);
  // Power: an elasticity of 1 or 2 gives 1.333 or 1.778, at least 0.2 away: 6 SE or
  // more, passing the 4 SE tolerance with probability 0.023 at most.
  CHECK(6 * se < 0.2);
}

TEST_CASE("only a payment made before the first day may be marked as paid already", "[policies]") {
  auto error_of = [](const std::string& dates, const std::vector<std::string>& overrides = {}) {
    std::string text = supplemented("3000", "1.4");
    const std::string from = "from: 2016-01-01,";
    text.replace(text.find(from), from.size(), dates + " already_paid: true,");
    try {
      wfsim::scenario::load_scenario_text(text, "paid.yaml", overrides);
    } catch (const wfsim::scenario::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("from: 2016-01-01,"),
             Catch::Contains("authorities[0].policies[0].already_paid: only a payment made before the scenario's "
                             "first day (2015-10-01) was paid when its figures were measured: this one starts on or "
                             "after it ('from'); to ask what stopping it does, give 'until' a date after the first "
                             "day"));
  CHECK_THAT(error_of("from: 2015-10-01,"), Catch::Contains("starts on or after it ('from')"));  // the start
  CHECK_THAT(error_of("from: 2015-01-01, until: 2015-06-01,"), Catch::Contains("has stopped by then ('until')"));
  // Stopped on the first day, the starting position (drawn at the rates then) would be
  // as if it had never been paid: refused too, the day after asked for.
  CHECK_THAT(error_of("until: 2015-10-01,"), Catch::Contains("has stopped by then ('until')"));
  CHECK(error_of("from: 2015-01-01,") == "no error");
  CHECK(error_of("until: 2016-01-01,") == "no error");
  CHECK(error_of("until: 2015-10-02,") == "no error");
  // A start moved by --set before the payment's start: the message gives the start it has now.
  CHECK_THAT(error_of("from: 2015-01-01,", {"start=2014-10-01"}), Catch::Contains("first day (2014-10-01)"));
}

TEST_CASE("a payment already paid moves nobody in a region while it is paid", "[policies][region]") {
  // Seekers and leavers weigh councils by pay too: set against the salary alone, a
  // payment in the figures made its council more attractive than the figures it was
  // fitted to. Paid throughout, it changes nothing but what the council pays.
  const std::string payment =
      "authorities[0].policies=[{name: retention, kind: retention_payment, role: social_worker, "
      "amount_per_worker_per_year: 5000, already_paid: true}]";
  const std::string path = test_support::scenario_path("south-east-moc-2016.yaml");
  const auto paid =
      test_support::run_in_memory(wfsim::scenario::load_scenario_file(path, {payment, "duration=1 year"}), 3, 9, 1);
  const auto figures =
      test_support::run_in_memory(wfsim::scenario::load_scenario_file(path, {"duration=1 year"}), 3, 9, 1);
  const std::set<Measure> costs = {Measure::policy_cost, Measure::total_cost, Measure::cost_per_filled_post};
  for (std::size_t r = 0; r < 3; ++r) {
    const auto& a = paid.replications[r];
    const auto& b = figures.replications[r];
    for (const auto& info : wfsim::model::kMeasures) {
      if (costs.count(info.measure)) continue;
      for (std::size_t row = 0; row < a.authorities(); ++row) {
        for (std::size_t k = 0; k < a.periods(); ++k) {
          const double x = a.at(info.measure, row, k), y = b.at(info.measure, row, k);
          INFO(info.name << " row " << row << " period " << k);
          REQUIRE((x == y || (std::isnan(x) && std::isnan(y))));
        }
      }
    }
    CHECK(a.at(Measure::policy_cost, 0, 0) > 0);
  }
}

TEST_CASE("a payment in the figures larger than the salary, stopped, leaves its council open to seekers",
          "[policies][region]") {
  // Set against the figures by difference, pay fell to 33,000 - 40,000 < 0 when it
  // stopped, and no seeker would ever choose the council again; by ratio, as relative
  // pay is, it falls to 33,000 x 33,000 / 73,000, a weight of about a third. Counted
  // from August, once seekers already under way when it stopped have started (11 in 5
  // replications here; none with the difference).
  const std::string payment =
      "authorities[0].policies=[{name: retention, kind: retention_payment, role: social_worker, "
      "amount_per_worker_per_year: 40000, already_paid: true, until: 2016-03-01}]";
  const auto sink = test_support::run_in_memory(
      wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"),
                                          {payment, "duration=1 year"}),
      5, 9, 1);
  double from_the_pool = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 7; k < t.periods(); ++k) from_the_pool += t.at(Measure::starters_from_pool, 0, k);
  }
  CHECK(from_the_pool > 0);
}

TEST_CASE("a trainee cohort qualifies after training, is bonded, and costs per trainee", "[policies]") {
  // Five start on 1 January 2016 at £20,000 each, train for 366 days and qualify on
  // 1 January 2017 into the 10 vacant posts. Bonded for 2 years, none resigns before
  // 1 January 2019 however high turnover is.
  const std::string cohort =
      R"(      - {name: nqsw, kind: cohort, route: nqsw, role: social_worker, per_year: 5, month: 1,
         until: 2016-06-01, training: 366 days, retention_bond: 2 years, cost_per_trainee: 20000}
)";
  const auto sink = test_support::run_text(council("", cohort, 0, "4 years"), 5, 2);
  double leavers_after = 0;
  for (const auto& t : sink.replications) {
    CHECK(t.at(Measure::policy_cost, 0, 3) == Approx(100000.0).epsilon(1e-12));  // January 2016
    CHECK(t.at(Measure::starters_permanent, 0, 14) == 0);                        // December 2016
    CHECK(t.at(Measure::starters_permanent, 0, 15) == 5);                        // January 2017
    CHECK(t.at(Measure::starters_from_pool, 0, 15) == 5);
    double leavers_in_bond = 0;
    for (std::size_t k = 15; k < 39; ++k) leavers_in_bond += t.at(Measure::leavers_permanent, 0, k);
    CHECK(leavers_in_bond == 0);
    for (std::size_t k = 39; k < t.periods(); ++k) leavers_after += t.at(Measure::leavers_permanent, 0, k);
  }
  // Turnover 0.5 a year for the 9 months after the bond: about 8 of the 25 leave.
  CHECK(leavers_after > 0);
}

TEST_CASE("a council's own trainees take its waiting posts before the region's cohort of the same day", "[policies]") {
  // Five posts wait. On 1 September the council's 3 trainees qualify (no training
  // delay) and the region's pool gains its 20 newly qualified, who leave the pool
  // within hours if they wait. The trainees come first (docs/policies.md), so none is
  // left waiting at the end of September. When both were decisions at one instant, the
  // pool's cohort, queued first, took all five and left the 3 trainees waiting, in
  // every replication.
  const std::string yaml = R"(
name: trainees and the pool
start: 2016-07-01
duration: 6 months
warm_start: false
authorities:
  - name: A
    policies:
      - {name: trainees, kind: cohort, route: nqsw, role: social_worker, per_year: 3, month: 9}
    roles:
      - name: social_worker
        permanent_posts: 10
        initial: {in_post: 5}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
labour_pool:
  - {role: social_worker, newly_qualified: {per_year: 20, month: 9}, leaving_per_year: 1000}
)";
  const auto sink = test_support::run_text(yaml, 20, 1);
  constexpr std::size_t kSeptember = 2;
  for (const auto& t : sink.replications) {
    CHECK(t.at(Measure::starters_permanent, 0, kSeptember) == 5);
    CHECK(t.at(Measure::seeking_pool, 0, kSeptember) == 0);  // trainees waiting count here too
  }
}

namespace {
// One post, vacant, at a council with two cohort routes of one trainee each, both in
// September: an unbonded one, listed first, and one with a 10-year bond (`bonded_from`
// its extra keys). A hire leaves within hours (turnover 1,000 a year) unless bonded.
std::string two_routes(const std::string& duration, const std::string& bonded_from) {
  return R"(
name: two routes
start: 2016-07-01
duration: )" +
         duration + R"(
warm_start: false
authorities:
  - name: A
    policies:
      - {name: unbonded, kind: cohort, route: nqsw, role: social_worker, per_year: 1, month: 9}
      - {name: bonded, kind: cohort, route: degree, role: social_worker, per_year: 1, month: 9,
         retention_bond: 10 years)" +
         bonded_from + R"(}
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 1000, notice: 0 days, destinations: {outside: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
)";
}

// In how many replications one permanent worker left from `from_period` on: the
// replications where an unbonded route's trainee was served first (its hire leaves
// within hours), each run having one leaver or none.
double served_first_unbonded(const wfsim::output::MemorySink& sink, std::size_t from_period = 0) {
  double runs = 0;
  for (const auto& t : sink.replications) {
    double leavers = 0;
    for (std::size_t k = from_period; k < t.periods(); ++k) leavers += t.at(Measure::leavers_permanent, 0, k);
    REQUIRE((leavers == 0 || leavers == 1));
    runs += leavers;
  }
  return runs;
}
}  // namespace

TEST_CASE("two cohort routes qualifying together are served in a drawn order, not the list's",
          "[policies][statistics]") {
  // One vacant post; on 1 September one trainee of each route qualifies at once. The
  // first served takes the post, the other waits first in line. The unbonded route's
  // hire leaves within hours (turnover 1,000 a year) and the bonded one's trainee
  // then takes the post: one leaver. The bonded served first stays: none. Listed
  // first, the unbonded route was served first in all 400 replications.
  const std::string yaml = two_routes("6 months", "");
  const double unbonded_first = served_first_unbonded(test_support::run_text(yaml, 400, 1));
  // A fair coin over 400 replications: mean 200, standard deviation 10.
  INFO("the unbonded route served first in " << unbonded_first << " of 400");
  CHECK(std::abs(unbonded_first - 200) <= 4 * 10);
}

TEST_CASE("two cohort routes meeting in a later year are served in a drawn order that year too",
          "[policies][statistics]") {
  // As above, but the bonded route starts a year later. In September 2016 the unbonded
  // route's trainee takes the post and leaves within hours; in September 2017 one
  // trainee of each qualifies at once. Each route's cohort is queued by its cohort of
  // the year before, and the bonded route's first by the start, so it came first: the
  // bonded trainee took the post in all 400 replications, and no one left in 2017.
  const std::string yaml = two_routes("18 months", ", from: 2017-01-01");
  const auto sink = test_support::run_text(yaml, 400, 2);
  constexpr std::size_t kSeptember2016 = 2, kSeptember2017 = 14;
  for (const auto& t : sink.replications) REQUIRE(t.at(Measure::leavers_permanent, 0, kSeptember2016) == 1);
  const double unbonded_first = served_first_unbonded(sink, kSeptember2017);
  // A fair coin over 400 replications: mean 200, standard deviation 10.
  INFO("the unbonded route served first in 2017 in " << unbonded_first << " of 400");
  CHECK(std::abs(unbonded_first - 200) <= 4 * 10);
}

TEST_CASE("a trainee qualifying just before another route's cohort starts is placed at once", "[policies]") {
  // Two routes start in September 2016, one training 365 days, one 6 months. On 1
  // September 2017 the first's trainee qualifies at the instant both routes' next
  // cohorts start. When the trainees of an instant were placed at the last of them to
  // qualify, one followed by the other route's cohort start (which queues no trainee
  // for now) waited, unplaced, for the next trainee to qualify: 95 of 200 replications
  // started nobody that September. Five posts wait; offers take no time.
  const std::string yaml = R"(
name: routes of different training
start: 2016-07-01
duration: 15 months
warm_start: false
authorities:
  - name: A
    policies:
      - {name: year-long, kind: cohort, route: nqsw, role: social_worker, per_year: 1, month: 9, training: 365 days}
      - {name: half-year, kind: cohort, route: degree, role: social_worker, per_year: 1, month: 9,
         training: 6 months}
    roles:
      - name: social_worker
        permanent_posts: 10
        initial: {in_post: 5}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0, approval_to_offer: 0 days, offer_to_start: 0 days}
        agency: {cover_vacancies: false}
)";
  const auto sink = test_support::run_text(yaml, 200, 3);
  constexpr std::size_t kMarch2017 = 8, kSeptember2017 = 14;
  for (const auto& t : sink.replications) {
    CHECK(t.at(Measure::starters_permanent, 0, kMarch2017) == 1);      // the half-year route's first
    CHECK(t.at(Measure::starters_permanent, 0, kSeptember2017) == 1);  // the year-long route's first
  }
}

TEST_CASE("two routes' trainees of one instant are gathered though another event comes between them",
          "[policies][statistics]") {
  // On 1 September 2016 two routes' trainees qualify at once: the half-year route's,
  // queued at its cohort's start in March, and the September route's, which trains no
  // time and is queued on the day. Between them in the queue is a third route's hire,
  // matched in March and starting after 184 days' offer, on the same midnight. When
  // trainees were gathered only while the next event was another route's, that hire
  // split them: the half-year route's trainee took the one post still vacant in all
  // 400 replications. Its route is unbonded, and its hire leaves within hours of
  // starting (turnover 1,000 a year; 4 March 2017): one leaver. The September route
  // is bonded and stays: none. Served in a drawn order, each comes first about half
  // the time.
  const std::string yaml = R"(
name: an event between two routes
start: 2016-02-01
duration: 15 months
warm_start: false
authorities:
  - name: A
    policies:
      - {name: third, kind: cohort, route: degree, role: social_worker, per_year: 1, month: 3, training: 0 days,
         retention_bond: 10 years}
      - {name: half-year, kind: cohort, route: nqsw, role: social_worker, per_year: 1, month: 3,
         training: 184 days}
      - {name: september, kind: cohort, route: apprenticeship, role: social_worker, per_year: 1, month: 9,
         training: 0 days, retention_bond: 10 years}
    roles:
      - name: social_worker
        permanent_posts: 2
        initial: {in_post: 0}
        leaving: {turnover_per_year: 1000, notice: 0 days, destinations: {outside: 1}}
        recruitment: {applicants_per_year: 0, approval_to_offer: 0 days, offer_to_start: 184 days}
        agency: {cover_vacancies: false}
)";
  const double half_year_first = served_first_unbonded(test_support::run_text(yaml, 400, 4));
  // A fair coin over 400 replications: mean 200, standard deviation 10.
  INFO("the half-year route served first in " << half_year_first << " of 400");
  CHECK(std::abs(half_year_first - 200) <= 4 * 10);
}

TEST_CASE("induction overlap keeps agency cover beside a new starter", "[policies]") {
  // Five vacancies; agency arrives on day 7; permanent starters on day 30. With a
  // 14-day overlap the agency workers stay until day 44 (14 November) and cost
  // 5 x £175 a day meanwhile.
  const std::string text = R"(
name: overlap
start: 2015-10-01
warm_start: false  # everything afresh on day 0: the timetable is exact
duration: 2 months
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 10
        initial: {in_post: 5}
        pay: {agency_rate_per_hour: 35, hours_per_week: 35}
        leaving: {turnover_per_year: 0}
        recruitment: {opens_at: vacancy, approval_to_offer: 10 days, offer_to_start: 20 days}
        agency: {booking_delay: 7 days}
    policies:
      - {name: induction, kind: induction_overlap, role: social_worker, overlap: 14 days}
)";
  const auto sink = test_support::run_text(text, 2);
  for (const auto& t : sink.replications) {
    CHECK(t.at(Measure::starters_permanent, 0, 0) == 5);
    CHECK(t.at(Measure::agency_headcount, 0, 0) == 5);           // still inducting on 31 October
    CHECK(t.at(Measure::agency_covering_vacancies, 0, 0) == 0);  // the posts are filled
    CHECK(t.at(Measure::leavers_agency, 0, 0) == 0);
    CHECK(t.at(Measure::leavers_agency, 0, 1) == 5);
    CHECK(t.at(Measure::agency_spend, 0, 0) == Approx(5 * 24 * 175.0).epsilon(1e-12));
    CHECK(t.at(Measure::agency_spend, 0, 1) == Approx(5 * 13 * 175.0).epsilon(1e-12));
    CHECK(t.at(Measure::agency_headcount, 0, 1) == 0);
  }
}

TEST_CASE("a cap on agency share leaves posts uncovered rather than exceed it", "[policies]") {
  // Five in post and five vacancies. A 20% cap allows one agency worker: 1 / (1 + 5).
  // When the five starters arrive (day 50) the share falls and nobody else is needed.
  const std::string text = R"(
name: cap
start: 2015-10-01
warm_start: false  # everything afresh on day 0: the timetable is exact
duration: 3 months
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 10
        initial: {in_post: 5}
        leaving: {turnover_per_year: 0}
        recruitment: {opens_at: vacancy, approval_to_offer: 10 days, offer_to_start: 40 days}
        agency: {booking_delay: 7 days}
    policies:
      - {name: cap, kind: agency_share_cap, role: social_worker, max_share: 0.2}
)";
  const auto sink = test_support::run_text(text, 2);
  for (const auto& t : sink.replications) {
    CHECK(t.at(Measure::agency_headcount, 0, 0) == 1);
    CHECK(t.at(Measure::uncovered_gap, 0, 0) == 4);
    CHECK(t.at(Measure::agency_share, 0, 0) == Approx(1.0 / 6.0));
    CHECK(t.at(Measure::starters_permanent, 0, 1) == 5);
    CHECK(t.at(Measure::agency_headcount, 0, 1) == 0);
    CHECK(t.at(Measure::uncovered_gap, 0, 1) == 0);
  }
}

TEST_CASE("a booking withdrawn under a cap lets a post held back by it book", "[policies]") {
  // Eleven of twelve in post, one of them starting a six-month absence: the vacancy and
  // the absence both need cover, and a 10% cap allows one booking, 1 / (1 + 11). The
  // market has nobody, so the booking waits. On day 50 the vacancy's starter arrives:
  // if the vacancy held the booking, it is withdrawn, and the absence (held back) may
  // book, 1 / (1 + 12). Withdrawing a booking asked nothing of the cap, so in the
  // replications where the vacancy had booked first the absence stayed uncovered and
  // unbooked until it ended (a model review).
  const std::string text = R"(
name: cap and withdrawn booking
start: 2015-10-01
warm_start: false
duration: 3 months
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 12
        initial: {in_post: 11, absent: 1}
        leaving: {turnover_per_year: 0}
        long_absences:
          - {kind: long_term_sick, starts_per_year: 0.000001, duration: 6 months}
        recruitment: {opens_at: vacancy, approval_to_offer: 10 days, offer_to_start: 40 days}
        agency: {booking_delay: 7 days}
    policies:
      - {name: cap, kind: agency_share_cap, role: social_worker, max_share: 0.1}
agency_supply:
  - {role: social_worker, available_at_start: 0, joining_per_year: 0, leaving_per_year: 0}
)";
  const auto sink = test_support::run_text(text, 24);
  for (const auto& t : sink.replications) {
    CHECK(t.at(Measure::agency_bookings_waiting, 0, 0) == 1);  // one of the two, the other held back
    CHECK(t.at(Measure::starters_permanent, 0, 1) == 1);
    CHECK(t.at(Measure::agency_bookings_waiting, 0, 1) == 1);  // the absence's, whichever booked first
  }
}

namespace {
// Both roles' agency share capped at 0 until 1 March, then at 10%.
const std::string kNoAgencyUntilMarch = R"(    policies:
      - {name: no agency, kind: agency_share_cap, role: social_worker, max_share: 0, until: 2016-03-01}
      - {name: some agency, kind: agency_share_cap, role: social_worker, max_share: 0.1, from: 2016-03-01}
      - {name: no senior agency, kind: agency_share_cap, role: senior, max_share: 0, until: 2016-03-01}
      - {name: some senior agency, kind: agency_share_cap, role: senior, max_share: 0.1, from: 2016-03-01}
)";

// Council A from 2016-01-01 for 4 months, started afresh: its social worker role as
// given, a senior who leaves within the first hour (a booking takes 60 days), `more`
// roles, and both roles' caps (kNoAgencyUntilMarch).
std::string held_posts_scenario(const std::string& name, const std::string& social_worker,
                                const std::string& more = "") {
  return "name: " + name + R"(
start: 2016-01-01
warm_start: false
duration: 4 months
authorities:
  - name: A
    roles:
      - name: social_worker
)" + social_worker +
         R"(        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 7 days}
      - name: senior
        permanent_posts: 1
        leaving: {turnover_per_year: 100000, notice: 0 days}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 60 days}
)" + more +
         kNoAgencyUntilMarch;
}

// Nine in post from February, nobody agency; in March one agency worker, the social
// worker's (booked on 1 March, 7 days), none waiting: the senior's (60 days) is not booked.
void check_social_workers_post_booked_first(const std::string& text) {
  const auto sink = test_support::run_text(text, 40, 7);
  constexpr std::size_t kFebruary = 1, kMarch = 2;
  for (const auto& t : sink.replications) {
    REQUIRE(t.at(Measure::permanent_headcount, 0, kFebruary) == 9);
    CHECK(t.at(Measure::agency_headcount, 0, kFebruary) == 0);
    CHECK(t.at(Measure::agency_headcount, 0, kMarch) == 1);
    CHECK(t.at(Measure::agency_bookings_waiting, 0, kMarch) == 0);
  }
}
}  // namespace

TEST_CASE("caps loosened at two roles of a council on one day book the longest held post first", "[policies]") {
  // Nine social workers in post and one vacancy, held back from the start by a cap of
  // 0; a senior post falls vacant on the first day and is held back after it. On 1
  // March both roles' caps become 10%, which allows one agency worker: 1 / (1 + 9). The
  // social worker's post, held the longer, is booked (7 days); the senior's waits.
  // Loosened role by role in a drawn order, the senior's post took the share in about
  // half the replications (it arrives after 60 days, so April shows which was booked).
  const std::string text = held_posts_scenario("two caps", R"(        permanent_posts: 10
        initial: {in_post: 9}
        leaving: {turnover_per_year: 0}
)");
  check_social_workers_post_booked_first(text);  // the senior left, nobody came
}

TEST_CASE("a post held back by a cap keeps its place when its absent worker leaves", "[policies]") {
  // A social worker is absent from the first day, so the post is held back by a cap of
  // 0 from then; the senior leaves within the first hour and the senior post is held
  // back after it. Days later the absent social worker leaves (a day's notice, given
  // within days): the post has needed cover throughout, now for a vacancy. On 1 March
  // the caps allow one agency worker, 1 / (1 + 9 fillers): the social worker's post,
  // held the longer, is booked (7 days); the senior's waits. The vacancy's review sent the post to the back
  // of the held list, behind the senior's, as if it had stopped needing cover (an
  // audit of ties and list order).
  const std::string text = held_posts_scenario("held through an absence", R"(        permanent_posts: 1
        initial: {in_post: 1, absent: 1}
        leaving: {turnover_per_year: 300, notice: 1 day}
        long_absences:
          - {kind: long_term_sick, starts_per_year: 0.000001, duration: 6 months}
)",
                                               R"(      - name: filler
        permanent_posts: 9
        leaving: {turnover_per_year: 0}
)");
  check_social_workers_post_booked_first(text);  // both left, nobody came
}

namespace {
std::string understaffed(const std::string& feedback) {
  return R"(
name: workload
start: 2015-10-01
duration: 1 year
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 20
        initial: {in_post: 10}
        leaving: {turnover_per_year: 0.3}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
)" + feedback;
}
}  // namespace

TEST_CASE("workload feedback: caseload from staffing, turnover from caseload, and off means off", "[policies]") {
  const std::string on = "    workload_feedback: {caseload_at_full_cover: 16, turnover_elasticity: 1}\n";
  const std::string zero = "    workload_feedback: {caseload_at_full_cover: 16, turnover_elasticity: 0}\n";
  const std::string off =
      "    workload_feedback: {enabled: false, caseload_at_full_cover: 16, turnover_elasticity: 1}\n";
  const auto plain = test_support::run_text(understaffed(""), 200, 6);
  const auto with = test_support::run_text(understaffed(on), 200, 6);
  const auto flat = test_support::run_text(understaffed(zero), 200, 6);
  const auto disabled = test_support::run_text(understaffed(off), 200, 6);
  // Caseload at the first period end: 16 x 20 posts / the people at work.
  const auto& t0 = with.replications[0];
  CHECK(t0.at(Measure::caseload, 0, 0) ==
        Approx(16.0 * 20 / (t0.at(Measure::permanent_headcount, 0, 0) - t0.at(Measure::long_absences, 0, 0))));
  CHECK(std::isnan(plain.replications[0].at(Measure::caseload, 0, 0)));
  // Zero elasticity, or switched off: every other result is unchanged, bit for bit.
  for (std::size_t r = 0; r < 200; ++r) {
    for (const auto& m : wfsim::model::kMeasures) {
      if (m.measure == Measure::caseload) continue;
      REQUIRE(test_support::same_series(plain.replications[r], flat.replications[r], m.measure));
      REQUIRE(test_support::same_series(plain.replications[r], disabled.replications[r], m.measure));
    }
  }
  // With half the posts empty, caseload doubles and the notice hazard with it (from the
  // first month end on): more leave. Paired on the same seed, the difference in leavers
  // over the year must exceed four standard errors.
  std::vector<double> d;
  for (std::size_t r = 0; r < 200; ++r) {
    double a = 0, b = 0;
    for (std::size_t k = 0; k < 12; ++k) {
      a += with.replications[r].at(Measure::leavers_permanent, 0, k);
      b += plain.replications[r].at(Measure::leavers_permanent, 0, k);
    }
    d.push_back(a - b);
  }
  double mean = 0, squares = 0;
  for (double v : d) mean += v / 200;
  for (double v : d) squares += (v - mean) * (v - mean);
  const double se = std::sqrt(squares / 199 / 200);
  INFO("extra leavers a year: " << mean << " (SE " << se << ")");
  CHECK(mean > 4 * se);
}

namespace {
// Leavers in months 1 to 11 of the understaffed council against what the feedback's
// formula expects, given each month's starting headcount. With no notice, no absences,
// no agency and no hires, a worker at work gives notice and leaves at once, at the
// hazard h = 0.3 / 365.25 a day times the multiplier 1 + elasticity x (20 / n - 1),
// fixed from one month end to the next for the n at work at the first (notices are
// redrawn when it changes, and the exponential forgets). So a month of D days sees
// Binomial(n, 1 - e^(-h m D)) leavers: the sum over replications and months has a known
// mean and variance whatever the path. Returns the z-score of the observed total
// against the mean the formula gives for `assumed` as the elasticity.
double leavers_z(const wfsim::output::MemorySink& sink, double assumed) {
  // The months from 2015-11 to 2016-09 (2016 a leap year): month k + 1 follows month k's end.
  constexpr int kDays[12] = {31, 30, 31, 31, 29, 31, 30, 31, 30, 31, 31, 30};
  const double h = 0.3 / 365.25;
  double observed = 0, expected = 0, variance = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 1; k < 12; ++k) {
      const double n = t.at(Measure::permanent_headcount, 0, k - 1);
      if (n == 0) continue;
      const double m = 1 + assumed * std::max(0.0, 20 / n - 1);
      const double p = 1 - std::exp(-h * m * kDays[k]);
      observed += t.at(Measure::leavers_permanent, 0, k);
      expected += n * p;
      variance += n * p * (1 - p);
    }
  }
  return (observed - expected) / std::sqrt(variance);
}
}  // namespace

TEST_CASE("workload feedback raises the notice hazard by the elasticity's own amount", "[policies]") {
  // The test above shows only that leavers rise; a tenth of the elasticity would pass it.
  // This one checks the size, month by month, against the multiplier's formula.
  for (const double elasticity : {1.0, 0.5}) {
    std::ostringstream feedback;
    feedback << "    workload_feedback: {caseload_at_full_cover: 16, turnover_elasticity: " << elasticity << "}\n";
    const auto sink = test_support::run_text(understaffed(feedback.str()), 400, 11);
    INFO("elasticity " << elasticity);
    const double z = leavers_z(sink, elasticity);
    INFO("z against the formula " << z << "; against a tenth of the elasticity " << leavers_z(sink, elasticity / 10)
                                  << "; against half of it " << leavers_z(sink, elasticity / 2));
    CHECK(std::abs(z) < 4);
    // The check can fail: a tenth of the elasticity, or half, is far outside it.
    CHECK(leavers_z(sink, elasticity / 10) > 8);
    CHECK(leavers_z(sink, elasticity / 2) > 4);
  }
}

TEST_CASE("a retention payment acts as a supplement of the same size", "[policies]") {
  // The two differ only in what a council calls them; the same parameters give the
  // same results, bit for bit, and both cost per head.
  auto lever = [](const std::string& kind) {
    return "      - {name: pay, kind: " + kind +
           ", role: social_worker, from: 2016-01-01, amount_per_worker_per_year: 2000}\n";
  };
  const auto supplement = test_support::run_text(council("", lever("market_supplement"), 6), 10, 7);
  const auto retention = test_support::run_text(council("", lever("retention_payment"), 6), 10, 7);
  for (std::size_t r = 0; r < 10; ++r) {
    REQUIRE(test_support::bit_identical(supplement.replications[r], retention.replications[r]));
    CHECK(retention.replications[r].at(Measure::policy_cost, 0, 4) > 0);
  }
}

// A council of the neighbours' tests: a role paid alike, meeting the others only
// through pay (no agency market or pool).
const char* const kNeighbourRole = R"(    roles:
      - name: social_worker
        permanent_posts: 100
        initial: {in_post: 85}
        pay: {salary_per_year: 33000}
        leaving: {turnover_per_year: 0.2}
        recruitment: {applicants_per_year: 20}
)";

TEST_CASE("a council named as a neighbour compares its pay with that neighbour only", "[policies]") {
  // Being neighbours is mutual: A lists B, so B's neighbour is A, though B lists none.
  // B compared its pay with every other council, so C's supplement (C next to nobody)
  // moved B's leavers and applicants. Without a shared market or pool the councils meet
  // only through pay, so B is now bit-identical with and without C's supplement.
  auto scenario = [](const std::string& amount) {
    std::string text = "name: neighbours\nstart: 2016-01-01\nduration: 2 years\nauthorities:\n";
    for (const char* name : {"A", "B", "C"}) {
      text += std::string("  - name: ") + name + "\n" + (std::string(name) == "A" ? "    neighbours: [B]\n" : "") +
              kNeighbourRole;
    }
    return text +
           "    policies:\n      - {name: supplement, kind: market_supplement, role: social_worker, from: "
           "2016-01-01, amount_per_worker_per_year: " +
           amount + "}\n";
  };
  const auto without = test_support::run_text(scenario("0"), 10, 5);
  const auto with = test_support::run_text(scenario("5000"), 10, 5);
  std::size_t c_moved = 0;
  for (std::size_t r = 0; r < 10; ++r) {
    for (std::size_t t = 0; t < 24; ++t) {
      for (const Measure m : {Measure::leavers_permanent, Measure::starters_permanent, Measure::vacancies}) {
        CHECK(with.replications[r].at(m, 1, t) == without.replications[r].at(m, 1, t));  // B
        c_moved += with.replications[r].at(m, 2, t) != without.replications[r].at(m, 2, t) ? 1 : 0;
      }
    }
  }
  CHECK(c_moved > 0);  // the supplement does act, on C itself
}

TEST_CASE("a role none of a council's neighbours has is compared for pay across its market", "[policies]") {
  // A's only neighbour, B, has social workers but no team managers: A's team managers
  // compared their pay with no one, so C's supplement for team managers (C next to
  // nobody) left A bit-identical, where a council with no neighbour compares with its
  // market (a review of the docs against the engine). Without an agency market or pool
  // the councils meet only through pay. C has social workers too: a supplement for
  // them must still leave A and B alone, whose social workers compare with each other.
  auto scenario = [](const std::string& role, const std::string& amount) {
    const std::string managers = R"(      - name: team_manager
        permanent_posts: 40
        initial: {in_post: 34}
        pay: {salary_per_year: 45000}
        leaving: {turnover_per_year: 0.2}
        recruitment: {applicants_per_year: 8}
)";
    return "name: roles\nstart: 2016-01-01\nduration: 2 years\nauthorities:\n  - name: A\n    neighbours: [B]\n" +
           std::string(kNeighbourRole) + managers + "  - name: B\n" + kNeighbourRole + "  - name: C\n" +
           kNeighbourRole + managers +
           "    policies:\n      - {name: supplement, kind: market_supplement, role: " + role +
           ", from: 2016-01-01, amount_per_worker_per_year: " + amount + "}\n";
  };
  // Changes in A's and B's rows of three measures, over 10 replications of 24 months.
  auto moved = [](const wfsim::output::MemorySink& with, const wfsim::output::MemorySink& without, std::size_t row) {
    std::size_t n = 0;
    for (std::size_t r = 0; r < 10; ++r) {
      for (std::size_t t = 0; t < 24; ++t) {
        for (const Measure m : {Measure::leavers_permanent, Measure::starters_permanent, Measure::vacancies}) {
          n += with.replications[r].at(m, row, t) != without.replications[r].at(m, row, t) ? 1 : 0;
        }
      }
    }
    return n;
  };
  const auto without = test_support::run_text(scenario("team_manager", "0"), 10, 5);
  const auto managers = test_support::run_text(scenario("team_manager", "9000"), 10, 5);
  CHECK(moved(managers, without, 0) > 0);   // A's team managers now weigh C's pay
  CHECK(moved(managers, without, 1) == 0);  // B has no team managers
  const auto workers = test_support::run_text(scenario("social_worker", "9000"), 10, 5);
  CHECK(moved(workers, without, 0) == 0);  // A's social workers weigh B's pay alone
  CHECK(moved(workers, without, 1) == 0);  // and B's A's
}

TEST_CASE("a neighbour in another region is compared for pay as one in the same region", "[policies][region]") {
  // A's only neighbour, B, is in another region: A compared its pay with no one, so B's
  // supplement left A's leavers bit-identical. Without an agency market or pool the two
  // meet only through pay, so A must run as it does with both in one region.
  auto scenario = [](const std::string& amount, bool two_regions) {
    std::string text = std::string("name: across\nstart: 2016-01-01\nduration: 2 years\nregions: [{name: North}") +
                       (two_regions ? ", {name: South}" : "") + "]\nauthorities:\n";
    for (const char* name : {"A", "B"}) {
      const bool a = std::string(name) == "A";
      text += std::string("  - name: ") + name + "\n    region: " + (a || !two_regions ? "North" : "South") + "\n" +
              (a ? "    neighbours: [B]\n" : "") + kNeighbourRole;
    }
    return text +
           "    policies:\n      - {name: supplement, kind: market_supplement, role: social_worker, from: "
           "2016-01-01, amount_per_worker_per_year: " +
           amount + "}\n";
  };
  const auto without = test_support::run_text(scenario("0", true), 10, 5);
  const auto with = test_support::run_text(scenario("5000", true), 10, 5);
  const auto one_region = test_support::run_text(scenario("5000", false), 10, 5);
  std::size_t a_moved = 0, a_differs_from_one_region = 0;
  for (std::size_t r = 0; r < 10; ++r) {
    for (std::size_t t = 0; t < 24; ++t) {
      for (const Measure m : {Measure::leavers_permanent, Measure::starters_permanent, Measure::vacancies}) {
        a_moved += with.replications[r].at(m, 0, t) != without.replications[r].at(m, 0, t) ? 1 : 0;
        a_differs_from_one_region += with.replications[r].at(m, 0, t) != one_region.replications[r].at(m, 0, t) ? 1 : 0;
      }
    }
  }
  CHECK(a_moved > 0);
  CHECK(a_differs_from_one_region == 0);
}

TEST_CASE("a warm-up is the same run reported later: workload and turnover_12m reach into it", "[policies]") {
  // Two understaffed councils with workload feedback, 18 months from 1 October 2015:
  // once with a 6-month warm-up, once reporting from the start. The warm-up's months
  // ended as reported months do, so the feedback stepped monthly from the start (it
  // stayed at its starting level through the whole warm-up before) and the runs are
  // the same, bit for bit, from April 2016 on, but for sickness_days (a draw taken at
  // each reported snapshot). turnover_12m reaches back into the warm-up's months, so
  // it is reported from the sixth period where it was blank for eleven.
  auto scenario = [](const std::string& warmup) {
    std::string text = "name: warm-up\nstart: 2015-10-01\nduration: 18 months\n" + warmup + "authorities:\n";
    for (const auto& [name, in_post] : {std::pair{"A", 10}, std::pair{"B", 18}}) {
      text += std::string("  - name: ") + name + R"(
    roles:
      - name: social_worker
        permanent_posts: 24
        initial: {in_post: )" +
              std::to_string(in_post) + R"(}
        leaving: {turnover_per_year: 0.3}
        recruitment: {applicants_per_year: 8}
        agency: {cover_vacancies: false}
    workload_feedback: {caseload_at_full_cover: 16, turnover_elasticity: 1}
)";
    }
    return text;
  };
  const std::size_t n = 40;
  const auto warmed = test_support::run_text(scenario("warmup: 6 months\n"), n, 3);
  const auto whole = test_support::run_text(scenario(""), n, 3);
  REQUIRE(warmed.replications[0].periods() == 12);
  REQUIRE(whole.replications[0].periods() == 18);
  REQUIRE(warmed.replications[0].authorities() == 3);
  std::size_t compared = 0, turnovers = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const auto& w = warmed.replications[r];
    const auto& u = whole.replications[r];
    for (const auto& m : wfsim::model::kMeasures) {
      if (m.measure == Measure::sickness_days) continue;
      for (std::size_t row = 0; row < 3; ++row) {
        for (std::size_t k = 0; k < 12; ++k) {
          const double x = w.at(m.measure, row, k), y = u.at(m.measure, row, k + 6);
          INFO(m.name << ", row " << row << ", period " << k << ", replication " << r);
          if (m.measure == Measure::turnover_12m && k < 5) {
            REQUIRE(std::isnan(x));  // 6 warm-up months + k + 1 reported < 12
            continue;
          }
          REQUIRE(std::memcmp(&x, &y, sizeof x) == 0);
          ++compared;
          if (m.measure == Measure::turnover_12m) turnovers += std::isfinite(x) && x > 0;
        }
      }
    }
  }
  CHECK(compared > 0);
  CHECK(turnovers == n * 3 * 7);  // periods 5 to 11 of each row, each a real turnover
}

TEST_CASE("applicants stop with the campaign that brought them, though no post waited when it ended", "[policies]") {
  // No applicants but the campaign's, every start at the instant its applicant comes,
  // and conversions that empty the queue of waiting posts now and then. An arrival
  // drawn at the campaign's rate outlived an emptied queue and came after the campaign
  // ended, to the next post to wait (a review: own applicants started after March in
  // 28 of 400 replications).
  const auto scenario = wfsim::scenario::load_scenario_file(
      test_support::scenario_path("buckinghamshire-2015.yaml"),
      {"duration=1 year", "agency_supply=[]", "authorities[0].roles[0].initial={in_post: 268}",
       "authorities[0].roles[0].agency.booking_delay=1 day", "authorities[0].roles[0].agency.conversion_per_year=30",
       "authorities[0].roles[0].recruitment={applicants_per_year: 0, approval_to_offer: 0 days, offer_to_start: 0 "
       "days, offer_failure_probability: 0, opens_at: vacancy}",
       "authorities[0].policies=[{name: campaign, kind: recruitment_campaign, role: social_worker, until: 2016-04-01, "
       "extra_applicants_per_year: 24}]"});
  const auto sink = test_support::run_in_memory(scenario, 400, 1, 2);
  double during = 0, after = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) {
      const double own = t.at(Measure::starters_permanent, 0, k) - t.at(Measure::agency_conversions, 0, k) -
                         t.at(Measure::starters_from_pool, 0, k);
      (k < 6 ? during : after) += own;  // October 2015 to March 2016, then April on
    }
  }
  CHECK(during > 0);
  CHECK(after == 0);
}

namespace {
// Two neighbouring councils sharing a seeking pool; A's leavers give exactly 3 months'
// notice, 30% of them meaning to take a post at another council. With `supplement`, B
// pays its workers £20,000 a year more from 1 January 2025 (month 6 of the run).
std::string notice_ahead_of_a_supplement(bool supplement) {
  const std::string role = R"(
    roles:
      - name: social_worker
        permanent_posts: 400
        initial: {in_post: 360}
        pay: {salary_per_year: 40000}
        leaving: {turnover_per_year: 0.25, notice: 3 months, destinations: {outside: 0.7, other_council: 0.3}}
        recruitment: {approval_to_offer: 21 days, offer_to_start: 56 days, applicants_per_year: 8,
                      applicants_per_vacancy_per_year: 0.5}
        agency: {cover_vacancies: false}
)";
  return R"(
name: a supplement a notice ahead
start: 2024-07-01
duration: 1 year
authorities:
  - name: A
    neighbours: [B])" +
         role + "  - name: B" + role +
         (supplement
              ? "    policies:\n      - {name: pay, kind: market_supplement, role: social_worker, from: 2025-01-01, "
                "amount_per_worker_per_year: 20000}\n"
              : "") +
         "labour_pool:\n  - {role: social_worker, arrivals_per_year: 20, leaving_per_year: 2}\n";
}
}  // namespace

TEST_CASE("a leaver weighs the pay other councils will give on the day they leave", "[policies][market]") {
  // B's supplement starts on 1 January 2025. A's workers leaving in January to March
  // gave notice before it, but leave under it: they weigh B's posts at its new pay, as
  // the caps and rules are weighed on the day they leave (docs/model.md), so they move
  // to another council as often as those leaving in April to June. Weighed as of the
  // notice, the supplement reached them a notice late.
  const std::size_t n = 150;
  const auto sink = test_support::run_text(notice_ahead_of_a_supplement(true), n, 31);
  // Months 6 to 8 against 3 to 5, and against 9 to 11.
  const auto [rise, lag] = test_support::step_and_lag(sink.replications, Measure::leavers_to_other_council,
                                                      Measure::leavers_permanent, 6, 3);
  INFO("share moving to another council, the supplement's first quarter less the quarter before: "
       << rise.mean << " (SE " << rise.se << ")");
  INFO("its first quarter less its second: " << lag.mean << " (SE " << lag.se << ")");
  CHECK(rise.mean > 4 * rise.se);           // the supplement draws, from its first day
  CHECK(std::fabs(lag.mean) < 4 * lag.se);  // and no less in its first quarter than after
}

TEST_CASE("a cohort's trainees take as long to train whatever the dropout", "[policies]") {
  // Every post waits and no one else applies, so each trainee who qualifies starts that
  // day. Training is drawn (6 to 18 months): a trainee who stays at a dropout of 0.4
  // stays at 0.1 too, and must qualify on the same day, so in every month the higher
  // dropout starts no more trainees than the lower. When the training was drawn only
  // for those who stayed, a dropout changed the later trainees' trainings.
  const auto run = [](const std::string& dropout) {
    return test_support::run_text(R"(
name: cohort dropout
start: 2016-07-01
duration: 3 years
warm_start: false
authorities:
  - name: A
    policies:
      - {name: trainees, kind: cohort, route: nqsw, role: social_worker, per_year: 30, month: 9,
         training: {distribution: uniform, min: 6 months, max: 18 months}, dropout: )" +
                                      dropout + R"(}
    roles:
      - name: social_worker
        permanent_posts: 200
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
)",
                                  20, 7);
  };
  const auto fewer = run("0.1"), more = run("0.4");
  double started_fewer = 0, started_more = 0;
  for (std::size_t r = 0; r < 20; ++r) {
    for (std::size_t k = 0; k < fewer.replications[r].periods(); ++k) {
      INFO("replication " << r << ", month " << k);
      const double a = fewer.replications[r].at(Measure::starters_permanent, 0, k);
      const double b = more.replications[r].at(Measure::starters_permanent, 0, k);
      CHECK(b <= a);
      started_fewer += a;
      started_more += b;
    }
  }
  CHECK(started_more < started_fewer);  // the dropouts differ, so the test has something to see
}
