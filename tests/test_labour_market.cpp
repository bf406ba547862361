// The shared labour market: who goes where is workers' choice, never list order; the
// rules change leavers' choices; caps bind the worker's pay or the charge; supply
// answers pay; councils book on and off their supplier contract.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "support.hpp"

using wfsim::model::Measure;

namespace {

using Summary = test_support::MeanAndError;

// Mean and standard error over replications of `value(table)`.
template <class Value>
Summary over_replications(const wfsim::output::MemorySink& sink, Value value) {
  std::vector<double> values;
  for (const auto& t : sink.replications) values.push_back(value(t));
  return test_support::mean_and_se(values);
}

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The scenario's text with its authorities listed in reverse order.
std::string reversed(const std::string& text) {
  YAML::Node root = YAML::Load(text);
  YAML::Node authorities = root["authorities"];
  YAML::Node flipped(YAML::NodeType::Sequence);
  for (std::size_t i = authorities.size(); i-- > 0;) flipped.push_back(authorities[i]);
  root["authorities"] = flipped;
  YAML::Emitter out;
  out << root;
  return out.c_str();
}

// Each council's mean over replications of a measure at the last period, by name.
std::map<std::string, Summary> at_end(const wfsim::scenario::Scenario& s, const wfsim::output::MemorySink& sink,
                                      Measure m) {
  std::map<std::string, Summary> found;
  for (std::size_t a = 0; a < s.parameters.authorities.size(); ++a) {
    found[s.parameters.authorities[a].name] =
        over_replications(sink, [&](const wfsim::model::SeriesTable& t) { return t.at(m, a, t.periods() - 1); });
  }
  return found;
}

// Which of two workers, X and Y, took a contested booking, counted over the
// replications `counted` keeps (`x_took` says whether X took it there). Under equal
// chances X - Y has mean 0 and variance X + Y (each taking a fair coin): the split is
// checked within 4 standard errors, over at least `min_cases` cases. A caller sets
// `min_cases` so that the split it guards against, X taking a share p, lies 6 standard
// errors out: n (2p - 1) >= 6 sqrt(n), n >= 36 / (2p - 1)^2.
template <class Counted, class XTook>
void check_even_split(const wfsim::output::MemorySink& sink, Counted counted, XTook x_took, double min_cases,
                      const std::string& when) {
  double x = 0, y = 0;
  for (const auto& t : sink.replications) {
    if (counted(t)) (x_took(t) ? x : y) += 1;
  }
  INFO("taken " << when << " by X " << x << ", by Y " << y);
  REQUIRE(x + y >= min_cases);
  CHECK(std::abs(x - y) <= 4 * std::sqrt(x + y));
}

}  // namespace

TEST_CASE("who is staffed does not depend on the order the councils are listed in", "[market][statistics]") {
  // The South East with its councils as given and reversed: every council's mean
  // vacancy rate and agency share at the end agree within 4 combined standard errors.
  const std::string text = file_text(test_support::scenario_path("south-east-moc-2016.yaml"));
  const auto given = wfsim::scenario::load_scenario_text(text, "south-east-moc-2016.yaml");
  const auto flipped = wfsim::scenario::load_scenario_text(reversed(text), "reversed.yaml");
  REQUIRE(flipped.parameters.authorities.front().name == given.parameters.authorities.back().name);
  const auto a = test_support::run_in_memory(given, 100, 17, 2);
  const auto b = test_support::run_in_memory(flipped, 100, 17, 2);
  double largest_se = 0;
  for (const Measure m : {Measure::vacancy_rate, Measure::agency_share}) {
    const auto x = at_end(given, a, m);
    const auto y = at_end(flipped, b, m);
    for (const auto& [name, first] : x) {
      const Summary& second = y.at(name);
      const double se = std::sqrt(first.se * first.se + second.se * second.se);
      largest_se = std::max(largest_se, se);
      INFO(wfsim::model::info(m).name << " " << name << ": " << first.mean << " vs " << second.mean << " (SE " << se
                                      << ")");
      CHECK(std::abs(first.mean - second.mean) <= 4 * se);
    }
  }
  // Enough replications to see the old list-order artefact (0% against 45 to 75%).
  CHECK(largest_se < 0.03);
}

namespace {
std::string twins() {
  std::string council_a = R"(
  - name: A
    neighbours: [B]
    roles: &role
      - name: social_worker
        permanent_posts: 60
        initial: {in_post: 48, agency_covering_vacancies: 4}
        pay: {salary_per_year: 33000, agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0.2, notice: 1 month, destinations: {outside: 0.5, other_council: 0.25, agency: 0.25}}
        recruitment: {approval_to_offer: 10 days, offer_to_start: 30 days, applicants_per_year: 0,
                      applicants_per_vacancy_per_year: 1.5}
        agency: {booking_delay: 7 days, leaving_per_year: 1.0}
)";
  std::string council_b = "  - name: B\n    roles: *role\n";
  const std::string authorities = council_a + council_b;
  return R"(
name: twins
start: 2020-01-01
duration: 3 years
authorities:)" +
         authorities +
         R"(agency_supply:
  - {role: social_worker, available_at_start: 2, joining_per_year: 12, leaving_per_year: 4,
     leave_at_assignment_end: 0.2}
labour_pool:
  - {role: social_worker, arrivals_per_year: 10, leaving_per_year: 1}
)";
}
}  // namespace

TEST_CASE("two identical councils are served alike", "[market][statistics]") {
  // Identical in everything but their place in the list, sharing a scarce agency
  // market and pool: per replication, the difference between them in mean vacancy rate
  // and agency share over the run has mean zero within 4 standard errors.
  const auto sink = test_support::run_text(twins(), 400, 23, 2);
  for (const Measure m : {Measure::vacancy_rate, Measure::agency_share, Measure::starters_agency}) {
    const Summary d = over_replications(sink, [&](const wfsim::model::SeriesTable& t) {
      double a = 0, b = 0;
      for (std::size_t k = 0; k < t.periods(); ++k) {
        a += t.at(m, 0, k);
        b += t.at(m, 1, k);
      }
      return (a - b) / static_cast<double>(t.periods());
    });
    INFO(wfsim::model::info(m).name << ": A - B = " << d.mean << " (SE " << d.se << ")");
    CHECK(std::abs(d.mean) <= 4 * d.se);
    CHECK(d.se > 0);
  }
  // At the start every gap is booked at one instant, and with a fixed booking delay
  // every booking reaches the market at one instant: in the first month neither
  // council is served first for being listed first.
  for (const Measure m : {Measure::starters_agency, Measure::agency_share}) {
    const Summary d =
        over_replications(sink, [&](const wfsim::model::SeriesTable& t) { return t.at(m, 0, 0) - t.at(m, 1, 0); });
    INFO(wfsim::model::info(m).name << " in the first month: A - B = " << d.mean << " (SE " << d.se << ")");
    CHECK(std::abs(d.mean) <= 4 * d.se);
  }
  // They did compete: bookings waited for a worker in both (each council's own row, 0
  // and 1; row 2, the total, showed only that some booking waited somewhere).
  for (const std::size_t council : {std::size_t{0}, std::size_t{1}}) {
    const Summary waiting = over_replications(sink, [council](const wfsim::model::SeriesTable& t) {
      double n = 0;
      for (std::size_t k = 0; k < t.periods(); ++k) n += t.at(Measure::agency_bookings_waiting, council, k);
      return n;
    });
    INFO("council " << council << ": bookings waiting, summed over the months, " << waiting.mean);
    CHECK(waiting.mean > 1);
  }
}

TEST_CASE("at a rule change, the longest idle worker is not offered the waiting booking first",
          "[market][rules][statistics]") {
  // Two idle agency workers: X, experienced, idle from the start, and Y, A's leaver with
  // no experience, who joins the idle list after X. B's booking reaches the market on
  // day 30 and both may let it pass, staying idle (reviews are a century away). On 15
  // October C's experience rule starts, and a cap lowers C's rate: a rule change that
  // prices a role of the market differently, at which every idle worker is offered the
  // waiting booking again (a rule starting that only refuses would offer nobody
  // anything new, and offers nothing). Whoever is offered first takes it more often, so
  // the offers must be in a drawn order, not the list's (longest idle first): then X
  // and Y take it equally often. Which of them took it shows in C's barred count at the
  // end of October: Y, left idle, is barred there; X is not. In the list's order X took
  // it 283 times to Y's 117 in these 1,600 replications (a build without the draw,
  // 2026-12-08); drawn, 215 to 183.
  const std::string yaml = R"(
name: reoffer order
start: 2016-07-01
duration: 6 months
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 1
        pay: {agency_rate_per_hour: 40}
        experience: 0 days
        leaving: {turnover_per_year: 1000, notice: 0 days, destinations: {agency: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 1
        pay: {agency_rate_per_hour: 40}
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 30 days, cover_vacancies: true}
  - name: C
    roles:
      - name: social_worker
        permanent_posts: 1
        pay: {agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
agency_supply:
  - {role: social_worker, available_at_start: 1, joining_per_year: 0, leaving_per_year: 0, experience: 10 years}
labour_market: {agency_idle: -1, review_interval: 100 years}
rules:
  - {name: C wants experience, kind: experience, min_experience: 3 years, members: [{authority: C, from: 2016-10-15}]}
  - {name: C caps its rate, kind: rate_cap, applies_to: charge_rate, caps_per_hour: {social_worker: 30},
     members: [{authority: C, from: 2016-10-15}]}
)";
  const auto sink = test_support::run_text(yaml, 1600, 3);
  constexpr std::size_t kB = 1, kC = 2, kSeptember = 2, kOctober = 3;
  // In the list's order X would take about twice as often as Y (p = 2/3): 324 cases
  // put that 6 standard errors out (1,600 replications give about 390).
  check_even_split(
      sink,
      [&](const auto& t) {
        return t.at(Measure::agency_headcount, kB, kSeptember) == 0 &&
               t.at(Measure::agency_headcount, kB, kOctober) == 1;
      },
      [&](const auto& t) { return t.at(Measure::agency_idle_barred, kC, kOctober) == 1; }, 324, "at the rule change");
}

TEST_CASE("at a transition, workers it frees and idle workers are offered the waiting booking in one drawn order",
          "[market][rules][statistics]") {
  // X, idle from the start, and Y, placed at C at the start, both with experience drawn
  // from 0 to 10 years; travel plays no part. B's booking reaches the market on day 30
  // and X may let it pass. On 15 October C's experience rule brings running assignments
  // into line: Y, if under 5 years, is freed and stays in agency work. X and Y are then
  // both free at one instant, so either is offered B's booking first with equal chance.
  // Counted where X is experienced (not barred at C in September), Y was freed, and B's
  // booking was taken at the transition: Y, left idle, is barred at C at the end of
  // October; X is not. With the idle offered before the freed, X took it 256 times to
  // Y's 71 in these 5,000 replications.
  const std::string yaml = R"(
name: transition order
start: 2016-07-01
duration: 6 months
warm_start: false
authorities:
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 30 days, cover_vacancies: true}
  - name: C
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0, agency_covering_vacancies: 1}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 60 days, cover_vacancies: true, leaving_per_year: 0}
agency_supply:
  - {role: social_worker, available_at_start: 1, joining_per_year: 0, leaving_per_year: 0, leave_at_assignment_end: 0,
     experience: {distribution: uniform, min: 0 years, max: 10 years}}
