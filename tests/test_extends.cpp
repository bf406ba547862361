// Scenarios that extend others: merging, provenance of errors, and equivalence with
// the same change made by --set.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "extends_fixtures.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/suggest.hpp"
#include "scenario/value_sources.hpp"
#include "support.hpp"
#include "working_folder.hpp"

namespace fs = std::filesystem;

using extends_fixtures::kBase;
using extends_fixtures::kTwoRegions;
using extends_fixtures::scratch;
using extends_fixtures::write;

TEST_CASE("a variant equals its base with the same change made by --set", "[extends]") {
  const auto variant =
      wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015-more-applicants.yaml"));
  const auto by_set =
      wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"),
                                          {"authorities[0].roles[0].recruitment.applicants_per_year=60",
                                           "name=Buckinghamshire, September 2015, 60 applicants a year"});
  CHECK(variant.extends.size() == 1);
  const auto a = test_support::run_in_memory(variant, 3, 4, 1);
  const auto b = test_support::run_in_memory(by_set, 3, 4, 1);
  for (std::size_t r = 0; r < 3; ++r) REQUIRE(test_support::bit_identical(a.replications[r], b.replications[r]));
  // The merged text a results file keeps (/scenario_resolved) is the scenario as run:
  // read back on its own, with no base to extend, it runs the same replications.
  const auto resolved = wfsim::scenario::load_scenario_text(variant.resolved_text, "scenario_resolved", {});
  CHECK(resolved.extends.empty());
  const auto c = test_support::run_in_memory(resolved, 3, 4, 1);
  for (std::size_t r = 0; r < 3; ++r) REQUIRE(test_support::bit_identical(a.replications[r], c.replications[r]));
  const auto base = test_support::run_in_memory(
      wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml")), 3, 4, 1);
  CHECK_FALSE(test_support::bit_identical(a.replications[0], base.replications[0]));
}

TEST_CASE("named lists merge by name, and a new name is appended", "[extends]") {
  const fs::path dir = scratch("merge");
  write(dir, "base.yaml", kBase);
  const auto child = write(dir, "child.yaml", R"(extends: base.yaml
authorities:
  - name: A
    roles:
      - name: social_worker
        leaving: {turnover_per_year: 0.3}
      - name: team_manager
        permanent_posts: 5
        leaving: {turnover_per_year: 0.1}
  - name: B
    roles:
      - {name: social_worker, permanent_posts: 7, leaving: {turnover_per_year: 0.1}}
)");
  const auto s = wfsim::scenario::load_scenario_file(child.string());
  REQUIRE(s.parameters.authorities.size() == 2);
  const auto& a = s.parameters.authorities[0];
  REQUIRE(a.roles.size() == 2);
  CHECK(a.roles[0].turnover_per_year == 0.3);
  CHECK(a.roles[0].permanent_posts == 20);                 // kept from the base
  CHECK(a.roles[0].notice.mean() == Approx(365.25 / 12));  // the leaving map merged, not replaced
  CHECK(a.roles[1].name == "team_manager");
  CHECK(s.parameters.authorities[1].roles[0].permanent_posts == 7);
  CHECK(s.name == "base");
}

TEST_CASE("a variant that names an element twice in one list is refused", "[extends]") {
  // Both merged into the base's A, the later winning: it ran with 20 posts and lost
  // the 10 unsaid. The base itself is refused for the same (as a duplicate authority).
  const fs::path dir = scratch("twice");
  write(dir, "base.yaml", kBase);
  const auto child = write(dir, "child.yaml", R"(extends: base.yaml
authorities:
  - {name: A, roles: [{name: social_worker, permanent_posts: 10}]}
  - {name: A, roles: [{name: social_worker, permanent_posts: 20}]}
)");
  try {
    wfsim::scenario::load_scenario_file(child.string());
    FAIL("a variant naming A twice was accepted");
  } catch (const wfsim::scenario::ScenarioError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains("child.yaml:4:5: authorities[1]: its name 'A' appears twice in "
                                                   "this list"));
  }
}

TEST_CASE("a supply or pool of one role in several regions merges with its own region's", "[extends]") {
  // England's supplies are one a region, all of one role: matched by role alone, a
  // variant's change to the first region's merged into the last region's.
  const fs::path dir = scratch("regions");
  write(dir, "base.yaml", kTwoRegions);
  const auto child = write(dir, "child.yaml", R"(extends: base.yaml
agency_supply:
  - {role: social_worker, region: North, joining_per_year: 99}
)");
  const auto s = wfsim::scenario::load_scenario_file(child.string());
  REQUIRE(s.parameters.agency_supply.size() == 2);
  CHECK(s.parameters.agency_supply[0].joining_per_year == 99);  // North's
  CHECK(s.parameters.agency_supply[1].joining_per_year == 20);  // South's, as in the base
  write(dir, "twice.yaml", R"(extends: base.yaml
agency_supply:
  - {role: social_worker, region: North, joining_per_year: 99}
  - {role: social_worker, region: North, joining_per_year: 98}
)");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file((dir / "twice.yaml").string()),
                    Catch::Matchers::Contains("its role 'social_worker in North' appears twice in this list"));
}

