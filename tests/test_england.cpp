// England: every council from the data in nine regional labour markets, workers moving
// between neighbouring regions, and rules that bind a region.
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "import/csww_data.hpp"
#include "import/market_scenario.hpp"
#include "import/region_definitions.hpp"
#include "model/flow_matrix.hpp"
#include "model/workload_factor.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

using wfsim::model::Measure;

namespace {

const std::string kDataDir = std::string(WFSIM_TEST_DATA_DIR) + "/../data";
const std::string kData = kDataDir + "/csww_indicators_2017_2023.csv";

wfsim::import::MarketScenarioOptions market_options() {
  wfsim::import::MarketScenarioOptions o;
  o.regions_file = kDataDir + "/regions.yaml";
  o.agreements_file = kDataDir + "/regional_agreements.yaml";
  o.calibration_file = kDataDir + "/england_calibration.yaml";
  return o;
}

// The data's council rows for a year.
std::size_t council_rows(int year) {
  std::ifstream in(kData);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    if (line.rfind(std::to_string(year) + ",", 0) == 0 && line.find(",Local authority,") != std::string::npos) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("init --england writes every year's councils in nine regions, and they load", "[import][england]") {
  const auto data = wfsim::import::CswwData::read_file(kData);
  const auto regions = wfsim::import::region_names(market_options().regions_file);
  REQUIRE(regions.size() == 9);
  for (int year = 2017; year <= 2023; ++year) {
    INFO("year " << year);
    const auto written = wfsim::import::market_scenario(data, regions, year, market_options());
    const auto s = wfsim::scenario::load_scenario_text(written.yaml, "england.yaml", {});
    // Every council row of the year is simulated: none is dropped, and the joint and
    // reorganised councils are as the data reports them.
    CHECK(written.council_rows == council_rows(year));
    CHECK(s.parameters.authorities.size() == council_rows(year));
    CHECK(s.parameters.regions.size() == 9);
    std::set<std::uint32_t> used;
    for (const auto& a : s.parameters.authorities) used.insert(a.region);
    CHECK(used.size() == 9);
    // Every region has its market and pool.
    CHECK(s.parameters.agency_supply.size() == 9);
    CHECK(s.parameters.labour_pool.size() == 9);
    // No agency worker idle at the start: the data's are all in posts, and a market
    // where bookings wait keeps few idle (docs/england.md).
    for (const auto& supply : s.parameters.agency_supply) CHECK(supply.available_at_start == 0);
    // What the data shows as it is, said.
    const std::string notes = [&] {
      std::string all;
      for (const auto& n : written.notes) all += n + "\n";
      return all;
    }();
    CHECK(notes.find("Kingston upon Thames / Richmond upon Thames " + std::to_string(year) + ": a joint return") !=
          std::string::npos);
    if (year >= 2021) CHECK(notes.find("North Northamptonshire / West Northamptonshire") != std::string::npos);
    if (year <= 2018) CHECK(notes.find("Poole " + std::to_string(year) + ": merged into") != std::string::npos);
    if (year == 2023) {
      CHECK(notes.find("Cumberland 2023: formed on 1 April 2023") != std::string::npos);
      CHECK(notes.find("Isles of Scilly 2023: no permanent staff in post") != std::string::npos);
      // Its part year's 2.3% is raised to the floor, and its line says so rather than
      // crediting the data with 5%.
      CHECK(written.yaml.find("# Cumberland: 174 in post, 55 vacancies, 58 agency workers, turnover 5% (at least 5%, "
                              "an ASSUMPTION: the data's is 2.3%) [DfE 2023, line 32]") != std::string::npos);
    }
  }
}

namespace {

// At the data's position, a region's seekers weigh a council by its posts waiting
// (init takes its vacancies for them), its workload factor and e^appeal, the factor
// worked out as the model does from the scenario's staffing and its workload weight.
// With the appeals init writes, each council's share of that weight is its share of
// the region's leavers, and the region's weight in all is what it would be with no
// appeal. Returns the councils checked (those not clamped at +-3).
std::size_t check_appeals_follow_leavers(const wfsim::scenario::Scenario& s) {
  struct Weights {
    double plain = 0, appealing = 0, leavers = 0;
  };
  std::map<std::uint32_t, Weights> by_region;
  const double workload = s.parameters.market.workload;
  const auto weight = [workload](const wfsim::model::Role& r) {
    const double vacant = std::max(r.permanent_posts - r.initial.in_post, 1);
    const double at_work = r.initial.in_post - r.initial.absent + r.initial.agency_covering_vacancies;
    return vacant *
           wfsim::model::workload_factor(
               wfsim::model::posts_per_person_at_work(r.permanent_posts + r.temporary_posts, at_work), workload);
  };
  const auto leavers = [](const wfsim::model::Role& r) { return r.turnover_per_year * std::max(r.initial.in_post, 1); };
  // Beyond +-3 the appeal is cut (in 2023 Brighton and Hove: no vacancy, 25 leavers a year).
  const auto clamped = [](const wfsim::model::Role& r) { return std::abs(r.recruitment.appeal_to_seekers) >= 3; };
  std::set<std::uint32_t> with_clamped;
  for (const auto& a : s.parameters.authorities) {
    const auto& r = a.roles.front();
    Weights& w = by_region[a.region];
    w.plain += weight(r);
    w.appealing += weight(r) * std::exp(r.recruitment.appeal_to_seekers);
    w.leavers += leavers(r);
    if (clamped(r)) with_clamped.insert(a.region);
  }
  // Writing the appeal to 0.01 moves a council's weight by e^0.005 (0.50%) at most and its
  // region's mean weight as much, so a share by e^0.01 - 1 (1.005%) and a region's sum by
  // 0.50%; writing the turnover to 0.001 moves a leavers' share by a few tenths of a per
  // cent more. A clamped council's shortfall is shared by the other councils of its
  // region: 1.7% at most in these scenarios (Milton Keynes), allowed 3%. Measured on
  // 2026-12-06: shares within 0.58% elsewhere, region sums within 0.1% (1.24% with a
  // clamped council).
  const auto share_tolerance = [&](std::uint32_t region) { return with_clamped.count(region) ? 0.03 : 0.015; };
  const auto sum_tolerance = [&](std::uint32_t region) { return with_clamped.count(region) ? 0.03 : 0.006; };
  std::size_t checked = 0;
  for (const auto& a : s.parameters.authorities) {
    const auto& r = a.roles.front();
    const Weights& w = by_region[a.region];
    INFO(a.name << ": appeal " << r.recruitment.appeal_to_seekers);
    if (clamped(r)) continue;
    const double pool_share = weight(r) * std::exp(r.recruitment.appeal_to_seekers) / w.appealing;
    CHECK(pool_share == Approx(leavers(r) / w.leavers).epsilon(share_tolerance(a.region)));
    ++checked;
  }
  for (const auto& [region, w] : by_region) {
    INFO("region " << region);
    CHECK(w.appealing == Approx(w.plain).epsilon(sum_tolerance(region)));
  }
  return checked;
}

// The data's agency workers per vacancy, where below 1, is the share of its vacancies a
// council covers (written to 3 decimals); a council with as many agency workers as
// vacancies or more covers them all, the rest in temporary posts. Returns the councils
// that cover only some.
std::size_t check_vacancy_cover_follows_agency(const wfsim::scenario::Scenario& s) {
  std::size_t partly = 0;
  for (const auto& a : s.parameters.authorities) {
    const auto& r = a.roles.front();
    const int vacant = r.permanent_posts - r.initial.in_post;
    const int covering = r.initial.agency_covering_vacancies - r.temporary_posts;
    INFO(a.name << ": " << vacant << " vacancies, " << covering << " covered, share " << r.agency.vacancy_cover_share);
    CHECK(r.agency.cover_vacancies);
    if (covering < vacant) {
      CHECK(r.temporary_posts == 0);
      CHECK(r.agency.vacancy_cover_share == Approx(static_cast<double>(covering) / vacant).margin(0.0005));
      ++partly;
    } else {
      CHECK(r.agency.vacancy_cover_share == 1);
    }
  }
  return partly;
}

wfsim::scenario::Scenario england_2023() {
  const auto data = wfsim::import::CswwData::read_file(kData);
  const auto regions = wfsim::import::region_names(market_options().regions_file);
  const auto written = wfsim::import::market_scenario(data, regions, 2023, market_options());
  return wfsim::scenario::load_scenario_text(written.yaml, "england.yaml", {});
}

}  // namespace

TEST_CASE("init gives each council the appeal that fills its posts from the pool as its leavers", "[import][england]") {
  const auto s = england_2023();
  CHECK(check_appeals_follow_leavers(s) + 2 >= s.parameters.authorities.size());
}

TEST_CASE("init gives a council with fewer agency workers than vacancies that share of them covered",
          "[import][england]") {
  // In 2023 most councils have fewer agency workers than vacancies.
  const auto s = england_2023();
  CHECK(check_vacancy_cover_follows_agency(s) > s.parameters.authorities.size() / 2);
}

TEST_CASE("the South East's shipped scenarios give each council its appeal and cover by init's rules",
          "[import][region]") {
  // tools/make-regional-scenarios.py writes them with its own copy of init's rules, from
  // its own inputs.
  for (const char* name : {"south-east-moc-2016.yaml", "national-rules-2024.yaml"}) {
    INFO(name);
    const auto s = wfsim::scenario::load_scenario_file(std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/" + name);
    CHECK(check_appeals_follow_leavers(s) + 1 >= s.parameters.authorities.size());  // Brighton and Hove: +3
    CHECK(check_vacancy_cover_follows_agency(s) >= 5);
  }
}

TEST_CASE("London is one region of its inner and outer boroughs, and its neighbours are mutual", "[import][england]") {
  const auto data = wfsim::import::CswwData::read_file(kData);
  const auto london = wfsim::import::market_scenario(data, {"London"}, 2023, market_options());
  const auto s = wfsim::scenario::load_scenario_text(london.yaml, "london.yaml", {});
  // 32 boroughs and the City, less one joint return (Kingston upon Thames and Richmond
  // upon Thames): 14 rows of inner London, 18 of outer.
  CHECK(s.parameters.authorities.size() == 32);
  CHECK(s.parameters.regions.empty());  // one region: one market, no region keys
  const auto england = wfsim::scenario::load_scenario_text(
      wfsim::import::market_scenario(data, wfsim::import::region_names(market_options().regions_file), 2023,
                                     market_options())
          .yaml,
      "england.yaml", {});
  const auto& r = england.parameters.regions;
  for (std::uint32_t a = 0; a < r.size(); ++a) {
    for (const std::uint32_t b : r[a].neighbours) {
      INFO(r[a].name << " and " << r[b].name);
      CHECK(std::find(r[b].neighbours.begin(), r[b].neighbours.end(), a) != r[b].neighbours.end());
    }
  }
  std::string out, err;
  const test_support::ScratchFolder scratch("wfsim-london");
  const auto path = scratch / "london.yaml";
  CHECK(test_support::run_cli(
            {"init", "--from-csww", kData, "--region", "London", "--year", "2023", "-o", path.string()}, out, err) ==
        0);
  CHECK(out.find("32 authorities") != std::string::npos);
  // England's factors once made a region alone drift (the East Midlands' vacancy rate
  // went from 18% to 27% in two years), and init said so; since a leaver bound out
  // leaves, a region alone holds its figures with them (docs/england.md), and no note
  // warns of a drift that is gone.
  CHECK(out.find("calibration's factors") == std::string::npos);
  // Nor does a region without an agreement not modelled (the West Midlands) get the
  // heading of none.
  CHECK(test_support::run_cli({"init", "--from-csww", kData, "--region", "West Midlands", "--year", "2023", "-o",
                               path.string(), "--force"},
                              out, err) == 0);
  std::ifstream written(path);
  CHECK(std::string((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>())
            .find("# Agreements not modelled") == std::string::npos);
  CHECK(test_support::run_cli(
            {"init", "--from-csww", kData, "--region", "Londn", "--year", "2023", "-o", path.string()}, out, err) == 2);
  CHECK(err.find("no region named 'Londn'") != std::string::npos);
  CHECK(err.find("(did you mean 'London'?)") != std::string::npos);
  // Named as councils are, whatever the punctuation; England is not a region.
  out.clear();
  CHECK(test_support::run_cli(
            {"init", "--from-csww", kData, "--region", "north-east", "--year", "2023", "-o", path.string(), "--force"},
            out, err) == 0);
  CHECK(out.find("North East") != std::string::npos);
  // By its code too, as --la takes a council's (it was "no region named 'E12000001'").
  out.clear();
  CHECK(test_support::run_cli(
            {"init", "--from-csww", kData, "--region", "E12000001", "--year", "2023", "-o", path.string(), "--force"},
            out, err) == 0);
  CHECK(out.find("North East") != std::string::npos);
  CHECK(test_support::run_cli(
            {"init", "--from-csww", kData, "--region", "England", "--year", "2023", "-o", path.string()}, out, err) ==
        2);
  CHECK(err.find("for every region together, give --england") != std::string::npos);
  // The data's name for part of a region points to the region, whole, or --la.
  CHECK(test_support::run_cli(
            {"init", "--from-csww", kData, "--region", "inner london", "--year", "2023", "-o", path.string()}, out,
            err) == 2);
  CHECK(err.find("'inner london' is the data's name for part of London: give --region 'London'") != std::string::npos);
}

namespace {
// A council's social workers, as a YAML list element under `roles:`, paying agency
// workers `agency_rate` an hour.
std::string social_worker_role(double agency_rate) {
  std::ostringstream y;
  y << R"(      - name: social_worker
        permanent_posts: 100
        initial: {in_post: 90, agency_covering_vacancies: 5}
        pay: {salary_per_year: 33000, agency_rate_per_hour: )"
    << agency_rate << R"(}
        leaving: {turnover_per_year: 0.2, notice: 1 month, destinations: {outside: 0.5, other_council: 0.25, agency: 0.25}}
        recruitment: {approval_to_offer: 10 days, offer_to_start: 30 days, applicants_per_year: 0,
                      applicants_per_vacancy_per_year: 1.5}
        agency: {booking_delay: 7 days, leaving_per_year: 1.0}
)";
  return y.str();
}

// A scenario of two neighbouring regions, the North and the South, up to the first
// council's `roles:` key: A, in the North.
std::string two_regions_opening(const std::string& name) {
  return "\nname: " + name + R"(
start: 2020-01-01
duration: 3 years
regions:
  - {name: North, neighbours: [South]}
  - {name: South}
authorities:
  - name: A
    region: North
)";
}

// Two regions of one council each, neighbours; the second pays agency workers more.
std::string two_regions(double second_rate) {
  std::ostringstream y;
  y << two_regions_opening("two regions") << "    roles:\n"
    << social_worker_role(40) << R"(  - name: B
    region: South
    roles:
)" << social_worker_role(second_rate)
    << R"(agency_supply:
  - {role: social_worker, region: North, available_at_start: 10, joining_per_year: 30, leaving_per_year: 6}
  - {role: social_worker, region: South, available_at_start: 10, joining_per_year: 30, leaving_per_year: 6}
labour_pool:
  - {role: social_worker, region: North, arrivals_per_year: 10, leaving_per_year: 2}
  - {role: social_worker, region: South, arrivals_per_year: 10, leaving_per_year: 2}
)";
  return y.str();
}

// Moves between two flow categories, summed over the run and the replications.
double moves(const wfsim::output::MemorySink& sink, std::uint32_t from, std::uint32_t to) {
  const auto& f = sink.flows;
  double n = 0;
  for (std::size_t k = 0; k < f.periods; ++k)
    n += static_cast<double>(f.counts[(from * f.categories + to) * f.periods + k]);
  return n;
}
// Moves from one category to another less those back, in each of `batches` batches of
// `size` replications (replications 0 to batches x size - 1 of the seed, the same
// whatever the batching): a sum's standard error from the spread between batches, as
// the flows are kept only as totals. (Counts summed over replications are not Poisson:
// the pools' sizes vary from one replication to the next.)
std::vector<double> net_moves_by_batch(const std::string& yaml, std::uint64_t seed, std::size_t batches,
                                       std::size_t size, std::uint32_t from, std::uint32_t to) {
  const auto scenario = wfsim::scenario::load_scenario_text(yaml, "batch.yaml", {});
  std::vector<double> net;
  for (std::size_t b = 0; b < batches; ++b) {
    wfsim::output::MemorySink sink;
    wfsim::experiment::ExperimentOptions options;
    options.seed = seed;
    options.replications = size;
    options.first_replication = b * size;
    options.threads = 2;
    wfsim::experiment::run_experiment(scenario, options, sink);
    net.push_back(moves(sink, from, to) - moves(sink, to, from));
  }
  return net;
}

// The sum of the batches' values and its standard error. The values are whole counts,
// so their sum is exact, as the test's comparison with the unbatched counts needs.
std::pair<double, double> sum_and_se(const std::vector<double>& values) {
  double sum = 0;
  for (const double v : values) sum += v;
  return {sum, test_support::mean_and_se(values).se * static_cast<double>(values.size())};
}
}  // namespace

