// Notes on what a valid scenario says that is probably a slip (scenario_notes.hpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/scenario_notes.hpp"
#include "support.hpp"
#include "working_folder.hpp"

namespace {
std::vector<std::string> notes_of(const std::string& extra, const std::string& role_extra = "") {
  const std::string text = R"(name: notes
start: 2016-01-01
duration: 2 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 10
        leaving: {turnover_per_year: 0.1}
)" + role_extra + R"(    policies:
      - {name: late, kind: recruitment_campaign, role: social_worker, from: 2030-01-01, extra_applicants_per_year: 6}
      - {name: on time, kind: market_supplement, role: social_worker, from: 2016-06-01, amount_per_worker_per_year: 600}
  - name: B
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}
)" + extra;
  return wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "notes.yaml"));
}
}  // namespace

TEST_CASE("a payment made from before the first day is noted unless it was paid already", "[scenario]") {
  // It moves turnover and applicants from the scenario's figures from day one, which is
  // right for a what-if that starts paying it and wrong for a payment the figures include.
  auto payment_notes = [](const std::string& extra_keys) {
    const std::string text =
        "name: paid\nstart: 2016-01-01\nduration: 1 year\nauthorities:\n  - name: A\n"
        "    roles:\n      - {name: sw, permanent_posts: 10, leaving: {turnover_per_year: 0.1}, "
        "pay: {salary_per_year: 30000}}\n    policies:\n"
        "      - {name: retention, kind: retention_payment, role: sw, "
        "amount_per_worker_per_year: 1234567" +
        extra_keys + "}\n";
    std::vector<std::string> found;
    for (const std::string& note : wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "paid.yaml"))) {
      if (note.find("already_paid") != std::string::npos) found.push_back(note);
    }
    return found;
  };
  const auto unmarked = payment_notes("");
  REQUIRE(unmarked.size() == 1);
  CHECK(unmarked[0] ==
        "authorities[0].policies[0] 'retention': it pays 1234567 a worker a year from before the first day, so the "
        "role's "
        "turnover and applicants move from the scenario's figures from the start, as on the day it begins; if those "
        "figures were measured while it was paid, add 'already_paid: true'");
  CHECK(payment_notes(", already_paid: true").empty());
  CHECK(payment_notes(", from: 2016-03-01").empty());  // a payment that begins in the run: the what-if itself
  CHECK(payment_notes(", from: 2016-01-01").empty());  // or on its first day
}

TEST_CASE("a lever, rule or membership wholly outside the run is noted", "[scenario]") {
  const auto notes = notes_of(R"(rules:
  - {name: past, kind: experience, min_experience: 3 years, members: all, from: 2010-01-01, until: 2012-01-01}
  - {name: cooling-off, kind: cooling_off, scope: other_members, length: 6 months, existing_from: 2019-01-01,
     until: 2017-06-01, members: [A, {authority: B, from: 2030-01-01}]}
)");
  REQUIRE(notes.size() == 5);
  CHECK(notes[0] ==
        "rules[0] 'past' is in force from 2010-01-01 until 2012-01-01, outside the run (from 2016-01-01 "
        "until 2018-01-01): it refuses and caps nothing");
  CHECK(notes[1] ==
        "rules[1] 'cooling-off': existing_from (2019-01-01) falls after the rule ends: it ends no "
        "assignment");
  CHECK(notes[2] ==
        "rules[1] 'cooling-off': members[1] (B, from 2030-01-01) is a member only outside the run or the "
        "rule's own dates: it binds nothing");
  // A is a member in the run, and its supply unlimited: the rule refuses nothing, said
  // beside the late membership (it was not, a review).
  CHECK(notes[3].starts_with("rules[1] 'cooling-off': no member's role has a limited agency supply"));
  CHECK(notes[4] ==
        "authorities[0].policies[0] 'late' acts from 2030-01-01, outside the run (from 2016-01-01 until "
        "2018-01-01): it changes and costs nothing");
}

TEST_CASE("a charge cap below the agency's margin is noted", "[scenario]") {
  // The margin is kept, so members pay it and the worker is paid nothing: agency_rate_cap
  // said 2 while agency_rate_paid said 4, without a word (a regional walk-through).
  const auto notes = notes_of(R"(rules:
  - {name: low, kind: rate_cap, caps_per_hour: {social_worker: 2}, members: [A]}
  - {name: fair, kind: rate_cap, caps_per_hour: {social_worker: 35}, members: all}
  - {name: on pay, kind: rate_cap, caps_per_hour: {social_worker: 2}, applies_to: pay_rate, members: all}
)",
                              "        pay: {salary_per_year: 30000, agency_rate_per_hour: 40, "
                              "agency_margin_per_hour: 4}\n");
  REQUIRE(notes.size() == 3);  // and the late campaign's, and B's salary of 0 beside A's
  CHECK(notes[0] ==
        "rules[0] 'low': it caps A's social_worker charge at 2 an hour, below the agency's margin of 4: members pay "
        "the margin (agency_rate_paid) and the worker is paid nothing, so no agency worker takes a booking there, "
        "while agency_rate_cap reports the cap");
}

TEST_CASE("a charge cap at the margin, or a pay cap of 0, is noted as a charge cap below it is", "[scenario]") {
  // Each leaves the worker nothing, as a cap below the margin does, and went without a
  // word (an audit): a cap of 4 against a margin of 4, and caps of 0 on pay.
  const std::string pay =
      "        pay: {salary_per_year: 30000, agency_rate_per_hour: 40, agency_margin_per_hour: 4}\n";
  const auto noted = [&](const std::string& terms) {
    const auto notes = notes_of("rules:\n  - {name: r, kind: rate_cap, " + terms + ", members: [A]}\n", pay);
    return std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return n.rfind("rules[0]", 0) == 0; });
  };
  CHECK(noted("caps_per_hour: {social_worker: 4}"));
  CHECK(noted("caps_per_hour: {social_worker: 0}, applies_to: pay_rate"));
  CHECK(noted("caps_per_hour: {social_worker: 0}, applies_to: pay_and_employer_costs"));
  CHECK_FALSE(noted("caps_per_hour: {social_worker: 4.5}"));
  CHECK_FALSE(noted("caps_per_hour: {social_worker: 0.5}, applies_to: pay_rate"));
  const auto notes =
      notes_of("rules:\n  - {name: r, kind: rate_cap, caps_per_hour: {social_worker: 4}, members: [A]}\n", pay);
  CHECK(std::find(notes.begin(), notes.end(),
                  "rules[0] 'r': it caps A's social_worker charge at 4 an hour, no more than the agency's margin of 4: "
                  "members pay the margin (agency_rate_paid) and the worker is paid nothing, so no agency worker takes "
                  "a booking there, while agency_rate_cap reports the cap") != notes.end());
  // A cap on those who qualified from a date leaves the others paid: said of them.
  const auto newly = notes_of(
      "rules:\n  - {name: r, kind: rate_cap, caps_per_hour: {social_worker: 4}, qualified_after: 2016-06-01, "
      "members: [A]}\n",
      pay);
  CHECK(std::any_of(newly.begin(), newly.end(), [](const std::string& n) {
    // Not "while agency_rate_cap reports the cap": with qualified_after it is NaN (a review).
    return n.find("so no agency worker who qualified from 2016-06-01 takes a booking there") != std::string::npos &&
           n.find("agency_rate_cap") == std::string::npos;
  }));
  const auto on_pay = notes_of(
      "rules:\n  - {name: r, kind: rate_cap, caps_per_hour: {social_worker: 0}, applies_to: pay_rate, members: [A]}\n",
      pay);
  CHECK(std::find(on_pay.begin(), on_pay.end(),
                  "rules[0] 'r': it caps A's social_worker pay at 0 an hour: the worker is paid nothing, so no agency "
                  "worker takes a booking there, while agency_rate_cap reports the cap") != on_pay.end());
}