TEST_CASE("a variant's element that names no region merges with the one of its name", "[extends]") {
  // England's councils each name their region; a variant changing Kent without repeating
  // its region was matched to no council (name and region), appended as a second Kent
  // and refused for the posts it lacked, with "did you mean 'Kent'?".
  const fs::path dir = scratch("no-region");
  write(dir, "base.yaml", kTwoRegions);
  const auto child = write(dir, "child.yaml", R"(extends: base.yaml
authorities:
  - {name: B, roles: [{name: social_worker, permanent_posts: 30}]}
)");
  const auto s = wfsim::scenario::load_scenario_file(child.string());
  REQUIRE(s.parameters.authorities.size() == 2);
  CHECK(s.parameters.authorities[1].name == "B");
  CHECK(s.parameters.authorities[1].roles[0].permanent_posts == 30);
  CHECK(s.parameters.authorities[0].roles[0].permanent_posts == 20);
  // New elements are each appended, not merged into the one appended before them.
  write(dir, "two-new.yaml", R"(extends: base.yaml
authorities:
  - {name: C, region: North, roles: [{name: social_worker, permanent_posts: 5, leaving: {turnover_per_year: 0.2}}]}
  - {name: D, region: South, roles: [{name: social_worker, permanent_posts: 7, leaving: {turnover_per_year: 0.2}}]}
)");
  const auto grown = wfsim::scenario::load_scenario_file((dir / "two-new.yaml").string());
  REQUIRE(grown.parameters.authorities.size() == 4);
  CHECK(grown.parameters.authorities[2].name == "C");
  CHECK(grown.parameters.authorities[3].name == "D");
  CHECK(grown.parameters.authorities[3].roles[0].permanent_posts == 7);
  // A supply of the role is in both regions: which one is meant cannot be guessed.
  write(dir, "supply.yaml", "extends: base.yaml\nagency_supply:\n  - {role: social_worker, joining_per_year: 99}\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file((dir / "supply.yaml").string()),
                    Catch::Matchers::Contains("supply.yaml:3:5") &&
                        Catch::Matchers::Contains("its role 'social_worker' is in 2 regions of the base ('North', "
                                                  "'South'): give its 'region' to say which to change or take out"));
  // Another region than the base's is another council, and the note says where the base's is.
  write(dir, "moved.yaml",
        "extends: base.yaml\nauthorities:\n  - {name: B, region: North, roles: [{name: social_worker}]}\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file((dir / "moved.yaml").string()),
                    Catch::Matchers::Contains("its name 'B in North' matches none of the base's authorities; the "
                                              "base has it in 'South'"));
  // A supply of another region is new, and the base's are said by count, not as "in 'North', in 'South'".
  write(dir, "wales.yaml", "extends: base.yaml\nagency_supply:\n  - {role: social_worker, region: Wales}\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file((dir / "wales.yaml").string()),
                    Catch::Matchers::Contains("the base has it in 2 regions ('North', 'South')"));
  // Named both ways, one council would be changed twice, the later silently winning.
  write(dir, "both.yaml",
        "extends: base.yaml\nauthorities:\n  - {name: B, roles: [{name: social_worker, permanent_posts: 30}]}\n"
        "  - {name: B, region: South, roles: [{name: social_worker, permanent_posts: 40}]}\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file((dir / "both.yaml").string()),
                    Catch::Matchers::Contains("its name 'B in South' changes the base's 'B in South', which this "
                                              "list already changes"));
}