labour_market: {agency_idle: -1, review_interval: 100 years, neighbour: 0, region: 0}
rules:
  - {name: C wants experience, kind: experience, min_experience: 5 years, members: [C], existing_from: 2016-10-15}
)";
  const auto sink = test_support::run_text(yaml, 9000, 5);
  constexpr std::size_t kB = 0, kC = 1, kSeptember = 2, kOctober = 3;
  // Guarded against a split of 1.8 to 1 (p = 0.643), half the old order's 3.6 (256 to
  // 71): 441 cases put it 6 standard errors out (9,000 replications give about 580,
  // room for the draws to change).
  const auto counted = [&](const auto& t) {
    const bool y_freed =
        t.at(Measure::agency_headcount, kC, kSeptember) == 1 && t.at(Measure::agency_headcount, kC, kOctober) == 0;
    const bool x_experienced = t.at(Measure::agency_idle_barred, kC, kSeptember) == 0;
    const bool taken_then =
        t.at(Measure::agency_headcount, kB, kSeptember) == 0 && t.at(Measure::agency_headcount, kB, kOctober) == 1;
    return y_freed && x_experienced && taken_then;
  };
  check_even_split(
      sink, counted, [&](const auto& t) { return t.at(Measure::agency_idle_barred, kC, kOctober) == 1; }, 441,
      "at the transition (X idle, Y freed)");
}

TEST_CASE("workers whose cooling-off ends at one midnight are offered the waiting booking in a drawn order",
          "[market][rules][statistics]") {
  // X leaves A within minutes of the start and Y leaves B later the same day, both for
  // agency work. A six-month cooling-off (any member: A, B, C) counts from the day they
  // left, so both may work at C again from midnight on 1 January, when their reviews
  // fall together. C's booking reaches the market on 31 July and refuses X first, as
  // X heads the idle list, so X's review was queued first. Either may let the booking
  // pass (reviews are a century away). Offered in the order they were refused, X would
  // take it more often; in a drawn order, X and Y take it equally often. Which of them
  // took it shows in E's barred count at the end of January: a second cooling-off keeps
  // A's leavers from E for a year, so X, left idle, is barred there; Y is not. In the
  // order of refusal X took it 1,100 times to Y's 299 in these 1,500 replications.
  const std::string yaml = R"(
name: lapse order
start: 2016-07-01
duration: 7 months
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 1000000, notice: 0 days, destinations: {agency: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 10000, notice: 0 days, destinations: {agency: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
  - name: C
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 30 days, cover_vacancies: true}
  - name: E
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
agency_supply:
  - {role: social_worker, available_at_start: 0, joining_per_year: 0, leaving_per_year: 0}
labour_market: {agency_idle: -1, review_interval: 100 years, neighbour: 0, region: 0}
rules:
  - {name: MoC, kind: cooling_off, scope: any_member, length: 6 months, members: [A, B, C]}
  - {name: E and A, kind: cooling_off, scope: other_members, length: 12 months, members: [A, E]}
)";
  const auto sink = test_support::run_text(yaml, 1500, 11);
  constexpr std::size_t kC = 2, kE = 3, kDecember = 5, kJanuary = 6;
  // Offered first, X would take it about 3.7 times as often as Y: with 300 cases or
  // more, far over 4 standard errors.
  check_even_split(
      sink,
      [&](const auto& t) {
        return t.at(Measure::agency_headcount, kC, kDecember) == 0 &&
               t.at(Measure::agency_headcount, kC, kJanuary) == 1;
      },
      [&](const auto& t) { return t.at(Measure::agency_idle_barred, kE, kJanuary) == 0; }, 300, "at the lapse");
}

TEST_CASE("a worker whose refusal ends with a membership is offered the booking once at the change, as others are",
          "[market][rules][statistics]") {
  // X leaves A at the start for agency work; a six-month cooling-off binds A and C, C
  // until 15 October. Y, experienced, is idle from the start. C's booking reaches the
  // market on 31 July; X is refused there (a re-check queued for 15 October, when C's
  // membership ends) and either may let it pass (idle weighs e^2 against the booking's
  // 1, so an offer is taken about one time in eight; reviews are a century away). On
  // 15 October the membership ends: a rule change, at which both are offered the
  // booking once, in a drawn order, so they take it equally often. X's re-check, left
  // queued for the same instant, gave X a second offer: X took it 355 times to Y's 217
  // in these 2,000 replications. Which of them took it shows in E's barred count at the
  // end of October: a second cooling-off keeps A's leavers from E for a year, so X,
  // left idle, is barred there; Y is not.
  const std::string yaml = R"(
name: membership end
start: 2016-07-01
duration: 5 months
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 1000000, notice: 0 days, destinations: {agency: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
  - name: C
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 30 days, cover_vacancies: true}
  - name: E
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
agency_supply:
  - {role: social_worker, available_at_start: 1, joining_per_year: 0, leaving_per_year: 0, experience: 10 years}
labour_market: {agency_idle: 2, review_interval: 100 years, neighbour: 0, region: 0}
rules:
  - name: MoC
    kind: cooling_off
    scope: any_member
    length: 6 months
    members: [A, {authority: C, until: 2016-10-15}]
  - {name: E and A, kind: cooling_off, scope: other_members, length: 12 months, members: [A, E]}
)";
  const auto sink = test_support::run_text(yaml, 4000, 13);
  constexpr std::size_t kC = 1, kE = 2, kSeptember = 2, kOctober = 3;
  // With the second offer X took it about 1.6 times as often as Y (p = 0.615): 676
  // cases put that 6 standard errors out (4,000 replications give about 855).
  check_even_split(
      sink,
      [&](const auto& t) {
        return t.at(Measure::agency_headcount, kC, kSeptember) == 0 &&
               t.at(Measure::agency_headcount, kC, kOctober) == 1;
      },
      [&](const auto& t) { return t.at(Measure::agency_idle_barred, kE, kOctober) == 0; }, 676,
      "at the membership's end");
}

TEST_CASE("an arrival queued for the instant of a lapse does not split the reviews of the workers it frees",
          "[market][rules][statistics]") {
  // As above, X leaves A and Y leaves B on 1 July, both for agency work, so the MoC's
  // cooling-off bars both at C until midnight on 1 January. But here they are refused
  // at different times: X on 31 July, when C's booking reaches the market, and Y only
  // when E's permanent hire ends Y's cover there (E's booking took Y on 1 July; a
  // 12-month cooling-off keeps A's leaver X from E). Between the two refusals, on
  // 1 September, F's cohort starts, and its trainee will qualify at that same midnight
  // on 1 January: an arrival, queued after X's review and before Y's. The reviews still
  // offer C's booking to X and Y together, in a drawn order. Counted where Y covered E
  // through August and was freed before January, and C's booking was taken in January:
  // X, left idle, is barred at E; Y is not. With reviews in the arrivals' class, the
  // trainee split them and X was offered first, alone: X took it 411 times to Y's 120
  // in these 2,000 replications.
  const std::string yaml = R"(
name: lapse split by an arrival
start: 2016-07-01
duration: 7 months
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 1000000, notice: 0 days, destinations: {agency: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 10000, notice: 0 days, destinations: {agency: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
  - name: C
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 30 days, cover_vacancies: true}
  - name: E
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 3.3}
        agency: {booking_delay: 0 days, cover_vacancies: true}
  - name: F
    policies:
      - {name: trainees, kind: cohort, route: nqsw, role: social_worker, per_year: 1, month: 9, training: 122 days}
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
agency_supply:
  - {role: social_worker, available_at_start: 0, joining_per_year: 0, leaving_per_year: 0}
labour_market: {agency_idle: -1, review_interval: 100 years, neighbour: 0, region: 0}
rules:
  - {name: MoC, kind: cooling_off, scope: any_member, length: 6 months, members: [A, B, C]}
  - {name: E and A, kind: cooling_off, scope: other_members, length: 12 months, members: [A, E]}
)";
  const auto sink = test_support::run_text(yaml, 2000, 13);
  constexpr std::size_t kC = 2, kE = 3, kAugust = 1, kDecember = 5, kJanuary = 6;
  // Offered first and alone, X would take it about 3.4 times as often as Y: with 300
  // cases or more, far over 4 standard errors.
  check_even_split(
      sink,
      [&](const auto& t) {
        const bool y_covered_e_then_freed =
            t.at(Measure::agency_headcount, kE, kAugust) == 1 && t.at(Measure::agency_headcount, kE, kDecember) == 0;
        const bool taken_in_january =
            t.at(Measure::agency_headcount, kC, kDecember) == 0 && t.at(Measure::agency_headcount, kC, kJanuary) == 1;
        return y_covered_e_then_freed && taken_in_january;
      },
      [&](const auto& t) { return t.at(Measure::agency_idle_barred, kE, kJanuary) == 0; }, 300,
      "at the lapse, an arrival queued between the reviews");
}

