// The model against closed-form results. Each check compares a Monte Carlo estimate
// with the exact value, with a tolerance of 4 standard errors estimated from the
// replications (independent by construction), under fixed seeds.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <utility>
#include <vector>

#include "output/replication_distribution.hpp"
#include "support.hpp"

using wfsim::model::Measure;

namespace {

struct Estimate {
  double mean;
  double standard_error;
};

// Mean across replications and its standard error, from the engine's own summary.
Estimate across_replications(std::vector<double> per_replication) {
  const double n = static_cast<double>(per_replication.size());
  const auto m = wfsim::output::RealMoments::of(per_replication);
  return {m.mean, m.sd() / std::sqrt(n)};
}

// Each replication's average of a measure over the periods from `first` on.
std::vector<double> time_averages(const wfsim::output::MemorySink& sink, Measure m, std::size_t first) {
  std::vector<double> averages;
  for (const auto& t : sink.replications) {
    double sum = 0;
    for (std::size_t k = first; k < t.periods(); ++k) sum += t.at(m, 0, k);
    averages.push_back(sum / static_cast<double>(t.periods() - first));
  }
  return averages;
}

// 100 posts, all filled; exponential tenure; recruitment opens at the vacancy and
// takes a fixed 60 days; no notice, no absences, no agency.
std::string renewal_scenario(const std::string& opens_at, const std::string& notice) {
  return R"(
name: renewal
start: 2000-01-01
duration: 25 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 100
        leaving: {turnover_per_year: 0.5, notice: )" +
         notice + R"(}
        recruitment: {opens_at: )" +
         opens_at + R"(, offer_to_start: 60 days}
        agency: {cover_vacancies: false, cover_absences: false}
)";
}

}  // namespace

TEST_CASE("long-run fraction of posts vacant equals the renewal-reward value", "[model][statistics]") {
  // Each post alternates: filled for an exponential time of mean 1/lambda, then vacant
  // for a fixed d. Renewal-reward: fraction vacant = d / (1/lambda + d).
  const double mean_tenure = 365.25 / 0.5;
  const double d = 60;
  const double expected = d / (mean_tenure + d);
  const auto sink = test_support::run_text(renewal_scenario("vacancy", "0 days"), 200, 20240601);
  // Skip 5 years of warm-up: all posts start filled.
  const Estimate e = across_replications(time_averages(sink, Measure::vacancy_rate, 60));
  INFO("Expectation: " << expected << "  Actual result: " << e.mean << " (SE " << e.standard_error << ")");
  CHECK(std::abs(e.mean - expected) < 4 * e.standard_error);
  // Power: a 20% error is 6 SE off, and passes the 4 SE tolerance with probability
  // 0.023 at most.
  CHECK(6 * e.standard_error < 0.2 * expected);
}

TEST_CASE("starters per year equal the leaving rate times the headcount", "[model][statistics]") {
  // Recruiting at the notice with a 90-day notice and a 60-day pipeline, every post is
  // refilled the day its holder leaves, so in the long run starters per year equal
  // leavers per year, which equal the turnover rate times the mean headcount (those on
  // notice included: the engine converts turnover into a notice hazard accordingly).
  const auto sink = test_support::run_text(renewal_scenario("notice", "90 days"), 100, 77);
  std::vector<double> ratio;
  for (const auto& t : sink.replications) {
    double starters = 0, headcount_months = 0;
    for (std::size_t k = 60; k < t.periods(); ++k) {
      starters += t.at(Measure::starters_permanent, 0, k);
      headcount_months += t.at(Measure::permanent_headcount, 0, k);
    }
    const double years = static_cast<double>(t.periods() - 60) / 12.0;
    const double mean_headcount = headcount_months / static_cast<double>(t.periods() - 60);
    ratio.push_back(starters / years / mean_headcount);
  }
  const Estimate e = across_replications(ratio);
  INFO("Expectation: 0.5 a year  Actual result: " << e.mean << " (SE " << e.standard_error << ")");
  CHECK(std::abs(e.mean - 0.5) < 4 * e.standard_error);
  // The power to see an error in the notice hazard h: turnover is T = h / (1 + h n),
  // n the notice in years, so an error of 5% in h moves T by (1 - T n) x 5%, 4.4% here.
  // A shift of 6 SE passes the 4 SE tolerance with probability 0.023 at most.
  const double notice_years = 90 / 365.25;
  CHECK(6 * e.standard_error < 0.05 * (1 - 0.5 * notice_years) * 0.5);
  // With recruitment at the notice and a pipeline shorter than the notice, no post is
  // ever vacant.
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) REQUIRE(t.at(Measure::vacancies, 0, k) == 0);
  }
}