TEST_CASE("values that do nothing as written are noted", "[scenario]") {
  // Each ran without a word (an audit): employer costs written as a percentage; no
  // hours, which made agency_spend 0 with 8 agency workers; an off-contract rate with no
  // share off contract; an appeal to seekers where no pool has any.
  const auto one = [](const std::string& role_extra, const std::string& says) {
    const auto notes = notes_of("", role_extra);
    INFO(role_extra);
    CHECK(std::count_if(notes.begin(), notes.end(), [&](const std::string& n) {
            return n.find("authorities[0].roles[0]." + says) != std::string::npos;
          }) == 1);
  };
  one("        pay: {salary_per_year: 30000, agency_rate_per_hour: 45, agency_employer_costs: 14.3}\n",
      "pay.agency_employer_costs is 14.3, 1430% of an agency worker's pay; a share is written as a fraction");
  one("        pay: {salary_per_year: 30000, agency_rate_per_hour: 45, hours_per_week: 0}\n",
      "pay.hours_per_week is 0: an agency worker is paid for no hours, so agency_spend is 0 whatever "
      "agency_rate_per_hour (45)");
  one("        agency: {off_contract_rate_per_hour: 90}\n",
      "agency.off_contract_rate_per_hour is 90, but off_contract_share is 0: no booking is made off contract");
  one("        agency: {cover_vacancies: false, conversion_per_year: 2}\n",
      "agency.conversion_per_year is 2, but cover_vacancies is false and no agency worker covers a vacancy at the "
      "start");
  one("        long_absences: [{kind: sick, starts_per_year: 0, duration: 3 months}]\n",
      "long_absences[0] 'sick' starts 0 a year: nobody is absent for it after the start");
  one("        long_absences: [{kind: sick, starts_per_year: 0.05, duration: 0 days}]\n",
      "long_absences[0] 'sick' lasts 0 days");
  one("        recruitment: {applicants_per_year: 10, appeal_to_seekers: 5}\n",
      "recruitment.appeal_to_seekers is 5, but no labour_pool of social_worker serves the council's region");
  // As meant, nothing is said.
  for (const std::string fine : {"        pay: {salary_per_year: 30000, agency_rate_per_hour: 45, "
                                 "agency_employer_costs: 0.143, hours_per_week: 37}\n",
                                 "        agency: {off_contract_share: 0.2, off_contract_rate_per_hour: 90}\n"}) {
    const auto notes = notes_of("", fine);
    CHECK(std::none_of(notes.begin(), notes.end(),
                       [](const std::string& n) { return n.rfind("authorities[0].roles[0].", 0) == 0; }));
  }
}

TEST_CASE("a lever that changes nothing beside a tighter one of the same role is noted", "[scenario]") {
  // Caps of 10% and 30%: the second never binds while the first is in force, and its
  // running cost is still counted; so for a shorter induction overlap beside a longer
  // one. Both ran without a word (an audit). Supplements add, and say nothing.
  const auto policy_notes = [](const std::string& policies) {
    const std::string text =
        "name: levers\nstart: 2016-01-01\nduration: 2 years\nauthorities:\n  - name: A\n    roles:\n"
        "      - {name: sw, permanent_posts: 10, leaving: {turnover_per_year: 0.1}, pay: {salary_per_year: 30000}}\n"
        "    policies:\n" +
        policies;
    std::vector<std::string> found;
    for (const std::string& n : wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "l.yaml"))) {
      if (n.find("do not add up") != std::string::npos) found.push_back(n);
    }
    return found;
  };
  const auto caps = policy_notes(
      "      - {name: c1, kind: agency_share_cap, role: sw, max_share: 0.1}\n"
      "      - {name: c2, kind: agency_share_cap, role: sw, max_share: 0.3, cost_per_year: 1000, from: 2017-01-01}\n");
  REQUIRE(caps.size() == 1);
  CHECK(caps[0] ==
        "authorities[0].policies[1] 'c2': it changes nothing while 'c1' is in force beside it (from 2017-01-01 until "
        "2018-01-01): the two do not add up on sw, and 'c1' holds; its cost_per_year is still counted");
  // Listed the other way round, the looser is still the one said.
  const auto reversed = policy_notes(
      "      - {name: c2, kind: agency_share_cap, role: sw, max_share: 0.3}\n"
      "      - {name: c1, kind: agency_share_cap, role: sw, max_share: 0.1}\n");
  REQUIRE(reversed.size() == 1);
  CHECK(reversed[0].rfind("authorities[0].policies[0] 'c2': it changes nothing while 'c1'", 0) == 0);
  // Two alike: the second listed.
  const auto alike = policy_notes(
      "      - {name: a, kind: agency_share_cap, role: sw, max_share: 0.2}\n"
      "      - {name: b, kind: agency_share_cap, role: sw, max_share: 0.2}\n");
  REQUIRE(alike.size() == 1);
  CHECK(alike[0].rfind("authorities[0].policies[1] 'b'", 0) == 0);
  CHECK(policy_notes("      - {name: o1, kind: induction_overlap, role: sw, overlap: 1 month}\n"
                     "      - {name: o3, kind: induction_overlap, role: sw, overlap: 3 months}\n")
            .size() == 1);
  // Not in force together, or adding up: nothing said.
  CHECK(policy_notes("      - {name: c1, kind: agency_share_cap, role: sw, max_share: 0.1, until: 2017-01-01}\n"
                     "      - {name: c2, kind: agency_share_cap, role: sw, max_share: 0.3, from: 2017-01-01}\n")
            .empty());
  CHECK(policy_notes("      - {name: s1, kind: market_supplement, role: sw, amount_per_worker_per_year: 600}\n"
                     "      - {name: s2, kind: market_supplement, role: sw, amount_per_worker_per_year: 900}\n")
            .empty());
}

TEST_CASE("a share written as a percentage is noted", "[scenario]") {
  const auto notes = notes_of("", "        pay: {salary_per_year: 30000, on_costs: 30}\n");
  REQUIRE(notes.size() == 3);  // the late campaign's, this, and B's salary of 0 beside A's
  CHECK(notes[1] ==
        "authorities[0].roles[0].pay.on_costs is 30, 3000% of salary; a share is written as a fraction "
        "(0.3 for 30%)");
}

TEST_CASE("a share of vacancies covered where no vacancy is covered is noted", "[scenario]") {
  const auto notes = notes_of("", "        agency: {cover_vacancies: false, vacancy_cover_share: 0.4}\n");
  REQUIRE(notes.size() == 2);
  CHECK(notes[1] ==
        "authorities[0].roles[0].agency.vacancy_cover_share is 0.4, but cover_vacancies is false: no vacancy is "
        "covered; the share applies only where cover_vacancies is true");
  // Either alone is not a slip.
  CHECK(notes_of("", "        agency: {cover_vacancies: false}\n").size() == 1);
  CHECK(notes_of("", "        agency: {vacancy_cover_share: 0.4}\n").size() == 1);
}