TEST_CASE("absences that end together release their cover in a drawn order, not the councils' listed order",
          "[market][statistics]") {
  // Started afresh, A's and B's absent workers are back on day 60 together (a fixed
  // length), and their agency cover, X (living at A) and Y (at B), is free at that
  // instant. C, next to both, has a booking waiting; whoever is offered it first takes
  // it more often. D, next to B only, books on day 75 and is far likelier to get Y
  // than X, so how often D is covered in September shows who was left idle. With the
  // councils listed A, B, C, D and reversed, the first-listed of A and B was offered C
  // first: D was covered in 59% and 23% of 2,000 replications. In a drawn order the
  // listing makes no difference.
  const std::string yaml = R"(
name: absences ending together
start: 2016-07-01
duration: 3 months
warm_start: false
authorities:
  - name: A
    neighbours: [C]
    roles:
      - &away
        name: social_worker
        permanent_posts: 1
        initial: {in_post: 1, absent: 1, agency_covering_absences: 1}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        long_absences: [{kind: maternity, starts_per_year: 0.000001, duration: 60 days}]
  - name: B
    neighbours: [C, D]
    roles: [*away]
  - name: C
    roles:
      - {name: social_worker, permanent_posts: 1, initial: {in_post: 0}, leaving: {turnover_per_year: 0},
         recruitment: {applicants_per_year: 0}, agency: {booking_delay: 30 days}}
  - name: D
    roles:
      - {name: social_worker, permanent_posts: 1, initial: {in_post: 0}, leaving: {turnover_per_year: 0},
         recruitment: {applicants_per_year: 0}, agency: {booking_delay: 75 days}}
agency_supply:
  - {role: social_worker, available_at_start: 0, joining_per_year: 0, leaving_per_year: 0, leave_at_assignment_end: 0}
labour_market: {agency_idle: -1, review_interval: 100 years, neighbour: 0, region: -4}
)";
  const auto given = wfsim::scenario::load_scenario_text(yaml, "given.yaml");
  const auto flipped = wfsim::scenario::load_scenario_text(reversed(yaml), "reversed.yaml");
  const auto a = test_support::run_in_memory(given, 2000, 13, 2);
  const auto b = test_support::run_in_memory(flipped, 2000, 13, 2);
  constexpr std::size_t kSeptember = 2;
  const Summary x = over_replications(a, [&](const auto& t) { return t.at(Measure::agency_headcount, 3, kSeptember); });
  const Summary y = over_replications(b, [&](const auto& t) { return t.at(Measure::agency_headcount, 0, kSeptember); });
  const double se = std::sqrt(x.se * x.se + y.se * y.se);
  INFO("D covered in September: listed A, B, C, D " << x.mean << ", reversed " << y.mean << " (SE " << se << ")");
  REQUIRE(x.mean > 0.2);
  CHECK(std::abs(x.mean - y.mean) <= 4 * se);
}

TEST_CASE("a seeker whose offer fell through may still apply for the council's other posts", "[market][pool]") {
  // One seeker, one council of two posts, offers failing half the time, waiting about
  // as attractive as applying. The seeker must leave out only the post whose offer to
  // them failed. When only that post's place at the front of the council's queue was
  // checked, a seeker who had let the other post pass was shut out of the council
  // whenever the failed post came first: waiting in the pool with no review to come
  // beside a post they could take (the audit's check), never hired in 482 of 2,000
  // replications (35 now, from choosing to wait at an understaffed council).
  auto s = wfsim::scenario::load_scenario_text(R"(
name: a seeker whose offer fell through
start: 2016-07-01
duration: 11 months
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 2
        initial: {in_post: 1}
        leaving: {turnover_per_year: 12, notice: 0 days, destinations: {outside: 1}}
        recruitment: {applicants_per_year: 0, offer_failure_probability: 0.5, approval_to_offer: 1 day}
        agency: {cover_vacancies: false, cover_absences: false}
labour_pool:
  - {role: social_worker, newly_qualified: {per_year: 1, month: 7}, leaving_per_year: 0}
labour_market: {seeker_waits: 0, review_interval: 14 days}
)",
                                               "test.yaml");
  s.parameters.audit = true;  // at every period end, no seeker is left unseen beside a post open to them
  std::size_t failed = 0, never_hired = 0;
  REQUIRE_NOTHROW([&] {
    const auto sink = test_support::run_in_memory(s, 2000, 1);
    for (const auto& t : sink.replications) {
      double offers_failed = 0, hired = 0;
      for (std::size_t k = 0; k < t.periods(); ++k) {
        offers_failed += t.at(Measure::offers_failed, 0, k);
        hired += t.at(Measure::starters_from_pool, 0, k);
      }
      failed += offers_failed > 0 ? 1 : 0;
      never_hired += hired == 0 ? 1 : 0;
    }
  }());
  INFO("replications with a failed offer " << failed << ", never hired " << never_hired);
  CHECK(failed > 500);  // the case arose
  // A regression bound, not a derived figure: this engine's own rate, measured at 35 in
  // 2,000 replications (1.75%), with a binomial sd of 5.9. The shut-out seekers of the
  // old check made it 482 in 2,000, 76 sd above. The bound is 4 sd above this engine's
  // rate, so that twice the rate (70) fails too; with 400 replications and 6 sd, as
  // this test once had, it passed (a test audit).
  const double rate = 35.0 / 2000, expected = 2000 * rate, sd = std::sqrt(2000 * rate * (1 - rate));
  CHECK(static_cast<double>(never_hired) <= expected + 4 * sd);
}

TEST_CASE("a seeker whose offer fell through may apply for that post again once they have held another",
          "[market][pool]") {
  // One seeker; A's only post fails half its offers, B's never. A seeker whose offer at A
  // failed takes B's post, leaves it for the pool within weeks (B's turnover, leavers to
  // other councils) and, barred from B by having left it, may take A's post again. When
  // the failed post was remembered for good, A never hired the seeker after a failure.
  auto s = wfsim::scenario::load_scenario_text(R"(
name: a failed offer, then another post
start: 2016-07-01
duration: 11 months
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0, offer_failure_probability: 0.5, approval_to_offer: 1 day}
        agency: {cover_vacancies: false, cover_absences: false}
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 12, notice: 0 days, destinations: {other_council: 1}}
        recruitment: {applicants_per_year: 0, approval_to_offer: 1 day}
        agency: {cover_vacancies: false, cover_absences: false}
labour_pool:
  - {role: social_worker, newly_qualified: {per_year: 1, month: 7}, leaving_per_year: 0}
labour_market: {seeker_waits: 0, review_interval: 14 days}
)",
                                               "test.yaml");
  const auto sink = test_support::run_in_memory(s, 400, 5);
  std::size_t failed = 0, hired_after = 0;
  for (const auto& t : sink.replications) {
    std::size_t first_failure = t.periods();
    for (std::size_t k = 0; k < t.periods() && first_failure == t.periods(); ++k) {
      if (t.at(Measure::offers_failed, 0, k) > 0) first_failure = k;
    }
    if (first_failure == t.periods()) continue;
    ++failed;
    for (std::size_t k = first_failure + 1; k < t.periods(); ++k) {
      if (t.at(Measure::starters_from_pool, 0, k) > 0) {
        ++hired_after;
        break;
      }
    }
  }
  INFO("replications with a failed offer at A " << failed << ", A hiring the seeker in a later month " << hired_after);
  REQUIRE(failed > 100);
  // When the failed post was kept for good, A never hired the seeker after a failure:
  // exactly 0, whatever the draws. Any such hire shows the bar lifted. A correct engine
  // hires after about one failure in five here (45 of 208 with this seed), so 0 would
  // be some 7 binomial sd below it: it does not fail by chance.
  CHECK(hired_after > 0);
}