TEST_CASE("mean number on long absence follows Little's law", "[model][statistics]") {
  // Absences start at 0.2 a year per worker at work and last 90 days on average, so
  // with N = 200 workers the stationary mean absent is N * r * D / (1 + r * D).
  const std::string text = R"(
name: absence
start: 2000-01-01
duration: 12 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 200
        leaving: {turnover_per_year: 0}
        long_absences:
          - {kind: sickness, starts_per_year: 0.2, duration: {distribution: exponential, mean: 90 days}}
)";
  const double rd = 0.2 / 365.25 * 90;
  const double expected = 200 * rd / (1 + rd);
  const auto sink = test_support::run_text(text, 100, 99);
  const Estimate e = across_replications(time_averages(sink, Measure::long_absences, 24));
  INFO("Expectation: " << expected << "  Actual result: " << e.mean << " (SE " << e.standard_error << ")");
  CHECK(std::abs(e.mean - expected) < 4 * e.standard_error);
  CHECK(6 * e.standard_error < 0.05 * expected);  // a 5% error passes with probability 0.023 at most
}

TEST_CASE("vacancies waiting for applicants follow the finite-source queue", "[model][statistics]") {
  // The machine-repairman queue: N posts, each filled post falls vacant at rate l (no
  // notice), and one Poisson stream of applicants at rate m fills waiting posts first
  // come, first served, at once (no delays, no failed offers). The number vacant n has
  // P(n) proportional to N! / (N - n)! * (l / m)^n.
  const std::string text = R"(
name: queue
start: 2000-01-01
duration: 30 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 20
        leaving: {turnover_per_year: 1.0}
        recruitment: {opens_at: vacancy, applicants_per_year: 25}
        agency: {cover_vacancies: false, cover_absences: false}
)";
  const int n_posts = 20;
  const double rho = 1.0 / 25;
  std::vector<double> weight(n_posts + 1);
  weight[0] = 1;
  for (int n = 1; n <= n_posts; ++n) weight[n] = weight[n - 1] * (n_posts - n + 1) * rho;
  double total = 0, mean = 0;
  for (int n = 0; n <= n_posts; ++n) total += weight[n], mean += n * weight[n];
  const double expected = mean / total;
  const auto sink = test_support::run_text(text, 100, 4242);
  const Estimate e = across_replications(time_averages(sink, Measure::vacancies, 24));
  INFO("Expectation: " << expected << "  Actual result: " << e.mean << " (SE " << e.standard_error << ")");
  CHECK(std::abs(e.mean - expected) < 4 * e.standard_error);
  CHECK(6 * e.standard_error < 0.2 * expected);  // a 20% error passes with probability 0.023 at most
}

TEST_CASE("idle agency workers and seekers follow the infinite-server queue", "[model][statistics]") {
  // Nobody takes an idle agency worker or a seeker here (no cover is booked and no post
  // falls vacant), so each pool is an M/M/infinity queue: joiners arrive at rate J, each
  // member leaves at rate m, and the A members at the start leave the same way. At time
  // t the mean is A exp(-m t) + (J / m)(1 - exp(-m t)). Checking the whole curve checks
  // the departures of the first members, of joiners, and the equilibrium.
  const std::string text = R"(
name: pools
start: 2000-01-01
duration: 3 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 10
        leaving: {turnover_per_year: 0}
        agency: {cover_vacancies: false, cover_absences: false}
agency_supply:
  - {role: social_worker, available_at_start: 60, joining_per_year: 40, leaving_per_year: 2}
labour_pool:
  - {role: social_worker, returners_per_year: 10, arrivals_per_year: 20, leaving_per_year: 1.5}
)";
  const auto sink = test_support::run_text(text, 400, 8128);
  struct Pool {
    Measure measure;
    double at_start, joining, leaving;
  };
  for (const Pool& pool : {Pool{Measure::agency_idle, 60, 40, 2}, Pool{Measure::seeking_pool, 0, 30, 1.5}}) {
    // The ends of March 2000, December 2000 and December 2002, in days from the start.
    for (const auto& [k, days] : {std::pair<std::size_t, double>{2, 91}, {11, 366}, {35, 1096}}) {
      std::vector<double> counts;
      for (const auto& t : sink.replications) counts.push_back(t.at(pool.measure, 0, k));
      const double years = days / 365.25;
      const double decay = std::exp(-pool.leaving * years);
      const double expected = pool.at_start * decay + pool.joining / pool.leaving * (1 - decay);
      const Estimate e = across_replications(counts);
      INFO(wfsim::model::info(pool.measure).name << " at month " << k + 1 << "  Expectation: " << expected
                                                 << "  Actual result: " << e.mean << " (SE " << e.standard_error
                                                 << ")");
      CHECK(std::abs(e.mean - expected) < 4 * e.standard_error);
      CHECK(6 * e.standard_error < 0.2 * expected);  // a 20% error passes with probability 0.023 at most
    }
  }
}