TEST_CASE("a cohort whose dates hold no cohort month is noted", "[scenario]") {
  // The run is 2016 and 2017. A September cohort from October 2016 to August 2017 has
  // no 1st of September in force; a January one from February 2017 would first start
  // on 1 January 2018, the run's end; a September one from October 2016 on starts in
  // September 2017, and one with no trainees is no slip.
  const std::string text = R"(name: cohorts
start: 2016-01-01
duration: 2 years
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}
    policies:
      - {name: between, kind: cohort, route: nqsw, role: social_worker, per_year: 4, month: 9, from: 2016-10-01,
         until: 2017-08-01}
      - {name: late, kind: cohort, route: degree, role: social_worker, per_year: 4, month: 1, from: 2017-02-01}
      - {name: fine, kind: cohort, route: nqsw, role: social_worker, per_year: 4, month: 9, from: 2016-10-01}
      - {name: none, kind: cohort, route: nqsw, role: social_worker, per_year: 0, month: 9, from: 2016-10-01,
         until: 2017-08-01}
)";
  const auto notes = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "cohorts.yaml"));
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] ==
        "authorities[0].policies[0] 'between': no 1st of month 9 falls between its start and its end within the "
        "run (2017-09-01 would be the first): no cohort starts");
  CHECK(notes[1] ==
        "authorities[0].policies[1] 'late': no 1st of month 1 falls between its start and its end within the run "
        "(2018-01-01 would be the first): no cohort starts");
}

TEST_CASE("a cohort paid for within the run whose trainees start work after it is noted", "[scenario]") {
  // Three years, as init writes: September cohorts trained for a year. The 2018 cohort
  // qualifies in September 2019, after the run; 2016's and 2017's within it. One
  // trained for a year and a half from 2017 is late too.
  const std::string text = R"(name: cohorts
start: 2016-01-01
duration: 3 years
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}
    policies:
      - {name: nqsw, kind: cohort, route: nqsw, role: social_worker, per_year: 4, month: 9, training: 1 year}
      - {name: long, kind: cohort, route: degree, role: social_worker, per_year: 4, month: 9, training: 18 months}
)";
  const auto notes = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "cohorts.yaml"));
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] ==
        "authorities[0].policies[0] 'nqsw': 1 of its 3 cohorts within the run (from 2018-09-01) start work after "
        "it ends, on average (training, then the role's recruitment): their cost is counted, their work is not; "
        "a longer duration weighs both");
  CHECK(notes[1].rfind("authorities[0].policies[1] 'long': 2 of its 3 cohorts within the run (from 2017-09-01)", 0) ==
        0);
  // A trainee starts work once through the offer's wait: the 2017 cohort, qualified in
  // September 2018, starts after the run's end with 6 months from offer to start. It
  // was counted as at work, and added half a starter of its ten in a walkthrough.
  const auto waiting = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(
      text, "cohorts.yaml", {"authorities[0].roles[0].recruitment={offer_to_start: 6 months}"}));
  REQUIRE(!waiting.empty());
  CHECK(waiting[0].rfind("authorities[0].policies[0] 'nqsw': 2 of its 3 cohorts within the run (from 2017-09-01)", 0) ==
        0);
  // And through the assessment to an offer, repeated after each that fails: 3 months
  // at one offer in two is 6 months on average.
  const auto assessed = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(
      text, "cohorts.yaml",
      {"authorities[0].roles[0].recruitment={approval_to_offer: 3 months, offer_failure_probability: 0.5}"}));
  REQUIRE(!assessed.empty());
  CHECK(assessed[0].rfind("authorities[0].policies[0] 'nqsw': 2 of its 3 cohorts within the run (from 2017-09-01)",
                          0) == 0);
  // Over five years none of a one-year programme's cohorts till 2019 is late.
  const auto longer =
      wfsim::scenario::load_scenario_text(text, "cohorts.yaml",
                                          {"duration=5 years", "authorities[0].policies[0].until=2020-01-01",
                                           "authorities[0].policies[1].until=2019-01-01"});
  CHECK(wfsim::scenario::notes_on(longer).empty());
}

TEST_CASE("a first-year cap's fixed-experience note looks only where its workers come from", "[scenario]") {
  // The West Midlands' rule was said to be stepped by the North East's supply.
  const std::string text = R"(name: two regions
start: 2019-01-01
duration: 1 year
regions: [{name: North}, {name: South}]
authorities:
  - {name: A, region: North, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1},
     experience: {distribution: uniform, min: 0 years, max: 20 years}, pay: {salary_per_year: 30000}}]}
  - {name: B, region: South, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1},
     experience: {distribution: uniform, min: 0 years, max: 20 years}, pay: {salary_per_year: 30000}}]}
agency_supply:
  - {role: social_worker, region: North, available_at_start: 0, joining_per_year: 10,
     experience: {distribution: uniform, min: 0 years, max: 20 years}}
  - {role: social_worker, region: South, available_at_start: 0, joining_per_year: 10,
     experience: {distribution: uniform, min: 0 years, max: 20 years}}
rules:
  - {name: first years, kind: rate_cap, permanent_equivalent: true, qualified_after: 2014-01-01, members: [A]}
)";
  const auto notes_with = [&](const std::string& set) {
    return wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "r.yaml", {set}));
  };
  const auto south = notes_with("agency_supply[1].experience=5 years");
  CHECK(std::none_of(south.begin(), south.end(), [](const std::string& n) { return n.find("fixed at") != n.npos; }));
  const auto north = notes_with("agency_supply[0].experience=5 years");
  CHECK(std::any_of(north.begin(), north.end(), [](const std::string& n) {
    return n.find("agency_supply[0].experience is fixed at 5") != n.npos;
  }));
  // An unlimited supply's experience is never drawn (its workers arrive with their
  // role's): not named, though fixed (a review: the cap's note named it).
  const auto unlimited = notes_with("agency_supply[0]={role: social_worker, region: North}");
  CHECK(std::none_of(unlimited.begin(), unlimited.end(),
                     [](const std::string& n) { return n.find("agency_supply[0].experience") != n.npos; }));
}

TEST_CASE("a campaign for a role of unlimited applicants is noted: it changes nothing", "[scenario]") {
  // It cost its money and changed nothing, without a word, where conversion in the same
  // case was noted.
  const auto with_recruitment = [](const std::string& recruitment) {
    return std::string(R"(name: campaign
start: 2016-01-01
duration: 1 year
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1})") +
           recruitment + R"(}
    policies:
      - {name: c, kind: recruitment_campaign, role: social_worker, extra_applicants_per_year: 20, cost_per_year: 5000}
)";
  };
  const auto notes = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(with_recruitment(""), "c.yaml"));
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] ==
        "authorities[0].policies[0] 'c': it adds applicants, but social_worker's recruitment.applicants_per_year is "
        "unlimited: an applicant is always there, so it changes nothing and costs what it costs; give a number of "
        "applicants a year");
  const auto counted =
      wfsim::scenario::load_scenario_text(with_recruitment(", recruitment: {applicants_per_year: 30}"), "c.yaml");
  CHECK(wfsim::scenario::notes_on(counted).empty());
}

