// A rule that binds nobody leaves a run as it was, draw for draw: a comparison of a
// scenario with and without it shows differences of exactly zero, as an analyst asking
// "what does a cap above every rate do?" should see. A cap starting or ending once
// re-offered every idle worker the waiting bookings and re-priced every assignment
// (subtracting and adding its cost back), which moved the draws and the last bits
// of the spend from that day on, so the paired differences of a null rule were not 0.
#include <catch2/catch.hpp>
#include <string>

#include "model/measures.hpp"
#include "model/rule_book.hpp"
#include "support.hpp"

using wfsim::model::RuleBook;

namespace {
// A charge-rate cap of 100,000 an hour, far above any rate, for every council over
// [from, until).
wfsim::scenario::Scenario with_cap_above_every_rate(wfsim::scenario::Scenario plain, const std::string& start,
                                                    const std::string& from, const std::string& until) {
  const auto capped = wfsim::scenario::load_scenario_text(
      "name: cap\nstart: " + start +
          "\nduration: 2 years\nauthorities:\n  - {name: A, roles: [{name: social_worker, permanent_posts: 1, "
          "leaving: {turnover_per_year: 0}}]}\nrules:\n  - {name: cap above every rate, kind: rate_cap, "
          "applies_to: charge_rate, caps_per_hour: {social_worker: 100000}, members: all, from: " +
          from + ", until: " + until + "}\n",
      "cap.yaml");
  for (auto rule : capped.parameters.rules) {
    rule.every_authority = true;
    plain.parameters.rules.push_back(rule);
  }
  return plain;
}

void check_same_runs(const wfsim::scenario::Scenario& plain, const wfsim::scenario::Scenario& capped) {
  const auto a = test_support::run_in_memory(plain, 6, 5, 2);
  const auto b = test_support::run_in_memory(capped, 6, 5, 2);
  for (std::size_t r = 0; r < 6; ++r) {
    for (const auto& m : wfsim::model::kMeasures) {
      // What it reports is the cap in force, which is the rule's.
      if (m.measure == wfsim::model::Measure::agency_rate_cap) continue;
      INFO("replication " << r << ", " << m.name);
      CHECK(test_support::same_series(a.replications[r], b.replications[r], m.measure));
    }
  }
}
}  // namespace

TEST_CASE("a cap above every rate leaves one council's run as it was", "[rules][model]") {
  const auto plain = wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"),
                                                         {"duration=2 years"});
  REQUIRE(plain.parameters.rules.empty());
  check_same_runs(plain, with_cap_above_every_rate(plain, "2015-10-01", "2016-02-01", "2016-11-01"));
}

TEST_CASE("a cap above every rate leaves a region's shared market as it was", "[rules][market]") {
  // The South East's MoC caps its members' rates at its start: the cap binding nobody
  // starts and ends while the MoC is in force, in a market whose idle workers wait.
  const auto plain = wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"),
                                                         {"duration=2 years"});
  REQUIRE(!plain.parameters.rules.empty());
  check_same_runs(plain, with_cap_above_every_rate(plain, "2016-01-01", "2016-09-01", "2017-05-01"));
}