TEST_CASE("a region's neighbour listed twice, or itself, is refused at its line, but both listing each other is not",
          "[england][scenario]") {
  // The duplicate was dropped without a word, where an authority's is refused (an audit).
  const std::string text = two_regions(40);
  const auto load = [](const std::string& yaml) { return wfsim::scenario::load_scenario_text(yaml, "r.yaml", {}); };
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string y = text;
    y.replace(y.find(from), from.size(), to);
    return y;
  };
  CHECK_THROWS_WITH(load(replaced("neighbours: [South]", "neighbours: [South, South]")),
                    Catch::Matchers::Contains("r.yaml:6:") && Catch::Matchers::Contains("neighbour listed twice"));
  CHECK_THROWS_WITH(load(replaced("neighbours: [South]", "neighbours: [North]")),
                    Catch::Matchers::Contains("a region is not its own neighbour"));
  const auto both = load(replaced("  - {name: South}", "  - {name: South, neighbours: [North]}"));
  CHECK(both.parameters.regions[0].neighbours == std::vector<std::uint32_t>{1});
  CHECK(both.parameters.regions[1].neighbours == std::vector<std::uint32_t>{0});
}

TEST_CASE("workers leaving a region's market move to a neighbour's, towards better pay", "[england][market]") {
  // Categories by region: permanent 0-1, agency 2-3, then each region's agency pool and
  // seekers (4, 5 for North; 6, 7 for South), then outside (8).
  const auto equal = test_support::run_text(two_regions(40), 200, 51, 2);
  REQUIRE(equal.flows.categories == 9);
  const double north_south = moves(equal, 4, 6), south_north = moves(equal, 6, 4);
  INFO("agency pool moves at equal pay: North to South " << north_south << ", South to North " << south_north);
  CHECK(north_south > 50);
  CHECK(south_north > 50);
  CHECK(moves(equal, 5, 7) + moves(equal, 7, 5) > 0);  // seekers too
  // At equal pay the two directions agree within 4 standard errors of the net flow
  // (the same 200 replications, in 20 batches of 10).
  const auto [net_equal, se_equal] = sum_and_se(net_moves_by_batch(two_regions(40), 51, 20, 10, 4, 6));
  INFO("net North to South at equal pay " << net_equal << " (SE " << se_equal << ")");
  CHECK(net_equal == north_south - south_north);
  CHECK(std::abs(net_equal) < 4 * se_equal);
  // The South paying £50 against £40 draws the North's leavers and keeps its own.
  const auto [net_richer, se_richer] = sum_and_se(net_moves_by_batch(two_regions(50), 51, 20, 10, 4, 6));
  INFO("net North to South with the South paying more " << net_richer << " (SE " << se_richer << ")");
  CHECK(net_richer > 4 * se_richer);
}