TEST_CASE("a cohort paid for in the warm-up is noted: its cost is not counted, its work is", "[scenario]") {
  // A January cohort from November 2015 with a six-month warm-up: the 2016 cohort's
  // cost fell before the results and was in none of them, while its trainees worked in
  // them, and the note said only that the cohorts' cost was counted.
  const std::string text = R"(name: cohorts
start: 2015-10-01
duration: 3 years
warmup: 6 months
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}
    policies:
      - {name: n, kind: cohort, route: nqsw, role: social_worker, per_year: 5, month: 1, from: 2015-11-01,
         cost_per_trainee: 1000, training: 1 year}
)";
  const auto notes = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "cohorts.yaml"));
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::StartsWith("authorities[0].policies[0] 'n': 1 cohort starts in the warm-up (from "
                                         "2016-01-01), before the results start on 2016-04-01: its cost is not "
                                         "counted, its trainees' work is; give 'from: 2016-04-01'"));
  // A lever that ends within the warm-up is not told to start later than its end.
  const auto ended = wfsim::scenario::notes_on(
      wfsim::scenario::load_scenario_text(text, "cohorts.yaml", {"authorities[0].policies[0].until=2016-03-01"}));
  REQUIRE(ended.size() == 1);
  CHECK_THAT(ended[0], Catch::Contains("every cohort of it starts in the warm-up") && !Catch::Contains("from: "));
  // Free cohorts, or cohorts from the results' start, have nothing uncounted.
  for (const char* change :
       {"authorities[0].policies[0].cost_per_trainee=0", "authorities[0].policies[0].from=2016-04-01"}) {
    INFO(change);
    const auto changed = wfsim::scenario::load_scenario_text(text, "cohorts.yaml", {change});
    const auto none = wfsim::scenario::notes_on(changed);
    CHECK(std::none_of(none.begin(), none.end(),
                       [](const std::string& n) { return n.find("warm-up") != std::string::npos; }));
  }
}

TEST_CASE("an experience threshold beside a fixed experience is noted: it bars all alike or none", "[scenario]") {
  // By default every worker arrives with exactly 5 years: a 3-year threshold never bars
  // them, a 7-year one bars each for their first 2 years (validate said nothing).
  const std::string supply = "agency_supply:\n  - {role: social_worker, available_at_start: 10}\n";
  const auto rule = [&](const std::string& years, const std::string& more = "") {
    return notes_of("rules:\n  - {name: pqe, kind: experience, min_experience: " + years + ", members: all" + more +
                    "}\n" + supply);
  };
  const auto has = [](const std::vector<std::string>& notes, const std::string& text) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(text) != n.npos; });
  };
  const auto low = rule("3 years");
  CHECK(has(low,
            "rules[0] 'pqe': authorities[0].roles[0].experience is fixed at 5 years for every worker (5 years if "
            "not given) and 2 other experience(s) at 5 years or more, at or above the experience it asks: no worker "
            "arriving with them is ever barred, where in truth some would have less: a step of the inputs"));
  const auto high = rule("7 years");
  CHECK(has(high,
            "rules[0] 'pqe': authorities[0].roles[0].experience is fixed at 5 years for every worker (5 years if "
            "not given) and 2 other experience(s) also below the experience it asks: every worker arriving with it "
            "is barred for their first 2 years and none after, all alike (with the others, for as long as theirs "
            "falls short): a step of the inputs"));
  CHECK_FALSE(has(high, "at or above"));
  CHECK(has(rule("1827 days"), "barred for their first 1 day and none after"));
  // Spread everywhere the rule's workers come from, or a threshold of nothing: no such note.
  const std::string spread = "experience: {distribution: uniform, min: 0 years, max: 20 years}";
  const auto spread_notes = notes_of(
      "rules:\n  - {name: pqe, kind: experience, min_experience: 3 years, members: all}\n"
      "agency_supply:\n  - {role: social_worker, available_at_start: 10, " +
          spread + "}\n",
      "        " + spread + "\n");
  CHECK_FALSE(has(spread_notes, "authorities[0].roles[0].experience is fixed"));
  CHECK(has(spread_notes, "authorities[1].roles[0].experience is fixed at 5 years"));
  CHECK_FALSE(has(rule("0 days"), "is fixed at"));
  // A member only after the run binds nothing there: that is its note, not this one.
  const auto later = notes_of(
      "rules:\n  - {name: pqe, kind: experience, min_experience: 7 years, members: [{authority: A, from: "
      "2030-01-01}]}\n" +
      supply);
  CHECK(has(later, "is a member only outside the run"));
  CHECK_FALSE(has(later, "is fixed at"));
}

TEST_CASE("an experience threshold's fixed-experience note judges every source, and yields to 'refuses nothing'",
          "[scenario]") {
  // The verdict rested on the first fixed experience listed: a supply fixed at 1 year
  // beside roles at the default 5 was said never barred (a review).
  const auto has = [](const std::vector<std::string>& notes, const std::string& text) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(text) != n.npos; });
  };
  const auto mixed = notes_of(
      "rules:\n  - {name: pqe, kind: experience, min_experience: 3 years, members: all}\n"
      "agency_supply:\n  - {role: social_worker, available_at_start: 10, experience: 1 year}\n");
  CHECK(has(mixed,
            "authorities[0].roles[0].experience is fixed at 5 years for every worker (5 years if not given) and 1 "
            "other experience(s) at 5 years or more, at or above the experience it asks: no worker arriving with "
            "them is ever barred"));
  CHECK(has(mixed,
            "; agency_supply[0].experience is fixed at 1 year for every worker (5 years if not given): every worker "
            "arriving with it is barred for their first 2 years and none after"));
  // Which council is listed first names no other experience (a review: swapping two
  // councils' fixed experiences flipped the note): the least is named, in either order.
  const std::string two = R"(name: order
start: 2016-01-01
duration: 2 years
authorities:
  - {name: A, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]}
  - {name: B, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]}
agency_supply:
  - {role: social_worker, available_at_start: 10, experience: 5 years}
