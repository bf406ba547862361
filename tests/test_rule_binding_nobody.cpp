// A rule that binds nobody leaves a run as it was, draw for draw: a comparison of a
// scenario with and without it shows differences of exactly zero, as an analyst asking
// "what does a cap above every rate do?" should see. A rule starting or ending once
// re-offered every idle worker of its members' markets the waiting bookings (new
// draws: each was taken from the idle list, given a new stay and offered again), and
// re-pricing took each assignment's cost away and added it back, which moved the
// draws and the last bits of the spend from that day on: the paired differences of a
// null rule were not 0 (found by two audits, 2026-12-08).
#include <catch2/catch.hpp>
#include <string>

#include "model/measures.hpp"
#include "support.hpp"

namespace {
// The scenario with one more rule, written as a rule of the scenario `rule` (a YAML
// flow mapping) would be, its `members: all` binding every council.
wfsim::scenario::Scenario with_rule(wfsim::scenario::Scenario plain, const std::string& start,
                                    const std::string& rule) {
  const auto extra = wfsim::scenario::load_scenario_text(
      "name: extra\nstart: " + start +
          "\nduration: 2 years\nauthorities:\n  - {name: Kent, roles: [{name: social_worker, permanent_posts: 1, "
          "leaving: {turnover_per_year: 0}}]}\nrules:\n  - " +
          rule + "\n",
      "extra.yaml");
  for (auto r : extra.parameters.rules) {
    // Members named in the small scenario are its council 0, Kent: the plain
    // scenario's own number for Kent, where it has one.
    for (auto& m : r.members) {
      for (std::uint32_t a = 0; a < plain.parameters.authorities.size(); ++a) {
        if (plain.parameters.authorities[a].name == "Kent") m.authority = a;
      }
    }
    plain.parameters.rules.push_back(r);
  }
  return plain;
}

// Over `replications`, enough that some find idle workers at the rule's dates (a
// market where bookings wait keeps few).
void check_same_runs(const wfsim::scenario::Scenario& plain, const wfsim::scenario::Scenario& extended,
                     std::size_t replications) {
  const auto a = test_support::run_in_memory(plain, replications, 5, 2);
  const auto b = test_support::run_in_memory(extended, replications, 5, 2);
  for (std::size_t r = 0; r < replications; ++r) {
    for (const auto& m : wfsim::model::kMeasures) {
      // What it reports is the cap in force, which is the rule's.
      if (m.measure == wfsim::model::Measure::agency_rate_cap) continue;
      INFO("replication " << r << ", " << m.name);
      CHECK(test_support::same_series(a.replications[r], b.replications[r], m.measure));
    }
  }
}

wfsim::scenario::Scenario scenario(const std::string& file) {
  return wfsim::scenario::load_scenario_file(test_support::scenario_path(file), {"duration=2 years"});
}
}  // namespace

TEST_CASE("a rule that binds nobody leaves one council's run as it was", "[rules][model]") {
  const auto plain = scenario("buckinghamshire-2015.yaml");
  REQUIRE(plain.parameters.rules.empty());
  const std::string dates = "from: 2016-02-01, until: 2016-11-01, members: all}";
  for (const std::string& rule :
       {// A cap above every rate, starting and ending inside the run.
        "{name: cap, kind: rate_cap, applies_to: charge_rate, caps_per_hour: {social_worker: 100000}, " + dates,
        // Rules that refuse nobody, ending inside the run: a cooling-off of no days,
        // an experience threshold of none.
        "{name: none, kind: cooling_off, scope: any_member, length: 0 days, " + dates,
        "{name: none, kind: experience, min_experience: 0 days, " + dates,
        // A transition that ends no assignment.
        std::string("{name: none, kind: cooling_off, scope: any_member, length: 0 days, from: 2016-02-01, "
                    "existing_from: 2016-06-01, members: all}")}) {
    INFO(rule);
    check_same_runs(plain, with_rule(plain, "2015-10-01", rule), 6);
  }
}

TEST_CASE("a rule that binds nobody leaves a region's shared market as it was", "[rules][market]") {
  // The South East's MoC caps its members' rates and refuses its leavers for 6 months:
  // rules that bind nobody start and end while it is in force, in a market whose idle
  // workers wait, some of them refused by the MoC.
  const auto plain = scenario("south-east-moc-2016.yaml");
  REQUIRE(!plain.parameters.rules.empty());
  for (const char* rule :
       {"{name: cap, kind: rate_cap, applies_to: charge_rate, caps_per_hour: {social_worker: 100000}, "
        "from: 2016-09-01, until: 2017-05-01, members: all}",
        "{name: none, kind: cooling_off, scope: same_authority, length: 0 days, from: 2016-01-01, members: "
        "[{authority: Kent, from: 2016-06-01, until: 2016-12-01}]}"}) {
    INFO(rule);
    check_same_runs(plain, with_rule(plain, "2016-01-01", rule), 24);
  }
}