namespace {
// Two regions, the North of two councils, each council with two roles, so each region
// has two agency markets and two pools.
std::string two_regions_two_roles() {
  return two_regions_opening("two regions, two roles") + "    roles: &roles\n" + social_worker_role(40) +
         R"(      - name: senior_practitioner
        permanent_posts: 30
        initial: {in_post: 25, agency_covering_vacancies: 2}
        pay: {salary_per_year: 42000, agency_rate_per_hour: 50}
        leaving: {turnover_per_year: 0.15, notice: 2 months, destinations: {outside: 0.5, other_council: 0.25, agency: 0.25}}
        recruitment: {approval_to_offer: 20 days, offer_to_start: 45 days, applicants_per_year: 0,
                      applicants_per_vacancy_per_year: 1.0}
        agency: {booking_delay: 10 days, leaving_per_year: 1.0}
  - name: B
    region: South
    roles: *roles
  - name: C
    region: North
    roles: *roles
agency_supply:
  - {role: social_worker, region: North, available_at_start: 10, joining_per_year: 30, leaving_per_year: 6}
  - {role: social_worker, region: South, available_at_start: 2, joining_per_year: 15, leaving_per_year: 6}
  - {role: senior_practitioner, region: North, available_at_start: 3, joining_per_year: 8, leaving_per_year: 6}
  - {role: senior_practitioner, region: South, available_at_start: 1, joining_per_year: 4, leaving_per_year: 6}
labour_pool:
  - {role: social_worker, region: North, arrivals_per_year: 12, leaving_per_year: 2}
  - {role: social_worker, region: South, arrivals_per_year: 6, leaving_per_year: 2}
  - {role: senior_practitioner, region: North, arrivals_per_year: 4, leaving_per_year: 2}
  - {role: senior_practitioner, region: South, arrivals_per_year: 2, leaving_per_year: 2}
)";
}
}  // namespace

