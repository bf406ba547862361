// The scenario format table (scenario/scenario_format.hpp): its own consistency, that
// the loader cannot read a key or a type the table does not declare, that declared
// bounds are enforced, and `wfsim schema`'s command line.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_format.hpp"
#include "scenario/yaml_field.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

namespace format = wfsim::scenario::format;
using wfsim::scenario::Field;
using wfsim::scenario::MapReader;

TEST_CASE("every section of the format is consistent", "[format]") {
  const auto sections = format::all_sections();
  REQUIRE(sections.size() >= 18);
  std::set<std::string_view> names;
  for (const format::Section* s : sections) {
    INFO("section " << s->name);
    CHECK(names.insert(s->name).second);
    std::set<std::string_view> keys;
    for (const format::Key& k : s->keys) {
      INFO("key " << k.name);
      CHECK(keys.insert(k.name).second);
      CHECK(!k.description.empty());
      if (k.type == format::Type::choice || (k.type == format::Type::list && k.element == format::Type::choice)) {
        CHECK(!k.choices.empty());
      }
      const bool needs_section = k.type == format::Type::mapping || k.type == format::Type::members ||
                                 (k.type == format::Type::list && k.element == format::Type::mapping);
      CHECK((k.section != nullptr) == needs_section);
      if (!k.only_for.empty()) {
        REQUIRE(!s->discriminator.empty());
        const auto& choices = s->discriminating_key().choices;
        for (auto kind : k.only_for) CHECK(std::find(choices.begin(), choices.end(), kind) != choices.end());
      }
      CHECK(k.minimum <= k.maximum);
    }
    for (auto key : s->exactly_one_of) CHECK(s->find(key) != nullptr);
  }
}

namespace {
const wfsim::scenario::LocateFn kLocate = [](const std::string&, const YAML::Node&) {
  return wfsim::scenario::SourceLocation{"test.yaml", 1, 1};
};
}  // namespace

TEST_CASE("the loader cannot read what the format does not declare", "[format]") {
  const YAML::Node root = YAML::Load("name: x\nstart: 2015-10-01\nwarmup: 1 year\n");
  MapReader map(Field(root, "", &kLocate), format::scenario_section());
  // An undeclared key, a required key read as optional and the reverse are programming errors.
  CHECK_THROWS_AS(map.optional("nmae"), std::logic_error);
  CHECK_THROWS_AS(map.optional("name"), std::logic_error);
  CHECK_THROWS_AS(map.required("description"), std::logic_error);
  // So is converting a value to a type other than the declared one.
  CHECK_THROWS_AS(map.required("start").text(), std::logic_error);
  CHECK_THROWS_AS(map.optional("warmup")->number(), std::logic_error);
  CHECK(map.required("name").text() == "x");
  CHECK(map.optional("warmup")->duration_days() == Approx(365.25));
}

TEST_CASE("a key of one kind cannot be read for another", "[format]") {
  const YAML::Node rules = YAML::Load("rules: [{name: r, kind: experience, members: all, min_experience: 3 years}]");
  MapReader top(Field(rules, "", &kLocate), format::scenario_section());
  const Field rule = top.optional("rules")->element(0);
  MapReader map(rule);
  CHECK(map.required("kind").choice() == "experience");
  CHECK_THROWS_AS(map.required("scope"), std::logic_error);
  CHECK(map.required("min_experience").duration_days() == Approx(3 * 365.25));
}