TEST_CASE("a lever or rule whose name differs from another's only in case is refused", "[extends]") {
  // A variant's 'Supplement' over the base's 'supplement' was appended, not merged: both
  // levers ran, £3,000 and £5,000, without a word.
  const fs::path dir = scratch("case");
  fs::create_directories(dir);
  fs::copy_file(test_support::scenario_path("buckinghamshire-2015-supplement.yaml"), dir / "base.yaml",
                fs::copy_options::overwrite_existing);
  fs::copy_file(test_support::scenario_path("buckinghamshire-2015.yaml"), dir / "buckinghamshire-2015.yaml",
                fs::copy_options::overwrite_existing);
  const auto child = write(dir, "child.yaml", R"(extends: base.yaml
authorities:
  - name: Buckinghamshire
    policies:
      - {name: Supplement, kind: market_supplement, role: social_worker, amount_per_worker_per_year: 5000}
)");
  CHECK_THROWS_WITH(
      wfsim::scenario::load_scenario_file(child.string()),
      Catch::Matchers::Contains(
          "policy 'Supplement' differs from 'supplement' only in case, spacing or characters that show nothing"));
  const auto rules = write(dir, "rules.yaml", std::string(kBase) + R"(rules:
  - {name: MoC, kind: experience, min_experience: 1 year, members: all}
  - {name: moc, kind: experience, min_experience: 2 years, members: all}
)");
  CHECK_THROWS_WITH(
      wfsim::scenario::load_scenario_file(rules.string()),
      Catch::Matchers::Contains("rule 'moc' differs from 'MoC' only in case, spacing or characters that show nothing"));
}

TEST_CASE("a variant's misspelt region is refused, not added as a region of no council", "[extends]") {
  // 'West Midland' was appended as a new, empty region, and the change meant for the
  // West Midlands changed nothing, with status 0.
  const fs::path dir = scratch("empty-region");
  write(dir, "base.yaml", kTwoRegions);
  const auto misspelt =
      write(dir, "misspelt.yaml", "extends: base.yaml\nregions: [{name: Nroth, neighbours: [South]}]\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(misspelt.string()),
                    Catch::Matchers::Contains("region 'Nroth' holds no authority") &&
                        Catch::Matchers::Contains("did you mean 'North'?"));
  const auto cased = write(dir, "cased.yaml", "extends: base.yaml\nregions: [{name: north, neighbours: [South]}]\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(cased.string()),
                    Catch::Matchers::Contains(
                        "region 'north' differs from 'North' only in case, spacing or characters that show nothing"));
}

TEST_CASE("a named list given empty in a variant replaces the base's", "[extends]") {
  // 'rules: []' was merged element by element (every element of an empty list has a
  // name), which changed nothing: the variant ran with the base's MoC rules.
  const fs::path dir = scratch("empty");
  const auto base = wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"));
  REQUIRE(!base.parameters.rules.empty());
  fs::create_directories(dir);
  fs::copy_file(test_support::scenario_path("south-east-moc-2016.yaml"), dir / "se.yaml",
                fs::copy_options::overwrite_existing);
  const auto child = write(dir, "se-no-rules.yaml", "extends: se.yaml\nrules: []\n");
  const auto s = wfsim::scenario::load_scenario_file(child.string());
  CHECK(s.parameters.rules.empty());
  CHECK(s.parameters.authorities.size() == base.parameters.authorities.size());
}

TEST_CASE("errors name the file the bad value came from", "[extends]") {
  const fs::path dir = scratch("errors");
  write(dir, "base.yaml", std::string(kBase) + "bogus_key: 1\n");
  const auto child = write(dir, "child.yaml", "extends: base.yaml\nstart: 2015-02-30\n");
  try {
    wfsim::scenario::load_scenario_file(child.string());
    FAIL("expected an error");
  } catch (const wfsim::scenario::ScenarioError& e) {
    // The child's own bad date is found first, in the child, at its line.
    CHECK(e.where().file == child.string());
    CHECK(e.where().line == 2);
    CHECK(e.key_path() == "start");
  }
  const auto child2 = write(dir, "child2.yaml", "extends: base.yaml\nname: fine\n");
  try {
    wfsim::scenario::load_scenario_file(child2.string());
    FAIL("expected an error");
  } catch (const wfsim::scenario::ScenarioError& e) {
    CHECK(e.where().file == (dir / "base.yaml").lexically_normal().string());
    CHECK(e.where().line == 10);
    CHECK(std::string(e.what()).find("unknown key 'bogus_key'") != std::string::npos);
  }
}