TEST_CASE("a trainee's retention bond binds them at the council that trained them only", "[market][policies]") {
  // A trains many with a 10-year bond, but its offers nearly always fall through, so
  // its trainees go to the pool and B, with no applicants of its own, takes them. At B
  // they owe no bond: B's turnover (3 a year) shows in its leavers. When the bond
  // followed them, B's starters from the pool never left within the run.
  auto s = wfsim::scenario::load_scenario_text(R"(
name: a trainee hired elsewhere
start: 2016-01-01
duration: 2 years
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 20
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0, offer_failure_probability: 0.99, approval_to_offer: 1 day}
        agency: {cover_vacancies: false, cover_absences: false}
    policies:
      - {name: degree, kind: cohort, route: degree, role: social_worker, per_year: 40, month: 1,
         training: 0 days, retention_bond: 10 years}
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 20
        initial: {in_post: 0}
        leaving: {turnover_per_year: 3, notice: 0 days, destinations: {outside: 1}}
        recruitment: {applicants_per_year: 0, approval_to_offer: 1 day}
        agency: {cover_vacancies: false, cover_absences: false}
labour_pool:
  - {role: social_worker, leaving_per_year: 0}
labour_market: {seeker_waits: 0, review_interval: 14 days}
)",
                                               "test.yaml");
  const auto sink = test_support::run_in_memory(s, 20, 3);
  double hired_at_b = 0, left_b = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) {
      hired_at_b += t.at(Measure::starters_from_pool, 1, k);
      left_b += t.at(Measure::leavers_permanent, 1, k);
    }
  }
  INFO("B took " << hired_at_b << " trainees from the pool; " << left_b << " left B");
  REQUIRE(hired_at_b > 200);  // the case arose: about 20 a replication
  CHECK(left_b > hired_at_b / 2);
}

namespace {
// Council A alone in its market, with a pool that no one leaves: `role` adds to its
// social workers' keys, `markets` adds top-level keys (an agency supply).
wfsim::scenario::Scenario lone_council(const std::string& role, const std::string& markets = "") {
  return wfsim::scenario::load_scenario_text(R"(
name: lone
start: 2020-01-01
duration: 2 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 50
        recruitment: {applicants_per_year: 20}
)" + role + markets + R"(labour_pool:
  - {role: social_worker, leaving_per_year: 0}
)",
                                             "test.yaml");
}

// Over the replications: a flow of A's summed over the run, and its pool at the end.
std::pair<double, double> flow_and_pool_at_end(const wfsim::output::MemorySink& sink, Measure flow) {
  double total = 0, waiting = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) total += t.at(flow, 0, k);
    waiting += t.at(Measure::seeking_pool, 0, t.periods() - 1);
  }
  return {total, waiting};
}
}  // namespace

TEST_CASE("a lone council's leavers to another council leave the model, not wait in its pool", "[market]") {
  // A seeker never applies to the council they left, so in a market of one council its
  // leavers to another council waited in the pool, where no post would take them, until
  // they left it: with a pool no one leaves they piled up (46 a replication after five
  // years of Buckinghamshire; 591 in all here). Another council is outside the model,
  // as without a pool.
  const auto sink = test_support::run_in_memory(
      lone_council("        leaving: {turnover_per_year: 0.3, destinations: {other_council: 1}}\n"), 20, 5);
  const auto [movers, waiting] = flow_and_pool_at_end(sink, Measure::leavers_to_other_council);
  const double from_pool = flow_and_pool_at_end(sink, Measure::starters_from_pool).first;
  INFO(movers << " leavers to another council; " << waiting << " waiting in the pool at the end");
  REQUIRE(movers > 100);  // the case arose: about 15 a replication a year
  CHECK(waiting == 0);
  CHECK(from_pool == 0);
}

TEST_CASE("a lone council's former staff leaving agency work for a permanent post leave the model", "[market]") {
  // The same pile-up by another road: a permanent leaver to agency work who later leaves
  // it for a permanent post sought one in the pool, where the only council was the one
  // they had left (150 in all here after two years, none ever hired).
  const auto sink = test_support::run_in_memory(
      lone_council("        initial: {in_post: 40}\n"
                   "        leaving: {turnover_per_year: 0.3, destinations: {agency: 1}}\n"
                   "        agency: {leaving_per_year: 2}\n",
                   "agency_supply:\n"
                   "  - {role: social_worker, available_at_start: 0, joining_per_year: 0, leaving_per_year: 0,\n"
                   "     leave_at_assignment_end: 0.5, leaving_to_permanent: 1}\n"),
      20, 7);
  const auto [to_agency, waiting] = flow_and_pool_at_end(sink, Measure::leavers_to_agency);
  INFO(to_agency << " leavers to agency work; " << waiting << " waiting in the pool at the end");
  REQUIRE(to_agency > 100);  // the case arose
  CHECK(waiting == 0);
}

TEST_CASE("a seeker moving region does not go where the only council is the one they left", "[market]") {
  // The lone council's pile-up by a third road: its leavers seek in the neighbouring
  // region, and leaving that pool may move them back to their own region's, where the
  // only council is the one they left (7.2 a replication waiting there after two
  // years here, none ever hired, with A's posts vacant).
  const auto s = wfsim::scenario::load_scenario_text(R"(
name: bounce
start: 2020-01-01
duration: 2 years
regions:
  - {name: R1, neighbours: [R2]}
  - {name: R2}
authorities:
  - name: A
    region: R1
    roles:
      - name: social_worker
        permanent_posts: 50
        initial: {in_post: 40}
        leaving: {turnover_per_year: 0.3, destinations: {other_council: 1}}
        recruitment: {applicants_per_year: 0}
  - name: B
    region: R2
    roles:
      - name: social_worker
        permanent_posts: 10
        initial: {in_post: 10}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
labour_pool:
  - {role: social_worker, region: R1, leaving_per_year: 2}
  - {role: social_worker, region: R2, leaving_per_year: 2}
labour_market: {other_region: 5}
)",
                                                     "test.yaml");
  const auto sink = test_support::run_in_memory(s, 20, 9);
  double movers = 0, waiting_in_r1 = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) movers += t.at(Measure::leavers_to_other_council, 0, k);
    waiting_in_r1 += t.at(Measure::seeking_pool, 0, t.periods() - 1);  // A's row: its region's pool
  }
  INFO(movers << " of A's leavers to another council; " << waiting_in_r1 << " waiting in R1's pool at the end");
  REQUIRE(movers > 100);  // the case arose
  CHECK(waiting_in_r1 == 0);
}

TEST_CASE("a cooling-off rule cuts members' leavers going to agency, and moves the non-members", "[market][rules]") {
  // The South East with and without its MoC, on common random numbers (the no-MoC
  // scenario is the MoC one without rules: the same draws).
  const auto with = wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"));
  const auto without =
      wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"), {"rules=[]"});
  const auto a = test_support::run_in_memory(with, 200, 29, 2);
  const auto b = test_support::run_in_memory(without, 200, 29, 2);
  std::vector<std::size_t> members, non_members;
  for (std::size_t i = 0; i < with.parameters.authorities.size(); ++i) {
    const std::string& name = with.parameters.authorities[i].name;
    (name == "Reading" || name == "Windsor and Maidenhead" ? non_members : members).push_back(i);
  }
  auto paired = [&](auto value) {
    std::vector<double> d;
    for (std::size_t r = 0; r < a.replications.size(); ++r)
      d.push_back(value(a.replications[r]) - value(b.replications[r]));
    return test_support::mean_and_se(d);
  };
  auto total = [](const wfsim::model::SeriesTable& t, Measure m, const std::vector<std::size_t>& rows) {
    double sum = 0;
    for (const std::size_t row : rows) {
      for (std::size_t k = 0; k < t.periods(); ++k) sum += t.at(m, row, k);
    }
    return sum;
  };
  // The share of members' permanent leavers who go to agency work falls, by more than
  // 4 standard errors of the paired difference (a false alarm 1 time in 30,000).
  const Summary to_agency = paired([&](const wfsim::model::SeriesTable& t) {
    return total(t, Measure::leavers_to_agency, members) / total(t, Measure::leavers_permanent, members);
  });
  INFO("members' leavers to agency, MoC minus none: " << to_agency.mean << " (SE " << to_agency.se << ")");
  CHECK(to_agency.mean + 4 * to_agency.se < 0);
  // Engagements are refused: barred leavers' choices fall on members' bookings (a
  // refusal counts a choice the rule stopped, each worker once a month per council).
  const Summary refused = over_replications(a, [&](const wfsim::model::SeriesTable& t) {
    return total(t, Measure::agency_engagements_refused, members) / static_cast<double>(t.periods());
  });
  INFO("engagements refused a month: " << refused.mean);
  CHECK(refused.mean > 1);
  // Non-members engage members' leavers (leakage), and their agency share moves.
  CHECK(over_replications(a, [&](const wfsim::model::SeriesTable& t) {
          return total(t, Measure::agency_leakage, non_members);
        }).mean > 0);
  // Leakage counts engagements: never more in a month than the agency workers a
  // non-member took on (it once counted every screening of a barred worker).
  std::size_t checked = 0;
  for (const auto& t : a.replications) {
    for (const std::size_t row : non_members) {
      for (std::size_t k = 0; k < t.periods(); ++k, ++checked) {
        INFO("row " << row << ", period " << k);
        REQUIRE(t.at(Measure::agency_leakage, row, k) <= t.at(Measure::starters_agency, row, k));
      }
    }
  }
  CHECK(checked > 1000);
  const Summary share = paired([&](const wfsim::model::SeriesTable& t) {
    return total(t, Measure::agency_share, non_members) / static_cast<double>(t.periods());
  });
  INFO("non-members' agency share, MoC minus none: " << share.mean << " (SE " << share.se << ")");
  // It falls (regional-rules.md: -0.71 points in December 2016, the MoC's first): fewer
  // leavers go to agency work, so fewer agency workers are about, and the members'
  // barred leavers seek permanent posts, some of them at the non-members. Averaged over
  // the run and summed over the two non-members, -1.52 points (SE 0.17) on these 200
  // replications; on 60 it was only 4.3 SE from 0.
  CHECK(share.mean + 4 * share.se < 0);
}

