// The warm start: a run begins as a council in steady operation would be, part-way
// through notices, recruitments, absences and bookings, so the first simulated year
// is not biased by how the run starts (issue 18). Each check is a Monte Carlo estimate
// with a tolerance derived from its standard error, under fixed seeds, and each shows
// that the cold start (everything afresh on the first day) fails it, or, for a measure
// the cold start leaves unbiased too, that its standard error is small enough to see
// a transient that matters.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "import/baseline_scenario.hpp"
#include "import/csww_data.hpp"
#include "kernel/random_stream.hpp"
#include "model/in_flight_sample.hpp"
#include "output/replication_distribution.hpp"
#include "scenario/scenario.hpp"
#include "support.hpp"

using wfsim::model::Measure;

namespace {

struct Estimate {
  double mean;
  double standard_error;
};

Estimate across_replications(const std::vector<double>& per_replication) {
  const auto m = wfsim::output::RealMoments::of(per_replication);
  return {m.mean, m.sd() / std::sqrt(static_cast<double>(per_replication.size()))};
}

// The 12 months' turnover to `period`, across the replications.
Estimate turnover_at(const wfsim::output::MemorySink& sink, std::size_t period) {
  std::vector<double> turnover;
  for (const auto& t : sink.replications) turnover.push_back(t.at(Measure::turnover_12m, 0, period));
  return across_replications(turnover);
}

// Turnover over the first 12 months (the measure at the 12th month end).
Estimate first_year_turnover(const wfsim::scenario::Scenario& s, std::size_t replications, std::uint64_t seed) {
  return turnover_at(test_support::run_in_memory(s, replications, seed), 11);
}

// "Equal within a point in expectation": the 99.7% interval (3 SE) of the mean lies
// inside input +/- 0.01.
bool within_a_point(const Estimate& e, double input) { return std::abs(e.mean - input) + 3 * e.standard_error < 0.01; }

wfsim::scenario::Scenario with_start(const wfsim::scenario::Scenario& s, bool warm) {
  wfsim::scenario::Scenario copy = s;
  copy.parameters.warm_start = warm;
  return copy;
}

}  // namespace

TEST_CASE("the first year's turnover is the input's, within a point, for the default scenario", "[model][warm]") {
  // Buckinghamshire 2015: 17.3% a year and 3 months' notice. Started cold, nobody is on
  // notice, so nobody leaves for three months and the first year shows about 12.9%.
  const auto s = wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"),
                                                     {"duration=1 year"});
  const double input = s.parameters.authorities[0].roles[0].turnover_per_year;
  const Estimate warm = first_year_turnover(s, 400, 18);
  INFO("input " << input << ", first year " << warm.mean << " (SE " << warm.standard_error << ")");
  CHECK(within_a_point(warm, input));
  const Estimate cold = first_year_turnover(with_start(s, false), 400, 18);
  INFO("cold start: " << cold.mean << " (SE " << cold.standard_error << ")");
  CHECK(std::abs(cold.mean - input) - 3 * cold.standard_error > 0.01);  // the test can fail
}