TEST_CASE("a check the variant's change failed at the base's value names the change", "[extends]") {
  // The turnover set in the variant fails the check on the base's `leaving`, and a
  // smaller establishment the base's in_post: the error is at the base's line, as
  // before, and names the variant's key (it once named the base alone).
  const fs::path dir = scratch("changed-by");
  write(dir, "base.yaml", std::string(kBase) + "        initial: {in_post: 18}\n");
  // `value_column` is where the changed value stands on the variant's sixth line.
  const struct {
    std::string change, key_path, changed;
    int line;
    std::string value_column;
  } cases[] = {
      {"leaving: {turnover_per_year: 17.3}", "authorities[0].roles[0].leaving",
       "authorities[0].roles[0].leaving.turnover_per_year", 9, "38"},
      {"permanent_posts: 10", "authorities[0].roles[0].initial.in_post", "authorities[0].roles[0].permanent_posts", 10,
       "26"},
  };
  for (const auto& c : cases) {
    const auto child = write(dir, "child.yaml",
                             "extends: base.yaml\nauthorities:\n  - name: A\n    roles:\n      - name: social_worker\n"
                             "        " +
                                 c.change + "\n");
    try {
      wfsim::scenario::load_scenario_file(child.string());
      FAIL("expected an error");
    } catch (const wfsim::scenario::ScenarioError& e) {
      INFO(e.what());
      CHECK(e.where().file == (dir / "base.yaml").lexically_normal().string());
      CHECK(e.where().line == c.line);
      CHECK(e.key_path() == c.key_path);
      // The name that matched the base's role is not a change.
      CHECK(e.where().changed_by == child.string() + ":6:" + c.value_column + ": " + c.changed);
    }
  }
}

TEST_CASE("a check over a whole list names the elements a variant added to it", "[extends]") {
  // Two councils added past the posts a run can hold were said as the variant's 'name'.
  const fs::path dir = scratch("added");
  std::string base = "name: big\nstart: 2016-01-01\nduration: 1 year\nauthorities:\n";
  for (int i = 0; i < 20; ++i) {
    base += "  - {name: C" + std::to_string(i) +
            ", roles: [{name: social_worker, permanent_posts: 100000, leaving: {turnover_per_year: 0.1}}]}\n";
  }
  write(dir, "big.yaml", base);
  const auto bigger = write(dir, "bigger.yaml", R"(extends: big.yaml
name: bigger
authorities:
  - {name: X, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]}
)");
  const std::string message = test_support::message_of([&] { wfsim::scenario::load_scenario_file(bigger.string()); });
  CHECK_THAT(message, Catch::Contains("(as changed by " + bigger.string() +
                                      ":4:5: added authorities[20]): authorities: the scenario has 2000010 posts") &&
                          !Catch::Contains(": name)"));
  // Not beside a check of another council's own keys: it was named beside a base
  // council's refusal of temporary posts alone (a review).
  write(dir, "temporary.yaml", R"(name: temporary
start: 2016-01-01
duration: 1 year
authorities:
  - {name: A, roles: [{name: social_worker, permanent_posts: 0, temporary_posts: 5, leaving: {turnover_per_year: 0.1}}]}
)");
  const auto added = write(dir, "added.yaml", R"(extends: temporary.yaml
authorities:
  - {name: X, roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]}
)");
  const std::string refused = test_support::message_of([&] { wfsim::scenario::load_scenario_file(added.string()); });
  CHECK_THAT(refused, Catch::Contains("authorities[0].roles: an authority needs at least one permanent post") &&
                          !Catch::Contains("added authorities[1]"));
}

TEST_CASE("an element a variant appends under a misspelt name says so", "[extends]") {
  // A misspelt council is a new council, which then lacks its required keys: the error
  // said only "missing required key 'permanent_posts'".
  const fs::path dir = scratch("appended");
  write(dir, "base.yaml", kBase);
  const auto typo = write(dir, "typo.yaml",
                          "extends: base.yaml\nauthorities:\n  - name: AA\n    roles:\n      - name: social_worker\n"
                          "        leaving: {turnover_per_year: 0.1}\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(typo.string()),
                    Catch::Matchers::Contains("authorities[1].roles[0]: missing required key 'permanent_posts' "
                                              "(authorities[1] is new: its name 'AA' matches none of the base's "
                                              "authorities; did you mean 'A'?)"));
  // A role appended to a council the variant names rightly is said to be new too; a
  // name far from every other gets no suggestion.
  const auto role = write(dir, "role.yaml",
                          "extends: base.yaml\nauthorities:\n  - name: A\n    roles:\n      - name: team_manager_x\n"
                          "        leaving: {turnover_per_year: 0.1}\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(role.string()),
                    Catch::Matchers::EndsWith("(authorities[0].roles[1] is new: its name 'team_manager_x' matches "
                                              "none of the base's roles)"));
  // An error outside the appended element carries no such note, though one was appended.
  const auto other = write(dir, "other.yaml",
                           "extends: base.yaml\nstart: 2015-02-30\nauthorities:\n  - name: AA\n    roles:\n"
                           "      - {name: social_worker, permanent_posts: 5, leaving: {turnover_per_year: 0.1}}\n");
  CHECK_THROWS_WITH(
      wfsim::scenario::load_scenario_file(other.string()),
      Catch::Matchers::Contains("start: '2015-02-30' is not a date") && !Catch::Matchers::Contains("is new"));
}