rules:
  - {name: pqe, kind: experience, min_experience: 3 years, members: all}
)";
  for (const std::string set :
       {"authorities[0].roles[0].experience=1 year", "authorities[1].roles[0].experience=1 year"}) {
    const auto notes = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(two, "o.yaml", {set}));
    const bool first = set.starts_with("authorities[0]");  // the council given 1 year
    const std::string low = first ? "authorities[0]" : "authorities[1]",
                      high = first ? "authorities[1]" : "authorities[0]";
    INFO(set);
    CHECK(has(notes, low + ".roles[0].experience is fixed at 1 year for every worker (5 years if not given): every "
                           "worker arriving with it is barred for their first 2 years"));
    CHECK(has(notes, high + ".roles[0].experience is fixed at 5 years for every worker (5 years if not given) and 1 "
                            "other experience(s) at 5 years or more"));
  }
  // A council that is a member only after the run brings the rule no worker in it: its
  // fixed experience is not named (it was, a review).
  std::string late = two;
  late.replace(late.find("members: all"), 12, "members: [A, {authority: B, from: 2030-01-01}]");
  const auto late_notes = wfsim::scenario::notes_on(
      wfsim::scenario::load_scenario_text(late, "l.yaml", {"authorities[1].roles[0].experience=1 year"}));
  CHECK_FALSE(has(late_notes, "authorities[1].roles[0].experience is fixed"));
  CHECK(has(late_notes, "authorities[0].roles[0].experience is fixed at 5 years"));
  // Every member's supply unlimited: the rule refuses nothing, and that is what is said.
  const auto unlimited = notes_of("rules:\n  - {name: pqe, kind: experience, min_experience: 7 years, members: all}\n");
  CHECK(has(unlimited, "rules[0] 'pqe': no member's role has a limited agency supply"));
  CHECK_FALSE(has(unlimited, "is fixed at"));
  // A supply of a role no member has brings the rule no worker: not named.
  const auto other_role = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(R"(name: two roles
start: 2016-01-01
duration: 2 years
authorities:
  - {name: A, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1},
     experience: {distribution: uniform, min: 0 years, max: 20 years}}]}
  - {name: B, roles: [{name: manager, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]}
agency_supply:
  - {role: social_worker, available_at_start: 10, experience: {distribution: uniform, min: 0 years, max: 20 years}}
  - {role: manager, available_at_start: 10, experience: 1 year}
rules:
  - {name: pqe, kind: experience, min_experience: 7 years, members: [A]}
)",
                                                                                        "roles.yaml"));
  CHECK_FALSE(has(other_role, "agency_supply[1]"));
  // A member's role whose agency supply is unlimited is never barred (an unlimited
  // market fills each booking with someone the rules allow): its fixed experience is not
  // named (the reference's every-section example named a manager role's, an audit).
  const auto unlimited_role = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(R"(name: two roles
start: 2016-01-01
duration: 2 years
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}
      - {name: manager, permanent_posts: 5, leaving: {turnover_per_year: 0.1}, experience: 1 year}
agency_supply:
  - {role: social_worker, available_at_start: 10}
rules:
  - {name: pqe, kind: experience, min_experience: 3 years, members: all}
)",
                                                                                            "unlimited.yaml"));
  CHECK(has(unlimited_role,
            "authorities[0].roles[0].experience is fixed at 5 years for every worker (5 years if not "
            "given) and 1 other experience(s) at 5 years or more"));
  CHECK_FALSE(has(unlimited_role, "roles[1].experience"));
}

TEST_CASE("a rule that bars or caps nobody is noted", "[scenario]") {
  // A cooling-off of length 0, one of other_members with one member, and a cap above
  // every member's rate each ran as if they acted (a walkthrough measured no effect).
  const auto notes = notes_of(R"(rules:
  - {name: none long, kind: cooling_off, scope: any_member, length: 0 months, members: all}
  - {name: alone, kind: cooling_off, scope: other_members, length: 6 months, members: [A]}
  - {name: high cap, kind: rate_cap, applies_to: charge_rate, caps_per_hour: {social_worker: 45}, members: all}
  - {name: low cap, kind: rate_cap, applies_to: charge_rate, caps_per_hour: {social_worker: 35}, members: all}
  - {name: both, kind: cooling_off, scope: other_members, length: 6 months, members: [A, B]}
  - {name: no years, kind: experience, min_experience: 0 days, members: all}
agency_supply:
  - {role: social_worker, available_at_start: 10}
)",
                              "        pay: {agency_rate_per_hour: 40}\n");
  const auto has = [&](const std::string& text) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(text) != n.npos; });
  };
  CHECK(has("rules[0] 'none long': its length is 0: it bars nobody"));
  CHECK(has("rules[1] 'alone': scope other_members with one member"));
  CHECK(has("rules[2] 'high cap': no member's agency rate is above its caps: it caps nobody"));
  CHECK_FALSE(has("rules[3] 'low cap'"));
  CHECK_FALSE(has("rules[4] 'both'"));
  CHECK(has("rules[5] 'no years': its min_experience is 0: it bars nobody"));
  // A cap the off-contract rate is above binds those bookings; one a rate drawn for
  // each replication may exceed binds in some (both were said to cap nobody).
  const std::string cap = R"(rules:
  - {name: cap 50, kind: rate_cap, applies_to: charge_rate, caps_per_hour: {social_worker: 50}, members: all}
)";
  const auto off_contract = notes_of(cap,
                                     "        pay: {agency_rate_per_hour: 40}\n"
                                     "        agency: {off_contract_share: 0.5, off_contract_rate_per_hour: 60}\n");
  CHECK(std::none_of(off_contract.begin(), off_contract.end(),
                     [](const std::string& n) { return n.find("caps nobody") != n.npos; }));
  const auto drawn = notes_of(cap, "        pay: {agency_rate_per_hour: {low: 36, high: 54}}\n");
  CHECK(std::none_of(drawn.begin(), drawn.end(), [](const std::string& n) { return n.find("caps nobody") != n.npos; }));
  // A cap on a role only a council outside the rule has (a review: a team manager's
  // cap at B, where only A employs one, ran without a word).
  const auto elsewhere = notes_of(R"(rules:
  - {name: tm cap, kind: rate_cap, caps_per_hour: {team_manager: 10}, members: [B]}
  - {name: tm cap too, kind: rate_cap, caps_per_hour: {team_manager: 10}, members: [A, B]}
)",
                                  "      - {name: team_manager, permanent_posts: 2, leaving: {turnover_per_year: 0.1}, "
                                  "pay: {agency_rate_per_hour: 50}}\n");
  CHECK(std::count(elsewhere.begin(), elsewhere.end(),
                   "rules[0] 'tm cap': no member has a role it caps ('team_manager'): it caps nobody") == 1);
  CHECK(std::none_of(elsewhere.begin(), elsewhere.end(),
                     [](const std::string& n) { return n.starts_with("rules[1] 'tm cap too'"); }));
  // other_members over every council of a one-council scenario (init --la's) binds
  // nobody too.
  const auto one = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(R"(name: one
start: 2016-01-01
duration: 1 year
authorities:
  - {name: A, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]}
rules:
  - {name: alone, kind: cooling_off, scope: other_members, length: 6 months, members: all}
)",
                                                                                 "one.yaml"));
  REQUIRE(one.size() == 1);
  CHECK(one[0].rfind("rules[0] 'alone': scope other_members with one member", 0) == 0);
  // A rule that refuses, over councils whose agency supply is unlimited, refuses nobody:
  // an MoC there ran bit-identical to none (a model review). A cap is not said to.
  const auto unlimited = notes_of(R"(rules:
  - {name: both, kind: cooling_off, scope: other_members, length: 6 months, members: [A, B]}
  - {name: low cap, kind: rate_cap, applies_to: charge_rate, caps_per_hour: {social_worker: 35}, members: all}
)",
                                  "        pay: {agency_rate_per_hour: 40}\n");
  REQUIRE(unlimited.size() == 2);  // and the base's campaign after the run
  const std::string refuses_nothing =
      "rules[0] 'both': no member's role has a limited agency supply (an agency_supply with a finite "
      "available_at_start), and where supply is unlimited every booking is filled at once by someone the rules "
      "allow: it refuses nothing";
  CHECK(unlimited[0] == refuses_nothing);
  // An agency_supply listed without a finite available_at_start is unlimited all the
  // same (its default): it was taken for a limited one (a review).
  const auto listed = notes_of(R"(rules:
  - {name: both, kind: cooling_off, scope: other_members, length: 6 months, members: [A, B]}
agency_supply:
  - {role: social_worker, available_at_start: unlimited}
)");
  REQUIRE(!listed.empty());
  CHECK(listed[0] == refuses_nothing);
}