TEST_CASE("the first year's turnover is the input's, within a point, for an imported council", "[model][warm]") {
  // Dudley, 2023: 31.3% turnover in the data; started cold, about 24% in its first year.
  // Its vacancies grow (12% to 25% over four years) as headcount falls, which puts the
  // measured turnover about half a point above the input in every year, not only the
  // first; 2,000 replications make the 3 SE margin 0.33 points. That half point would
  // hide a start-up transient of its size from the check against the input, so the
  // first year is also checked against the second, paired by replication.
  const auto data =
      wfsim::import::CswwData::read_file(std::string(WFSIM_TEST_DATA_DIR) + "/../data/csww_indicators_2017_2023.csv");
  const auto baseline = wfsim::import::baseline_scenario(data, {&data.council("Dudley", 2023)}, 2023, {});
  const auto s = wfsim::scenario::load_scenario_text(baseline.yaml, "dudley.yaml", {"duration=2 years"});
  const double input = s.parameters.authorities[0].roles[0].turnover_per_year;
  REQUIRE(input == Approx(0.313).margin(0.001));
  const auto warm_run = test_support::run_in_memory(s, 2000, 2023);
  const auto cold_run = test_support::run_in_memory(with_start(s, false), 2000, 2023);
  const Estimate warm = turnover_at(warm_run, 11), cold = turnover_at(cold_run, 11);
  INFO("input " << input << ", first year " << warm.mean << " (SE " << warm.standard_error << ")");
  CHECK(within_a_point(warm, input));
  INFO("cold start: " << cold.mean << " (SE " << cold.standard_error << ")");
  CHECK(std::abs(cold.mean - input) - 3 * cold.standard_error > 0.01);
  // The first year against the second, the same replications: no transient (within 4
  // SE), where the cold start's is far out (so the check can fail).
  const auto first_less_second = [](const wfsim::output::MemorySink& sink) {
    std::vector<double> excess;
    for (const auto& t : sink.replications) {
      excess.push_back(t.at(Measure::turnover_12m, 0, 11) - t.at(Measure::turnover_12m, 0, 23));
    }
    return across_replications(excess);
  };
  const Estimate warm_excess = first_less_second(warm_run), cold_excess = first_less_second(cold_run);
  INFO("first year less the second: " << warm_excess.mean << " (SE " << warm_excess.standard_error << "); cold "
                                      << cold_excess.mean << " (SE " << cold_excess.standard_error << ")");
  CHECK(std::abs(warm_excess.mean) < 4 * warm_excess.standard_error);
  CHECK(std::abs(cold_excess.mean) > 6 * cold_excess.standard_error);
}

TEST_CASE("a run that starts mid-month reports its first year's turnover as a year's", "[model][warm]") {
  // A council of 1,000 from 16 October: its first 12 periods are 351 days, and their
  // leavers were divided as a whole year's, 4% low (0.1651 for 0.173, 10 SE off).
  // Scaled to a year, the measure is the input's; the last period, cut short at 15
  // October five years on, is a year's too.
  const double input = 0.173;
  const auto sink = test_support::run_text(R"(
name: mid-month start
start: 2015-10-16
duration: 5 years
authorities:
  - name: A
    roles:
      - name: sw
        permanent_posts: 1000
        initial: {in_post: 1000}
        leaving: {turnover_per_year: 0.173, notice: 3 months}
        recruitment: {opens_at: notice, applicants_per_year: unlimited}
        agency: {cover_vacancies: false, cover_absences: false}
)",
                                           200, 11);
  std::vector<double> first, last;
  for (const auto& t : sink.replications) {
    first.push_back(t.at(Measure::turnover_12m, 0, 11));
    last.push_back(t.at(Measure::turnover_12m, 0, t.periods() - 1));
  }
  for (const Estimate& e : {across_replications(first), across_replications(last)}) {
    INFO("input " << input << ", measured " << e.mean << " (SE " << e.standard_error << ")");
    CHECK(std::abs(e.mean - input) < 4 * e.standard_error);
  }
}

