// Agency rules, case by case: exact hand-built situations with known answers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "kernel/calendar.hpp"
#include "kernel/random_stream.hpp"
#include "model/rule_book.hpp"
#include "scenario/scenario_notes.hpp"
#include "support.hpp"

using namespace wfsim::model;

namespace {
// Day 0 is 2016-07-01, so 6 calendar months after a departure on day 0 is 2017-01-01,
// day 184 (31 + 31 + 30 + 31 + 30 + 31).
const std::int64_t kStart = wfsim::kernel::days_from_civil({2016, 7, 1});

// The date of a simulated day, for rules' from and until.
std::string day(int d) { return wfsim::kernel::format_iso_date(kStart + d); }

// Rules read by the scenario loader (each kind through its own loader, as in a
// scenario), for three councils c0, c1 and c2; `run_days` bounds the precomputed
// calendar months.
RuleBook book_of(const std::string& rules, std::int64_t run_days = 0) {
  const auto s = wfsim::scenario::load_scenario_text(R"(
name: rules
start: 2016-07-01
duration: 10 years
authorities:
  - {name: c0, roles: [{name: social_worker, permanent_posts: 1, pay: {salary_per_year: 33000}, leaving: {turnover_per_year: 0}}]}
  - {name: c1, roles: [{name: social_worker, permanent_posts: 1, pay: {salary_per_year: 33000}, leaving: {turnover_per_year: 0}}]}
  - {name: c2, roles: [{name: social_worker, permanent_posts: 1, pay: {salary_per_year: 33000}, leaving: {turnover_per_year: 0}}]}
rules:
)" + rules,
                                                     "rules.yaml");
  return RuleBook(s.parameters.rules, kStart, run_days);
}

std::string cooling_off(const std::string& scope, const std::string& members, const std::string& extra = "") {
  return "  - {name: moc, kind: cooling_off, scope: " + scope + ", length: 6 months, members: " + members + extra +
         "}\n";
}

WorkerHistory left(std::int32_t authority, double day) {
  WorkerHistory h;
  h.last_permanent_authority = authority;
  h.left_permanent_at = day;
  h.qualified_at = -3650;
  return h;
}
}  // namespace

TEST_CASE("a 6-month cooling-off refuses on day 182 and allows on day 184", "[rules]") {
  const RuleBook book = book_of(cooling_off("other_members", "[c0, c1, c2]"));
  const WorkerHistory w = left(0, 0.0);
  const Verdict day182 = book.check(0, w, 1, 182.0);
  CHECK(day182.refused);
  CHECK(day182.until == 184.0);
  CHECK(book.check(0, w, 1, 183.99).refused);
  CHECK_FALSE(book.check(0, w, 1, 184.0).refused);
  // The council they left is not "another member": it may take them back at once.
  CHECK_FALSE(book.check(0, w, 0, 1.0).refused);
}

TEST_CASE("a non-member engages at once, and that is leakage", "[rules]") {
  const RuleBook book = book_of(cooling_off("other_members", "[c0, c1]"));
  const Verdict v = book.check(0, left(0, 0.0), 2, 10.0);
  CHECK_FALSE(v.refused);
  CHECK(v.leakage);
  // A leaver from a non-member is not bound at all.
  const Verdict w = book.check(0, left(2, 0.0), 1, 10.0);
  CHECK_FALSE(w.refused);
  CHECK_FALSE(w.leakage);
}

TEST_CASE("the redundancy exception lets a redundant worker be engaged at once", "[rules]") {
  const RuleBook book = book_of(cooling_off("any_member", "[c0, c1]", ", exempt: [redundancy]"));
  WorkerHistory w = left(0, 0.0);
  CHECK(book.check(0, w, 0, 10.0).refused);  // any_member: the same council too
  CHECK(book.check(0, w, 1, 10.0).refused);
  w.left_by_redundancy = true;
  CHECK_FALSE(book.check(0, w, 0, 10.0).refused);
  CHECK_FALSE(book.check(0, w, 1, 10.0).refused);
}

TEST_CASE("same-authority scope binds only the council the worker left", "[rules]") {
  const RuleBook book =
      book_of("  - {name: return, kind: cooling_off, scope: same_authority, length: 91 days, members: all}\n");
  CHECK(book.check(0, left(0, 5.0), 0, 95.9).refused);
  CHECK_FALSE(book.check(0, left(0, 5.0), 0, 96.0).refused);
  CHECK_FALSE(book.check(0, left(0, 5.0), 1, 6.0).refused);
}

TEST_CASE("rules and memberships apply only between their dates", "[rules]") {
  // In force from day 100; council 1 leaves the scheme on day 150.
  const RuleBook book =
      book_of(cooling_off("other_members", "[c0, {authority: c1, until: " + day(150) + "}]", ", from: " + day(100)));
  const WorkerHistory w = left(0, 50.0);
  CHECK_FALSE(book.check(0, w, 1, 99.0).refused);  // before the rule
  CHECK_FALSE(book.check(0, w, 1, 99.99).refused);
  CHECK(book.check(0, w, 1, 100.0).refused);  // from its first day
  CHECK(book.check(0, w, 1, 120.0).refused);
  CHECK(book.check(0, w, 1, 149.99).refused);       // the last day of membership
  CHECK_FALSE(book.check(0, w, 1, 150.0).refused);  // until is the first day outside
  CHECK_FALSE(book.check(0, w, 1, 160.0).refused);  // council 1 has left the scheme
  CHECK(book.check(0, w, 1, 160.0).leakage);
  CHECK(book.change_times(1000) == std::vector<double>{100, 150});
}

TEST_CASE("a council that leaves and rejoins is bound from each first day to the day before each end", "[rules]") {
  // c1 is a member until day 150, and again from day 200 until day 300; the rule ends on
  // day 400. The bar (2 years from day 50) outlasts them all, so the dates alone decide.
  // Each date is probed the day before, just before, on the day and the day after.
  const RuleBook book =
      book_of("  - {name: moc, kind: cooling_off, scope: other_members, length: 2 years, until: " + day(400) +
              ", members: [c0, {authority: c1, until: " + day(150) + "}, {authority: c1, from: " + day(200) +
              ", until: " + day(300) + "}]}\n");
  const WorkerHistory w = left(0, 50.0);
  auto refused = [&](const WorkerHistory& worker, std::uint32_t authority, double t) {
    return book.check(0, worker, authority, t).refused;
  };
  for (const double t : {149.0, 149.99}) CHECK(refused(w, 1, t));
  for (const double t : {150.0, 151.0, 199.0, 199.99}) CHECK_FALSE(refused(w, 1, t));  // between memberships
  for (const double t : {200.0, 201.0, 299.0, 299.99}) CHECK(refused(w, 1, t));        // the second membership
  for (const double t : {300.0, 301.0}) CHECK_FALSE(refused(w, 1, t));
  CHECK(book.check(0, w, 1, 175.0).leakage);  // a non-member between its memberships
  // c1's leaver is kept from c0 while the rule is in force, to the day before its end.
  const WorkerHistory from_c1 = left(1, 50.0);
  for (const double t : {399.0, 399.99}) CHECK(refused(from_c1, 0, t));
  for (const double t : {400.0, 401.0}) CHECK_FALSE(refused(from_c1, 0, t));
  CHECK(book.change_times(1000) == std::vector<double>{150, 200, 300, 400});
}

