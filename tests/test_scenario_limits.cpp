// Scenarios that validate must run: limits the engine has are checked when the
// scenario is read, with the file, line and key, not met in the run as an internal
// error or the machine's memory running out (found by a hardening review).
#include <catch2/catch.hpp>
#include <string>

#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"

namespace {

using Catch::Matchers::Contains;

const std::string kTwoCouncils = R"(name: limits
start: 2016-01-01
duration: 1 year
authorities:
  - name: A
    roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]
  - name: B
    roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]
)";

std::string error_of(const std::string& text) {
  try {
    wfsim::scenario::load_scenario_text(text, "limits.yaml");
  } catch (const wfsim::scenario::ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("at most 32 agency rules, refused at the 33rd", "[scenario]") {
  auto with_rules = [](int n) {
    std::string text = kTwoCouncils + "rules:\n";
    for (int i = 0; i < n; ++i) {
      text += "  - {name: r" + std::to_string(i) +
              ", kind: cooling_off, scope: same_authority, length: 6 months, members: all}\n";
    }
    return text;
  };
  CHECK(error_of(with_rules(32)).empty());
  // Accepted here, it stopped the run with "internal error" (a mask of 32 bits).
  CHECK_THAT(error_of(with_rules(33)),
             Contains("limits.yaml:42:5") && Contains("rules[32]: at most 32 agency rules in one scenario"));
}

TEST_CASE("no council of several takes the name of their total row", "[scenario]") {
  // A council named "Region" gave two rows "Region" in the results; info --authority
  // and the exports took one for the other.
  const std::string region = kTwoCouncils;
  std::string named = region;
  named.replace(named.find("- name: A"), 9, "- name: region");
  CHECK_THAT(error_of(named), Contains("limits.yaml:5:11") && Contains("authorities[0].name: 'region' names the "
                                                                       "councils' total in the results"));
  named = region;
  named.replace(named.find("- name: B"), 9, "- name: All councils");
  CHECK_THAT(error_of(named), Contains("authorities[1].name: 'All councils' names the councils' total"));
  // One council has no total row: its name is its own.
  CHECK(error_of("name: one\nstart: 2016-01-01\nduration: 1 year\nauthorities:\n  - name: Region\n    roles: [{name: "
                 "social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]\n")
            .empty());
}

TEST_CASE("a region too many councils for the table of moves is refused before it runs", "[scenario]") {
  // Moves are counted between every pair of (2 per council + 3) categories each month:
  // 5,000 councils validated and then took 24 GB before the system killed the run.
  auto councils = [](int n, const std::string& duration) {
    std::string text = "name: many\nstart: 2016-01-01\nduration: " + duration + "\nauthorities:\n";
    for (int i = 0; i < n; ++i) {
      text += "  - {name: A" + std::to_string(i) +
              ", roles: [{name: social_worker, permanent_posts: 2, leaving: {turnover_per_year: 0.1}}]}\n";
    }
    return text;
  };
  CHECK_THAT(error_of(councils(500, "10 years")),
             Contains("limits.yaml:5:3: authorities: 500 authorities in one region over 120 months") &&
                 Contains("120.7 million cells, past the 67.1 million"));
  CHECK(error_of(councils(500, "1 year")).empty());  // 12 months: 12.1 million
}

TEST_CASE("a name holds no control character", "[scenario]") {
  // "X\0a" and "X\0b" were both stored as "X": two councils' rows alike.
  std::string text = kTwoCouncils;
  text.replace(text.find("- name: A"), 9, std::string("- name: \"X\\0a\""));
  CHECK_THAT(error_of(text), Contains("limits.yaml:5:11: authorities[0].name: must not hold a control character "
                                      "(byte 2 is code 0, a NUL)"));
  text = kTwoCouncils;
  text.replace(text.find("name: limits"), 12, "name: \"tab\\there\"");
  CHECK_THAT(error_of(text), Contains("name: must not hold a control character (byte 4 is code 9, a tab)"));
  // Each said as what it is: an escape was called "a NUL, a tab or a line end".
  text = kTwoCouncils;
  text.replace(text.find("name: limits"), 12, "name: \"esc\\e\"");
  CHECK_THAT(error_of(text), Contains("name: must not hold a control character (byte 4 is code 27, an escape)"));
  // A description may run over lines.
  CHECK(error_of(kTwoCouncils + "description: \"two\\nlines\"\n").empty());
}

TEST_CASE("posts past the workers a run can hold are refused before it runs", "[scenario]") {
  // 21 councils of 100,000 posts, filled at the start, validated; the run built 2.1
  // million workers for 6 s and 650 MB, then stopped naming no file or key. Temporary
  // posts, booked with agency at the start, count as permanent ones do.
  auto councils = [](int n, const std::string& posts, const std::string& supply) {
    std::string text = "name: many\nstart: 2016-01-01\nduration: 1 year\nauthorities:\n";
    for (int i = 0; i < n; ++i) {
      text += "  - {name: C" + std::to_string(i) + ", roles: [{name: social_worker, " + posts +
              ", leaving: {turnover_per_year: 0.1}}]}\n";
    }
    return text + supply;
  };
  const std::string full = "permanent_posts: 100000";
  CHECK_THAT(error_of(councils(21, full, "")),
             Contains("limits.yaml:5:3: authorities: the scenario has 2100000 posts and idle agency workers at the "
                      "start, more than the 2000000 workers a run can hold at once"));
  CHECK(error_of(councils(20, full, "")).empty());
  CHECK_THAT(error_of(councils(11, "permanent_posts: 100000, temporary_posts: 100000", "")),
             Contains("the scenario has 2200000 posts"));
  // Idle agency workers count too.
  CHECK_THAT(error_of(councils(20, full,
                               "agency_supply: [{role: social_worker, available_at_start: 1, joining_per_year: 0, "
                               "leaving_per_year: 0}]\n")),
             Contains("the scenario has 2000001 posts"));
}

TEST_CASE("a role of no posts is refused, and a council of no permanent posts", "[scenario]") {
  // It ran, and the charts and reports of its file refused it: no share had a value.
  std::string text = kTwoCouncils;
  text.replace(text.find("permanent_posts: 10"), 19, "permanent_posts: 0");
  CHECK_THAT(error_of(text), Contains("limits.yaml:6:52: authorities[0].roles[0].permanent_posts: a role needs at "
                                      "least one post, and permanent_posts and temporary_posts are both 0 here"));
  // Nor a council of temporary posts alone: its vacancy rate, over its permanent posts,
  // had no value, and its report refused the file (a review).
  text = kTwoCouncils;
  text.replace(text.find("permanent_posts: 10"), 19, "permanent_posts: 0, temporary_posts: 2");
  CHECK_THAT(error_of(text), Contains("authorities[0].roles: an authority needs at least one permanent post (its "
                                      "vacancy rate is over them), and 'A' has temporary posts alone"));
  // A role of temporary posts beside one of permanent posts is taken.
  text = kTwoCouncils;
  const std::string first_role = "roles: [{name: social_worker, permanent_posts: 10";
  text.replace(text.find(first_role), first_role.size(),
               "roles: [{name: agency_team, permanent_posts: 0, temporary_posts: 2, leaving: {turnover_per_year: "
               "0.1}}, {name: social_worker, permanent_posts: 10");
  CHECK(error_of(text) == "");
}

TEST_CASE("idle agency workers at the start past what the pool may hold are refused", "[scenario]") {
  // The run stopped at once as one whose rates made workers without bound, naming no key.
  auto supply = [](const std::string& available) {
    return kTwoCouncils + "agency_supply: [{role: social_worker, available_at_start: " + available +
           ", joining_per_year: 0, leaving_per_year: 0}]\n";
  };
  CHECK(error_of(supply("10100")).empty());  // 10,000 and 5 for each of the 20 posts
  CHECK_THAT(error_of(supply("10101")),
             Contains("limits.yaml:9:59: agency_supply[0].available_at_start: at most 10100 idle agency workers at "
                      "the start in a market of 20 posts"));
}

TEST_CASE("a name holds at most 200 characters", "[scenario]") {
  // A scenario named in 3,000 characters ran, and every chart of it ended in
  // matplotlib's "raster overflow". Counted in characters: 200 of 'é' (400 bytes) pass.
  auto named = [](const std::string& name) {
    std::string text = kTwoCouncils;
    return text.replace(text.find("- name: A"), 9, "- name: \"" + name + "\"");
  };
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "\xC3\xA9";
  CHECK(error_of(named(accented)).empty());
  CHECK(error_of(named(std::string(200, 'x'))).empty());
  CHECK_THAT(error_of(named(std::string(201, 'x'))),
             Contains("limits.yaml:5:11: authorities[0].name: must hold at most 200 characters: 'xxxx"));
  CHECK_THAT(error_of(named(accented + "x")), Contains("(201 characters) is too long for a name"));
  // A description is no name.
  CHECK(error_of(kTwoCouncils + "description: " + std::string(3000, 'x') + "\n").empty());
}

TEST_CASE("a run may not reach past the last year a date may name", "[scenario]") {
  // An end date after 2200 was refused; a duration that ran there from 2100 was not.
  std::string text = kTwoCouncils;
  text.replace(text.find("start: 2016-01-01"), 17, "start: 2100-01-01");
  text.replace(text.find("duration: 1 year"), 16, "duration: 150 years");
  CHECK_THAT(error_of(text), Contains("limits.yaml:3:11: duration: the run would end on 2249-12-31, after 2200"));
  text.replace(text.find("duration: 150 years"), 19, "duration: 100 years");  // to 2199-12-31
  CHECK(error_of(text).empty());
}

TEST_CASE("leaving shares that miss 1 by a hair say by how much", "[scenario]") {
  // Off by 1.1e-9, they were said to "add up to 1.000000".
  std::string text = kTwoCouncils;
  text.replace(text.find("leaving: {turnover_per_year: 0.1}"), 33,
               "leaving: {turnover_per_year: 0.1, destinations: {outside: 0.5, other_council: 0.35, agency: "
               "0.1500000011}}");
  CHECK_THAT(error_of(text), Contains("must add up to 1, but add up to 1.0000000011"));
}

TEST_CASE("names that a table shows alike are refused", "[scenario]") {
  // "Bracknell Forest " ran, and info listed two "Bracknell Forest" rows; so did a
  // non-breaking space where another council's name has a plain one.
  auto named = [](const std::string& a, const std::string& b) {
    std::string text = kTwoCouncils;
    text.replace(text.find("- name: A"), 9, "- name: \"" + a + "\"");
    text.replace(text.find("- name: B"), 9, "- name: \"" + b + "\"");
    return error_of(text);
  };
  CHECK_THAT(named("Bracknell Forest", "Bracknell Forest "),
             Contains("limits.yaml:7:11: authorities[1].name: must not start or end with a space, as "
                      "'Bracknell Forest ' does"));
  CHECK_THAT(named("\u00a0Kent", "Surrey"), Contains("authorities[0].name: must not start or end with a space"));
  CHECK_THAT(named("Bracknell Forest", "Bracknell\u00a0Forest"),
             Contains("authority 'Bracknell\u00a0Forest' differs from 'Bracknell Forest' only in case, spacing or "
                      "characters that show nothing"));
  CHECK_THAT(named("Bracknell Forest", "bracknell \t forest"), Contains("must not hold a control character"));
  // A tab at an end is named as a tab, not called a space.
  CHECK_THAT(named("Kent\t", "Surrey"), Contains("must not hold a control character (byte 5 is code 9, a tab)"));
  CHECK_THAT(named("Bracknell Forest", "BRACKNELL   FOREST"),
             Contains("only in case, spacing or characters that show nothing"));
  // Spaces inside a name are its own; so are letters beyond A to Z, which are not folded.
  CHECK(named("Bracknell Forest", "Bracknell Forests").empty());
  CHECK(named("Édith", "édith").empty());
}

TEST_CASE("roles and absence kinds that a table shows alike are refused", "[scenario]") {
  // Compared byte for byte, B's 'social_worker' with a zero-width space ran with a
  // market of its own (unlimited agency supply, no cap), looking like A's everywhere.
  auto roles = [](const std::string& a, const std::string& b) {
    std::string text = kTwoCouncils;
    text.replace(text.find("name: social_worker"), 19, "name: \"" + a + "\"");
    text.replace(text.rfind("name: social_worker"), 19, "name: \"" + b + "\"");
    return error_of(text);
  };
  CHECK(roles("social_worker", "social_worker").empty());
  CHECK_THAT(roles("social_worker", "social_worker\u200b"),
             Contains("limits.yaml:8:20: authorities[1].roles[0].name: role 'social_worker\\u200B' differs from "
                      "'social_worker' of authority 'A' only in case, spacing or characters that show nothing; "
                      "roles of one name share"));
  CHECK_THAT(roles("social_worker", "Social_worker"), Contains("write them alike"));
  CHECK(roles("social_worker", "senior_practitioner").empty());
  // Within one council, and an absence kind within a role.
  std::string two_roles = kTwoCouncils;
  two_roles.replace(
      two_roles.find("roles: [{"), 9,
      "roles: [{name: \"social\u00ad_worker\", permanent_posts: 1, leaving: {turnover_per_year: 0.1}}, {");
  CHECK_THAT(error_of(two_roles), Contains("authorities[0].roles[1].name: role 'social_worker' differs from "
                                           "'social\\u00AD_worker' of authority 'A' only in case, spacing or "
                                           "characters that show nothing"));
  std::string kinds = kTwoCouncils;
  kinds.replace(kinds.find("leaving: {"), 10,
                "long_absences: [{kind: maternity, starts_per_year: 0.01, duration: 9 months}, {kind: Maternity, "
                "starts_per_year: 0.01, duration: 9 months}], leaving: {");
  CHECK_THAT(error_of(kinds), Contains("absence kind 'Maternity' differs from 'maternity' only in case"));
}

TEST_CASE("a run's length is judged as it is rounded, to whole days", "[scenario]") {
  // scenario-reference.md: a duration is rounded to the nearest day and the run must
  // last at least one; 0.6 days, a day once rounded, was refused as shorter.
  std::string text = kTwoCouncils;
  text.replace(text.find("duration: 1 year"), 16, "duration: 0.6 days");
  CHECK(error_of(text).empty());
  text.replace(text.find("duration: 0.6 days"), 18, "duration: 0.4 days");
  CHECK_THAT(error_of(text), Contains("duration: the run must last at least one day"));
}

TEST_CASE("a run given by its end is at most 200 years, as one given by its duration", "[scenario]") {
  // 'duration' was capped at 200 years, 'end' only by the dates' years (1900 to 2200):
  // a 300-year run of 3,600 periods validated.
  std::string text = kTwoCouncils;
  text.replace(text.find("start: 2016-01-01\nduration: 1 year"), 34, "start: 1900-01-01\nend: 2100-01-01");
  CHECK(error_of(text).empty());
  text.replace(text.find("end: 2100-01-01"), 15, "end: 2100-01-03");  // 73,051 days: 200 years are 73,050
  CHECK_THAT(error_of(text), Contains("limits.yaml:3:6: end: must be at most 200 years after the start date"));
}

TEST_CASE("a market given twice in agency_supply or labour_pool is refused at its second entry", "[scenario]") {
  // One market, one supply and one pool: a second entry would silently replace or add to
  // the first. Each entry on a line of its own, so that the message's line is the second's.
  const std::string supply = "  - {role: social_worker, available_at_start: 5}\n";
  const std::string pool = "  - {role: social_worker, arrivals_per_year: 5}\n";
  CHECK(error_of(kTwoCouncils + "agency_supply:\n" + supply + "labour_pool:\n" + pool).empty());
  CHECK_THAT(error_of(kTwoCouncils + "agency_supply:\n" + supply + supply),
             Contains("limits.yaml:11:5: agency_supply[1]: agency supply for role 'social_worker' appears twice"));
  CHECK_THAT(error_of(kTwoCouncils + "labour_pool:\n" + pool + pool),
             Contains("limits.yaml:11:5: labour_pool[1]: labour pool for role 'social_worker' appears twice"));
}