namespace {

// A role's recruitment at the notice, with failed offers and a limited stream of
// outside applicants that grows with the posts waiting: both scenarios below.
std::string recruitment_at_notice(const char* applicants_per_year, const char* per_vacancy) {
  return std::string(R"(        recruitment:
          opens_at: notice
          approval_to_offer: {distribution: lognormal, mean: 20 days, sd: 10 days}
          offer_to_start: {distribution: gamma, mean: 50 days, shape: 3}
          offer_failure_probability: 0.2
          applicants_per_year: )") +
         applicants_per_year + "\n          applicants_per_vacancy_per_year: " + per_vacancy + "\n";
}

// A large council (so that rounding the starting counts to whole workers moves rates
// by under 0.03 points) with every process the warm start places part-way: notice,
// recruitment at the notice with a limited but responsive stream of applicants and
// failed offers, two kinds of absence, agency bookings with a delay.
std::string steady_scenario(int years, int in_post, int absent, int covering_vacancies, int covering_absences) {
  return R"(
name: steady
start: 2000-01-01
duration: )" +
         std::to_string(years) +
         R"( years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 2000
        initial: {in_post: )" +
         std::to_string(in_post) + ", absent: " + std::to_string(absent) +
         ", agency_covering_vacancies: " + std::to_string(covering_vacancies) +
         ", agency_covering_absences: " + std::to_string(covering_absences) + R"(}
        leaving: {turnover_per_year: 0.2, notice: 3 months}
)" + recruitment_at_notice("200", "1.5") +
         R"(        agency:
          booking_delay: {distribution: exponential, mean: 14 days}
          leaving_per_year: 1.0
        long_absences:
          - {kind: maternity, starts_per_year: 0.03, duration: 9 months}
          - {kind: sickness, starts_per_year: 0.04, duration: {distribution: lognormal, mean: 3 months, sd: 2 months}}
)";
}

// Each replication's mean of a measure over months [from, to), of the first row or `row`.
std::vector<double> monthly_means(const wfsim::output::MemorySink& sink, Measure m, std::size_t from, std::size_t to,
                                  std::size_t row = 0) {
  std::vector<double> means;
  for (const auto& t : sink.replications) {
    double sum = 0;
    for (std::size_t k = from; k < to; ++k) sum += t.at(m, row, k);
    means.push_back(sum / static_cast<double>(to - from));
  }
  return means;
}

int rounded_mean(const wfsim::output::MemorySink& sink, Measure m, std::size_t from, std::size_t to,
                 std::size_t row = 0) {
  return static_cast<int>(std::lround(across_replications(monthly_means(sink, m, from, to, row)).mean));
}

// First year's mean minus the later years' mean, per replication (paired, so the
// replication's own level cancels), and its mean with standard error.
Estimate first_year_excess(const wfsim::output::MemorySink& sink, Measure m, std::size_t row = 0) {
  const std::vector<double> first = monthly_means(sink, m, 0, 12, row), later = monthly_means(sink, m, 12, 48, row);
  std::vector<double> excess(first.size());
  for (std::size_t i = 0; i < first.size(); ++i) excess[i] = first[i] - later[i];
  return across_replications(excess);
}

}  // namespace