TEST_CASE("an experience threshold refuses the newly qualified until it is met", "[rules]") {
  const RuleBook book = book_of("  - {name: pqe, kind: experience, min_experience: 3 years, members: all}\n");
  WorkerHistory w;
  w.qualified_at = -365.25;  // one year's experience at day 0
  const Verdict v = book.check(0, w, 0, 0.0);
  CHECK(v.refused);
  CHECK(v.until == Approx(2 * 365.25));
  CHECK_FALSE(book.check(0, w, 0, 2 * 365.25).refused);
}

TEST_CASE("no rule refuses a worker from the time may_refuse_until gives", "[rules]") {
  // The bound lets the model skip the rules for workers past every bar, so it must
  // never be early: checked against check() for many histories, times and councils.
  const RuleBook book = book_of(cooling_off("other_members", "[c0, c1]", ", until: " + day(900)) +
                                    "  - {name: national, kind: cooling_off, scope: any_member, length: 3 months, "
                                    "members: [c0, c1, c2], exempt: [redundancy]}\n"
                                    "  - {name: pqe, kind: experience, min_experience: 3 years, members: all}\n",
                                2000);
  wfsim::kernel::RandomStream rng(wfsim::kernel::StreamKey{3, 0, 0, 0});
  int bounded = 0;
  for (int i = 0; i < 2000; ++i) {
    WorkerHistory w;
    if (rng.uniform() < 0.8) w = left(static_cast<std::int32_t>(rng.uniform() * 3), rng.uniform() * 1000);
    w.qualified_at = rng.uniform() * 1000 - 1500;
    w.left_by_redundancy = rng.uniform() < 0.2;
    const double until = book.may_refuse_until(w);
    for (const double t : {until, until + 0.5, until + 40.0}) {
      if (!(t >= 0 && t < 2000)) continue;
      ++bounded;
      for (std::size_t r = 0; r < book.rules().size(); ++r) {
        for (std::uint32_t a = 0; a < 3; ++a) {
          const Verdict v = book.check(r, w, a, t);
          CHECK_FALSE(v.refused);
          CHECK_FALSE(v.leakage);
        }
      }
    }
  }
  CHECK(bounded > 1000);
  // And it is the last bar's end, not later: leaving on day 100 (2016-10-09), the MoC's
  // 6 months end on 2017-04-09, day 282, after the national 3 months; a redundant
  // leaver is exempt from the national rule only, which ends first anyway.
  CHECK(book.may_refuse_until(left(0, 100.0)) == 282.0);
  WorkerHistory redundant = left(0, 100.0);
  redundant.left_by_redundancy = true;
  CHECK(book.may_refuse_until(redundant) == 282.0);
  // Council 2 is outside the MoC, so its leaver is kept only by the national 3 months,
  // to 2017-01-09, day 192.
  CHECK(book.bar_end(0, left(2, 100.0)) == -kForever);
  CHECK(book.may_refuse_until(left(2, 100.0)) == 192.0);
  WorkerHistory newly_qualified;
  newly_qualified.qualified_at = -365.25;
  CHECK(book.may_refuse_until(newly_qualified) == Approx(2 * 365.25));
  CHECK(book.may_refuse_until(WorkerHistory{}) == -kForever);  // never left, qualified long ago
}

TEST_CASE("rate caps bind members from their start date, the lowest cap winning", "[rules]") {
  const RuleBook book = book_of("  - {name: cap, kind: rate_cap, from: " + day(30) +
                                ", members: [c0], caps_per_hour: {social_worker: 35}}\n"
                                "  - {name: lower, kind: rate_cap, from: " +
                                day(60) + ", members: [c0], caps_per_hour: {social_worker: 32.5}}\n");
  CHECK(book.caps("social_worker", 30.0, 0, 10.0).charge == kForever);
  CHECK(book.caps("social_worker", 30.0, 0, 30.0).charge == 35.0);
  CHECK(book.caps("social_worker", 30.0, 0, 59.99).charge == 35.0);
  CHECK(book.caps("social_worker", 30.0, 0, 60.0).charge == 32.5);      // from the lower cap's first day
  CHECK(book.caps("social_worker", 30.0, 1, 60.0).charge == kForever);  // not a member
  CHECK(book.caps("team_manager", 30.0, 0, 60.0).charge == kForever);   // no cap for the role
}

TEST_CASE("a rate cap applies to the charge, the worker's pay, or pay and employer costs", "[rules]") {
  const RuleBook book = book_of(
      "  - {name: pay, kind: rate_cap, applies_to: pay_rate, members: [c0], caps_per_hour: {social_worker: 30}}\n"
      "  - {name: national, kind: rate_cap, applies_to: pay_and_employer_costs, members: [c0, c1],"
      " caps_per_hour: {social_worker: 36}}\n");
  const AgencyCaps c0 = book.caps("social_worker", 30.0, 0, 0.0);
  CHECK(c0.pay == 30.0);
  CHECK(c0.pay_and_costs == 36.0);
  CHECK(c0.charge == kForever);
  const AgencyCaps c1 = book.caps("social_worker", 30.0, 1, 0.0);
  CHECK(c1.pay == kForever);
  CHECK(c1.pay_and_costs == 36.0);
}