TEST_CASE("no shipped scenario has a note, but the NQSW programme's cohorts and England's price cap", "[scenario]") {
  // Counted, so that a folder moved or emptied fails rather than passes unread.
  int scenarios = 0;
  bool saw_nqsw = false;
  const auto shipped = std::filesystem::weakly_canonical(std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios");
  const test_support::WorkingFolder from_scenarios(shipped);  // validation/ extends a base in scenarios/
  for (const auto& entry : std::filesystem::recursive_directory_iterator(shipped)) {
    if (entry.path().extension() != ".yaml") continue;
    ++scenarios;
    INFO(entry.path());
    const auto notes = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_file(entry.path().string()));
    if (entry.path().filename() == "buckinghamshire-2015-nqsw.yaml") {
      saw_nqsw = true;
      // Paid for in the run's last month, as the policy comparison discusses: said, as
      // it should be.
      REQUIRE(notes.size() == 1);
      CHECK(notes[0].find("2 of its 5 cohorts within the run (from 2019-09-01) start work after it ends") !=
            std::string::npos);
    } else if (entry.path().filename() == "england-2023-national-rules.yaml") {
      // The assumed £38 cap on pay with employer costs is above what the assumed £40
      // charge pays (docs/england.md, "The cap does not bind here"): said.
      REQUIRE(notes.size() == 1);
      // In the rate's terms: a cap of £38 on pay and employer costs beside a £40 charge read as wrong.
      CHECK(notes[0] ==
            "rules[8] 'national price cap': no member's agency rate is above its caps: it caps nobody; the "
            "nearest a member is charged, £40.00 an hour, is below the £42.00 at which its caps begin");
    } else {
      CHECK(notes.empty());
    }
  }
  CHECK(scenarios >= 16);  // the twelve of scenarios/ (README) and the four of scenarios/validation/
  CHECK(saw_nqsw);
}

TEST_CASE("a council that pays nothing where others of its market pay is noted", "[scenario]") {
  // One council of a shared market of limited agency supply left without 'pay:', or
  // with a margin above its charge rate, got no agency worker and weighed a salary of
  // nothing against the others', without a word (a review of bad input found both).
  auto with_pay = [](const std::string& a_pay) {
    const std::string text = R"(name: pay
start: 2016-01-01
duration: 1 year
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}, )" +
                             a_pay + R"(}
  - name: B
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1},
         pay: {salary_per_year: 33000, agency_rate_per_hour: 40, agency_margin_per_hour: 5}}
agency_supply:
  - {role: social_worker, available_at_start: 3, joining_per_year: 5}
)";
    return wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "pay.yaml"));
  };
  auto joined = [](const std::vector<std::string>& notes) {
    std::string all;
    for (const auto& n : notes) all += n + "\n";
    return all;
  };
  using Catch::Matchers::Contains;
  CHECK(with_pay("pay: {salary_per_year: 30000, agency_rate_per_hour: 38, agency_margin_per_hour: 5}").empty());
  CHECK_THAT(joined(with_pay("pay: {salary_per_year: 30000, agency_rate_per_hour: 38, agency_margin_per_hour: 40}")),
             Contains("authorities[0].roles[0].pay: its agency charge rate (agency_rate_per_hour 38) is not above the "
                      "agency's margin (agency_margin_per_hour 40), so its agency workers would be paid nothing where "
                      "other councils of its market pay up to 35 an hour"));
  const std::string unpaid = joined(with_pay("initial: {in_post: 10}"));
  CHECK_THAT(unpaid, Contains("authorities[0].roles[0].pay: its agency charge rate (agency_rate_per_hour 0)") &&
                         Contains("authorities[0].roles[0].pay.salary_per_year is 0 (not given) where other councils "
                                  "of its market pay up to 33000 a year"));
  CHECK_THAT(unpaid, !Contains("authorities[1]"));
  // No council pays an agency rate, but the supply weighs pay against an outside one:
  // every council's agency pay factor is 0, and no booking is ever taken (a review).
  const std::string outside = joined(wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(R"(name: outside
start: 2016-01-01
duration: 1 year
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}, pay: {salary_per_year: 33000}}
agency_supply:
  - {role: social_worker, available_at_start: 3, joining_per_year: 5, outside_pay_per_hour: 30}
)",
                                                                                                   "outside.yaml")));
  CHECK_THAT(outside, Contains("authorities[0].roles[0].pay: its agency charge rate (agency_rate_per_hour 0) is not "
                               "above the agency's margin (agency_margin_per_hour 0), so its agency workers would be "
                               "paid nothing where its market's agency_supply weighs pay against an outside pay of 30 "
                               "an hour (outside_pay_per_hour): with agency supply limited, no agency worker takes a "
                               "booking here"));
}

TEST_CASE("a lever's one-off cost that falls before the run is noted", "[scenario]") {
  // Without 'from' a lever is in force from before the run, and its one-off cost, paid on
  // the day it starts, was silently never counted: a campaign costed for the run's
  // first day showed none of its cost.
  const auto notes = notes_of(R"(    policies:
      - {name: always, kind: recruitment_campaign, role: social_worker, extra_applicants_per_year: 6,
         one_off_cost: 15000}
      - {name: earlier, kind: market_supplement, role: social_worker, from: 2015-06-01,
         amount_per_worker_per_year: 1000, one_off_cost: 2000}
      - {name: first day, kind: retention_payment, role: social_worker, from: 2016-01-01,
         amount_per_worker_per_year: 1000, one_off_cost: 500}
)");
  const auto about = [&](const std::string& name) {
    return std::count_if(notes.begin(), notes.end(),
                         [&](const std::string& n) { return n.find("'" + name + "': one_off_cost") != n.npos; });
  };
  CHECK(std::find(notes.begin(), notes.end(),
                  "authorities[1].policies[0] 'always': one_off_cost (15000) is not counted: the lever is in force "
                  "from before the run (no 'from'), and the cost is paid on the day it starts; give 'from: "
                  "2016-01-01' to count it") != notes.end());
  CHECK(std::find(notes.begin(), notes.end(),
                  "authorities[1].policies[1] 'earlier': one_off_cost (2000) is not counted: the lever is in force "
                  "from 2015-06-01, before the run, and the cost is paid on the day it starts; give 'from: "
                  "2016-01-01' to count it") != notes.end());
  CHECK(about("first day") == 0);
}

