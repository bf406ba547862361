// Values a YAML anchor and its aliases share: a change through one key path is refused
// (it changed every council that shares the value, without a word), and the changes
// anywhere else still apply to their own key alone.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {
// A's leaving and applicants are anchored; B's are their aliases.
const char* kShared = R"(name: shared
start: 2020-01-01
duration: 1 year
authorities:
  - name: A
    roles:
      - name: sw
        permanent_posts: 30
        pay: {salary_per_year: 35000}
        leaving: &lv {turnover_per_year: 0.17, notice: 90 days}
        recruitment: {applicants_per_year: &ap 40}
  - name: B
    roles:
      - name: sw
        permanent_posts: 30
        pay: {salary_per_year: 35000}
        leaving: *lv
        recruitment: {applicants_per_year: *ap}
)";

std::string refusal(const std::vector<std::string>& overrides) {
  try {
    wfsim::scenario::load_scenario_text(kShared, "shared.yaml", overrides);
  } catch (const wfsim::scenario::ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a --set of a value an anchor and its alias share is refused, naming both", "[scenario]") {
  // Inside a shared mapping, from either council.
  CHECK_THAT(
      refusal({"authorities[0].roles[0].leaving.turnover_per_year=0.9"}),
      Contains("authorities[0].roles[0].leaving: one value with authorities[1].roles[0].leaving, through a "
               "YAML anchor (line 10, column 18 of shared.yaml) and its alias: setting it here would change both"));
  CHECK_THAT(refusal({"authorities[1].roles[0].leaving={turnover_per_year: 0.9, notice: 90 days}"}),
             Contains("authorities[1].roles[0].leaving: one value with authorities[0].roles[0].leaving"));
  // A shared scalar.
  CHECK_THAT(refusal({"authorities[0].roles[0].recruitment.applicants_per_year=0"}),
             Contains("applicants_per_year: one value with authorities[1].roles[0].recruitment.applicants_per_year"));
  // The value it already has changes nothing, and is not refused; the same text in
  // quotes is text, not the number, and is.
  CHECK(refusal({"authorities[1].roles[0].leaving.turnover_per_year=0.17"}).empty());
  CHECK_THAT(refusal({"authorities[1].roles[0].recruitment.applicants_per_year=\"40\""}),
             Contains("one value with authorities[0].roles[0].recruitment.applicants_per_year"));
  // An anchor and alias a --set writes are found for the --set after it (found once for
  // all, they were not, and B's change went to A), and named as the --set's.
  CHECK_THAT(refusal({"authorities=[{name: A, roles: [{name: sw, permanent_posts: 30, leaving: &l "
                      "{turnover_per_year: 0.17}}]}, {name: B, roles: [{name: sw, permanent_posts: 30, leaving: *l}]}]",
                      "authorities[1].roles[0].leaving.turnover_per_year=0.5"}),
             Contains("one value with authorities[0].roles[0].leaving, through a YAML anchor (line 1, column 61 of "
                      "--set authorities="));
  // A --set that replaces what held a shared value ends the sharing: the next is allowed,
  // for its own council.
  const auto apart = wfsim::scenario::load_scenario_text(
      kShared, "shared.yaml",
      {"authorities[1].roles[0]={name: sw, permanent_posts: 30, pay: {salary_per_year: 35000}, leaving: "
       "{turnover_per_year: 0.17, notice: 90 days}, recruitment: {applicants_per_year: 40}}",
       "authorities[1].roles[0].leaving.turnover_per_year=0.3"});
  CHECK(apart.parameters.authorities[0].roles[0].turnover_per_year == Approx(0.17));
  CHECK(apart.parameters.authorities[1].roles[0].turnover_per_year == Approx(0.3));
  // What no alias reaches is set, for its own council alone; the shared values are
  // read for both, as written.
  CHECK(refusal({"authorities[0].roles[0].pay.salary_per_year=36000"}).empty());
  const auto s = wfsim::scenario::load_scenario_text(kShared, "shared.yaml",
                                                     {"authorities[0].roles[0].pay.salary_per_year=36000"});
  CHECK(s.parameters.authorities[0].roles[0].pay.salary_per_year == 36000);
  CHECK(s.parameters.authorities[1].roles[0].pay.salary_per_year == 35000);
  CHECK(s.parameters.authorities[0].roles[0].turnover_per_year == Approx(0.17));
  CHECK(s.parameters.authorities[1].roles[0].turnover_per_year == Approx(0.17));
  CHECK(s.parameters.authorities[1].roles[0].recruitment.applicants_per_year == 40);
}

TEST_CASE("a variant's value for a base's value an anchor shares is refused at the variant's line", "[extends]") {
  const test_support::ScratchFolder scratch("wfsim-shared");
  const std::filesystem::path& dir = scratch.path;
  std::ofstream(dir / "shared.yaml") << kShared;
  std::ofstream(dir / "v.yaml") << "extends: shared.yaml\nname: v\nauthorities:\n  - name: A\n    roles:\n"
                                   "      - name: sw\n        leaving: {turnover_per_year: 0.5}\n";
  std::ofstream(dir / "pay.yaml") << "extends: shared.yaml\nname: pay\nauthorities:\n  - name: B\n    roles:\n"
                                     "      - name: sw\n        pay: {salary_per_year: 36000}\n";
  std::string why;
  try {
    wfsim::scenario::load_scenario_file((dir / "v.yaml").string());
  } catch (const wfsim::scenario::ScenarioError& e) {
    why = e.what();
  }
  // The anchor is the base's, and its file is named (the line alone pointed into v.yaml).
  CHECK_THAT(why, Contains("v.yaml:7:18: authorities[0].roles[0].leaving: one value with "
                           "authorities[1].roles[0].leaving, through a YAML anchor (line 10, column 18 of "));
  CHECK_THAT(why, Contains("shared.yaml) and its alias: the value "));
  // A council's role found by a name its base writes through an alias changes nothing
  // there, and its other keys merge (the name's merge was refused).
  const std::string named =
      std::string(kShared).replace(std::string(kShared).find("      - name: sw\n"), 16, "      - name: &sw sw\n");
  std::string aliased = named;
  aliased.replace(aliased.rfind("      - name: sw\n"), 16, "      - name: *sw\n");
  std::ofstream(dir / "named.yaml") << aliased;
  std::ofstream(dir / "posts.yaml") << "extends: named.yaml\nname: posts\nauthorities:\n  - name: B\n    roles:\n"
                                       "      - name: sw\n        permanent_posts: 40\n";
  const auto posts = wfsim::scenario::load_scenario_file((dir / "posts.yaml").string());
  CHECK(posts.parameters.authorities[0].roles[0].permanent_posts == 30);
  CHECK(posts.parameters.authorities[1].roles[0].permanent_posts == 40);
  // A value of its own is merged for that council alone.
  const auto pay = wfsim::scenario::load_scenario_file((dir / "pay.yaml").string());
  CHECK(pay.parameters.authorities[0].roles[0].pay.salary_per_year == 35000);
  CHECK(pay.parameters.authorities[1].roles[0].pay.salary_per_year == 36000);
}

TEST_CASE("calibrate refuses to fit a value an anchor shares, before any simulation", "[calibrate]") {
  const test_support::ScratchFolder scratch("wfsim-shared-fit");
  const std::filesystem::path& dir = scratch.path;
  std::ofstream(dir / "shared.yaml") << kShared;
  std::string out, err;
  const int code =
      test_support::run_cli({"calibrate", (dir / "shared.yaml").string(), "-o", (dir / "fitted.yaml").string(),
                             "--target", "vacancy_rate=0.1", "--authority", "B", "--free",
                             "authorities[1].roles[0].leaving.turnover_per_year", "-n", "4"},
                            out, err);
  CHECK(code == 2);
  // The scenario's own words, not a range to change; and no fitted file (the fit wrote
  // the anchor's line, changing A's turnover with B's).
  CHECK_THAT(err, Contains("--free authorities[1].roles[0].leaving.turnover_per_year: one value with "
                           "authorities[0].roles[0].leaving.turnover_per_year, through a YAML anchor"));
  CHECK_THAT(err, !Contains("search range"));
  CHECK_FALSE(fs::exists(dir / "fitted.yaml"));
  // An anchored scalar, named either way: it was told to "write its value unquoted".
  for (const std::string key : {"authorities[0].roles[0].recruitment.applicants_per_year",
                                "authorities.1.roles.0.recruitment.applicants_per_year"}) {
    err.clear();
    CHECK(test_support::run_cli({"calibrate", (dir / "shared.yaml").string(), "-o", (dir / "fitted.yaml").string(),
                                 "--target", "vacancy_rate=0.1", "--free", key, "-n", "4"},
                                out, err) == 2);
    CHECK_THAT(err, Contains("recruitment.applicants_per_year: one value with authorities["));
    CHECK_THAT(err, !Contains("unquoted"));
  }
}