TEST_CASE("a rate cap can bind only workers who qualified from a date, at the permanent pay", "[rules]") {
  // The West Midlands' kind of rule: those who finished their first year after a date
  // are paid no more than the permanent equivalent; everyone is under the general cap.
  const RuleBook book =
      book_of("  - {name: first years, kind: rate_cap, permanent_equivalent: true, qualified_after: " + day(-365) +
              ", members: [c0]}\n"
              "  - {name: cap, kind: rate_cap, members: [c0, c1], caps_per_hour: {social_worker: 40}}\n");
  REQUIRE(book.pay_tiers() == 2);
  CHECK(book.pay_tier(-kForever) == 0);  // qualified long ago
  CHECK(book.pay_tier(-365.5) == 0);
  CHECK(book.pay_tier(-365.0) == 1);  // qualified on the day: bound
  CHECK(book.pay_tier(100.0) == 1);
  const AgencyCaps before = book.caps("social_worker", 20.0, 0, 0.0, 0);
  CHECK(before.pay == kForever);
  CHECK(before.charge == 40.0);
  const AgencyCaps after = book.caps("social_worker", 20.0, 0, 0.0, 1);
  CHECK(after.pay == 20.0);  // the council's permanent pay an hour
  CHECK(after.charge == 40.0);
  CHECK(book.caps("social_worker", 20.0, 1, 0.0, 1).pay == kForever);  // c1 is not a member
  // Two dates: three tiers, each bound by the rules whose date it has passed.
  const RuleBook two =
      book_of("  - {name: early, kind: rate_cap, caps_per_hour: {social_worker: 30}, qualified_after: " + day(-700) +
              ", members: all}\n"
              "  - {name: late, kind: rate_cap, permanent_equivalent: true, qualified_after: " +
              day(-100) + ", members: all}\n");
  REQUIRE(two.pay_tiers() == 3);
  CHECK(two.pay_tier(-800.0) == 0);
  CHECK(two.pay_tier(-700.0) == 1);
  CHECK(two.pay_tier(-100.0) == 2);
  CHECK(two.caps("social_worker", 20.0, 0, 0.0, 0).charge == kForever);
  CHECK(two.caps("social_worker", 20.0, 0, 0.0, 0).pay == kForever);
  CHECK(two.caps("social_worker", 20.0, 0, 0.0, 1).charge == 30.0);  // the early rule only
  CHECK(two.caps("social_worker", 20.0, 0, 0.0, 1).pay == kForever);
  CHECK(two.caps("social_worker", 20.0, 0, 0.0, 2).charge == 30.0);  // both
  CHECK(two.caps("social_worker", 20.0, 0, 0.0, 2).pay == 20.0);
  // Without such a cap, one tier, and nobody's history is read for it.
  const RuleBook plain = book_of("  - {name: cap, kind: rate_cap, members: all, caps_per_hour: {social_worker: 40}}\n");
  CHECK(plain.pay_tiers() == 1);
  CHECK(plain.pay_tier(100.0) == 0);
}

namespace {
// Two councils share a market with no idle agency workers. Council A's only worker
// gives notice at once (turnover is so high the first notice comes within hours) and
// goes agency; council B has a vacancy booked at day 0 that waits for supply.
std::string two_councils(const std::string& rules, const std::string& b_cover = "true") {
  return R"(
name: two councils
start: 2016-07-01
duration: 12 months
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 1
        leaving: {turnover_per_year: 1000, destinations: {agency: 1}}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: false}
  - name: B
    roles:
      - name: social_worker
        permanent_posts: 1
        initial: {in_post: 0}
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {cover_vacancies: )" +
         b_cover + R"(}
agency_supply:
  - {role: social_worker, available_at_start: 0}
)" + rules;
}
}  // namespace

TEST_CASE("a month's idle workers barred are those its last day's rules bar", "[rules][model]") {
  // The snapshot at midnight on the 1st counted the rules in force at that instant: a
  // rule ending on the 1st was gone from its own last month, beside a worker it had kept
  // idle all that month. A's leaver (July) is barred from B by a rule that ends on 1
  // November, and B engages them then.
  const auto run = test_support::run_text(
      two_councils("rules:\n  - {name: moc, kind: cooling_off, scope: other_members, length: 6 months, "
                   "members: [A, B], until: 2016-11-01}\n"),
      3);
  constexpr std::size_t kOctober = 3, kNovember = 4;
  for (const auto& t : run.replications) {
    for (std::size_t k = 0; k <= kNovember; ++k) {
      INFO("period " << k);
      CHECK(t.at(Measure::agency_headcount, 1, k) == (k < kNovember ? 0 : 1));
      CHECK(t.at(Measure::agency_idle, 1, k) == (k < kNovember ? 1 : 0));
      CHECK(t.at(Measure::agency_idle_barred, 1, k) == (k <= kOctober ? 1 : 0));
    }
  }
}

TEST_CASE("in the model, a member waits out the cooling-off, a non-member engages at once", "[rules][model]") {
  const std::string moc = R"(rules:
  - {name: moc, kind: cooling_off, scope: other_members, length: 6 months, members: [A, B]}
)";
  const auto bound = test_support::run_text(two_councils(moc), 3);
  // Under any_member the rule keeps A's leaver from A, its one member: B, outside it,
  // engages them at once, and that is leakage. Under other_members with A alone it keeps
  // them from nobody, and B's engagement was counted as leakage all the same.
  const auto free = test_support::run_text(
      two_councils("rules:\n  - {name: moc, kind: cooling_off, scope: any_member, length: 6 months, members: [A]}\n"),
      3);
  const auto nobody = test_support::run_text(
      two_councils(
          "rules:\n  - {name: moc, kind: cooling_off, scope: other_members, length: 6 months, members: [A]}\n"),
      3);
  for (std::size_t r = 0; r < 3; ++r) {
    const auto& t = bound.replications[r];
    // A's worker leaves in July; B may not engage them until January. The December
    // snapshot, taken at midnight on 1 January, shows them barred, as they were
    // through December's last day (it showed the bar lapsed, beside a worker idle all
    // December, before the snapshot counted the bars of the last day).
    for (std::size_t k = 0; k < 6; ++k) {
      INFO("period " << k);
      CHECK(t.at(Measure::agency_headcount, 1, k) == 0);
      CHECK(t.at(Measure::agency_idle_barred, 1, k) == 1);
    }
    CHECK(t.at(Measure::agency_engagements_refused, 1, 0) >= 1);
    CHECK(t.refused(0, 0) >= 1);
    CHECK(t.at(Measure::agency_headcount, 1, 6) == 1);  // engaged on 1 January
    CHECK(t.at(Measure::starters_agency, 1, 6) == 1);
    CHECK(t.at(Measure::agency_leakage, 1, 6) == 0);
    // B is not a member: it engages the worker in July, and that is leakage.
    const auto& u = free.replications[r];
    CHECK(u.at(Measure::agency_headcount, 1, 0) == 1);
    CHECK(u.at(Measure::agency_leakage, 1, 0) == 1);
    CHECK(u.at(Measure::agency_engagements_refused, 1, 0) == 0);
    const auto& n = nobody.replications[r];
    CHECK(n.at(Measure::agency_headcount, 1, 0) == 1);
    CHECK(n.at(Measure::agency_leakage, 1, 0) == 0);
  }
}