namespace {
// The paired difference, first minus second (200 replications each), of the share of
// the region's permanent leavers (its total row) who went to agency work from May to
// September.
Summary leavers_to_agency_may_to_september(const wfsim::scenario::Scenario& first,
                                           const wfsim::scenario::Scenario& second) {
  const auto a = test_support::run_in_memory(first, 200, 31, 2);
  const auto b = test_support::run_in_memory(second, 200, 31, 2);
  const std::size_t region = first.parameters.authorities.size();
  auto share = [&](const wfsim::model::SeriesTable& t) {
    double to_agency = 0, leavers = 0;
    for (std::size_t k = 4; k < t.periods(); ++k) {
      to_agency += t.at(Measure::leavers_to_agency, region, k);
      leavers += t.at(Measure::leavers_permanent, region, k);
    }
    return to_agency / leavers;
  };
  std::vector<double> d;
  for (std::size_t r = 0; r < a.replications.size(); ++r)
    d.push_back(share(a.replications[r]) - share(b.replications[r]));
  return test_support::mean_and_se(d);
}
}  // namespace

TEST_CASE("a leaver weighs a bar only until its rule ends", "[market][rules]") {
  // The South East's MoC, ending on 1 October 2016 or never, on common random numbers:
  // until it ends the two runs see the same rule, so any difference in who goes to
  // agency work comes from the leavers' look-ahead. One leaving in August under a rule
  // that ends in October waits two months to work for a member, not six: more of them
  // choose agency work. (Before, they weighed the whole bar, and the runs were the
  // same to the bit until October.)
  const std::string file = test_support::scenario_path("south-east-moc-2016.yaml");
  const auto ending = wfsim::scenario::load_scenario_file(file, {"duration=9 months", "rules[0].until=2016-10-01"});
  const auto lasting = wfsim::scenario::load_scenario_file(file, {"duration=9 months"});
  const Summary d = leavers_to_agency_may_to_september(ending, lasting);
  INFO("leavers to agency, May to September, rule ending in October minus lasting: " << d.mean << " (SE " << d.se
                                                                                     << ")");
  CHECK(d.mean > 4 * d.se);
}

TEST_CASE("a leaver weighs a bar only until the council's membership ends", "[market][rules]") {
  // As above, with the MoC's rule lasting and every council's membership of it ending
  // on 1 October 2016: until then the runs see the same members, so a difference in
  // who goes to agency work comes from the leavers' look-ahead alone. (Before, only the
  // rule's own end was weighed, and the runs were the same to the bit until October.)
  const std::string file = test_support::scenario_path("south-east-moc-2016.yaml");
  const auto lasting = wfsim::scenario::load_scenario_file(file, {"duration=9 months"});
  std::string members = "rules[0].members=[";
  for (const auto& m : lasting.parameters.rules[0].members) {
    members += "{authority: \"" + lasting.parameters.authorities[m.authority].name + "\", until: 2016-10-01}, ";
  }
  members.replace(members.size() - 2, 2, "]");
  const auto ending = wfsim::scenario::load_scenario_file(file, {"duration=9 months", members});
  const Summary d = leavers_to_agency_may_to_september(ending, lasting);
  INFO("leavers to agency, May to September, memberships ending in October minus lasting: " << d.mean << " (SE " << d.se
                                                                                            << ")");
  CHECK(d.mean > 4 * d.se);
}

namespace {
std::string priced(const std::string& cap) {
  return R"(
name: priced
start: 2020-01-01
duration: 3 months
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 10
        initial: {in_post: 5, agency_covering_vacancies: 5}
        pay: {agency_rate_per_hour: 40, agency_margin_per_hour: 4, agency_employer_costs: 0.143}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
rules:
  - {name: cap, kind: rate_cap, members: all, from: 2020-02-01, )" +
         cap + "}\n";
}
}  // namespace

TEST_CASE("a rate cap binds the charge, the worker's pay, or pay and employer costs", "[market][rules]") {
  // The charge rate £40 pays the worker (40 - 4) / 1.143 = £31.50. From February, a cap:
  // - on pay at £28: the worker gets £28, the council pays 28 x 1.143 + 4 = £36.004;
  // - on pay and employer costs at £33: the worker gets 33 / 1.143, the council £37;
  // - on the charge at £35: the council pays £35, the worker (35 - 4) / 1.143.
  const std::pair<std::string, double> cases[] = {
      {"applies_to: pay_rate, caps_per_hour: {social_worker: 28}", 28 * 1.143 + 4},
      {"applies_to: pay_and_employer_costs, caps_per_hour: {social_worker: 33}", 33.0 / 1.143 * 1.143 + 4},
      {"caps_per_hour: {social_worker: 35}", (35.0 - 4) / 1.143 * 1.143 + 4},
  };
  for (const auto& [cap, charge] : cases) {
    const auto sink = test_support::run_text(priced(cap), 1);
    const auto& t = sink.replications[0];
    INFO(cap);
    CHECK(t.at(Measure::agency_rate_paid, 0, 0) == Approx(40.0).epsilon(1e-12));  // January: no cap yet
    CHECK(t.at(Measure::agency_rate_paid, 0, 1) == Approx(charge).epsilon(1e-12));
    CHECK(t.at(Measure::agency_rate_cap, 0, 1) == Approx(charge).epsilon(1e-12));
  }
}

TEST_CASE("a council's rate cap is its lowest over its roles, whichever is listed first", "[market][rules]") {
  // The figure was the first listed role's cap: with team managers listed before social
  // workers, the council showed the managers' £50, and listed after, the workers' £35.
  // A role of `posts`, half of them covered by agency workers at `rate` an hour.
  const auto role = [](const std::string& name, int posts, int rate) {
    return "      - name: " + name + "\n        permanent_posts: " + std::to_string(posts) +
           "\n        initial: {in_post: " + std::to_string(posts / 2) +
           ", agency_covering_vacancies: " + std::to_string(posts / 2) +
           "}\n        pay: {agency_rate_per_hour: " + std::to_string(rate) +
           ", agency_margin_per_hour: 4, agency_employer_costs: 0.143}\n"
           "        leaving: {turnover_per_year: 0}\n        recruitment: {applicants_per_year: 0}\n";
  };
  const std::string role_text[] = {role("social_worker", 10, 40), role("team_manager", 4, 60)};
  for (const bool managers_first : {false, true}) {
    const std::string text =
        "name: two roles\nstart: 2020-01-01\nduration: 3 months\nauthorities:\n  - name: A\n"
        "    roles:\n" +
        role_text[managers_first ? 1 : 0] + role_text[managers_first ? 0 : 1] +
        "rules:\n  - {name: cap, kind: rate_cap, members: all, from: 2020-02-01, "
        "caps_per_hour: {social_worker: 35, team_manager: 50}}\n";
    const auto sink = test_support::run_text(text, 1);
    const auto& t = sink.replications[0];
    INFO("team managers listed first: " << managers_first);
    CHECK(std::isnan(t.at(Measure::agency_rate_cap, 0, 0)));  // January: no cap yet
    CHECK(t.at(Measure::agency_rate_cap, 0, 1) == 35.0);
    CHECK(t.at(Measure::agency_rate_cap, 0, 2) == 35.0);
  }
}

namespace {
// One council drawing agency workers from a market whose joiners answer pay (elasticity
// 2, 200 a year at the reference), under a pay cap at 0.8 of the rate from `cap_from`.
std::string supply_scenario(const std::string& duration, const std::string& cap_from) {
  return R"(
name: supply
start: 2020-01-01
duration: )" +
         duration +
         R"(
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 10
        pay: {agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0}
agency_supply:
  - {role: social_worker, available_at_start: 0, joining_per_year: 200, leaving_per_year: 12, supply_elasticity: 2}
rules:
  - {name: cap, kind: rate_cap, applies_to: pay_rate, members: all, from: )" +
         cap_from + R"(, caps_per_hour: {social_worker: 32}}
)";
}

// Joiners from outside into the market, summed over replications, in periods [from, to).
double joiners_in(const wfsim::output::MemorySink& sink, std::size_t from, std::size_t to) {
  const auto& f = sink.flows;
  const std::size_t c = f.categories;
  const std::size_t outside = c - 1, pool = c - 3;
  double joiners = 0;
  for (std::size_t k = from; k < to; ++k)
    joiners += static_cast<double>(f.counts[(outside * c + pool) * f.periods + k]);
  return joiners;
}
}  // namespace

TEST_CASE("agency supply to the region answers its pay", "[market][statistics]") {
  // Joiners at 200 a year while the region pays its own rate; from the second year a
  // pay cap at 0.8 of it, with a supply elasticity of 2: 200 x 0.8^2 = 128 a year. The
  // flow from outside into the market, summed over replications, in each year.
  const std::size_t replications = 100;
  const auto sink = test_support::run_text(supply_scenario("2 years", "2021-01-01"), replications, 31, 2);
  const double first = joiners_in(sink, 0, 12), second = joiners_in(sink, 12, 24);
  const double n = static_cast<double>(replications);
  // Poisson counts: the ratio's standard error by the delta method.
  const double ratio = second / first;
  const double se = ratio * std::sqrt(1 / first + 1 / second);
  INFO("joiners " << first / n << " then " << second / n << " a year; ratio " << ratio << " (SE " << se << ")");
  CHECK(first / n == Approx(200).margin(4 * std::sqrt(200 / n)));
  CHECK(std::abs(ratio - 0.64) < 4 * se);
}

