// The regional engine: conservation of workers, the region's row, and reproducibility.
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>

#include "model/workforce_model.hpp"
#include "support.hpp"

using wfsim::model::Measure;

namespace {
wfsim::scenario::Scenario south_east(bool audit) {
  auto s = wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"));
  s.parameters.audit = audit;  // recount every worker at every period end
  return s;
}
}  // namespace

TEST_CASE("every worker is in exactly one state at every period end", "[region]") {
  // The audit throws at the first period end where a recount disagrees with the
  // tallies, the markets' lists or the posts' links.
  CHECK_NOTHROW(test_support::run_in_memory(south_east(true), 3, 11, 2));
}

namespace wfsim::model {
// Reaches into a model after its run, as no component may.
struct AuditProbe {
  static void audit(const WorkforceModel& m) { m.audit(); }
  static ModelCore& core(WorkforceModel& m) { return m.core_; }
  // Runs the model's events before `day` (simulated days from the start), as run() would.
  static void run_part_way(WorkforceModel& m, SeriesTable& out, double day) {
    m.start(11, 0, out);
    m.core_.sim.run_until(day, m);
  }
};
}  // namespace wfsim::model

namespace {
// The model as a run of the South East leaves it, its audit passing: the state the audit
// tests corrupt. `s` must outlive it (a model keeps its parameters by reference).
std::unique_ptr<wfsim::model::WorkforceModel> after_a_run(const wfsim::scenario::Scenario& s) {
  auto model = std::make_unique<wfsim::model::WorkforceModel>(s.parameters);
  auto table = model->make_table();
  model->run(11, 0, table);
  REQUIRE_NOTHROW(wfsim::model::AuditProbe::audit(*model));
  return model;
}
}  // namespace

TEST_CASE("the audit fails when a tally or a post's link disagrees with a recount", "[region]") {
  // Every test that runs with the audit on and expects no throw relies on it failing
  // when the state is wrong: without this, an audit that checked nothing would pass them.
  using wfsim::model::AuditProbe;
  const auto s = south_east(true);
  const auto run = after_a_run(s);
  auto& model = *run;
  auto& core = AuditProbe::core(model);
  core.tallies[0][Measure::permanent_headcount] += 1;
  CHECK_THROWS_WITH(AuditProbe::audit(model), Catch::Contains("permanent headcount differs from a recount"));
  core.tallies[0][Measure::permanent_headcount] -= 1;
  CHECK_NOTHROW(AuditProbe::audit(model));
  std::uint32_t post = 0;
  while (post < core.store.post_count() && core.store.post(post).holder == wfsim::model::kNone) ++post;
  REQUIRE(post < core.store.post_count());
  core.store.post(post).holder = wfsim::model::kNone;
  CHECK_THROWS_WITH(AuditProbe::audit(model), Catch::Contains("a permanent worker's post does not name them"));
}

TEST_CASE("the audit fails when a booking awaiting supply disagrees with the market's queues", "[region]") {
  // The tests that run a market with the audit on and expect no throw (bookings that
  // wait "as their posts say") rely on these checks too.
  using wfsim::model::AuditProbe;
  using wfsim::model::BookingStage;
  using wfsim::model::kNone;
  const auto s = south_east(true);
  const auto run = after_a_run(s);
  auto& model = *run;
  auto& core = AuditProbe::core(model);
  // A booking awaiting supply, and a post of another council of its market with none.
  std::uint32_t waiting = kNone, other = kNone;
  for (std::uint32_t post = 0; post < core.store.post_count() && waiting == kNone; ++post) {
    if (core.store.post(post).booking == BookingStage::awaiting_supply) waiting = post;
  }
  REQUIRE(waiting != kNone);
  const auto& at = core.role_of(core.store.post(waiting));
  for (std::uint32_t post = 0; post < core.store.post_count() && other == kNone; ++post) {
    const auto& p = core.store.post(post);
    const auto& r = core.role_of(p);
    if (r.market == at.market && r.authority != at.authority && p.booking == BookingStage::none) other = post;
  }
  REQUIRE(other != kNone);
  // Its contract changed under it: queued under the other.
  auto& booked = core.store.post(waiting);
  booked.off_contract = !booked.off_contract;
  CHECK_THROWS_WITH(AuditProbe::audit(model), Catch::Contains("queued under another contract than its post's"));
  booked.off_contract = !booked.off_contract;
  REQUIRE_NOTHROW(AuditProbe::audit(model));
  // Moved to another council of the market: the market's count holds, the councils' do not.
  booked.booking = BookingStage::none;
  core.store.post(other).booking = BookingStage::awaiting_supply;
  CHECK_THROWS_WITH(AuditProbe::audit(model), Catch::Contains("their count per council disagree"));
  core.store.post(other).booking = BookingStage::none;
  booked.booking = BookingStage::awaiting_supply;
  REQUIRE_NOTHROW(AuditProbe::audit(model));
}

TEST_CASE("the audit fails when a seeker's kept post weight is stale", "[region]") {
  // The tests that run the labour market with the audit on rely on this check too. It
  // cannot be shown at a run's end, where the last period end has put every kept
  // weight out of date (and out of the check), so the run stops part-way.
  using wfsim::model::AuditProbe;
  const auto s = south_east(true);
  wfsim::model::WorkforceModel model(s.parameters);
  auto table = model.make_table();
  AuditProbe::run_part_way(model, table, 400.5);
  REQUIRE_NOTHROW(AuditProbe::audit(model));
  auto& core = AuditProbe::core(model);
  // A role's appeal to seekers moved (seekers alone weigh it) without a change of pay or
  // workload: the kept post weights of its market no longer match a recount. (The
  // table is the model's own, not const: const_cast only reaches past the accessor.)
  auto& role = const_cast<wfsim::model::RoleInfo&>(core.roles[0]);
  role.seeker_appeal_factor *= 2;
  CHECK_THROWS_WITH(AuditProbe::audit(model), Catch::Contains("a kept post weight for seekers is stale"));
  role.seeker_appeal_factor /= 2;
  REQUIRE_NOTHROW(AuditProbe::audit(model));
}