TEST_CASE("refusals during a warm-up are not carried into the first reported month", "[rules][model]") {
  // A's worker leaves in July, during a one-month warm-up, and is refused by B under
  // both rules (B's booking arrives after a day and waits). The 1-month rule lapses in
  // August, the worker is screened again and the 6-month rule refuses them: a refusal
  // of the first reported month, which must be counted there.
  std::string yaml = two_councils(R"(rules:
  - {name: short, kind: cooling_off, scope: other_members, length: 1 month, members: [A, B]}
  - {name: long, kind: cooling_off, scope: other_members, length: 6 months, members: [A, B]}
)");
  yaml.replace(yaml.find("duration: 12 months"), 19, "duration: 12 months\nwarmup: 1 month");
  yaml.replace(yaml.find("agency: {cover_vacancies: true"), 30,
               "agency: {booking_delay: {distribution: fixed, value: 1 day}, cover_vacancies: true");
  const auto run = test_support::run_text(yaml, 3);
  for (std::size_t r = 0; r < 3; ++r) {
    const auto& t = run.replications[r];
    INFO("replication " << r);
    CHECK(t.refused(0, 0) == 0);  // the short rule has lapsed when the worker is screened in August
    CHECK(t.refused(1, 0) == 1);
    CHECK(t.at(Measure::agency_engagements_refused, 1, 0) == 1);
  }
}

namespace {
// One council whose agency workers come from outside the region (unlimited supply),
// each with the post-qualified experience `experience`; a first-year rule caps at the
// permanent equivalent the pay of those who qualified from 2018-01-01. The permanent
// pay is £20 an hour exactly (£36,525 over 35 hours for 365.25 days); the agency's
// charge is £35, all of it pay (no margin or employer costs).
std::string first_year_council(const std::string& experience) {
  return R"(
name: first-year cap
start: 2020-01-01
duration: 6 months
authorities:
  - name: Testshire
    roles:
      - name: social_worker
        permanent_posts: 40
        initial: {in_post: 20}
        pay: {salary_per_year: 36525, on_costs: 0, agency_rate_per_hour: 35, hours_per_week: 35}
        experience: )" +
         experience + R"(
        leaving: {turnover_per_year: 0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 7 days, leaving_per_year: 4}
rules:
  - {name: first years, kind: rate_cap, permanent_equivalent: true, qualified_after: 2018-01-01, members: all}
)";
}
}  // namespace

TEST_CASE("a first-year rule prices each agency worker by when they qualified", "[rules][model]") {
  // All qualified a year before: all capped at £20. Five years before: none. Spread
  // over 0 to 4 years: a mix, paid between the two.
  auto rate = [](const std::string& experience, double& lowest, double& highest) {
    lowest = 1e9;
    highest = 0;
    std::size_t months_paid = 0;
    const auto sink = test_support::run_text(first_year_council(experience), 4, 3);
    for (const auto& t : sink.replications) {
      for (std::size_t k = 0; k < t.periods(); ++k) {
        const double paid = t.at(Measure::agency_rate_paid, 0, k);
        if (std::isnan(paid)) continue;
        lowest = std::min(lowest, paid);
        highest = std::max(highest, paid);
        ++months_paid;
      }
    }
    // Months with no agency hours are NaN: with none paid the bounds below held trivially.
    REQUIRE(months_paid > 0);
  };
  double lowest = 0, highest = 0;
  rate("1 year", lowest, highest);
  CHECK(lowest == Approx(20).epsilon(1e-12));
  CHECK(highest == Approx(20).epsilon(1e-12));
  rate("5 years", lowest, highest);
  CHECK(lowest == Approx(35).epsilon(1e-12));
  CHECK(highest == Approx(35).epsilon(1e-12));
  // The mix, exactly. A worker engaged on day t with experience e (uniform over 0 to
  // 1,461 days) qualified on day t - e and is capped if that is on or after
  // 2018-01-01, 730 days before the start: with probability p(t) = (730 + t) / 1461.
  // A month's rate is the hours-weighted mean over the workers in post, each at £20 or
  // £35 independently of their hours, so its expectation is 35 - 15 p for a p between
  // p(0) and p(the month's end). Each month's mean over 400 replications must reach
  // that interval within 4 standard errors. Pricing by the wrong date (a year off moves
  // p by 0.25, the rate by £3.75) or capping everyone engaged after the date fails.
  const auto sink =
      test_support::run_text(first_year_council("{distribution: uniform, min: 0 years, max: 4 years}"), 400, 17);
  const double month_ends[] = {31, 60, 91, 121, 152, 182};  // 2020
  std::vector<std::pair<double, double>> months;            // mean and SE
  for (std::size_t k = 0; k < 6; ++k) {
    std::vector<double> paid;
    for (const auto& t : sink.replications) {
      if (!std::isnan(t.at(Measure::agency_rate_paid, 0, k))) paid.push_back(t.at(Measure::agency_rate_paid, 0, k));
    }
    REQUIRE(paid.size() > 300);
    const auto [mean, se] = test_support::mean_and_se(paid);
    const double highest_rate = 35 - 15 * 730 / 1461.0, lowest_rate = 35 - 15 * (730 + month_ends[k]) / 1461.0;
    INFO("month " << k + 1 << ": mean rate " << mean << " (SE " << se << "), expected " << lowest_rate << " to "
                  << highest_rate);
    CHECK(mean + 4 * se >= lowest_rate);
    CHECK(mean - 4 * se <= highest_rate);
    CHECK(6 * se < 1);  // a year's error (£3.75) would be far outside
    months.emplace_back(mean, se);
  }
  // And it falls as the run goes on (p grows by 15 / 1461 a day): a price fixed at the
  // start's p would stay inside every interval above, but not fall. The months share
  // replications, so the SE taken as if independent is the larger.
  INFO("January " << months.front().first << ", June " << months.back().first);
  CHECK(months.front().first - months.back().first > 4 * std::hypot(months.front().second, months.back().second));
}

namespace {
// The role of each of two twin councils sharing a scarce agency market (as
// test_labour_market's twins), with an `experience` line (or none) and its turnover.
std::string twin_role(const std::string& experience_line, const std::string& turnover) {
  return R"(
    roles:
      - name: social_worker
        permanent_posts: 60
        initial: {in_post: 48, agency_covering_vacancies: 4}
        pay: {salary_per_year: 33000, agency_rate_per_hour: 40}
)" + experience_line +
         "        leaving: {turnover_per_year: " + turnover +
         R"(, notice: 1 month, destinations: {outside: 0.5, other_council: 0.25, agency: 0.25}}
        recruitment: {approval_to_offer: 10 days, offer_to_start: 30 days, applicants_per_year: 0,
                      applicants_per_vacancy_per_year: 1.5}
        agency: {booking_delay: 7 days, leaving_per_year: 1.0}
)";
}
}  // namespace