namespace {
// A measure summed over every period and replication, for one council's row.
double summed(const wfsim::output::MemorySink& sink, Measure m, std::size_t row) {
  double n = 0;
  for (const auto& t : sink.replications)
    for (std::size_t k = 0; k < t.periods(); ++k) n += t.at(m, row, k);
  return n;
}
}  // namespace

TEST_CASE("a permanent leaver bound out leaves, and only one whose region has no place for them moves next door",
          "[england][market]") {
  // The leavers' destination shares are the DfE's, whose moves to another council
  // include moves to another region's councils. A leaver bound out who sought a post
  // next door counted those moves twice: England's run sent 45% of its leavers to
  // another council against the DfE's 27% (docs/england.md). Categories as above:
  // permanent 0-1, each region's agency pool and seekers 4-5 (North), 6-7 (South),
  // outside 8. The North's councils A and C (rows 0 and 2) have each other to move to.
  const auto both = test_support::run_text(two_regions_two_roles(), 100, 53, 2);
  REQUIRE(both.flows.categories == 9);
  const double bound_out = summed(both, Measure::leavers_to_outside, 0) + summed(both, Measure::leavers_to_outside, 2);
  INFO("the North's leavers bound out " << bound_out << ", the North's permanent to outside " << moves(both, 0, 8)
                                        << ", to the South's seekers " << moves(both, 0, 7));
  REQUIRE(bound_out > 100);  // the case arose
  CHECK(moves(both, 0, 7) == 0);
  CHECK(moves(both, 0, 8) == bound_out);
  // Without a pool in the North, its leavers to another council still seek in the South's:
  // the path the fix keeps (these checks pass on the old code too; the ones above fail).
  std::string no_north_pool = two_regions(40);
  const std::string north_pool =
      "  - {role: social_worker, region: North, arrivals_per_year: 10, leaving_per_year: 2}\n";
  REQUIRE(no_north_pool.find(north_pool) != std::string::npos);
  no_north_pool.erase(no_north_pool.find(north_pool), north_pool.size());
  const auto south_only = test_support::run_text(no_north_pool, 100, 53, 2);
  const double to_other_council = summed(south_only, Measure::leavers_to_other_council, 0);
  INFO("A's leavers to another council " << to_other_council << ", North to the South's seekers "
                                         << moves(south_only, 0, 7));
  REQUIRE(to_other_council > 100);
  CHECK(moves(south_only, 0, 7) > 0);
  CHECK(moves(south_only, 0, 7) <= to_other_council);
  CHECK(moves(south_only, 0, 8) >= summed(south_only, Measure::leavers_to_outside, 0));
}