TEST_CASE("with stationary inputs the first year shows no start-up transient", "[model][warm]") {
  // The stationary starting counts are the model's own: the means of years 6 to 20 of a
  // long run (200 replications: their standard errors are under half a worker).
  const std::size_t months = 20 * 12, settled = 5 * 12;
  const auto long_run = test_support::run_text(steady_scenario(20, 1800, 50, 150, 50), 200, 7);
  const int in_post = rounded_mean(long_run, Measure::permanent_headcount, settled, months);
  const int absent = rounded_mean(long_run, Measure::long_absences, settled, months);
  const int covering_vacancies = rounded_mean(long_run, Measure::agency_covering_vacancies, settled, months);
  const int covering_absences = rounded_mean(long_run, Measure::agency_covering_absences, settled, months);
  INFO("stationary start: " << in_post << " in post, " << absent << " absent, agency " << covering_vacancies << " + "
                            << covering_absences);
  // Started there, the first year's mean vacancy rate, agency share and time from an
  // applicant to starting must equal the later years' (2 to 4) within 4 standard
  // errors of the paired difference: a false alarm 1 time in 15,000 each. (Started
  // cold, the first months' starters came forward after the start, so their time to
  // start is short.) Started cold, the vacancy rate is about 30 standard
  // errors low in the first year (-0.0049, SE 0.00016, measured 2026-12-05; the INFO
  // below prints both): the pipelines all start empty and fill together.
  const std::string steady = steady_scenario(4, in_post, absent, covering_vacancies, covering_absences);
  const auto warm = test_support::run_text(steady, 1000, 8);
  const auto cold = test_support::run_text(steady + "warm_start: false\n", 1000, 8);
  for (const Measure m : {Measure::vacancy_rate, Measure::agency_share, Measure::time_to_start}) {
    const Estimate w = first_year_excess(warm, m), c = first_year_excess(cold, m);
    INFO(wfsim::model::info(m).name << ": first year minus later years, warm " << w.mean << " (SE " << w.standard_error
                                    << "), cold " << c.mean << " (SE " << c.standard_error << ")");
    CHECK(std::abs(w.mean) < 4 * w.standard_error);
    if (m != Measure::agency_share) CHECK(std::abs(c.mean) > 4 * c.standard_error);  // the test can fail
    // The cold start leaves the agency share unbiased here too (-0.009 points, SE
    // 0.016): instead, a first year 0.2 points off must be at least 6 SE off, and so
    // pass the 4 SE tolerance with probability 0.023 at most (the SE is about 0.02
    // points: it is about 10 SE off).
    if (m == Measure::agency_share) CHECK(6 * w.standard_error < 0.002);
  }
  // The applicants under way at the start go to the queued posts in the order they came
  // forward, as the first-come queue would have given them: the oldest post has the
  // applicant who came first, most often one already working their notice after an
  // offer, who starts soonest. So the first month's starters fill posts as old as the
  // rest of the year's. Given in list order (those still being assessed to the oldest
  // posts), the first month's time to fill was 23 days below months 2 to 12's (SE
  // 0.3; 1,000 replications of this council); now -0.5 (SE 0.3). A 5-day dip must
  // be at least 6 SE off.
  std::vector<double> first_month = monthly_means(warm, Measure::time_to_fill, 0, 1),
                      rest_of_year = monthly_means(warm, Measure::time_to_fill, 1, 12);
  for (std::size_t i = 0; i < first_month.size(); ++i) first_month[i] -= rest_of_year[i];
  const Estimate dip = across_replications(first_month);
  INFO("time to fill, first month minus months 2 to 12: " << dip.mean << " days (SE " << dip.standard_error << ")");
  CHECK(std::abs(dip.mean) < 4 * dip.standard_error);
  CHECK(6 * dip.standard_error < 5);
}

TEST_CASE("a booking under way at the start counts its time to hire from when it was made", "[model][warm]") {
  // It counted only the time left (15 days on average of a fixed 30-day delay), so the
  // first month's agency time to hire was half the delay the scenario gives.
  const auto run = test_support::run_text(R"(
name: bookings under way
start: 2016-01-01
duration: 3 months
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 200
        initial: {in_post: 150}
        leaving: {turnover_per_year: 0.0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 30 days}
)",
                                          5, 11, 1);
  for (const auto& t : run.replications) {
    REQUIRE(t.at(Measure::starters_agency, 0, 0) > 0);
    CHECK(t.at(Measure::agency_time_to_hire, 0, 0) == Approx(30).epsilon(1e-9));
  }
}

namespace {

// Two councils sharing a region's pool of seekers, which half their leavers join: the
// pool fills about half their posts, outside applicants (a stream that grows with the
// posts waiting) the rest. No agency cover, so that only recruitment moves vacancies.
std::string pooled_region(int years, int in_post_a, int in_post_b) {
  auto council = [](const char* name, int in_post) {
    return std::string("  - name: ") + name + R"(
    roles:
      - name: social_worker
        permanent_posts: 1000
        initial: {in_post: )" +
           std::to_string(in_post) + R"(}
        leaving: {turnover_per_year: 0.2, notice: 3 months, destinations: {outside: 0.5, other_council: 0.5, agency: 0}}
)" + recruitment_at_notice("20", "1.0") +
           "        agency: {cover_vacancies: false, cover_absences: false}\n";
  };
  return "name: pooled\nstart: 2000-01-01\nduration: " + std::to_string(years) + " years\nauthorities:\n" +
         council("A", in_post_a) + council("B", in_post_b) +
         "labour_pool:\n  - {role: social_worker, arrivals_per_year: 20, leaving_per_year: 1}\n";
}