TEST_CASE("a pay cap in force at the start sets the joiners' rate once", "[market][statistics]") {
  // As above, with the cap in force from before the start: 200 x 0.8^2 = 128 joiners a
  // year from the first day. The start's repricing queued a joiner and the market's
  // start queued another beside it, so two chains ran: 256 a year, whenever a market
  // with a supply elasticity began at a pay other than its reference (England's West
  // Midlands, capped since 2015).
  const std::size_t replications = 100;
  const auto sink = test_support::run_text(supply_scenario("1 year", "2019-01-01"), replications, 41, 2);
  const double n = static_cast<double>(replications);
  const double joiners = joiners_in(sink, 0, 12);
  INFO("joiners " << joiners / n << " a year");
  CHECK(joiners / n == Approx(128).margin(4 * std::sqrt(128 / n)));  // Poisson standard error
}

TEST_CASE("joiners weigh the pay of their own tier when a cap binds only the newly qualified",
          "[market][rules][statistics]") {
  // The cap of 32 (0.8 of the reference 40, elasticity 2: a factor of 0.64) binds
  // joiners who qualified on or after 2010-01-01. Joiners' experience is uniform over 0
  // to 20 years, so at 2020 + t years the cap binds a share s = (10 + t) / 20 of them,
  // and they join at 200 (1 - s + 0.64 s) a year: 200 (1 - 0.36 x 10.5 / 20) = 162.2
  // in the first year, 158.6 in the second. Joiners once answered the pay of the
  // workers no cap binds alone: 200 a year whatever the cap.
  const std::string text = [] {
    std::string t = supply_scenario("2 years", "2019-01-01");
    t.replace(t.find("supply_elasticity: 2}"), 21,
              "supply_elasticity: 2, experience: {distribution: uniform, min: 0 years, max: 20 years}}");
    t.replace(t.find("caps_per_hour"), 13, "qualified_after: 2010-01-01, caps_per_hour");
    return t;
  }();
  const std::size_t replications = 400;
  const auto sink = test_support::run_text(text, replications, 53, 2);
  const double n = static_cast<double>(replications);
  for (const int year : {0, 1}) {
    const double expected = 200 * (1 - 0.36 * (10.5 + year) / 20);
    const auto from = 12 * static_cast<std::size_t>(year);
    const double mean = joiners_in(sink, from, from + 12) / n;
    INFO("year " << year + 1 << ": joiners " << mean << " a year, expected " << expected);
    CHECK(mean == Approx(expected).margin(4 * std::sqrt(expected / n)));  // Poisson SE
  }
  // A cap that binds everyone who ever qualified draws as many as one on everyone: 128
  // a year. qualified_after 1900 once drew 200.
  std::string everyone = supply_scenario("1 year", "2019-01-01");
  everyone.replace(everyone.find("caps_per_hour"), 13, "qualified_after: 1900-01-01, caps_per_hour");
  const auto all = test_support::run_text(everyone, 100, 41, 2);
  INFO("joiners " << joiners_in(all, 0, 12) / 100 << " a year");
  CHECK(joiners_in(all, 0, 12) / 100 == Approx(128).margin(4 * std::sqrt(128 / 100.0)));
}

TEST_CASE("the joiners a cap binds come at their own tier's rate, and the others at theirs",
          "[market][rules][statistics]") {
  // Joiners of 1 or 30 years' experience, half each; a cap on those who qualified from
  // 2010 binds the 1-year ones (0.64 of the rate, as above) and not the 30-year ones.
  // An experience rule of 5 years keeps the bound ones idle and barred, where they leave
  // at 12 a year: the barred idle are a stock of mean 200 x 0.5 x 0.64 / 12 = 5.33.
  // Had the rate been cut by the mix, 0.82, with joiners drawn half and half, it would
  // be 200 x 0.82 x 0.5 / 12 = 6.83, and the 30-year ones would join too few.
  std::string text = supply_scenario("2 years", "2019-01-01");
  text.replace(text.find("supply_elasticity: 2}"), 21,
               "supply_elasticity: 2, experience: {distribution: empirical, values: [1 year, 30 years]}}");
  text.replace(text.find("caps_per_hour"), 13, "qualified_after: 2010-01-01, caps_per_hour");
  text += "  - {name: experience, kind: experience, min_experience: 5 years, members: all}\n";
  const std::size_t replications = 100;
  const auto sink = test_support::run_text(text, replications, 67, 2);
  // Each replication's mean of the monthly stock after a month or two, when it has
  // settled; the standard error from those means (it was a Poisson figure widened by
  // hand for the months' correlation: a test audit).
  const Summary stock = over_replications(sink, [](const wfsim::model::SeriesTable& t) {
    double barred = 0;
    for (std::size_t k = 2; k < 24; ++k) barred += t.at(Measure::agency_idle_barred, 0, k);
    return barred / 22;
  });
  INFO("barred idle " << stock.mean << " on average (SE " << stock.se << "), expected 5.33");
  CHECK(stock.se > 0);
  CHECK(stock.mean == Approx(200 * 0.5 * 0.64 / 12).margin(4 * stock.se));
  const double joiners = joiners_in(sink, 0, 24) / static_cast<double>(replications) / 2;
  CHECK(joiners == Approx(200 * 0.82).margin(4 * std::sqrt(164 / 200.0)));
}

TEST_CASE("a cap on the newly qualified of one region leaves another region's draws as they were", "[market][rules]") {
  // Two regions, not neighbours, their joiners' experience spread and an experience
  // rule reading it. The cap binds region North's council only. Where it binds nobody
  // (South), a run with qualified_after and one without it must be the same draw for
  // draw: the would-be joiners' keep draw once came from the experience stream of every
  // market, and South's barred idle workers differed.
  const auto scenario = [](const std::string& cap_terms) {
    return R"(name: two regions
start: 2019-01-01
duration: 2 years
regions: [{name: North}, {name: South}]
authorities:
  - {name: A, region: North, roles: [{name: social_worker, permanent_posts: 30, initial: {in_post: 20},
     pay: {agency_rate_per_hour: 40, salary_per_year: 30000}, leaving: {turnover_per_year: 0.2},
     recruitment: {applicants_per_year: 4}}]}
  - {name: B, region: South, roles: [{name: social_worker, permanent_posts: 30, initial: {in_post: 20},
     pay: {agency_rate_per_hour: 40, salary_per_year: 30000}, leaving: {turnover_per_year: 0.2},
     recruitment: {applicants_per_year: 4}}]}
agency_supply:
  - {role: social_worker, region: North, available_at_start: 0, joining_per_year: 30, leaving_per_year: 6,
     supply_elasticity: 2, experience: {distribution: uniform, min: 0 years, max: 20 years}}
  - {role: social_worker, region: South, available_at_start: 0, joining_per_year: 30, leaving_per_year: 6,
     supply_elasticity: 2, experience: {distribution: uniform, min: 0 years, max: 20 years}}
rules:
  - {name: cap, kind: rate_cap, applies_to: pay_rate, members: [A], )" +
           cap_terms + R"(caps_per_hour: {social_worker: 32}}
  - {name: experience, kind: experience, min_experience: 3 years, members: all}
)";
  };
  const auto tiered = test_support::run_text(scenario("qualified_after: 2010-01-01, "), 8, 71, 2);
  const auto flat = test_support::run_text(scenario(""), 8, 71, 2);
  const std::size_t north = 0, south = 1;
  std::size_t north_differs = 0;
  for (std::size_t r = 0; r < 8; ++r) {
    for (const Measure m : {Measure::agency_headcount, Measure::agency_idle, Measure::agency_idle_barred,
                            Measure::starters_agency, Measure::permanent_headcount, Measure::vacancies}) {
      for (std::size_t k = 0; k < tiered.replications[r].periods(); ++k) {
        INFO("replication " << r << ", period " << k);
        REQUIRE(tiered.replications[r].at(m, south, k) == flat.replications[r].at(m, south, k));
        if (tiered.replications[r].at(m, north, k) != flat.replications[r].at(m, north, k)) ++north_differs;
      }
    }
  }
  // The cap does bind in the North, so South's sameness is not that of a cap gone idle.
  CHECK(north_differs > 0);
}

namespace {
// One council of 100 posts, none refilled, no turnover, 14% of its bookings off
// contract at £50 an hour against £40 (Sunderland: 16 of 114), unlimited agency supply.
std::string one_council_off_contract(const std::string& duration, const std::string& initial) {
  return R"(
name: contracts
start: 2020-01-01
duration: )" +
         duration + R"(
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 100
        initial: {)" +
         initial + R"(}
        pay: {agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {off_contract_share: 0.14, off_contract_rate_per_hour: 50}
)";
}
}  // namespace

TEST_CASE("bookings off the supplier contract cost their own rate", "[market]") {
  // 14% of bookings off contract at £50 an hour, the rest at £40 (Sunderland: 16 of
  // 114 off contract). Every vacancy is covered from an unlimited supply: the share of
  // agency workers off contract, and the mean rate paid, over 300 replications.
  const auto sink = test_support::run_text(one_council_off_contract("6 months", "in_post: 0"), 300, 37, 2);
  const Summary off = over_replications(sink, [](const wfsim::model::SeriesTable& t) {
    return t.at(Measure::agency_off_contract, 0, 5) / t.at(Measure::agency_headcount, 0, 5);
  });
  INFO("share off contract " << off.mean << " (SE " << off.se << ")");
  CHECK(std::abs(off.mean - 0.14) < 4 * off.se);
  const Summary rate =
      over_replications(sink, [](const wfsim::model::SeriesTable& t) { return t.at(Measure::agency_rate_paid, 0, 5); });
  INFO("rate paid " << rate.mean << " (SE " << rate.se << ")");
  CHECK(std::abs(rate.mean - (0.86 * 40 + 0.14 * 50)) < 4 * rate.se);
}