TEST_CASE("a missing base or a cycle is a clear error", "[extends]") {
  const fs::path dir = scratch("cycle");
  const auto missing = write(dir, "missing.yaml", "extends: nowhere.yaml\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(missing.string()),
                    Catch::Contains("cannot read the extended scenario") && Catch::Contains("missing.yaml:1:10"));
  // An empty base, or one that is no mapping, is said so at the line that extends it: it
  // was "empty.yaml: an extended scenario must be a mapping of keys" (a CLI audit).
  write(dir, "empty.yaml", "# nothing yet\n");
  const auto of_empty = write(dir, "of-empty.yaml", "name: v\nextends: empty.yaml\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(of_empty.string()),
                    Catch::Contains("of-empty.yaml:2:10: extends: the extended scenario 'empty.yaml' is empty"));
  write(dir, "list.yaml", "- a\n- b\n");
  const auto of_list = write(dir, "of-list.yaml", "extends: list.yaml\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(of_list.string()),
                    Catch::Contains("of-list.yaml:1:10: extends: the extended scenario 'list.yaml' is not a scenario"));
  write(dir, "a.yaml", "extends: b.yaml\n");
  const auto b = write(dir, "b.yaml", "extends: a.yaml\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(b.string()), Catch::Contains("cycle"));
  // Aliases within aliases: 500 bytes standing for 10^9 values were walked one by one
  // by the duplicate-key check, for minutes, deaf to Ctrl-C. The walk now stops at 2
  // million (0.6 s in a release build); the old code gave no such error.
  std::string bomb =
      "extends: base.yaml\nzz:\n  a0: &a0 {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8, r: 9, q: 10}\n";
  for (int level = 1; level <= 8; ++level) {
    const std::string below = "*a" + std::to_string(level - 1);
    bomb += "  a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", " : "") + below;
    bomb += "]\n";
  }
  write(dir, "base.yaml", kBase);
  const auto aliases = write(dir, "aliases.yaml", bomb);
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(aliases.string()),
                    Catch::Contains("aliases.yaml: the file stands for more than 2000000 values"));
  // A chain of 18 variants is too long to follow, and no cycle: it was "(a cycle?)".
  write(dir, "level0.yaml", kBase);
  for (int level = 1; level <= 18; ++level) {
    write(dir, "level" + std::to_string(level) + ".yaml", "extends: level" + std::to_string(level - 1) + ".yaml\n");
  }
  const std::string deep =
      test_support::message_of([&] { wfsim::scenario::load_scenario_file((dir / "level18.yaml").string()); });
  CHECK(deep.find("the chain of 'extends' goes deeper than the 15 levels wfsim follows") != std::string::npos);
  // Exactly 15 are followed: level 15 loads, level 16 does not.
  CHECK_NOTHROW(wfsim::scenario::load_scenario_file((dir / "level15.yaml").string()));
  CHECK_THROWS(wfsim::scenario::load_scenario_file((dir / "level16.yaml").string()));
  CHECK(deep.find("(a cycle?)") == std::string::npos);
  // --set extends=... was accepted and changed nothing (the base is merged first).
  CHECK_THROWS_WITH(
      wfsim::scenario::load_scenario_file((dir / "base.yaml").string(), {"extends=other.yaml"}),
      Catch::Contains("--set extends=other.yaml") && Catch::Contains("'extends' cannot be set from the command line"));
}

TEST_CASE("lists named by role merge by role, though their elements have no name", "[extends]") {
  // yaml-cpp throws if a missing key is asked its type; the merge once did that when it
  // looked for 'name' in agency_supply elements, and the load crashed.
  const fs::path dir = scratch("by-role");
  write(dir, "base.yaml", std::string(kBase) + R"(agency_supply:
  - {role: social_worker, available_at_start: 5, joining_per_year: 10}
)");
  const auto child = write(dir, "child.yaml", R"(extends: base.yaml
agency_supply:
  - {role: social_worker, joining_per_year: 40}
)");
  const auto s = wfsim::scenario::load_scenario_file(child.string());
  REQUIRE(s.parameters.agency_supply.size() == 1);
  CHECK(s.parameters.agency_supply[0].joining_per_year == 40);
  CHECK(s.parameters.agency_supply[0].available_at_start == 5);
}