constexpr std::size_t kRegionRow = 2;  // the two councils' total

}  // namespace

TEST_CASE("a region started at its stationary counts has its pool's seekers under way", "[model][warm][pool]") {
  // The councils' stationary headcounts are the model's own: the means of years 6 to 20
  // of a long run (200 replications: their standard errors are under half a worker, so
  // rounding to whole workers moves a council's vacancy rate by under 0.06 points).
  // Started there, the pool's seekers already part-way through an assessment or working
  // their notice after an accepted offer start as they would in any month: the first
  // year's starters from the pool and vacancy rate, and the first month's starters from
  // the pool, equal the later years' (2 to 4) within 4 standard errors of the paired
  // difference (a false alarm 1 time in 15,000 each).
  const std::size_t months = 20 * 12, settled = 5 * 12;
  const auto long_run = test_support::run_text(pooled_region(20, 900, 900), 200, 21);
  const int in_post_a = rounded_mean(long_run, Measure::permanent_headcount, settled, months, 0);
  const int in_post_b = rounded_mean(long_run, Measure::permanent_headcount, settled, months, 1);
  INFO("stationary start: " << in_post_a << " and " << in_post_b << " in post");
  const auto warm = test_support::run_text(pooled_region(4, in_post_a, in_post_b), 1000, 22);
  // Without the pool's seekers under way (the build before this test) the first year's
  // starters from the pool were 3.5 a month below the later years' and its vacancy rate
  // 0.88 points above, and the first month had 0.15 starters from the pool against 17.0
  // a month later on: each check failed by 50 standard errors or more. So that a
  // shortfall of a fifth of those would fail too, each standard error must be under a
  // 30th of it (a fifth of the shortfall is then at least 6 SE off).
  struct Check {
    const char* what;
    Estimate excess;
    double old_shortfall;
  };
  std::vector<double> first_month = monthly_means(warm, Measure::starters_from_pool, 0, 1, kRegionRow);
  const std::vector<double> later = monthly_means(warm, Measure::starters_from_pool, 12, 48, kRegionRow);
  for (std::size_t i = 0; i < first_month.size(); ++i) first_month[i] -= later[i];
  for (const Check& c :
       {Check{"starters from the pool, first year", first_year_excess(warm, Measure::starters_from_pool, kRegionRow),
              3.5},
        Check{"vacancy rate, first year", first_year_excess(warm, Measure::vacancy_rate, kRegionRow), 0.0088},
        Check{"starters from the pool, first month", across_replications(first_month), 16.8}}) {
    INFO(c.what << " minus later years: " << c.excess.mean << " (SE " << c.excess.standard_error << ")");
    CHECK(std::abs(c.excess.mean) < 4 * c.excess.standard_error);
    CHECK(30 * c.excess.standard_error < c.old_shortfall);
  }
}