TEST_CASE("a first-year pay rule at one council sends newly qualified agency workers to the other", "[rules][market]") {
  // Two councils alike in all but the rule, sharing a scarce market of agency workers
  // who all qualified within the rule's dates: A pays them the permanent equivalent
  // (£16.94 an hour against the agency's £40), so they choose B's bookings first.
  const std::string role = twin_role("", "0.2");
  const std::string text = R"(
name: first-year rule at A
start: 2020-01-01
duration: 2 years
authorities:
  - name: A
    neighbours: [B])" + role +
                           R"(  - name: B)" + role + R"(agency_supply:
  - {role: social_worker, available_at_start: 2, joining_per_year: 12, leaving_per_year: 4,
     leave_at_assignment_end: 0.2, experience: 1 year}
rules:
  - {name: first years, kind: rate_cap, permanent_equivalent: true, qualified_after: 2015-01-01, members: [A]}
)";
  const auto sink = test_support::run_text(text, 150, 11);
  std::vector<double> difference;  // per replication: A's mean agency headcount minus B's
  for (const auto& t : sink.replications) {
    double d = 0;
    for (std::size_t k = 0; k < t.periods(); ++k) {
      d += (t.at(Measure::agency_headcount, 0, k) - t.at(Measure::agency_headcount, 1, k)) /
           static_cast<double>(t.periods());
    }
    difference.push_back(d);
  }
  const auto [mean, se] = test_support::mean_and_se(difference);
  INFO("A's agency headcount minus B's, mean over the run: " << mean << " (SE " << se << ")");
  CHECK(mean < -4 * se);
}

TEST_CASE("a permanent-equivalent cap is given alone, on pay, for members with a salary", "[rules][scenario]") {
  auto load = [](const std::string& rule, const std::string& c1_pay = "pay: {salary_per_year: 33000}, ",
                 const std::string& experience = "") {
    return wfsim::scenario::load_scenario_text(R"(
name: rules
start: 2016-07-01
duration: 1 year
authorities:
  - {name: c0, roles: [{name: social_worker, permanent_posts: 1, pay: {salary_per_year: 33000}, )" +
                                                   experience + R"(leaving: {turnover_per_year: 0}}]}
  - {name: c1, roles: [{name: social_worker, permanent_posts: 1, )" +
                                                   c1_pay + R"(leaving: {turnover_per_year: 0}}]}
rules:
  - {name: r, kind: rate_cap, )" + rule + "}\n",
                                               "rules.yaml");
  };
  auto message = [&](const std::string& rule, const std::string& c1_pay = "pay: {salary_per_year: 33000}, ") {
    return test_support::message_of([&] { (void)load(rule, c1_pay); });
  };
  using Catch::Matchers::Contains;
  CHECK_THAT(message("members: all, permanent_equivalent: true, caps_per_hour: {social_worker: 30}"),
             Contains("rules[0].caps_per_hour") && Contains("give either caps_per_hour or permanent_equivalent") &&
                 Contains("'caps_per_hour: ~'"));
  CHECK_THAT(message("members: all, permanent_equivalent: true, applies_to: charge_rate"),
             Contains("rules[0].applies_to") && Contains("applies_to must be pay_rate or left out"));
  CHECK_THAT(message("members: all, qualified_after: 2015-01-01"),
             Contains("rules.yaml:9") && Contains("needs caps_per_hour"));
  CHECK_THAT(message("members: all, permanent_equivalnt: true"), Contains("did you mean 'permanent_equivalent'"));
  CHECK(message("members: all, permanent_equivalent: true, applies_to: pay_rate, qualified_after: 2015-01-01") ==
        "no error");
  // A member without a salary would have its agency workers paid nothing: refused,
  // naming the council; a council outside the rule may go without.
  CHECK_THAT(message("members: all, permanent_equivalent: true", ""),
             Contains("rules.yaml:9") && Contains("c1's role 'social_worker' has no salary_per_year"));
  CHECK(message("members: [c0], permanent_equivalent: true", "") == "no error");
  CHECK_THAT(message("members: [c1], permanent_equivalent: true", "pay: {salary_per_year: 33000, hours_per_week: 0}, "),
             Contains("has no hours_per_week"));
  // Notes: a date after the run binds nobody; a fixed experience makes the rule a step.
  auto notes = [&](const std::string& rule, const std::string& experience) {
    std::string all;
    for (const auto& n : wfsim::scenario::notes_on(load(rule, "pay: {salary_per_year: 33000}, ", experience))) {
      all += n + "\n";
    }
    return all;
  };
  CHECK_THAT(notes("members: all, permanent_equivalent: true, qualified_after: 2030-01-01", ""),
             Contains("qualified_after (2030-01-01) is on or after the run's end"));
  CHECK_THAT(notes("members: all, permanent_equivalent: true, qualified_after: 2015-01-01", ""),
             Contains("authorities[0].roles[0].experience is fixed at 5 years") &&
                 Contains("workers arriving with it before 2020-01-01"));
  const std::string spread = "experience: {distribution: uniform, min: 0 years, max: 20 years}, ";
  CHECK_THAT(notes("members: all, permanent_equivalent: true, qualified_after: 2015-01-01", spread),
             Contains("authorities[1].roles[0].experience is fixed"));   // c1's is still fixed
  CHECK(notes("members: all, permanent_equivalent: true", "").empty());  // no date: nothing to say
}

TEST_CASE("a tiered cap re-prices the assignments running when it starts and ends", "[rules][model]") {
  // Agency workers whose experience spreads over 0 to 4 years, a first-year rule in
  // force from March to June: the rate paid is the £35 charge before and after, and
  // below it while the rule binds the workers who qualified from 2018.
  std::string text = first_year_council("{distribution: uniform, min: 0 years, max: 4 years}");
  const std::string old_rule = "members: all}";
  text.replace(text.find(old_rule), old_rule.size(), "members: all, from: 2020-03-01, until: 2020-06-01}");
  const auto sink = test_support::run_text(text, 400, 17);
  std::vector<double> april;
  for (const auto& t : sink.replications) {
    CHECK(t.at(Measure::agency_rate_paid, 0, 1) == Approx(35).epsilon(1e-12));  // February
    CHECK(t.at(Measure::agency_rate_paid, 0, 5) == Approx(35).epsilon(1e-12));  // June
    if (!std::isnan(t.at(Measure::agency_rate_paid, 0, 3))) april.push_back(t.at(Measure::agency_rate_paid, 0, 3));
  }
  // April's mean rate, as in the first-year test above: the workers running on 1 March
  // are re-priced by when they qualified, so the month's expectation is 35 - 15 p for a
  // p between p(0) = 730 / 1461 and p(April's end) = (730 + 121) / 1461. A rule that
  // re-priced none of them (only those engaged from March) would sit near £35.
  REQUIRE(april.size() > 300);
  const auto [mean, se] = test_support::mean_and_se(april);
  INFO("April's mean rate " << mean << " (SE " << se << ")");
  CHECK(mean + 4 * se >= 35 - 15 * (730 + 121) / 1461.0);
  CHECK(mean - 4 * se <= 35 - 15 * 730 / 1461.0);
  CHECK(6 * se < 1);
}

TEST_CASE("a first-year rule turns its workers' leavers from agency work, and leaves others' alone",
          "[rules][market]") {
  // Twin councils under a first-year rule at both, run with and without it on common
  // random numbers (rules draw none). When every permanent worker qualified within the
  // rule's dates, a leaver weighs agency work at the permanent-equivalent pay, and fewer
  // choose it. When every worker qualified before them, the rule binds nobody and the
  // runs are the same to the bit.
  auto text = [](const std::string& experience, bool rule) {
    const std::string role = twin_role("        experience: " + experience + "\n", "0.3");
    return R"(
name: first-year rule and leavers
start: 2020-01-01
duration: 2 years
authorities:
  - name: A
    neighbours: [B])" +
           role + "  - name: B" + role + R"(agency_supply:
  - {role: social_worker, available_at_start: 2, joining_per_year: 12, leaving_per_year: 4,
     leave_at_assignment_end: 0.2, experience: 10 years}
labour_pool:
  - {role: social_worker, arrivals_per_year: 10, leaving_per_year: 1, experience: 10 years}
)" +
           (rule ? "rules:\n  - {name: first years, kind: rate_cap, permanent_equivalent: true, qualified_after: "
                   "2018-01-01, members: all}\n"
                 : std::string());
  };
  auto share_to_agency = [](const wfsim::output::MemorySink& sink, std::size_t r) {
    double to_agency = 0, leavers = 0;
    const auto& t = sink.replications[r];
    for (std::size_t k = 0; k < t.periods(); ++k) {
      for (std::size_t a = 0; a < 2; ++a) {
        to_agency += t.at(Measure::leavers_to_agency, a, k);
        leavers += t.at(Measure::leavers_permanent, a, k);
      }
    }
    return leavers > 0 ? to_agency / leavers : 0.0;
  };
  const std::size_t n = 120;
  const auto bound = test_support::run_text(text("1 year", true), n, 17);
  const auto free = test_support::run_text(text("1 year", false), n, 17);
  std::vector<double> d;
  for (std::size_t r = 0; r < n; ++r) d.push_back(share_to_agency(bound, r) - share_to_agency(free, r));
  const auto [mean, se] = test_support::mean_and_se(d);
  INFO("share of leavers going to agency work, with the rule minus without: " << mean << " (SE " << se << ")");
  CHECK(mean < -4 * se);
  // Workers who qualified long before the rule's date: nothing changes.
  const auto old_with = test_support::run_text(text("10 years", true), 8, 17);
  const auto old_without = test_support::run_text(text("10 years", false), 8, 17);
  for (std::size_t r = 0; r < 8; ++r) {
    for (std::size_t m = 0; m < wfsim::model::kMeasureCount; ++m) {
      INFO("replication " << r << ", " << info(static_cast<Measure>(m)).name);
      CHECK(test_support::same_series(old_with.replications[r], old_without.replications[r], static_cast<Measure>(m)));
    }
  }
}

namespace {
// One council whose leavers give exactly 3 months' notice, 30% of them going to agency
// work, run from `start` for `duration`; with `capped`, a charge cap of £25 (against
// the agency's £45) from 1 January 2025.
std::string notice_ahead_of_a_cap(const std::string& start, const std::string& duration, bool capped) {
  return "name: a cap a notice ahead\nstart: " + start + "\nduration: " + duration + R"(
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 400
        initial: {in_post: 360, agency_covering_vacancies: 30}
        pay: {salary_per_year: 40000, agency_rate_per_hour: 45, agency_margin_per_hour: 4}
        leaving: {turnover_per_year: 0.25, notice: 3 months, destinations: {outside: 0.7, agency: 0.3}}
        recruitment: {approval_to_offer: 21 days, offer_to_start: 56 days, applicants_per_year: 8,
                      applicants_per_vacancy_per_year: 0.5}
        agency: {booking_delay: 14 days, leaving_per_year: 2}
agency_supply:
  - {role: social_worker, available_at_start: 5, joining_per_year: 100, leaving_per_year: 3}
)" +
         (capped ? "rules:\n  - {name: cap, kind: rate_cap, caps_per_hour: {social_worker: 25}, from: 2025-01-01, "
                   "members: all}\n"
                 : "");
}
}  // namespace