TEST_CASE("declared bounds are enforced with the format's reason", "[format]") {
  auto error_of = [](const std::string& replace, const std::string& with) {
    std::string text =
        "name: bounds\nstart: 2015-10-01\nduration: 1 year\nauthorities:\n  - name: A\n    roles:\n"
        "      - {name: sw, permanent_posts: 10, leaving: {turnover_per_year: 0.1},\n"
        "         pay: {hours_per_week: 37}, recruitment: {offer_failure_probability: 0.1}}\n";
    text.replace(text.find(replace), replace.size(), with);
    try {
      wfsim::scenario::load_scenario_text(text, "bounds.yaml", {});
    } catch (const wfsim::scenario::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("hours_per_week: 37", "hours_per_week: 200") ==
        "bounds.yaml:8:32: authorities[0].roles[0].pay.hours_per_week: expected a value at most 168 "
        "(a week has 168 hours), got 200");
  CHECK(error_of("offer_failure_probability: 0.1", "offer_failure_probability: 1") ==
        "bounds.yaml:8:78: authorities[0].roles[0].recruitment.offer_failure_probability: expected a value "
        "below 1 (or no post could ever be filled), got 1");
  CHECK(error_of("permanent_posts: 10,", "permanent_posts: 10, fte_per_worker: 0,")
            .find("fte_per_worker: expected a value above 0 and at most 1, got 0") != std::string::npos);
  CHECK(error_of("hours_per_week: 37", "hours_per_week: 168") == "no error");
  // A pay elasticity of 13,000 overflowed and stopped a council's own applicants.
  CHECK(error_of("duration: 1 year\n", "duration: 1 year\nlabour_market: {applicant_pay_elasticity: 13000}\n") ==
        "bounds.yaml:4:43: labour_market.applicant_pay_elasticity: expected a value at most 50 (larger weights "
        "overflow the choice probabilities), got 13000");
  CHECK(error_of("duration: 1 year\n", "duration: 1 year\nlabour_market: {neighbour: -50, pay: 50}\n") == "no error");
}

TEST_CASE("a key the mapping may not have is named before a required key it lacks", "[format]") {
  // A campaign given a supplement's amount was told only "missing required key
  // 'extra_applicants_per_year'"; a supplement with only a removed key, the same, not
  // the removal's reason.
  auto error_of = [](const std::string& lever) {
    const std::string text =
        "name: levers\nstart: 2015-10-01\nduration: 1 year\nauthorities:\n  - name: A\n    roles:\n"
        "      - {name: sw, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}\n    policies:\n"
        "      - {name: p, role: sw, from: 2016-01-01, " +
        lever + "}\n";
    try {
      wfsim::scenario::load_scenario_text(text, "levers.yaml", {});
    } catch (const wfsim::scenario::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("kind: recruitment_campaign, amount_per_worker_per_year: 3000") ==
        "levers.yaml:9:75: authorities[0].policies[0].amount_per_worker_per_year: unknown key "
        "'amount_per_worker_per_year': it is for kind market_supplement or retention_payment, not "
        "'recruitment_campaign'; 'extra_applicants_per_year' is required");
  CHECK(error_of("kind: market_supplement, turnover_reduction: 0.1")
            .find("turnover_reduction: unknown key 'turnover_reduction' (removed: a lever's effect on turnover") !=
        std::string::npos);
  CHECK(error_of("kind: market_supplement, applicant_increase: 0.1")
            .find("applicant_increase: unknown key 'applicant_increase' (removed: a lever's effect on applicants "
                  "now follows from the pay it adds, through labour_market.applicant_pay_elasticity") !=
        std::string::npos);
  CHECK(error_of("kind: market_supplement, ammount_per_worker_per_year: 3000")
            .find("unknown key 'ammount_per_worker_per_year' (did you mean 'amount_per_worker_per_year'?); "
                  "'amount_per_worker_per_year' is required") != std::string::npos);
  CHECK(error_of("kind: market_supplement") ==
        "levers.yaml:9:9: authorities[0].policies[0]: missing required key "
        "'amount_per_worker_per_year'");
  // Without the kind, no key is judged by it: the kind is what is missing.
  CHECK(error_of("amount_per_worker_per_year: 3000") ==
        "levers.yaml:9:9: authorities[0].policies[0]: missing required key 'kind'");
}

TEST_CASE("the removed agency_ranking is refused with the reason the reference quotes", "[format]") {
  // docs/scenario-reference.md quotes this message word for word.
  const std::string text =
      "name: ranked\nstart: 2015-10-01\nduration: 1 year\nauthorities:\n  - {name: A, roles: [{name: sw, "
      "permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]}\nagency_ranking: [A]\n";
  std::string error = "no error";
  try {
    wfsim::scenario::load_scenario_text(text, "scenario.yaml", {});
  } catch (const wfsim::scenario::ScenarioError& e) {
    error = e.what();
  }
  CHECK(error ==
        "scenario.yaml:6:1: agency_ranking: unknown key 'agency_ranking' (removed: who goes where is now workers' "
        "choice, weighted by pay and travel (labour_market, docs/labour-market.md), never list order; remove the "
        "key)");
}

TEST_CASE("wfsim schema prints the schema and writes it only whole", "[format][cli]") {
  std::string out, err;
  REQUIRE(test_support::run_cli({"schema"}, out, err) == 0);
  CHECK(out.rfind("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\"", 0) == 0);
  for (const format::Section* s : format::all_sections()) {
    CHECK(out.find("\"" + std::string(s->name) + "\": {") != std::string::npos);
    CHECK(out.find("\"" + std::string(s->name) + "_overlay\": {") != std::string::npos);
  }
  CHECK(test_support::run_cli({"schema", "--help"}, out, err) == 0);
  CHECK(out.find("yaml-language-server") != std::string::npos);

  const test_support::ScratchFolder scratch("wfsim-schema");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "schema.json").string();
  REQUIRE(test_support::run_cli({"schema", "-o", path}, out, err) == 0);
  CHECK(out == "wrote " + path + "\n");  // as every command that writes a file says
  std::ifstream written(path);
  std::stringstream text;
  text << written.rdbuf();
  std::string printed;
  test_support::run_cli({"schema"}, printed, err);
  CHECK(text.str() == printed);
  CHECK(test_support::run_cli({"schema", "-o", (dir / "missing" / "schema.json").string()}, out, err) == 2);
  CHECK(err.find("cannot write '") != std::string::npos);
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
}