TEST_CASE("a council's row carries its own region's idle agency workers and seekers", "[england][market]") {
  // One replication, so each period's flows are that replication's own moves: a
  // region's idle workers and seekers of every role, as its councils' rows report
  // them, change by exactly the net flows into its agency pool and its pool of
  // seekers. Reported as every region's together, as they were until 2026-12-03, each
  // row would change by both regions' flows.
  const auto sink = test_support::run_text(two_regions_two_roles(), 1, 7, 1);
  const auto& t = sink.replications[0];
  const auto& f = sink.flows;
  const std::vector<std::uint32_t> region_of{0, 1, 0};  // A and C in the North, B in the South
  const auto categories = wfsim::model::FlowCategories::of(region_of, 2);
  const std::size_t c = f.categories;
  REQUIRE(c == categories.count());
  REQUIRE(t.authorities() == 4);  // A, B, C and the total row
  auto net_in = [&](std::size_t category, std::size_t k) {
    double net = 0;
    for (std::size_t other = 0; other < c; ++other) {
      net += static_cast<double>(f.counts[(other * c + category) * f.periods + k]);
      net -= static_cast<double>(f.counts[(category * c + other) * f.periods + k]);
    }
    return net;
  };
  double moved = 0, regions_differ = 0;
  for (const Measure m : {Measure::agency_idle, Measure::seeking_pool}) {
    for (std::size_t k = 0; k < t.periods(); ++k) {
      INFO(wfsim::model::info(m).name << " period " << k);
      REQUIRE(t.at(m, 2, k) == t.at(m, 0, k));                  // both councils of the North
      REQUIRE(t.at(m, 3, k) == t.at(m, 0, k) + t.at(m, 1, k));  // the total row: both regions'
      if (t.at(m, 0, k) != t.at(m, 1, k)) ++regions_differ;
      if (k == 0) continue;
      for (std::uint32_t region = 0; region < 2; ++region) {
        const std::size_t row = region;  // A stands for the North, B for the South
        const double net =
            net_in(m == Measure::agency_idle ? categories.agency_pool(region) : categories.seeking(region), k);
        moved += std::abs(net);
        REQUIRE(t.at(m, row, k) - t.at(m, row, k - 1) == net);
      }
    }
  }
  CHECK(moved > 100);          // the check had something to check
  CHECK(regions_differ > 10);  // and the two regions' figures are not the same
}