TEST_CASE("conversion with unlimited applicants, which can never happen, is noted", "[scenario]") {
  // A worker converts only into a vacancy waiting for an applicant; with unlimited
  // applicants none ever waits, and a conversion scenario gave 0 conversions unnoted.
  const auto unlimited = notes_of("", "        agency: {conversion_per_year: 0.5}\n");
  CHECK(std::find(unlimited.begin(), unlimited.end(),
                  "authorities[0].roles[0].agency.conversion_per_year is 0.5, but recruitment.applicants_per_year is "
                  "unlimited: no recruitment waits for an applicant, so no agency worker converts; give a number of "
                  "applicants a year") != unlimited.end());
  const auto limited =
      notes_of("", "        agency: {conversion_per_year: 0.5}\n        recruitment: {applicants_per_year: 20}\n");
  CHECK(std::none_of(limited.begin(), limited.end(),
                     [](const std::string& n) { return n.find("no agency worker converts") != n.npos; }));
}

TEST_CASE("a lever's one-off cost paid in a warm-up is noted, with the day that counts it", "[scenario]") {
  // A warm-up is simulated but not reported: a cost paid in it was lost like one paid
  // before the run, and the note's advice ('from' the run's start) counted nothing.
  const auto notes = notes_of(R"(    policies:
      - {name: always, kind: recruitment_campaign, role: social_worker, extra_applicants_per_year: 6,
         one_off_cost: 15000}
      - {name: in warm-up, kind: recruitment_campaign, role: social_worker, from: 2016-03-01,
         extra_applicants_per_year: 6, one_off_cost: 3000}
      - {name: reported, kind: recruitment_campaign, role: social_worker, from: 2016-07-01,
         extra_applicants_per_year: 6, one_off_cost: 500}
      - {name: over, kind: recruitment_campaign, role: social_worker, from: 2016-02-01, until: 2016-05-01,
         extra_applicants_per_year: 6, one_off_cost: 200}
warmup: 6 months
)");
  const auto has = [&](const std::string& text) { return std::find(notes.begin(), notes.end(), text) != notes.end(); };
  CHECK(
      has("authorities[1].policies[0] 'always': one_off_cost (15000) is not counted: the lever is in force from "
          "before the run (no 'from'), and the cost is paid on the day it starts; give 'from: 2016-07-01' to count "
          "it (the lever then acts from that day, not in the warm-up)"));
  CHECK(
      has("authorities[1].policies[1] 'in warm-up': one_off_cost (3000) is not counted: the lever is in force "
          "from 2016-03-01, in the warm-up, before the results start, and the cost is paid on the day it starts; "
          "give 'from: 2016-07-01' to count it (the lever then acts from that day, not in the warm-up)"));
  CHECK(std::none_of(notes.begin(), notes.end(),
                     [](const std::string& n) { return n.find("'reported': one_off_cost") != n.npos; }));
  // Over before the results start: told so, with no 'from' after its own 'until'.
  CHECK(
      has("authorities[1].policies[3] 'over': one_off_cost (200) is not counted: the lever acts only in the "
          "warm-up or before (from 2016-02-01 until 2016-05-01), before the results start on 2016-07-01"));
}

TEST_CASE("a membership period after the run that continues one within it is not noted", "[scenario]") {
  // It lengthens the membership a leaver weighs at the run's end, so it does bind: the
  // note that it binds nothing was wrong once periods that meet became one (a review).
  const auto notes = notes_of(R"(rules:
  - {name: cooling-off, kind: cooling_off, scope: other_members, length: 6 months,
     members: [A, {authority: B, until: 2020-01-01}, {authority: B, from: 2020-01-01}]}
)");
  for (const std::string& note : notes) CHECK(note.find("binds nothing") == std::string::npos);
  // A period after the run that continues nothing is still noted.
  const auto apart = notes_of(R"(rules:
  - {name: cooling-off, kind: cooling_off, scope: other_members, length: 6 months,
     members: [A, {authority: B, until: 2017-01-01}, {authority: B, from: 2020-01-01}]}
)");
  CHECK(std::count_if(apart.begin(), apart.end(),
                      [](const std::string& note) { return note.find("binds nothing") != std::string::npos; }) == 1);
}

TEST_CASE("a refusing rule starting within a notice of the run's end is noted as weighed by its last leavers",
          "[scenario]") {
  // Leavers weigh the rules of the day they expect to leave (the end of their notice:
  // 90 days at A, 180 at B): a cooling-off of A's from 20 days after the end reaches
  // A's leavers giving notice in the last 70, and B's leavers, whom it cannot bar, not
  // at all (a review: the note took B's notice too); a rule beyond every notice reaches
  // nobody.
  const auto notes = [](const std::string& rule, const std::string& duration, bool limited = true) {
    const std::string role = "permanent_posts: 10, leaving: {turnover_per_year: 0.1, notice: ";
    const std::string text = "name: late\nstart: 2016-01-01\nduration: " + duration +
                             "\nauthorities:\n  - name: A\n    roles:\n      - {name: social_worker, " + role +
                             "90 days, destinations: {outside: 0.5, agency: 0.5}}}\n  - name: B\n    roles:\n"
                             "      - {name: social_worker, " +
                             role + "180 days, destinations: {outside: 0.5, agency: 0.5}}}\n" +
                             (limited ? "agency_supply:\n  - {role: social_worker, available_at_start: 10}\n" : "") +
                             "rules:\n  - " + rule + "\n";
    return wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "late.yaml"));
  };
  const std::string ban = "{name: ban, kind: cooling_off, scope: any_member, length: 6 months, members: [A], from: ";
  const auto soon = notes(ban + "2018-01-21}", "2 years");
  REQUIRE(soon.size() == 1);
  CHECK(soon[0] ==
        "rules[0] 'ban' is in force from 2018-01-21, outside the run (from 2016-01-01 until 2018-01-01): it "
        "refuses and caps nothing, but leavers it could bar who give notice in the run's last 70 days may expect "
        "to leave after it starts, and weigh it");
  const auto whole = notes(ban + "2016-02-21}", "1 month");
  REQUIRE(whole.size() == 1);
  CHECK(
      whole[0].ends_with("it refuses and caps nothing, but leavers it could bar whose notice ends after it starts "
                         "weigh it: any giving notice in the run may"));
  // Of every council, B's longer notice reaches further: 180 - 20 days. So does an
  // experience threshold of A's alone, which bars newcomers from B too.
  const auto all = notes(
      "{name: ban, kind: cooling_off, scope: any_member, length: 6 months, members: all, from: 2018-01-21}", "2 years");
  REQUIRE(all.size() == 1);
  CHECK_THAT(all[0], Catch::Contains("in the run's last 160 days"));
  const auto years =
      notes("{name: years, kind: experience, min_experience: 2 years, members: [A], from: 2018-01-21}", "2 years");
  REQUIRE(years.size() == 1);
  CHECK_THAT(years[0], Catch::Contains("in the run's last 160 days"));
  // Where agency supply is unlimited, leavers weigh no rule (LeaverChoice).
  const auto unlimited = notes(ban + "2018-01-21}", "2 years", false);
  REQUIRE(unlimited.size() == 1);
  CHECK(unlimited[0].ends_with("it refuses and caps nothing"));
  const auto late = notes(ban + "2018-04-01}", "2 years");
  REQUIRE(late.size() == 1);
  CHECK(late[0].ends_with("it refuses and caps nothing"));
  // A's membership from after the end: B's leavers are kept from A once it joins, so
  // B's 180 days reach it (a review); under same_authority only A's own leavers are.
  const auto membership = [&](const std::string& scope) {
    return notes("{name: ban, kind: cooling_off, scope: " + scope +
                     ", length: 6 months, members: [B, {authority: A, from: 2018-01-21}]}",
                 "2 years");
  };
  const auto member = membership("any_member");
  REQUIRE(member.size() == 1);
  CHECK(
      member[0].ends_with("it binds nothing, but leavers it could bar who give notice in the run's last 160 days "
                          "may expect to leave after it starts, and weigh it"));
  const auto own = membership("same_authority");
  REQUIRE(own.size() == 1);
  CHECK_THAT(own[0], Catch::Contains("in the run's last 70 days"));
  // A rate cap refuses no one, but a leaver weighs agency pay under the caps of the day
  // they leave: the leavers of its members' regions do (A's cap reaches B's too, in
  // one region: 160 days). Until 2026-12-07 caps were weighed at the notice's prices,
  // and the note said nobody weighed it.
  const auto cap = notes(
      "{name: cap, kind: rate_cap, members: [A], caps_per_hour: {social_worker: 40}, from: 2018-01-21}", "2 years");
  REQUIRE(cap.size() == 1);
  CHECK(
      cap[0].ends_with("it refuses and caps nothing, but leavers of its members' regions who give notice in the "
                       "run's last 160 days may expect to leave after it starts, and weigh its capped pay"));
  // A cap on team managers, who go to no agency work, is weighed by nobody, though the
  // social workers beside them would weigh one on their own pay (a review: their
  // notices were taken for it).
  const std::string managers_text =
      "name: managers\nstart: 2016-01-01\nduration: 2 years\nauthorities:\n  - name: A\n    roles:\n"
      "      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1, notice: 180 days, "
      "destinations: {outside: 0.5, agency: 0.5}}}\n"
      "      - {name: team_manager, permanent_posts: 2, leaving: {turnover_per_year: 0.1, notice: 30 days}}\n"
      "agency_supply:\n  - {role: social_worker, available_at_start: 10}\nrules:\n"
      "  - {name: cap, kind: rate_cap, members: all, caps_per_hour: {team_manager: 40}, from: 2018-01-21}\n";
  const auto managers = wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(managers_text, "managers.yaml"));
  REQUIRE(managers.size() == 1);
  CHECK(managers[0].ends_with("it refuses and caps nothing"));
  const auto late_cap = notes(
      "{name: cap, kind: rate_cap, members: all, caps_per_hour: {social_worker: 40}, from: 2018-07-01}", "2 years");
  REQUIRE(late_cap.size() == 1);
  CHECK(late_cap[0].ends_with("it refuses and caps nothing"));
}