TEST_CASE("a key written twice in a variant is refused, as in a scenario read alone", "[extends]") {
  // The merge kept one of the two values without a word: the last, but the first
  // 'extends' (the second base was never read).
  const fs::path dir = scratch("twice");
  write(dir, "base.yaml", kBase);
  const auto nested = write(dir, "nested.yaml", R"(extends: base.yaml
authorities:
  - name: A
    roles:
      - name: social_worker
        leaving:
          turnover_per_year: 0.10
          turnover_per_year: 0.30
)");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(nested.string()),
                    Catch::Contains("nested.yaml:8:11") &&
                        Catch::Contains("key 'turnover_per_year' appears twice in the same mapping"));
  const auto two_bases = write(dir, "two-bases.yaml", "extends: base.yaml\nextends: nowhere.yaml\nname: v\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(two_bases.string()),
                    Catch::Contains("two-bases.yaml:2:1") && Catch::Contains("key 'extends' appears twice"));
  // In the base, and with the variant giving the key too: reported in the base.
  write(dir, "twice-base.yaml", std::string(kBase) + "duration: 2 years\n");
  const auto over = write(dir, "over.yaml", "extends: twice-base.yaml\nduration: 3 years\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(over.string()),
                    Catch::Contains("twice-base.yaml:10:1") && Catch::Contains("key 'duration' appears twice"));
  const auto top = write(dir, "top.yaml", "extends: base.yaml\nname: s\nname: t\n");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(top.string()), Catch::Contains("key 'name' appears twice"));
}

TEST_CASE("a misspelt key in a variant is reported at its line in the variant", "[extends]") {
  // The merge rebuilds the keys it adds, which then had no place in any file: the error
  // named the variant but no line.
  const fs::path dir = scratch("misspelt");
  write(dir, "base.yaml", kBase);
  const auto variant = write(dir, "variant.yaml", R"(extends: base.yaml
authorities:
  - name: A
    roles:
      - name: social_worker
        leaving: {turnover_per_yer: 0.3}
)");
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file(variant.string()),
                    Catch::Contains("variant.yaml:6:37") &&
                        Catch::Contains("unknown key 'turnover_per_yer' (did you mean 'turnover_per_year'?)"));
}

TEST_CASE("a base above the scenario's folder is read from a folder that holds both, and the refusal says which",
          "[extends]") {
  // scenarios/validation/ extends ../south-east-moc-2016.yaml: refused when run from its
  // own folder, with the advice to copy the base there, which did not help.
  const fs::path dir = fs::weakly_canonical(scratch("above"));
  write(dir, "base.yaml", kBase);
  const auto variant = write(dir / "sub", "variant.yaml", "extends: ../base.yaml\nname: variant\n");
  const test_support::WorkingFolder restore(dir / "sub");
  const std::string said = test_support::message_of([&] { wfsim::scenario::load_scenario_file(variant.string()); });
  CHECK(said.find("variant.yaml:1:10") != std::string::npos);
  CHECK(said.find("is outside the folders a scenario may extend from") != std::string::npos);
  // The folder that holds both is the deepest that does: the advice is it or one above.
  CHECK(said.find("Run wfsim from '" + dir.string() + "' (or a folder above it)") != std::string::npos);
  // Quoted as the file writes it (the path from here was quoted alone, not in the file).
  CHECK(said.find("extends: '../base.yaml' ('" + (dir / "base.yaml").string() + "' from here)") != std::string::npos);
  fs::current_path(dir);
  CHECK(wfsim::scenario::load_scenario_file(variant.string()).name == "variant");
  fs::current_path(dir.parent_path());  // a folder above it
  CHECK(wfsim::scenario::load_scenario_file(variant.string()).name == "variant");
  // A base that is a loop of symbolic links cannot be read: it was said to be outside
  // the folders, and to run from '' (a robustness test).
  fs::create_symlink("loop.yaml", dir / "loop.yaml");
  const auto looped = write(dir, "looped.yaml", "extends: loop.yaml\nname: looped\n");
  const std::string loop = test_support::message_of([&] { wfsim::scenario::load_scenario_file(looped.string()); });
  CHECK(loop.find("extends: cannot read 'loop.yaml': Too many levels of symbolic links") != std::string::npos);
}