TEST_CASE("a council covers the share of its vacancies its scenario gives", "[model][statistics]") {
  // Each vacancy is covered or not when it opens, with the role's vacancy_cover_share,
  // and the decision is kept till it fills. Cover is booked at once from an unlimited
  // supply and never converts, so how long a vacancy lasts does not depend on whether
  // it is covered: at any date each vacancy is covered with chance q, and in each
  // replication E[covered / vacancies] = q. Every vacancy at the end of year 3 opened
  // after the start, so this checks the decision as vacancies open. With assignments
  // ending (6 a year) a covered vacancy books again at once: a decision drawn afresh at
  // each booking, not kept, would leave fewer than q covered.
  constexpr double kShare = 0.3;
  for (const char* assignments_end : {"0", "6"}) {
    INFO("agency assignments end at " << assignments_end << " a year");
    const std::string text = std::string(R"(
name: share covered
start: 2000-01-01
duration: 3 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 100
        initial: {in_post: 80}
        leaving: {turnover_per_year: 0.5, notice: 0 days}
        recruitment: {approval_to_offer: 90 days, offer_to_start: 60 days}
        agency: {booking_delay: 0 days, conversion_per_year: 0, cover_absences: false, vacancy_cover_share: 0.3,
                 leaving_per_year: )") +
                             assignments_end + "}\n";
    const auto sink = test_support::run_text(text, 400, 1979);
    std::vector<double> shares;
    for (const auto& t : sink.replications) {
      const std::size_t last = t.periods() - 1;
      const double vacant = t.at(Measure::vacancies, 0, last);
      if (vacant > 0) shares.push_back(t.at(Measure::agency_covering_vacancies, 0, last) / vacant);
    }
    REQUIRE(shares.size() > 350);
    const Estimate e = across_replications(shares);
    INFO("Expectation: " << kShare << "  Actual result: " << e.mean << " (SE " << e.standard_error << ")");
    CHECK(std::abs(e.mean - kShare) < 4 * e.standard_error);
    CHECK(6 * e.standard_error < 0.15 * kShare);  // a 15% error passes with probability 0.023 at most
  }
}

TEST_CASE("at the start, the vacancies left uncovered make up the role's share", "[model][statistics]") {
  // 10 vacancies, 5 covered at the start: those 5 stay covered and each of the other 5
  // is covered with chance (q x 10 - 5) / 5, so the vacancies covered average 10 q, and
  // with q = 0.5 are exactly the 5. Nothing leaves or fills, and cover is booked at once.
  const auto text = [](const std::string& share) {
    return R"(
name: share at the start
start: 2000-01-01
duration: 1 month
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 20
        initial: {in_post: 10, agency_covering_vacancies: 5}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 0 days, leaving_per_year: 0, conversion_per_year: 0, vacancy_cover_share: )" +
           share + "}\n";
  };
  for (const auto& t : test_support::run_text(text("0.5"), 20, 7).replications) {
    CHECK(t.at(Measure::agency_covering_vacancies, 0, 0) == 5);
  }
  std::vector<double> covered;
  for (const auto& t : test_support::run_text(text("0.8"), 400, 7).replications) {
    covered.push_back(t.at(Measure::agency_covering_vacancies, 0, 0));
  }
  const Estimate e = across_replications(covered);
  INFO("Expectation: 8  Actual result: " << e.mean << " (SE " << e.standard_error << ")");
  CHECK(std::abs(e.mean - 8) < 4 * e.standard_error);
  CHECK(6 * e.standard_error < 0.05 * 8);  // a 5% error (a share of 0.76 for 0.8) passes with probability 0.023 at most
  CHECK(*std::min_element(covered.begin(), covered.end()) >= 5);
  // None, and cover_vacancies: false, are the same, draw for draw: every agency worker
  // placed in a vacancy is released at the start and no vacancy books.
  const auto none = test_support::run_text(text("0"), 3, 7);
  std::string off = text("1");
  off.replace(off.find("vacancy_cover_share: 1"), 22, "cover_vacancies: false");
  const auto switched_off = test_support::run_text(off, 3, 7);
  for (std::size_t k = 0; k < none.replications.size(); ++k) {
    CHECK(none.replications[k].at(Measure::agency_covering_vacancies, 0, 0) == 0);
    for (std::size_t m = 0; m < wfsim::model::kMeasureCount; ++m) {
      const auto measure = static_cast<Measure>(m);
      INFO(wfsim::model::info(measure).name);
      CHECK(test_support::same_series(none.replications[k], switched_off.replications[k], measure));
    }
  }
}