TEST_CASE("a leaver weighs the caps in force on the day they leave, not the day of notice", "[rules][market]") {
  // One council, a notice of exactly 3 months, and a charge cap that halves agency pay
  // from 1 January 2025 (month 6). Those leaving in January to March gave notice before
  // the cap, but leave under it: they weigh agency work at the capped pay, as a cooling-
  // off is weighed on the day they leave (docs/model.md), so they choose it as seldom
  // as those leaving in April to June. Weighed at the prices of the day of notice, the
  // cap reached them a notice late: here their share was 14.4 points (SE 1.0) above
  // the next quarter's (an audit's own scenario: 29% against 14%).
  const std::string text = notice_ahead_of_a_cap("2024-07-01", "1 year", true);
  const std::size_t n = 150;
  const auto sink = test_support::run_text(text, n, 23);
  // Months 6 to 8 against 3 to 5, and against 9 to 11.
  const auto [step, lag] =
      test_support::step_and_lag(sink.replications, Measure::leavers_to_agency, Measure::leavers_permanent, 6, 3);
  INFO("share to agency, the quarter before the cap less its first: " << -step.mean << " (SE " << step.se << ")");
  INFO("the cap's first quarter less its second: " << lag.mean << " (SE " << lag.se << ")");
  CHECK(-step.mean > 4 * step.se);          // the cap deters, from its first day
  CHECK(std::fabs(lag.mean) < 4 * lag.se);  // and no less in its first quarter than after
}

TEST_CASE("a leaver part-way through their notice at the start weighs the day they will leave", "[rules][market]") {
  // A warm start on 2 December places workers part-way through a notice of exactly 3
  // months; a cap starts on 1 January. Those leaving in December are all such workers,
  // and they leave before the cap: their choices must be those of the run without the
  // cap, to the worker. Weighed at the end of a whole notice, after they had gone,
  // 14.3% of them chose agency work against 30.8% without the cap (a review).
  const std::size_t n = 60;
  const auto capped = test_support::run_text(notice_ahead_of_a_cap("2024-12-02", "2 months", true), n, 29);
  const auto free = test_support::run_text(notice_ahead_of_a_cap("2024-12-02", "2 months", false), n, 29);
  double to_agency = 0, leavers = 0;
  for (std::size_t r = 0; r < n; ++r) {
    INFO("replication " << r);
    CHECK(capped.replications[r].at(Measure::leavers_permanent, 0, 0) ==
          free.replications[r].at(Measure::leavers_permanent, 0, 0));
    CHECK(capped.replications[r].at(Measure::leavers_to_agency, 0, 0) ==
          free.replications[r].at(Measure::leavers_to_agency, 0, 0));
    to_agency += free.replications[r].at(Measure::leavers_to_agency, 0, 0);
    leavers += free.replications[r].at(Measure::leavers_permanent, 0, 0);
  }
  CHECK(leavers > 200);  // enough of them to tell: about 7 a replication
  CHECK(to_agency > 0.2 * leavers);
}