TEST_CASE("validate's notes name the file or --set that wrote the value", "[extends]") {
  // A turnover of 25 written in the base was noted as the variant's ("note: child.yaml:
  // authorities[0].roles[0].leaving.turnover_per_year is 25"), where the value is not.
  const fs::path dir = scratch("notes-source");
  std::string text = kBase;
  const std::string usual = "turnover_per_year: 0.2, notice: 1 month";
  text.replace(text.find(usual), usual.size(), "turnover_per_year: 25");
  const auto base = write(dir, "base.yaml", text);
  const auto child = write(dir, "child.yaml", "extends: base.yaml\nname: child\n");
  const std::string turnover = "authorities[0].roles[0].leaving.turnover_per_year is 25";
  std::string out, err;
  REQUIRE(test_support::run_cli({"validate", child.string()}, out, err) == 0);
  CHECK_THAT(err, Catch::Matchers::Contains("note: " + base.lexically_normal().string() + ": " + turnover));
  // Written by the variant, it is the variant's.
  const auto own = write(dir, "own.yaml",
                         "extends: base.yaml\nname: own\nauthorities:\n  - name: A\n    roles:\n"
                         "      - {name: social_worker, leaving: {turnover_per_year: 30}}\n");
  REQUIRE(test_support::run_cli({"validate", own.string()}, out, err) == 0);
  CHECK_THAT(err, Catch::Matchers::Contains("note: " + own.string() + ": authorities[0].roles[0].leaving.turnover_"));
  // By --set, the --set's.
  const std::string set = "authorities[0].roles[0].leaving.turnover_per_year=40";
  REQUIRE(test_support::run_cli({"validate", child.string(), "--set", set}, out, err) == 0);
  CHECK_THAT(err, Catch::Matchers::Contains("note: --set " + set + ": authorities[0].roles[0].leaving.turnover_"));
  // A value the variant set inside a role the base wrote is the variant's too.
  const auto pay = write(dir, "pay.yaml",
                         "extends: base.yaml\nname: pay\nauthorities:\n  - name: A\n    roles:\n"
                         "      - {name: social_worker, leaving: {turnover_per_year: 0.2}, pay: {on_costs: 30}}\n");
  REQUIRE(test_support::run_cli({"validate", pay.string()}, out, err) == 0);
  CHECK_THAT(err, Catch::Matchers::Contains("note: " + pay.string() + ": authorities[0].roles[0].pay.on_costs is 30"));
}

TEST_CASE("a note caused by a change to the value it is weighed with names that change", "[extends]") {
  // A share of vacancies covered where the variant turned cover off, or a rule outside
  // a run the variant shortened, was blamed on the base alone, which has neither.
  const fs::path dir = scratch("notes-context");
  const auto base = write(dir, "base.yaml", R"(name: base
start: 2015-10-01
duration: 2 years
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 20
        leaving: {turnover_per_year: 0.2}
        agency: {cover_vacancies: true, vacancy_cover_share: 0.5}
        pay: {on_costs: 30}
rules:
  - {name: late, kind: experience, min_experience: 2 years, members: all, from: 2017-01-01}
)");
  const auto child = write(dir, "child.yaml",
                           "extends: base.yaml\nname: child\nduration: 1 year\nauthorities:\n  - name: A\n    roles:\n"
                           "      - {name: social_worker, agency: {cover_vacancies: false}}\n");
  const std::string from = base.lexically_normal().string() + " (as changed by " + child.string() + "): ";
  std::string out, err;
  REQUIRE(test_support::run_cli({"validate", child.string()}, out, err) == 0);
  CHECK_THAT(err, Catch::Matchers::Contains("note: " + from + "authorities[0].roles[0].agency.vacancy_cover_share") &&
                      Catch::Matchers::Contains("note: " + from + "rules[0] 'late' is in force"));
  // A compare prints a note its variants share once: it named each file before.
  const auto other = write(dir, "other.yaml", "extends: base.yaml\nname: other\nduration: 1 year\n");
  const auto once = [](const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos && text.find(part) == text.rfind(part);
  };
  std::string compare_err;
  const auto fourth = write(dir, "fourth.yaml", "extends: base.yaml\nname: fourth\nduration: 1 year\n");
  REQUIRE(test_support::run_cli(
              {"compare", other.string(), fourth.string(), "-o", (dir / "c.h5").string(), "-n", "2", "-q", "--force"},
              out, compare_err) == 0);
  CHECK(
      once(compare_err, "note: " + base.lexically_normal().string() + ": authorities[0].roles[0].pay.on_costs is 30"));
  // Each variant's own change is its own line.
  CHECK(once(compare_err, "(as changed by " + other.string() + "): rules[0] 'late' is in force"));
  CHECK(once(compare_err, "(as changed by " + fourth.string() + "): rules[0] 'late' is in force"));
}