TEST_CASE("agency workers placed at the start are off contract at the role's share", "[market]") {
  // Placed all on contract, Sunderland 2016's share off contract rose from 2% in the
  // first month to 12% in the fifteenth, against the 14% its bookings are made at. 60
  // agency workers at the start, no turnover, no bookings: the first month's share is
  // the placements' alone.
  const auto sink = test_support::run_text(
      one_council_off_contract("1 month", "in_post: 40, agency_covering_vacancies: 60"), 300, 41, 2);
  const Summary off = over_replications(sink, [](const wfsim::model::SeriesTable& t) {
    return t.at(Measure::agency_off_contract, 0, 0) / t.at(Measure::agency_headcount, 0, 0);
  });
  INFO("share off contract in the first month " << off.mean << " (SE " << off.se << ")");
  CHECK(off.se < 0.01);  // the check has power: the old start's 0 is 14 or more SEs away
  CHECK(std::abs(off.mean - 0.14) < 4 * off.se);
}

TEST_CASE("a free worker weighs a council's bookings on and off contract each at its own pay", "[market]") {
  // One council, half its bookings off contract, and a backlog of 30 at the start that
  // a scarce market works through over the first year. With the two contracts paying
  // alike, free workers take them in proportion, and the share of agency workers off
  // contract is the bookings' half. Off contract paying twice as much, they take those
  // first: the share rises while the backlog lasts. (Once every booking is filled in
  // its turn, the share is the bookings' whatever the rates: preference decides which
  // bookings wait, not how many of each are filled.) Until 2026-12-05 a council's
  // bookings were all weighed at the contract of the oldest, and the worker took the
  // oldest, so the share stayed at the bookings' half whatever the rates.
  const auto share_off = [](const char* off_rate) {
    const std::string text = std::string(R"(
name: contracts
start: 2020-01-01
duration: 1 year
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 100
        initial: {in_post: 60, agency_covering_vacancies: 10}
        pay: {agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 7 days, leaving_per_year: 1.0, off_contract_share: 0.5,
                 off_contract_rate_per_hour: )") +
                             off_rate + R"(}
agency_supply:
  - {role: social_worker, available_at_start: 0, joining_per_year: 12, leaving_per_year: 4,
     leave_at_assignment_end: 0.2}
)";
    const auto sink = test_support::run_text(text, 200, 43, 2);
    std::vector<double> shares;
    for (const auto& t : sink.replications) {
      double off = 0, all = 0;
      for (std::size_t k = 0; k < t.periods(); ++k) {
        off += t.at(Measure::agency_off_contract, 0, k);
        all += t.at(Measure::agency_headcount, 0, k);
      }
      shares.push_back(off / all);
    }
    return shares;
  };
  const auto alike = share_off("40"), dearer = share_off("80");
  const auto [alike_mean, alike_se] = test_support::mean_and_se(alike);
  std::vector<double> gap;
  for (std::size_t r = 0; r < alike.size(); ++r) gap.push_back(dearer[r] - alike[r]);
  const auto [gap_mean, gap_se] = test_support::mean_and_se(gap);
  INFO("share off contract, the rates alike: " << alike_mean << " (SE " << alike_se << "); twice the rate off "
                                               << "contract raises it by " << gap_mean << " (SE " << gap_se << ")");
  CHECK(std::abs(alike_mean - 0.5) < 4 * alike_se);
  CHECK(gap_mean > 4 * gap_se);
}

TEST_CASE("a council's waiting bookings, on and off contract, stay as their posts say", "[market]") {
  // Two councils sharing a scarce market, half their bookings off contract at a higher
  // rate, so each council has bookings waiting on both contracts. The market keeps each
  // council's count on each contract beside the others' (AgencyMarket::WaitingAt), a
  // queue per contract, and drops stale entries as they reach a queue's front: the
  // audit, at every period end, checks counts, queues and contracts against the posts.
  // Many replications, so that fronts change by engagements and by cancelled bookings
  // alike.
  std::string text = twins();
  const std::string agency = "agency: {booking_delay: 7 days, leaving_per_year: 1.0}";
  REQUIRE(text.find(agency) != std::string::npos);
  text.replace(text.find(agency), agency.size(),
               "agency: {booking_delay: 7 days, leaving_per_year: 1.0, off_contract_share: 0.5, "
               "off_contract_rate_per_hour: 60}");
  auto s = wfsim::scenario::load_scenario_text(text, "test.yaml");
  s.parameters.audit = true;
  double waiting = 0, off_contract = 0;
  REQUIRE_NOTHROW([&] {
    const auto sink = test_support::run_in_memory(s, 60, 1);
    for (const auto& t : sink.replications) {
      for (std::size_t k = 0; k < t.periods(); ++k) {
        waiting += t.at(Measure::agency_bookings_waiting, 2, k);
        off_contract += t.at(Measure::agency_off_contract, 2, k);
      }
    }
  }());
  // The case arose: bookings waited, and agency workers off contract were engaged.
  CHECK(waiting > 60);
  CHECK(off_contract > 60);
}

namespace {
std::string paid_nothing(const std::string& pay, const std::string& cap) {
  return R"(
name: paid nothing
start: 2020-01-01
duration: 1 year
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 40
        initial: {in_post: 20, agency_covering_vacancies: 10}
        )" +
         pay + R"(
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {leaving_per_year: 2}
agency_supply:
  - {role: social_worker, available_at_start: 5, joining_per_year: 50, leaving_per_year: 6, supply_elasticity: 1.5}
)" + cap;
}
}  // namespace

TEST_CASE("agency supply without pay, or capped to nothing", "[market][rules]") {
  // Without rates pay is not modelled: the supply elasticity changes nothing, and the
  // run is the run without it.
  const auto without_rates = test_support::run_text(paid_nothing("pay: {}", ""), 20, 41);
  std::string inelastic = paid_nothing("pay: {}", "");
  inelastic.replace(inelastic.find("supply_elasticity: 1.5"), 22, "supply_elasticity: 0");
  const auto reference = test_support::run_text(inelastic, 20, 41);
  for (std::size_t r = 0; r < 20; ++r) {
    const auto x = without_rates.replications[r].values();
    const auto y = reference.replications[r].values();
    REQUIRE(x.size() == y.size());
    CHECK(std::memcmp(x.data(), y.data(), x.size_bytes()) == 0);  // bit for bit, NaNs included
  }
  // A charge cap of £3 under a £4 margin leaves the worker nothing: from the cap on,
  // nobody takes a booking and nobody joins.
  const auto capped =
      test_support::run_text(paid_nothing("pay: {agency_rate_per_hour: 40, agency_margin_per_hour: 4}",
                                          "rules:\n  - {name: cap, kind: rate_cap, members: all, from: 2020-04-01, "
                                          "caps_per_hour: {social_worker: 3}}\n"),
                             20, 43);
  double before = 0, after = 0;
  for (const auto& t : capped.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) (k < 3 ? before : after) += t.at(Measure::starters_agency, 0, k);
  }
  CHECK(before > 0);
  CHECK(after == 0);
}

TEST_CASE("a booking nobody would take at its pay draws nothing from the market", "[market][rules]") {
  // Z charges exactly the agency's margin, so its agency workers would be paid nothing
  // and nobody takes its bookings. Whether Z books cover or not, X's results must be
  // the same draw for draw: a booking at Z with idle workers about took a draw for no
  // choice, and moved X's market (an audit: X's idle workers differed in 30 of 30
  // replications).
  auto zero_pay = [](bool z_books) {
    return std::string(R"(
name: zero pay council
start: 2024-01-01
duration: 2 years
warm_start: false
authorities:
  - name: X
    neighbours: [Z]
    roles:
      - name: social_worker
        permanent_posts: 100
        initial: {in_post: 85, agency_covering_vacancies: 10}
        pay: {salary_per_year: 40000, agency_rate_per_hour: 45, agency_margin_per_hour: 4}
        leaving: {turnover_per_year: 0.2, notice: 1 month, destinations: {outside: 0.7, agency: 0.3}}
        recruitment: {approval_to_offer: 20 days, offer_to_start: 40 days, applicants_per_year: 15}
        agency: {booking_delay: {distribution: exponential, mean: 10 days}, leaving_per_year: 3}
  - name: Z
    neighbours: [X]
    roles:
      - name: social_worker
        permanent_posts: 50
        initial: {in_post: 45}
        pay: {salary_per_year: 40000, agency_rate_per_hour: 4, agency_margin_per_hour: 4}
        leaving: {turnover_per_year: 0.2, notice: 1 month}
        recruitment: {approval_to_offer: 20 days, offer_to_start: 40 days, applicants_per_year: 10}
        agency: {booking_delay: {distribution: exponential, mean: 10 days}, cover_vacancies: )") +
           (z_books ? "true" : "false") + R"(}
agency_supply:
  - {role: social_worker, available_at_start: 20, joining_per_year: 30, leaving_per_year: 2}
)";
  };
  // With a rule that refuses workers at Z too: a refusal queued a review, whose draw
  // moved the market as the booking's own draw did (a review: 10 of 10 replications).
  const std::string rule =
      "rules:\n  - {name: c, kind: cooling_off, scope: other_members, length: 6 months, "
      "from: 2024-01-01, members: all}\n";
  for (const std::string& rules : {std::string(), rule}) {
    const auto booking = test_support::run_text(zero_pay(true) + rules, 30, 5);
    const auto not_booking = test_support::run_text(zero_pay(false) + rules, 30, 5);
    double waiting_at_z = 0;
    for (std::size_t r = 0; r < 30; ++r) {
      const auto& a = booking.replications[r];
      const auto& b = not_booking.replications[r];
      REQUIRE(a.periods() == b.periods());
      for (std::size_t m = 0; m < wfsim::model::kMeasureCount; ++m) {
        for (std::size_t k = 0; k < a.periods(); ++k) {
          const double x = a.at(static_cast<Measure>(m), 0, k), y = b.at(static_cast<Measure>(m), 0, k);
          INFO((rules.empty() ? "no rule" : "a cooling-off")
               << ", replication " << r << ", measure " << m << ", month " << k);
          REQUIRE(std::memcmp(&x, &y, sizeof x) == 0);  // bit for bit, NaNs included
        }
      }
      waiting_at_z += a.at(Measure::agency_bookings_waiting, 1, a.periods() - 1);
    }
    CHECK(waiting_at_z > 0);  // Z did book, and nobody took its bookings
  }
}