TEST_CASE("a same_region cooling-off binds the region of the council left, not the next region", "[england][rules]") {
  std::string text = two_regions(40);
  text += R"(rules:
  - {name: regional cooling-off, kind: cooling_off, scope: same_region, length: 1 year, members: all}
)";
  const auto s = wfsim::scenario::load_scenario_text(text, "rules.yaml", {});
  const auto sink = test_support::run_in_memory(s, 100, 53, 2);
  // Refusals happen (leavers to agency in the North are kept from A); none of A's
  // leavers is kept from B, a council of another region, so every refusal is of a
  // worker who left a permanent post in the same region as the council refusing.
  double refused = 0;
  for (const auto& t : sink.replications) {
    for (std::size_t k = 0; k < t.periods(); ++k) refused += t.at(Measure::agency_engagements_refused, 0, k);
  }
  CHECK(refused > 0);
  // The rule's terms: same region refused, other region not (checked directly).
  const auto& rule = *s.parameters.rules[0].terms;
  wfsim::model::WorkerHistory left_a;
  left_a.last_permanent_authority = 0;  // A, in the North
  CHECK(rule.keeps_from(left_a, 0));
  CHECK_FALSE(rule.keeps_from(left_a, 1));
}

TEST_CASE("a rule's transition ends the running assignments it would refuse", "[england][rules]") {
  // One region of two councils; a 1-year cooling-off from June binds new engagements,
  // and from September (existing_from) the assignments already running too: that month
  // more agency workers leave their posts than in the same run without the transition
  // (common random numbers: identical until September).
  const std::string base = test_support::transition_region();
  const auto without = test_support::run_text(base + "}\n", 100, 57, 2);
  const auto with = test_support::run_text(base + ", existing_from: 2020-09-01}\n", 100, 57, 2);
  // One replication's agency leavers, of both councils, in a period; and a run's.
  auto leavers_in = [](const auto& t, std::size_t period) {
    return t.at(Measure::leavers_agency, 0, period) + t.at(Measure::leavers_agency, 1, period);
  };
  auto leavers = [&](const wfsim::output::MemorySink& sink, std::size_t period) {
    double n = 0;
    for (const auto& t : sink.replications) n += leavers_in(t, period);
    return n;
  };
  // Before September the two runs are the same, bit for bit.
  for (std::size_t k = 0; k < 8; ++k) CHECK(leavers(with, k) == leavers(without, k));
  INFO("agency leavers in September: with the transition " << leavers(with, 8) << ", without " << leavers(without, 8));
  // The paired difference's own standard error, from the replications.
  std::vector<double> more;
  for (std::size_t r = 0; r < with.replications.size(); ++r) {
    more.push_back(leavers_in(with.replications[r], 8) - leavers_in(without.replications[r], 8));
  }
  const auto [mean, se] = test_support::mean_and_se(more);
  INFO("more a replication: " << mean << " (SE " << se << ")");
  CHECK(mean > 4 * se);
}