TEST_CASE("a membership written as two periods that meet is the membership written whole", "[rules][market]") {
  // A leaver weighing a cooling-off took a membership to end where its next period
  // began: the South East's MoC with every membership split at 2017-01-01 sent 4% more
  // of its leavers to agency work, and split monthly, 68% more (a review's 1,000
  // replications). Abutting periods are one membership now, and the join is no rule
  // change: the two scenarios are the same, draw for draw.
  auto scenario = wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"),
                                                      {"duration=2 years"});
  const auto& authorities = scenario.parameters.authorities;
  std::string split = "rules[0].members=[";
  std::size_t members = 0;
  for (const Membership& m : scenario.parameters.rules.at(0).members) {
    const std::string name = authorities.at(m.authority).name;
    split += (members++ == 0 ? "" : ", ") + std::string("{authority: '") + name +
             "', until: 2016-09-01}, {authority: '" + name + "', from: 2016-09-01, until: 2017-03-01}, {authority: '" +
             name + "', from: 2017-03-01}";
  }
  split += "]";
  REQUIRE(members == 17);
  const auto whole = test_support::run_in_memory(scenario, 6, 5, 2);
  const auto parted = test_support::run_in_memory(
      wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"),
                                          {"duration=2 years", split}),
      6, 5, 2);
  RuleBook book(wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"),
                                                    {"duration=2 years", split})
                    .parameters.rules,
                0);
  CHECK(book.periods(0).size() == 17);  // three periods each, joined into one
  for (std::size_t r = 0; r < 6; ++r) {
    INFO("replication " << r);
    CHECK(test_support::bit_identical(whole.replications[r], parted.replications[r]));
  }
}

namespace {
// One more cooling-off rule of `length` for `members`, in force over [from, until) ("" for
// no end), named `name`.
std::string cooling_off_rule(const std::string& name, const std::string& scope, const std::string& length,
                             const std::string& members, const std::string& from, const std::string& until = "") {
  return "  - {name: " + name + ", kind: cooling_off, scope: " + scope + ", length: " + length +
         ", members: " + members + ", from: " + from + (until.empty() ? "" : ", until: " + until) + "}\n";
}
}  // namespace

TEST_CASE("a rule that takes over the day another ends keeps a leaver's refusal on", "[rules]") {
  // The MoC relaunched: a cooling-off until day 100 and its successor from day 100. A
  // leaver of day 0 (their bar ends on day 184) refused by the first until its end is
  // refused by the second from then: the refusal runs to the bar's end, not the
  // first rule's. With a day between them, or no successor, it ends with the first.
  const auto relaunched = [](int successor_from) {
    return book_of(cooling_off("other_members", "all", ", until: " + day(100)) +
                   cooling_off_rule("relaunch", "other_members", "6 months", "all", day(successor_from)));
  };
  const WorkerHistory leaver = left(0, 0);
  for (const int from : {100, 90, 101}) {
    INFO("successor from day " << from);
    const RuleBook book = relaunched(from);
    CHECK(book.refusals_can_continue() == (from <= 100));
    const double bars[2] = {book.bar_end(0, leaver), book.bar_end(1, leaver)};
    REQUIRE(bars[0] == 184);
    const Verdict first = book.check(0, leaver, bars[0], 1, 50);
    REQUIRE(first.refused);
    REQUIRE(first.until == 100);
    CHECK(book.continued_refusal_end(leaver, bars, 3u, 1u, 1, first.until) == (from <= 100 ? 184 : 100));
    // The council the leaver left is no other member: nothing refuses there.
    CHECK(book.continued_refusal_end(leaver, bars, 3u, 0u, 0, 100) == 100);
  }
  CHECK_FALSE(book_of(cooling_off("other_members", "all", ", until: " + day(100))).refusals_can_continue());
}

TEST_CASE("an agreement relaunched as a second rule deters leavers as one written whole", "[rules][market]") {
  // The South East's MoC ended and relaunched on 2017-01-01 (as init writes its 2016
  // and 2022 agreements): leavers in the months before took it to end then, and more
  // chose agency work. Until the relaunch the two scenarios are now the same, draw for
  // draw; from it on, the rule change itself draws (the idle workers offered again).
  const std::string path = test_support::scenario_path("south-east-moc-2016.yaml");
  const auto whole_scenario = wfsim::scenario::load_scenario_file(path, {"duration=2 years"});
  std::string members;
  for (const Membership& m : whole_scenario.parameters.rules.at(0).members) {
    members += (members.empty() ? "'" : ", '") + whole_scenario.parameters.authorities.at(m.authority).name + "'";
  }
  const std::string relaunch =
      "rules=[{name: first, kind: cooling_off, scope: other_members, length: 6 months, "
      "from: 2016-04-04, until: 2017-01-01, members: [" +
      members +
      "]}, {name: relaunch, kind: cooling_off, scope: other_members, length: 6 months, "
      "from: 2017-01-01, members: [" +
      members + "]}]";
  const std::string one =
      "rules=[{name: first, kind: cooling_off, scope: other_members, length: 6 months, "
      "from: 2016-04-04, members: [" +
      members + "]}]";
  const auto whole =
      test_support::run_in_memory(wfsim::scenario::load_scenario_file(path, {"duration=2 years", one}), 6, 9, 2);
  const auto relaunched =
      test_support::run_in_memory(wfsim::scenario::load_scenario_file(path, {"duration=2 years", relaunch}), 6, 9, 2);
  constexpr std::size_t kDecember2016 = 11;
  std::size_t differing = 0;
  for (std::size_t r = 0; r < 6; ++r) {
    for (const auto& m : wfsim::model::kMeasures) {
      for (std::size_t a = 0; a < whole.replications[r].authorities(); ++a) {
        for (std::size_t k = 0; k <= kDecember2016; ++k) {
          const double x = whole.replications[r].at(m.measure, a, k),
                       y = relaunched.replications[r].at(m.measure, a, k);
          if (!(x == y || (std::isnan(x) && std::isnan(y)))) ++differing;
        }
      }
    }
  }
  CHECK(differing == 0);
}