TEST_CASE("a rule after the run's end is weighed within the longest notice a leaver can draw", "[scenario]") {
  // A notice drawn from 30 to 150 days (mean 90): a cooling-off from 100 days after the
  // end reaches the leavers whose notice is drawn long, in the run's last 50 days; the
  // note once took the mean notice and said it reached nobody. Without a bound (an
  // exponential notice), any rule after the end may be weighed.
  const auto notes = [](const std::string& notice) {
    const std::string text =
        "name: drawn\nstart: 2016-01-01\nduration: 2 years\nauthorities:\n  - name: A\n    roles:\n"
        "      - {name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1, notice: " +
        notice +
        ", destinations: {outside: 0.5, agency: 0.5}}}\nagency_supply:\n"
        "  - {role: social_worker, available_at_start: 10}\nrules:\n  - {name: ban, kind: cooling_off, scope: "
        "any_member, length: 6 months, members: [A], from: 2018-04-11}\n";
    return wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "drawn.yaml"));
  };
  const auto uniform = notes("{distribution: uniform, min: 30 days, max: 150 days}");
  REQUIRE(uniform.size() == 1);
  CHECK_THAT(uniform[0], Catch::EndsWith("leavers it could bar who give notice in the run's last 50 days may expect "
                                         "to leave after it starts, and weigh it"));
  const auto unbounded = notes("{distribution: exponential, mean: 30 days}");
  REQUIRE(unbounded.size() == 1);
  CHECK_THAT(unbounded[0], Catch::EndsWith("leavers it could bar whose notice (drawn, without bound) ends after it "
                                           "starts weigh it"));
  const auto fixed = notes("90 days");
  REQUIRE(fixed.size() == 1);
  CHECK_THAT(fixed[0], Catch::EndsWith("it refuses and caps nothing"));
}

TEST_CASE("a supplement after the run is weighed by the other councils' last leavers who may move", "[notes]") {
  // A leaver weighs the councils' pay of the day they leave (LeaverChoice): B's
  // leavers, 90 days' notice, may move to A's posts, so A's supplement starting 20 days
  // after the run's end reaches those giving notice in its last 70 days.
  const auto notes = [](const std::string& from, bool pooled, const std::string& b_destinations,
                        const std::string& salary = "40000") {
    const std::string text =
        "name: late pay\nstart: 2016-01-01\nduration: 2 years\nauthorities:\n"
        "  - name: A\n    roles:\n"
        "      - {name: social_worker, permanent_posts: 10, pay: {salary_per_year: " +
        salary +
        "}, leaving: {turnover_per_year: 0.1, notice: 30 days, destinations: {outside: 0.5, other_council: 0.5}}}\n"
        "    policies:\n      - {name: pay, kind: market_supplement, role: social_worker, from: " +
        from +
        ", amount_per_worker_per_year: 3000}\n"
        "  - name: B\n    roles:\n"
        "      - {name: social_worker, permanent_posts: 10, pay: {salary_per_year: " +
        salary + "}, leaving: {turnover_per_year: 0.1, notice: 90 days, destinations: " + b_destinations + "}}\n" +
        (pooled ? "labour_pool:\n  - {role: social_worker, arrivals_per_year: 5}\n" : "");
    return wfsim::scenario::notes_on(wfsim::scenario::load_scenario_text(text, "late-pay.yaml"));
  };
  const std::string moving = "{outside: 0.5, other_council: 0.5}";
  const auto soon = notes("2018-01-21", true, moving);
  REQUIRE(soon.size() == 1);
  CHECK(soon[0] ==
        "authorities[0].policies[0] 'pay' acts from 2018-01-21, outside the run (from 2016-01-01 until 2018-01-01): "
        "it changes and costs nothing, but the other councils' leavers of social_worker who give notice in the run's "
        "last 70 days may expect to leave after it starts, and weigh it");
  // Out of every notice's reach, without a pool to move through, or where B's leavers
  // never mean to move: weighed by nobody.
  for (const auto& [from, pooled, destinations] :
       {std::tuple{std::string("2018-04-10"), true, moving}, std::tuple{std::string("2018-01-21"), false, moving},
        std::tuple{std::string("2018-01-21"), true, std::string("{outside: 1}")}}) {
    const auto none = notes(from, pooled, destinations);
    INFO(from << (pooled ? ", pooled, " : ", no pool, ") << destinations);
    REQUIRE(none.size() == 1);
    CHECK(none[0].ends_with("it changes and costs nothing"));
  }
  // Nor where no council of the market has a salary: pay is not modelled, and the
  // supplement moves no one's choice (a review).
  const auto unpaid = notes("2018-01-21", true, moving, "0");
  REQUIRE(!unpaid.empty());
  CHECK(unpaid[0].ends_with("it changes and costs nothing"));
}