namespace {
// One council whose 10 vacancies are covered at the start by agency workers of one
// year's experience, under a 3-year experience rule already in force.
std::string experience_transition(const std::string& supply, const std::string& existing_from) {
  return R"(
name: transition at the start
start: 2016-01-01
duration: 3 months
warm_start: false
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 20
        experience: 1 year
        initial: {in_post: 10, agency_covering_vacancies: 10}
        pay: {salary_per_year: 30000, agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0.0}
        recruitment: {applicants_per_year: 0}
        agency: {booking_delay: 14 days}
)" + supply +
         R"(
rules:
  - {name: experience, kind: experience, min_experience: 3 years, from: 2015-06-01, members: all,
     existing_from: )" +
         existing_from + "}\n";
}
}  // namespace

TEST_CASE("a transition dated on or before the start ends the refused assignments at the start", "[england][rules]") {
  // It was not a change within the run, so it never ran: the 10 agency workers the rule
  // refuses stayed in post for the whole run if the transition fell on the start date,
  // and left at once if it fell the day after.
  const std::string finite = "agency_supply:\n  - {role: social_worker, available_at_start: 0, experience: 1 year}";
  for (const char* date : {"2015-10-01", "2016-01-01", "2016-01-02"}) {
    INFO("existing_from " << date);
    const auto run = test_support::run_text(experience_transition(finite, date), 4, 3, 1);
    for (const auto& t : run.replications) {
      CHECK(t.at(Measure::agency_headcount, 0, 0) == 0);
      CHECK(t.at(Measure::uncovered_gap, 0, 0) == 10);
    }
  }
  // A transition after the start leaves them in post until it comes.
  const auto later = test_support::run_text(experience_transition(finite, "2016-02-15"), 4, 3, 1);
  for (const auto& t : later.replications) {
    CHECK(t.at(Measure::agency_headcount, 0, 0) == 10);
    CHECK(t.at(Measure::agency_headcount, 0, 1) == 0);
  }
}

