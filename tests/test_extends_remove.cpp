// A variant taking elements out of its base's named lists ('remove: true'), and the
// messages that name such a removal.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "extends_fixtures.hpp"
#include "scenario/scenario_error.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using extends_fixtures::kBase;
using extends_fixtures::kTwoRegions;
using extends_fixtures::scratch;
using extends_fixtures::write;

namespace {
// The message of the error loading `file` (with `sets`), or "" if it loads.
std::string error_of(const fs::path& file, const std::vector<std::string>& sets = {}) {
  try {
    wfsim::scenario::load_scenario_file(file.string(), sets);
  } catch (const wfsim::scenario::ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

namespace {
// The national rules' scenario with one rule's lines cut from its text, ending where
// the next rule's begin.
std::string without_rule(std::string text, const std::string& rule, const std::string& next) {
  const std::size_t from = text.find("  - name: " + rule + "\n");
  const std::size_t to = text.find("  - name: " + next + "\n");
  REQUIRE(from != std::string::npos);
  REQUIRE(to > from);
  return text.erase(from, to - from);
}
}  // namespace

TEST_CASE("an element a variant gives 'remove: true' is taken out of the base's list", "[extends]") {
  // A variant could change or add a rule but not drop one: 'rules: []' and every kept
  // rule written out again was the only way.
  const fs::path dir = scratch("remove");
  fs::create_directories(dir);
  fs::copy_file(test_support::scenario_path("national-rules-2024.yaml"), dir / "nr.yaml",
                fs::copy_options::overwrite_existing);
  std::ifstream in(dir / "nr.yaml");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  write(dir, "nr-cut.yaml", without_rule(text, "SE MoC cooling-off 2022", "national cooling-off"));
  const auto variant = write(dir, "nr-remove.yaml", R"(extends: nr.yaml
rules:
  - name: SE MoC cooling-off 2022
    remove: true
)");
  const std::vector<std::string> two_years = {"duration=2 years"};
  const auto removed = wfsim::scenario::load_scenario_file(variant.string(), two_years);
  const auto cut = wfsim::scenario::load_scenario_file((dir / "nr-cut.yaml").string(), two_years);
  const auto base = wfsim::scenario::load_scenario_file((dir / "nr.yaml").string(), two_years);
  REQUIRE(removed.parameters.rules.size() == base.parameters.rules.size() - 1);
  for (std::size_t i = 0; i < removed.parameters.rules.size(); ++i) {
    CHECK(removed.parameters.rules[i].name == cut.parameters.rules[i].name);
  }
  const auto a = test_support::run_in_memory(removed, 2, 5, 1);
  const auto b = test_support::run_in_memory(cut, 2, 5, 1);
  const auto c = test_support::run_in_memory(base, 2, 5, 1);
  for (std::size_t r = 0; r < 2; ++r) CHECK(test_support::bit_identical(a.replications[r], b.replications[r]));
  CHECK_FALSE(test_support::bit_identical(a.replications[0], c.replications[0]));

  // The elements after it move up, and a value the variant sets in one is still its own.
  const auto changed = write(dir, "nr-remove-change.yaml", R"(extends: nr.yaml
rules:
  - name: SE MoC cooling-off 2022
    remove: true
  - name: national price cap
    caps_per_hour: {social_worker: -5}
)");
  try {
    wfsim::scenario::load_scenario_file(changed.string());
    FAIL("a negative cap was accepted");
  } catch (const wfsim::scenario::ScenarioError& e) {
    INFO(e.what());
    CHECK(e.where().file == changed.string());
    CHECK(e.where().line == 6);
    CHECK(e.key_path() == "rules[2].caps_per_hour.social_worker");
  }
}

TEST_CASE("'remove' is refused where it would not say plainly which element goes", "[extends]") {
  const fs::path dir = scratch("remove-refused");
  write(dir, "base.yaml", kTwoRegions);
  const struct {
    std::string list, expected;
  } cases[] = {
      {"  - {name: A, remove: \"true\"}", "child.yaml:3:23: authorities[0].remove: give 'remove: true'"},
      {"  - {name: A, remove: false}", "child.yaml:3:23: authorities[0].remove: give 'remove: true'"},
      {"  - {name: A, remove: true, roles: []}",
       "child.yaml:3:29: authorities[0].roles: an element given 'remove: true' is taken out whole; say only its "
       "name (and region) there, not 'roles'"},
      {"  - {name: Ab, remove: true}",
       "child.yaml:3:5: authorities[0]: its name 'Ab' matches none of the base's authorities, so 'remove: true' "
       "has nothing to take out"},
      {"  - {name: A, remove: true}\n  - {name: A, remove: true}", "its name 'A' appears twice in this list"},
  };
  for (const auto& c : cases) {
    const auto child = write(dir, "child.yaml", "extends: base.yaml\nauthorities:\n" + c.list + "\n");
    try {
      wfsim::scenario::load_scenario_file(child.string());
      FAIL("accepted: " + c.list);
    } catch (const wfsim::scenario::ScenarioError& e) {
      CHECK_THAT(e.what(), Catch::Matchers::Contains(c.expected));
    }
  }
  // Taking B out leaves the South without a council: the refusal names the removal.
  const auto child = write(dir, "child.yaml", "extends: base.yaml\nauthorities:\n  - {name: B, remove: true}\n");
  try {
    wfsim::scenario::load_scenario_file(child.string());
    FAIL("a region without a council was accepted");
  } catch (const wfsim::scenario::ScenarioError& e) {
    CHECK_THAT(e.what(),
               Catch::Matchers::Contains("(as changed by " + child.string() + ":3:5: took 'B' out of authorities)"));
  }
  // Taking out a list's only element: the refusal of the empty list names the removal,
  // not the variant's first change (it named 'name', a change that empties nothing).
  write(dir, "one.yaml", kBase);
  const struct {
    std::string variant, expected;
  } emptied[] = {
      {"extends: one.yaml\nname: none\nauthorities:\n  - {name: A, remove: true}\n",
       ":4:5: took 'A' out of authorities): authorities: a scenario needs at least one authority"},
      {"extends: one.yaml\nname: none\nauthorities:\n  - name: A\n    roles:\n      - {name: social_worker, "
       "remove: true}\n",
       ":6:9: took 'social_worker' out of roles): authorities[0].roles: an authority needs at least one role"},
  };
  for (const auto& e : emptied) {
    const auto variant = write(dir, "emptied.yaml", e.variant);
    CHECK_THAT(error_of(variant), Catch::Matchers::Contains("(as changed by " + variant.string() + e.expected));
  }
  // A key still naming what was taken out names the removal, though the variant changed
  // a key nearer to it: it named 'agency_supply[0].joining_per_year' (a review).
  write(dir, "two-roles.yaml", R"(name: two roles
start: 2015-10-01
duration: 1 year
authorities:
  - name: A
    roles:
      - {name: social_worker, permanent_posts: 20, leaving: {turnover_per_year: 0.2}}
      - {name: senior, permanent_posts: 5, leaving: {turnover_per_year: 0.2}}
agency_supply:
  - {role: senior, available_at_start: 2, joining_per_year: 10, leaving_per_year: 1}
)");
  const auto no_senior = write(dir, "no-senior.yaml", R"(extends: two-roles.yaml
authorities:
  - name: A
    roles:
      - {name: senior, remove: true}
agency_supply:
  - {role: senior, joining_per_year: 20}
)");
  CHECK_THAT(error_of(no_senior),
             Catch::Matchers::Contains("(as changed by " + no_senior.string() + ":5:9: took 'senior' out of roles)") &&
                 Catch::Matchers::Contains("agency_supply[0].role: no authority has a role named 'senior'"));
  // A --set nearer the key is not named in its place (a review).
  CHECK_THAT(error_of(no_senior, {"agency_supply[0].joining_per_year=30"}),
             Catch::Matchers::Contains("(as changed by " + no_senior.string() + ":5:9: took 'senior' out of roles)"));
  // Not in a scenario that extends none.
  try {
    wfsim::scenario::load_scenario_text(std::string(kBase) + "    remove: true\n", "alone.yaml");
    FAIL("'remove' in a scenario read alone was accepted");
  } catch (const wfsim::scenario::ScenarioError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains("'remove: true' belongs only in an element of a named list in a "
                                                   "variant"));
  }
}

TEST_CASE("a removal is named beside the errors it may have caused, and only those", "[extends]") {
  // A review of the removal: a rule taken out two files up was named beside a bad
  // in_post, which no rule's removal can cause; an appended element's note kept its
  // index from before the removal; a removal of what an earlier file took out said
  // only "matches none"; and 'remove' in a list the base lacks was an unknown key.
  const fs::path dir = scratch("remove-named");
  fs::create_directories(dir);
  fs::copy_file(test_support::scenario_path("national-rules-2024.yaml"), dir / "nr.yaml",
                fs::copy_options::overwrite_existing);
  write(dir, "c2.yaml", "extends: nr.yaml\nrules:\n  - {name: national experience, remove: true}\n");
  const std::string unrelated =
      error_of(write(dir, "g3.yaml",
                     "extends: c2.yaml\nauthorities:\n  - name: Kent\n    roles:\n      - name: social_worker\n"
                     "        initial: {in_post: 5000}\n"));
  CHECK_THAT(unrelated, Catch::Contains("in_post") && !Catch::Contains("took"));
  CHECK_THAT(error_of(write(dir, "c3.yaml",
                            "extends: c2.yaml\nrules:\n  - {name: national experience, remove: "
                            "true}\n")),
             Catch::Contains("has nothing to take out; " + (dir / "c2.yaml").string() +
                             ":3:5 took 'national experience' out of rules"));
  CHECK_THAT(error_of(write(dir, "c4.yaml",
                            "extends: c2.yaml\nrules:\n  - {name: national experience, length: 3 "
                            "months}\n")),
             Catch::Contains("rules[3] is new") && Catch::Contains("took 'national experience' out of rules"));
  // Bracknell Forest, the first council, out and a council appended: the note names
  // the appended element where it now stands, authorities[18] of 19.
  const std::string appended = error_of(write(
      dir, "t4.yaml",
      "extends: nr.yaml\nauthorities:\n  - {name: Bracknell Forest, remove: true}\n  - {name: New Council, roles: "
      "[{name: social_worker, permanent_posts: 10}]}\n"));
  CHECK_THAT(appended, Catch::Contains("authorities[18].roles[0]") && Catch::Contains("(authorities[18] is new"));
  CHECK_THAT(error_of(write(dir, "q.yaml",
                            "extends: nr.yaml\nauthorities:\n  - name: Kent\n    policies:\n      - {name: x, "
                            "remove: true}\n")),
             Catch::Contains("'remove: true' has nothing to take out: the base gives no 'authorities[6].policies'"));
  // Taking out the only council leaves none: said with the removal.
  write(dir, "one.yaml", kBase);
  CHECK_THAT(error_of(write(dir, "none.yaml", "extends: one.yaml\nauthorities:\n  - {name: A, remove: true}\n")),
             Catch::Contains("a scenario needs at least one authority") && Catch::Contains("took 'A' out"));
}

TEST_CASE("roles alike across councils name the --set that made them so, and neither as the one to copy",
          "[extends][scenario]") {
  const fs::path dir = scratch("roles-alike");
  const auto two = write(dir, "two.yaml", kTwoRegions);
  const std::string e = error_of(two, {"authorities[0].roles[0].name=Social_worker"});
  CHECK_THAT(e, Catch::Contains("authorities[1].roles[0].name: role 'social_worker' differs from 'Social_worker' of "
                                "authority 'A'") &&
                    Catch::Contains("write them alike") &&
                    Catch::Contains("as changed by --set authorities[0].roles[0].name=Social_worker"));
}

TEST_CASE("a removal's refusals point at the element at fault and the list it names", "[extends]") {
  // A second review: the nameless element was not the one blamed, 'remove: false' in a
  // list the base lacks was told 'nothing to take out', an earlier removal from another
  // council's roles was named, and absence kinds taken out were not named beside
  // initial.absent.
  const fs::path dir = scratch("remove-fault");
  write(dir, "base.yaml", kTwoRegions);
  CHECK_THAT(error_of(write(dir, "n.yaml",
                            "extends: base.yaml\nauthorities:\n  - {name: B, remove: true}\n  - {remove: true}\n")),
             Catch::Contains("n.yaml:4:5: authorities[1]: 'remove: true' takes out the base's element of the name"));
  CHECK_THAT(error_of(write(dir, "f.yaml", "extends: base.yaml\nrules:\n  - {name: X, remove: false}\n")),
             Catch::Contains("rules[0].remove: give 'remove: true'"));
  write(dir, "r1.yaml",
        "extends: base.yaml\nauthorities:\n  - name: A\n    roles:\n      - {name: senior, permanent_posts: 2, "
        "leaving: {turnover_per_year: 0.1}}\n");
  write(dir, "r2.yaml",
        "extends: r1.yaml\nauthorities:\n  - name: A\n    roles:\n      - {name: senior, remove: true}\n");
  const std::string other_council = error_of(
      write(dir, "r3.yaml",
            "extends: r2.yaml\nauthorities:\n  - name: B\n    roles:\n      - {name: senior, remove: true}\n"));
  CHECK_THAT(other_council, Catch::Contains("has nothing to take out") && !Catch::Contains("took"));
  const std::string same_council = error_of(
      write(dir, "r4.yaml",
            "extends: r2.yaml\nauthorities:\n  - name: A\n    roles:\n      - {name: senior, remove: true}\n"));
  CHECK_THAT(same_council, Catch::Contains("r2.yaml:5:9 took 'senior' out of roles"));
  // Every absence kind of Buckinghamshire taken out: initial.absent has none to be.
  fs::copy_file(test_support::scenario_path("buckinghamshire-2015.yaml"), dir / "bucks.yaml",
                fs::copy_options::overwrite_existing);
  const std::string absences = error_of(write(
      dir, "la.yaml",
      "extends: bucks.yaml\nauthorities:\n  - name: Buckinghamshire\n    roles:\n      - name: social_worker\n"
      "        long_absences:\n          - {kind: maternity, remove: true}\n          - {kind: long_term_sickness, "
      "remove: true}\n          - {kind: secondment, remove: true}\n"));
  CHECK_THAT(absences, Catch::Contains("initial.absent") && Catch::Contains("took 'maternity' out of long_absences"));
}