TEST_CASE("the applicants under way who find a post are drawn one at a time beyond a million, by the same law",
          "[model][warm]") {
  using wfsim::model::InFlight;
  using wfsim::model::InFlightCounts;
  using wfsim::model::kMostInFlightShuffled;
  std::vector<InFlight> out;
  // All of them fit: placed as counted, no draw made.
  wfsim::kernel::RandomStream s(wfsim::kernel::StreamKey{});
  wfsim::model::sample_in_flight(InFlightCounts{2, 1, 0, 1}, 10, s, out);
  REQUIRE(out.size() == 4);
  CHECK((out[0].in_assessment && !out[0].from_pool && out[1].in_assessment && !out[2].in_assessment &&
         out[3].from_pool && !out[3].in_assessment));
  CHECK(s() == wfsim::kernel::RandomStream(wfsim::kernel::StreamKey{})());
  auto kind = [](const InFlight& f) { return (f.from_pool ? 2 : 0) + (f.in_assessment ? 0 : 1); };
  // Without replacement: a million and one under way for a million posts leaves out
  // exactly one of them (drawn with replacement, the 6 of the three small kinds would
  // come out about as often, more than their counts in a run in four).
  const InFlightCounts many{kMostInFlightShuffled - 5, 3, 2, 1};
  wfsim::model::sample_in_flight(many, kMostInFlightShuffled, s, out);
  REQUIRE(out.size() == kMostInFlightShuffled);
  std::uint64_t chosen[4] = {};
  for (const InFlight& f : out) ++chosen[kind(f)];
  const std::uint64_t counted[4] = {many.own_assessing, many.own_offered, many.pool_assessing, many.pool_offered};
  std::uint64_t short_by = 0;
  for (int k = 0; k < 4; ++k) {
    CHECK(chosen[k] <= counted[k]);
    short_by += counted[k] - chosen[k];
  }
  CHECK(short_by == 1);
  // Each post's applicant is of a kind in proportion to its count, by either method:
  // 3:1:1:0 shuffled (5 of 10 for 4 posts) and drawn one at a time (5 million for 4),
  // 4,000 times each. Each share within 4 standard errors of its chance.
  for (const std::uint64_t unit : {std::uint64_t{2}, kMostInFlightShuffled}) {
    const InFlightCounts counts{3 * unit, unit, unit, 0};
    const double total = static_cast<double>(counts.total());
    std::uint64_t picked[4] = {};
    std::uint64_t picks = 0;
    for (int trial = 0; trial < 4000; ++trial) {
      wfsim::model::sample_in_flight(counts, 4, s, out);
      REQUIRE(out.size() == 4);
      for (const InFlight& f : out) ++picked[kind(f)];
      picks += out.size();
    }
    const double expected[4] = {3 * static_cast<double>(unit) / total, static_cast<double>(unit) / total,
                                static_cast<double>(unit) / total, 0};
    for (int k = 0; k < 4; ++k) {
      const double share = static_cast<double>(picked[k]) / static_cast<double>(picks);
      // Picks within a trial are without replacement, so less spread than independent
      // ones: the binomial standard error is an upper bound.
      const double se = std::sqrt(expected[k] * (1 - expected[k]) / static_cast<double>(picks));
      INFO("unit " << unit << ", kind " << k << ": share " << share << ", chance " << expected[k]);
      CHECK(std::abs(share - expected[k]) <= 4 * se);
    }
  }
}

TEST_CASE("a council of a billion applicants a year with three years' assessment starts warm", "[model][warm]") {
  // Its applicants under way at the start are Poisson of mean about 3 billion: the
  // count overflowed an int and the start stopped with an internal error. With a year's
  // assessment (a billion under way) every one was listed and shuffled: 136 seconds and
  // 7.9 GB for two replications of this council, now 0.02 s and 14 MB.
  const std::string text = R"(
name: a billion applicants
start: 2020-01-01
duration: 3 months
authorities:
  - name: A
    roles:
      - name: sw
        permanent_posts: 100
        initial: {in_post: 80}
        leaving: {turnover_per_year: 0.15, notice: 1 month}
        recruitment: {applicants_per_year: 1e9, approval_to_offer: 3 years, offer_to_start: 1 month}
        agency: {cover_vacancies: false, cover_absences: false}
)";
  wfsim::output::MemorySink sink;
  REQUIRE_NOTHROW(sink = test_support::run_text(text, 2, 5));
  REQUIRE(sink.replications.size() == 2);
  // The 20 vacancies each have an applicant under way, most of them being assessed.
  for (const auto& t : sink.replications) CHECK(t.at(Measure::recruitments_open, 0, 0) >= 20);
}