TEST_CASE("who wrote a key path: the last source over it, and the later ones inside it", "[extends]") {
  using wfsim::scenario::ValueSources;
  const ValueSources sources{"base.yaml",
                             {{"authorities[0].roles[0]", "v.yaml"},
                              {"authorities[0].roles[0].pay.salary_per_year", "--set x=1"},
                              {"authorities[1]", "w.yaml"}}};
  CHECK(written_in(sources, "rules[0]") == "base.yaml");
  CHECK(written_in(sources, "authorities[0].roles[0].leaving") == "v.yaml");
  CHECK(written_in(sources, "authorities[0].roles[0].pay") == "v.yaml (as changed by --set x=1)");
  CHECK(written_in(sources, "authorities[0]") == "base.yaml (as changed by v.yaml, --set x=1)");
  CHECK(written_in(sources, "authorities[10]") == "base.yaml");
  CHECK(wfsim::scenario::leading_key_path("authorities[0].roles[0].pay: its rate") == "authorities[0].roles[0].pay");
  CHECK(wfsim::scenario::leading_key_path("rules[2] 'x' is in force") == "rules[2]");
  CHECK(wfsim::scenario::leading_key_path("") == "");
  // And the sources of the values it is read with, but not one a later source replaced.
  CHECK(written_in(sources, "rules[0]", {"duration"}) == "base.yaml");
  const ValueSources dated{"base.yaml", {{"duration", "v.yaml"}, {"rules", "w.yaml"}, {"duration", "--set d=1"}}};
  CHECK(written_in(dated, "rules[0]", {"duration"}) == "w.yaml (as changed by --set d=1)");
}

TEST_CASE("an element a variant appends under a name near its base's is noted: both act", "[extends]") {
  // A variant's 'SE MoC cooling off' ran beside the base's 'SE MoC cooling-off', which
  // it was meant to change, and validate and run said nothing (a walkthrough).
  const fs::path dir = scratch("appended-near");
  write(dir, "base.yaml", std::string(kBase) + R"(rules:
  - {name: MoC cooling-off, kind: cooling_off, scope: other_members, length: 6 months, members: all})");
  const auto near = write(dir, "near.yaml",
                          "extends: base.yaml\nname: near\nrules:\n  - {name: MoC cooling off, kind: cooling_off, "
                          "scope: other_members, length: 3 months, members: all}\n");
  std::string out, err;
  REQUIRE(test_support::run_cli({"validate", near.string()}, out, err) == 0);
  CHECK_THAT(err, Catch::Matchers::Contains("note: " + near.string() +
                                            ": rules[1] is new: its name 'MoC cooling off' matches none of the base's "
                                            "rules; did you mean 'MoC cooling-off'? It acts beside the base's"));
  // A new rule of another name is simply new.
  const auto other = write(dir, "other.yaml",
                           "extends: base.yaml\nname: other\nrules:\n  - {name: Price cap, kind: rate_cap, "
                           "caps_per_hour: {social_worker: 40}, members: all}\n");
  REQUIRE(test_support::run_cli({"validate", other.string()}, out, err) == 0);
  CHECK_THAT(err, !Catch::Matchers::Contains("acts beside"));
  // Nor is one whose name differs only in its number, a sibling named on purpose: 'MoC
  // cooling-off 2' was asked "did you mean 'MoC cooling-off'?".
  const auto sibling =
      write(dir, "sibling.yaml",
            "extends: base.yaml\nname: sibling\nrules:\n  - {name: MoC cooling-off 2, kind: cooling_off, "
            "scope: other_members, length: 3 months, members: all}\n");
  REQUIRE(test_support::run_cli({"validate", sibling.string()}, out, err) == 0);
  CHECK_THAT(err, !Catch::Matchers::Contains("acts beside") && !Catch::Matchers::Contains("did you mean"));
  CHECK(wfsim::scenario::numbered_siblings("NQSW 2024", "nqsw-2025"));
  CHECK(wfsim::scenario::numbered_siblings("Cohort 2 North", "Cohort North"));
  CHECK_FALSE(wfsim::scenario::numbered_siblings("MoC cooling off", "MoC cooling-off"));
  CHECK_FALSE(wfsim::scenario::numbered_siblings("NQSW 2024", "NQSW 2024"));
  CHECK_FALSE(wfsim::scenario::numbered_siblings("NQSW-programme 2016", "NQSW programme 2016"));
  CHECK_FALSE(wfsim::scenario::numbered_siblings("NQSW programme2016", "NQSW programme 2016"));
}

TEST_CASE("'extends: ~' is absent, as any key given nothing is", "[extends]") {
  const auto alone = wfsim::scenario::load_scenario_text(std::string("extends: ~\n") + kBase, "null-extends.yaml");
  CHECK(alone.extends.empty());
  CHECK(alone.parameters.authorities.size() == 1);
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_text(std::string("extends: ''\n") + kBase, "empty-extends.yaml"),
                    Catch::Contains("extends: expected the path of the scenario this one extends"));
}