TEST_CASE("a transition leaves agency workers from an unlimited supply in post", "[england][rules]") {
  // Someone eligible always comes from an unlimited supply, and no rule but a rate cap
  // applies to them: the transition ended their assignments, and they were booked again
  // from the same supply, unscreened (10 leavers and 10 starters in February).
  for (const char* date : {"2016-01-01", "2016-02-10"}) {
    INFO("existing_from " << date);
    const auto run = test_support::run_text(experience_transition("", date), 4, 3, 1);
    for (const auto& t : run.replications) {
      for (std::size_t period = 0; period < 3; ++period) {
        CHECK(t.at(Measure::leavers_agency, 0, period) == 0);
        CHECK(t.at(Measure::agency_headcount, 0, period) == 10);
      }
    }
  }
}

TEST_CASE("a transition at the start that ends nothing changes nothing", "[england][rules]") {
  // No initial placement has a history a cooling-off could bar: its transition at the
  // start ends no assignment. It still offered the idle workers the bookings again in a
  // drawn order, so the whole run's draws moved, and with them a paired comparison.
  const std::string finite =
      "agency_supply:\n  - {role: social_worker, available_at_start: 5, joining_per_year: 20, experience: 1 year}";
  std::string without = experience_transition(finite, "2016-01-01");
  const std::string rule = "{name: experience, kind: experience, min_experience: 3 years";
  without.replace(without.find(rule), rule.size(),
                  "{name: cooling-off, kind: cooling_off, scope: any_member, length: 6 months");
  std::string with = without;
  without.erase(without.find(",\n     existing_from: 2016-01-01"),
                std::string(",\n     existing_from: 2016-01-01").size());
  const auto a = test_support::run_text(without, 6, 9, 1);
  const auto b = test_support::run_text(with, 6, 9, 1);
  for (std::size_t r = 0; r < 6; ++r) CHECK(test_support::bit_identical(a.replications[r], b.replications[r]));
  // Above, nothing waits in the market at the start, so offering its workers again
  // draws nothing, and the test passed with the fix undone (a test audit). The South
  // East starts with bookings waiting: there the undone fix moves 39 of the series.
  const std::string region = test_support::scenario_path("south-east-moc-2016.yaml");
  const std::vector<std::string> earlier = {"duration=1 year", "rules[0].from=2015-06-01"};
  std::vector<std::string> at_start = earlier;
  at_start.push_back("rules[0].existing_from=2016-01-01");
  const auto c = test_support::run_in_memory(wfsim::scenario::load_scenario_file(region, earlier), 4, 9, 1);
  const auto d = test_support::run_in_memory(wfsim::scenario::load_scenario_file(region, at_start), 4, 9, 1);
  for (std::size_t r = 0; r < 4; ++r) CHECK(test_support::bit_identical(c.replications[r], d.replications[r]));
}

TEST_CASE("a region named in any case gets its agreements", "[import][england]") {
  // 'init --region london' found London's councils but wrote none of its agreements:
  // they were matched to the name as typed, not as the regions file spells it.
  const auto data = wfsim::import::CswwData::read_file(kData);
  for (const std::string& region : {std::string("London"), std::string("West Midlands")}) {
    std::string lower = region;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto exact = wfsim::scenario::load_scenario_text(
        wfsim::import::market_scenario(data, {region}, 2023, market_options()).yaml, "exact.yaml", {});
    const auto typed = wfsim::scenario::load_scenario_text(
        wfsim::import::market_scenario(data, {lower}, 2023, market_options()).yaml, "typed.yaml", {});
    INFO(region);
    CHECK_FALSE(exact.parameters.rules.empty());
    CHECK(typed.parameters.rules.size() == exact.parameters.rules.size());
  }
}

TEST_CASE("a region's councils for the backtest are the regions file's, London's inner and outer", "[import]") {
  // 'backtest --region London' read the data's own London rows, which hold no council
  // (its boroughs are Inner and Outer London's): it failed for every year.
  const auto data = wfsim::import::CswwData::read_file(kData);
  CHECK_THROWS_WITH(data.region("London", 2023), Catch::Matchers::Contains("has no council rows"));
  const auto rows = wfsim::import::region_rows(data, "london", 2023, market_options().regions_file);
  CHECK(rows.size() == 32);
  const auto west = wfsim::import::region_rows(data, "West Midlands", 2023, market_options().regions_file);
  CHECK(west.size() == data.region("West Midlands", 2023).size());
}
