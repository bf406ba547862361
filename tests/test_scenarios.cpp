// Every scenario shipped in scenarios/ is documentation: each must validate and run.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "support.hpp"
#include "working_folder.hpp"

namespace fs = std::filesystem;

TEST_CASE("every shipped scenario loads and runs, and has a golden output", "[scenarios]") {
  std::size_t found = 0;
  const fs::path goldens = fs::path(WFSIM_TEST_DATA_DIR) / "golden" / "scenarios";
  // The whole tree: scenarios/validation/ is shipped too (golden.py pins it, as below).
  const fs::path shipped = fs::weakly_canonical(fs::path(WFSIM_TEST_DATA_DIR) / ".." / "scenarios");
  const test_support::WorkingFolder from_scenarios(shipped);  // validation/ extends a base in scenarios/
  for (const auto& entry : fs::recursive_directory_iterator(shipped)) {
    if (entry.path().extension() != ".yaml") continue;
    ++found;
    // tools/golden.py pins each shipped scenario's results; a scenario added without one
    // would go unpinned.
    CHECK(fs::exists(goldens / fs::relative(entry.path(), shipped).replace_extension(".txt")));
    INFO("scenario " << entry.path());
    auto s = wfsim::scenario::load_scenario_file(entry.path().string());
    s.parameters.audit = true;  // and every worker stays accounted for
    const auto sink = test_support::run_in_memory(s, 4, 1, 2);
    CHECK(sink.replications.size() == 4);
  }
  // And no golden output stands for a scenario that is no longer shipped.
  std::size_t pinned = 0;
  for (const auto& entry : fs::recursive_directory_iterator(goldens)) pinned += entry.path().extension() == ".txt";
  CHECK(found == pinned);
  CHECK(found >= 1);
}

TEST_CASE("the default scenario holds the figures it cites", "[scenarios]") {
  const auto s = wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"));
  REQUIRE(s.parameters.authorities.size() == 1);
  const auto& role = s.parameters.authorities[0].roles[0];
  CHECK(role.turnover_per_year == 0.173);
  CHECK(role.initial.agency_covering_vacancies == 57);
  CHECK(role.short_sickness_days_per_year == 6.76);
  CHECK(role.notice.mean() == Approx(365.25 / 4));
  CHECK(role.agency.booking_delay.mean() == Approx(14));
  // 65 agency / (200 permanent + 65 agency) = 24.5%: "25%".
  const double agency = role.initial.agency_covering_vacancies + role.initial.agency_covering_absences;
  CHECK(agency / (role.initial.in_post + agency) == Approx(0.25).margin(0.01));
}

TEST_CASE("overrides given with --set change the value they name", "[scenarios]") {
  const auto s = wfsim::scenario::load_scenario_file(
      test_support::scenario_path("buckinghamshire-2015.yaml"),
      {"authorities.0.roles.0.leaving.turnover_per_year=0.25", "authorities[0].roles[0].leaving.notice=1 month"});
  const auto& role = s.parameters.authorities[0].roles[0];
  CHECK(role.turnover_per_year == 0.25);
  CHECK(role.notice.mean() == Approx(365.25 / 12));
  CHECK(s.overrides.size() == 2);
}

TEST_CASE("docs/output-format.md lists every measure the engine writes", "[docs]") {
  std::ifstream in(std::string(WFSIM_TEST_DATA_DIR) + "/../docs/output-format.md");
  REQUIRE(in);
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& m : wfsim::model::kMeasures) {
    INFO("measure " << m.name);
    // Name, units, kind, whether comparisons total it over the run and its meaning, as the
    // engine has them (and writes them into every file's description attribute): a
    // meaning edited in one place only once went unnoticed (tools/update-measure-table.py
    // rewrites the table from the engine's).
    const std::string kind = m.kind == wfsim::model::MeasureKind::flow ? "flow" : "snapshot";
    const std::string total = m.total == wfsim::model::MeasureTotal::adds_up ? "summed" : "—";
    CHECK(doc.find("| `" + std::string(m.name) + "` | " + std::string(m.units) + " | " + kind + " | " + total + " | " +
                   std::string(m.description) + " |") != std::string::npos);
  }
}

TEST_CASE("the measure table is in enum order", "[docs]") {
  for (std::size_t i = 0; i < wfsim::model::kMeasureCount; ++i) {
    CHECK(static_cast<std::size_t>(wfsim::model::kMeasures[i].measure) == i);
  }
}

TEST_CASE("a warm-up hides its periods and nothing else", "[scenarios]") {
  // The same run with a one-year warm-up reports from its 13th month on, and those
  // months are what the run without a warm-up reports for them (short sickness aside:
  // its days are drawn at each reported period's end). Rolling turnover too, from the
  // first reported month: it reaches back into the warm-up's months.
  const auto plain = wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"));
  const auto warm =
      wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"), {"warmup=1 year"});
  const auto a = test_support::run_in_memory(plain, 3, 8, 1);
  const auto b = test_support::run_in_memory(warm, 3, 8, 1);
  REQUIRE(b.replications[0].periods() + 12 == a.replications[0].periods());
  for (std::size_t r = 0; r < 3; ++r) {
    for (const auto& m : wfsim::model::kMeasures) {
      if (m.measure == wfsim::model::Measure::sickness_days) continue;
      for (std::size_t k = 0; k < b.replications[r].periods(); ++k) {
        const double x = a.replications[r].at(m.measure, 0, k + 12);
        const double y = b.replications[r].at(m.measure, 0, k);
        INFO(m.name << " period " << k);
        REQUIRE((x == y || (std::isnan(x) && std::isnan(y))));
      }
    }
  }
}