namespace {
// Two councils with 10,000 posts waiting each and nobody in post, no applicants of
// their own and no agency cover; the pool's arrivals never wait (seeker_waits at its
// bound) and weigh every council alike wherever they live and however short-staffed
// (travel and workload 0): so each arrival
// takes council B's posts with chance e^a W_B / (e^a W_B + W_A), a being B's
// appeal_to_seekers and W the posts waiting, which the year's few hundred starters
// move by under 3%.
std::string pool_choosing_between(double b_appeal) {
  const std::string role = R"(
    roles:
      - name: social_worker
        permanent_posts: 10000
        initial: {in_post: 0}
        pay: {salary_per_year: 33000, agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0.0}
        recruitment: {approval_to_offer: 0 days, offer_to_start: 0 days, applicants_per_year: 0,
                      appeal_to_seekers: )";
  const std::string agency = R"(}
        agency: {cover_vacancies: false}
)";
  return R"(
name: appeal
start: 2020-01-01
duration: 1 year
authorities:
  - name: A)" +
         role + "0" + agency + "  - name: B" + role + std::to_string(b_appeal) + agency + R"(labour_pool:
  - {role: social_worker, arrivals_per_year: 200, leaving_per_year: 0}
labour_market: {neighbour: 0, region: 0, workload: 0, seeker_waits: -50}
)";
}
}  // namespace

TEST_CASE("a council's appeal to seekers weighs its posts in their choice by e^appeal", "[market][pool][statistics]") {
  for (const double factor : {1.0, 3.0}) {
    const auto sink = test_support::run_text(pool_choosing_between(std::log(factor)), 100, 41, 2);
    double a = 0, b = 0;
    for (const auto& t : sink.replications) {
      for (std::size_t k = 0; k < t.periods(); ++k) {
        a += t.at(Measure::starters_from_pool, 0, k);
        b += t.at(Measure::starters_from_pool, 1, k);
      }
    }
    // Each choice is a Bernoulli trial with chance p of B; the posts taken lower p by
    // about 0.001 on average, 0.3 standard errors here.
    const double p = factor / (factor + 1);
    const double n = a + b;
    INFO("appeal e^a = " << factor << ": A " << a << ", B " << b);
    REQUIRE(n > 15000);
    CHECK(std::abs(b / n - p) <= 4 * std::sqrt(p * (1 - p) / n));
  }
}

namespace {
// One council with posts opening as its workers leave, filled only from the pool: a
// seeker weighs its posts against waiting both when choosing among posts waiting and
// when a post opens. Every weight but waiting's carries e^appeal, so only
// appeal - seeker_waits can matter.
std::string one_council_pool(const std::string& appeal, const std::string& seeker_waits) {
  return R"(
name: one council's appeal
start: 2020-01-01
duration: 2 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 100
        initial: {in_post: 100}
        pay: {salary_per_year: 33000, agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0.5, notice: 1 month, destinations: {outside: 1.0}}
        recruitment: {approval_to_offer: 0 days, offer_to_start: 0 days, applicants_per_year: 0,
                      appeal_to_seekers: )" +
         appeal + R"(}
        agency: {cover_vacancies: false}
labour_pool:
  - {role: social_worker, arrivals_per_year: 100, leaving_per_year: 12}
labour_market: {workload: 0, review_interval: 60 days, seeker_waits: )" +
         seeker_waits + "}\n";
}

// Per replication, the workers the council started from the pool over the run.
double pool_starters(const wfsim::model::SeriesTable& t) {
  double n = 0;
  for (std::size_t k = 0; k < t.periods(); ++k) n += t.at(Measure::starters_from_pool, 0, k);
  return n;
}

// Mean and standard error of the paired difference of pool starters between two runs
// of the same seed.
Summary paired_difference(const wfsim::output::MemorySink& x, const wfsim::output::MemorySink& y) {
  std::vector<double> d;
  for (std::size_t r = 0; r < x.replications.size(); ++r) {
    d.push_back(pool_starters(x.replications[r]) - pool_starters(y.replications[r]));
  }
  return test_support::mean_and_se(d);
}

// Replications of the same seed whose pool starters differ between two runs.
std::size_t replications_differing(const wfsim::output::MemorySink& x, const wfsim::output::MemorySink& y) {
  std::size_t n = 0;
  for (std::size_t r = 0; r < x.replications.size(); ++r) {
    n += pool_starters(x.replications[r]) != pool_starters(y.replications[r]) ? 1 : 0;
  }
  return n;
}
}  // namespace

TEST_CASE("a council's appeal weighs against waiting alike when a seeker chooses and when a post opens",
          "[market][pool]") {
  // An appeal of 2 against waiting's 4 is an appeal of 0 against 2, both when a
  // seeker chooses among posts waiting and when a post opens to the seekers waiting
  // (the council starts with every post filled, so its first posts open to them): the
  // same draws give the same workers started from the pool, replication by
  // replication. (Weights e^2 x w against e^4, and w against e^2, may differ in their
  // last bit, which could turn a draw on the boundary: 2 replications of 200 are
  // allowed to differ. With the appeal left out of a post's opening, most differ.)
  const auto appealing = test_support::run_text(one_council_pool("2", "4"), 200, 43, 2);
  const auto waiting_less = test_support::run_text(one_council_pool("0", "2"), 200, 43, 2);
  const auto plain = test_support::run_text(one_council_pool("0", "4"), 200, 43, 2);
  CHECK(replications_differing(appealing, waiting_less) <= 2);
  // And the appeal matters here: without it the council starts fewer from the pool.
  const Summary effect = paired_difference(appealing, plain);
  INFO("appeal 2 against 0, both waits 4: " << effect.mean << " (SE " << effect.se << ")");
  CHECK(effect.mean > 4 * effect.se);
  CHECK(effect.se > 0);
}

TEST_CASE("a rule change leaves the markets of councils no changed rule names exactly as they were",
          "[market][rules]") {
  // At a rule change every market's idle agency workers were offered the waiting
  // bookings again, in an order drawn from each market's stream: a cooling-off among the
  // North's councils, starting mid-run, moved the South's results, where no rule acts.
  // Only the markets of the changed rule's members are offered again now.
  const std::string base = R"(
name: two markets
start: 2020-01-01
duration: 2 years
regions: [{name: North}, {name: South}]
authorities:
  - name: N1
    region: North
    roles: &role
      - name: social_worker
        permanent_posts: 60
        initial: {in_post: 45, agency_covering_vacancies: 8}
        pay: {salary_per_year: 33000, agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0.3, notice: 1 month, destinations: {outside: 0.3, other_council: 0.2, agency: 0.5}}
        recruitment: {approval_to_offer: 10 days, offer_to_start: 30 days, applicants_per_year: 6}
        agency: {booking_delay: 7 days, leaving_per_year: 1.5}
  - {name: N2, region: North, roles: *role}
  - {name: S1, region: South, roles: *role}
  - {name: S2, region: South, roles: *role}
agency_supply:
  - {role: social_worker, region: North, available_at_start: 6, joining_per_year: 30, leaving_per_year: 2}
  - {role: social_worker, region: South, available_at_start: 6, joining_per_year: 30, leaving_per_year: 2}
)";
  const std::string rules = R"(rules:
  - {name: North cooling-off, kind: cooling_off, scope: any_member, length: 6 months, from: 2020-09-01,
     until: 2021-06-01, members: [N1, {authority: N2, from: 2021-01-01}]}
)";
  const auto without = test_support::run_text(base, 24, 5);
  const auto with = test_support::run_text(base + rules, 24, 5);
  REQUIRE(without.replications.size() == with.replications.size());
  std::size_t south_differs = 0, north_differs = 0;
  for (std::size_t r = 0; r < with.replications.size(); ++r) {
    const auto& a = without.replications[r];
    const auto& b = with.replications[r];
    for (std::size_t m = 0; m < wfsim::model::kMeasureCount; ++m) {
      for (std::size_t row = 0; row < 4; ++row) {
        for (std::size_t k = 0; k < a.periods(); ++k) {
          const double x = a.at(static_cast<Measure>(m), row, k), y = b.at(static_cast<Measure>(m), row, k);
          if (std::memcmp(&x, &y, sizeof x) != 0) ++(row < 2 ? north_differs : south_differs);
        }
      }
    }
  }
  CHECK(north_differs > 0);  // the rule acts where it is
  CHECK(south_differs == 0);
}