TEST_CASE("only a refusal that ended with its rule is taken on, however many rules take it", "[rules]") {
  const WorkerHistory leaver = left(0, 0);  // bars of 6 months end on day 184
  // Three rules in turn, each from the day the one before ends: 100, then 150, then the bar.
  const RuleBook relay = book_of(cooling_off("other_members", "all", ", until: " + day(100)) +
                                 cooling_off_rule("second", "other_members", "6 months", "all", day(100), day(150)) +
                                 cooling_off_rule("third", "other_members", "6 months", "all", day(150)));
  const double relay_bars[3] = {184, 184, 184};
  CHECK(relay.continued_refusal_end(leaver, relay_bars, 7u, 1u, 1, 100) == 184);
  // A refusal that ends with the bar is not taken on by a rule starting later (an
  // experience threshold from day 100 that the leaver does not meet until later), nor
  // one that ends with the council's membership by another rule's membership: else an
  // unrelated pair of rules that takes over switched these waits on, and results moved
  // with rules that act only after the run (a review's national-rules run).
  const RuleBook later =
      book_of(cooling_off("other_members", "all") +
              "  - {name: threshold, kind: experience, min_experience: 3 years, members: all, from: " + day(100) +
              "}\n" + cooling_off_rule("a", "same_authority", "1 month", "[c2]", day(0), day(300)) +
              cooling_off_rule("b", "same_authority", "1 month", "[c2]", day(300)));
  REQUIRE(later.refusals_can_continue());
  WorkerHistory novice = leaver;
  novice.qualified_at = 0;  // three years' experience on day 1,096
  const double later_bars[4] = {184, later.bar_end(1, novice), -kForever, -kForever};
  REQUIRE(later.check(1, novice, later_bars[1], 1, 184).refused);
  CHECK(later.continued_refusal_end(novice, later_bars, 3u, 1u, 1, 184) == 184);
  const RuleBook handover =
      book_of(cooling_off("other_members", "[{authority: c0}, {authority: c1, until: " + day(100) + "}]") +
              cooling_off_rule("h2", "other_members", "6 months", "[c0, {authority: c1, from: " + day(100) + "}]",
                               day(0), day(500)) +
              cooling_off_rule("h3", "other_members", "6 months", "all", day(500)));
  REQUIRE(handover.refusals_can_continue());
  const double handover_bars[3] = {184, 184, 184};
  CHECK(handover.continued_refusal_end(leaver, handover_bars, 7u, 1u, 1, 100) == 100);
}

TEST_CASE("rules that act only after the run leave it as it was", "[rules][market]") {
  // A cooling-off from 2029 and its successor, past the end of a run to 2026: with
  // their pair switching on the relaunch's reckoning, the national rules' run moved
  // (leavers to agency 4.06 a month against 4.11 in a review's 100 replications).
  const std::string path = test_support::scenario_path("national-rules-2024.yaml");
  const auto plain = wfsim::scenario::load_scenario_file(path, {"duration=2 years"});
  const auto text = [](const std::string& from, const std::string& until) {
    return "{name: 'after " + from +
           "', kind: cooling_off, scope: other_members, length: 6 months, members: all, from: " + from +
           (until.empty() ? "" : ", until: " + until) + "}";
  };
  auto extended = plain;
  auto after = wfsim::scenario::load_scenario_text(
      "name: after\nstart: 2024-04-01\nduration: 2 years\nauthorities:\n  - {name: A, roles: [{name: social_worker, "
      "permanent_posts: 1, leaving: {turnover_per_year: 0}}]}\nrules:\n  - " +
          text("2029-01-01", "2029-06-01") + "\n  - " + text("2029-06-01", "") + "\n",
      "after.yaml");
  for (auto& rule : after.parameters.rules) {
    rule.every_authority = true;
    extended.parameters.rules.push_back(rule);
  }
  REQUIRE(RuleBook(extended.parameters.rules, 0).refusals_can_continue());
  const auto a = test_support::run_in_memory(plain, 6, 5, 2);
  const auto b = test_support::run_in_memory(extended, 6, 5, 2);
  for (std::size_t r = 0; r < 6; ++r) {
    for (const auto& m : wfsim::model::kMeasures) {
      INFO("replication " << r << ", " << m.name);
      CHECK(test_support::same_series(a.replications[r], b.replications[r], m.measure));
    }
  }
}

TEST_CASE("a month's results do not hang on how long the run goes on after it", "[rules][market]") {
  // A cooling-off from 20 days after a 2-year run's end: leavers in its last months
  // expect to leave while it is in force, and weigh it as the 3-year run's do. The
  // leavers' cache of refusals once lumped every day after the run's last change
  // together, so the 2-year run's leavers ignored it (a review's 200 replications:
  // 1,830 leavers to agency in December 2019 against the 3-year run's 1,480).
  const std::string role = R"(
      - name: social_worker
        permanent_posts: 200
        initial: {in_post: 170, agency_covering_vacancies: 20}
        pay: {salary_per_year: 36000, agency_rate_per_hour: 45}
        leaving:
          turnover_per_year: 0.3
          notice: {distribution: uniform, min: 10 days, max: 170 days}
          destinations: {outside: 0.3, other_council: 0.2, agency: 0.5}
        recruitment: {approval_to_offer: 20 days, offer_to_start: 50 days, applicants_per_year: 40}
        agency: {booking_delay: 14 days, leaving_per_year: 1}
)";
  const auto scenario = [&](const std::string& duration) {
    return "name: late rule\nstart: 2018-01-01\nduration: " + duration +
           "\nauthorities:\n  - name: Alpha\n    neighbours: [Beta]\n    roles:" + role +
           "  - name: Beta\n    roles:" + role + R"(agency_supply:
  - {role: social_worker, available_at_start: 10, joining_per_year: 30, leaving_per_year: 3}
labour_pool:
  - {role: social_worker, returners_per_year: 10, leaving_per_year: 2}
rules:
  - {name: late ban, kind: cooling_off, scope: any_member, length: 12 months, from: 2020-01-20, members: all}
)";
  };
  const auto two = test_support::run_text(scenario("2 years"), 30, 5);
  const auto three = test_support::run_text(scenario("3 years"), 30, 5);
  REQUIRE(two.replications.front().periods() == 24);
  REQUIRE(three.replications.front().periods() == 36);
  for (const auto& m : kMeasures) {
    bool same = true;
    for (std::size_t r = 0; r < 30 && same; ++r) {
      const auto& a = two.replications[r];
      const auto& b = three.replications[r];
      for (std::size_t row = 0; row < a.authorities() && same; ++row) {
        for (std::size_t k = 0; k < 24 && same; ++k) {
          const double x = a.at(m.measure, row, k), y = b.at(m.measure, row, k);
          same = std::memcmp(&x, &y, sizeof x) == 0;
        }
      }
    }
    INFO(m.name);
    CHECK(same);
  }
}