TEST_CASE("the region's row is the sum of its councils'", "[region]") {
  const auto s = south_east(false);
  const auto sink = test_support::run_in_memory(s, 2, 5, 2);
  const std::size_t councils = s.parameters.authorities.size();
  for (const auto& t : sink.replications) {
    REQUIRE(t.authorities() == councils + 1);
    for (const Measure m :
         {Measure::permanent_headcount, Measure::agency_headcount, Measure::vacancies, Measure::long_absences,
          Measure::uncovered_gap, Measure::starters_permanent, Measure::leavers_permanent, Measure::starters_agency,
          Measure::agency_leakage, Measure::agency_engagements_refused}) {
      for (std::size_t k = 0; k < t.periods(); ++k) {
        double sum = 0;
        for (std::size_t a = 0; a < councils; ++a) sum += t.at(m, a, k);
        INFO(wfsim::model::info(m).name << " period " << k);
        REQUIRE(t.at(m, councils, k) == sum);
      }
    }
  }
}

TEST_CASE("stocks change by exactly the flows between categories", "[region]") {
  // One replication, so the flow totals are that replication's own moves.
  const auto s = south_east(false);
  const auto sink = test_support::run_in_memory(s, 1, 9, 1);
  const auto& t = sink.replications[0];
  const auto& f = sink.flows;
  const std::size_t councils = s.parameters.authorities.size();
  const std::size_t c = f.categories;
  REQUIRE(c == 2 * councils + 3);
  auto stock = [&](std::size_t category, std::size_t k) {
    if (category < councils) return t.at(Measure::permanent_headcount, category, k);
    if (category < 2 * councils) return t.at(Measure::agency_headcount, category - councils, k);
    if (category == 2 * councils) return t.at(Measure::agency_idle, 0, k);
    return t.at(Measure::seeking_pool, 0, k);
  };
  std::int64_t moves = 0;
  for (std::size_t k = 1; k < t.periods(); ++k) {
    for (std::size_t cat = 0; cat + 1 < c; ++cat) {  // every category but "outside"
      double in = 0, out = 0;
      for (std::size_t other = 0; other < c; ++other) {
        in += static_cast<double>(f.counts[(other * c + cat) * f.periods + k]);
        out += static_cast<double>(f.counts[(cat * c + other) * f.periods + k]);
      }
      moves += static_cast<std::int64_t>(in + out);
      INFO("category " << cat << " period " << k);
      REQUIRE(stock(cat, k) - stock(cat, k - 1) == in - out);
    }
  }
  CHECK(moves > 1000);  // the check had something to check
  // Agency workers have careers: they come back to the market when an assignment ends
  // and are engaged again from it.
  std::int64_t back_to_market = 0, engaged_from_market = 0;
  for (std::size_t a = 0; a < councils; ++a) {
    for (std::size_t k = 0; k < f.periods; ++k) {
      back_to_market += f.counts[((councils + a) * c + 2 * councils) * f.periods + k];
      engaged_from_market += f.counts[(2 * councils * c + councils + a) * f.periods + k];
    }
  }
  CHECK(back_to_market > 100);
  CHECK(engaged_from_market > 100);
}

TEST_CASE("the regional scenario is bit-identical for 1, 2, 3 and 5 threads", "[region][reproducibility]") {
  // 7 replications: 3 and 5 threads split them unevenly, each thread's model running
  // replications of different numbers in turn.
  const auto s = south_east(false);
  const auto one = test_support::run_in_memory(s, 7, 3, 1);
  for (const int threads : {2, 3, 5}) {
    INFO(threads << " threads");
    const auto more = test_support::run_in_memory(s, 7, 3, threads);
    for (std::size_t r = 0; r < 7; ++r) REQUIRE(test_support::bit_identical(one.replications[r], more.replications[r]));
    CHECK(one.flows.counts == more.flows.counts);
  }
}

TEST_CASE("the MoC refuses engagements and non-members take its leavers", "[region]") {
  const auto s = south_east(false);
  const auto sink = test_support::run_in_memory(s, 4, 21, 2);
  double refused = 0, leakage_by_non_members = 0, leakage_by_members = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) {
      refused += t.refused(0, k);
      for (std::size_t a = 0; a < s.parameters.authorities.size(); ++a) {
        const std::string& name = s.parameters.authorities[a].name;
        const bool member = name != "Reading" && name != "Windsor and Maidenhead";
        (member ? leakage_by_members : leakage_by_non_members) += t.at(Measure::agency_leakage, a, k);
      }
    }
  }
  CHECK(refused > 0);
  CHECK(leakage_by_non_members > 0);
  CHECK(leakage_by_members == 0);  // a member cannot leak under its own rule
}

TEST_CASE("the no-MoC scenario equals the MoC scenario with its rules removed", "[region]") {
  // Same councils, same seed: removing the rules by --set or by file gives the same
  // draws, bit for bit, so either can serve as the baseline of a paired comparison.
  const auto by_file = wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-no-moc-2016.yaml"));
  const auto by_set =
      wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"), {"rules=[]"});
  const auto a = test_support::run_in_memory(by_file, 2, 8, 2);
  const auto b = test_support::run_in_memory(by_set, 2, 8, 2);
  for (std::size_t r = 0; r < 2; ++r) REQUIRE(test_support::bit_identical(a.replications[r], b.replications[r]));
}
