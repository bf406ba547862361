#include "import/agreement_rules.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <sstream>

#include "import/data_file.hpp"
#include "import/yaml_text.hpp"
#include "kernel/calendar.hpp"
#include "scenario/run_length.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::import {

namespace {

// The keys an entry of the agreements file may hold: a rule's own terms (what a
// scenario's rule takes, copied by write_rule_terms), and the file's own bookkeeping.
// A key outside them would otherwise be dropped without a word, and the rule written
// without the term it meant to carry.
constexpr const char* kRuleTerms[] = {
    "kind",          "scope",  "length", "applies_to", "min_experience", "permanent_equivalent", "qualified_after",
    "caps_per_hour", "exempt", "from",   "until",      "existing_from"};

// An entry of `agreements` or `national` (`what`: "an agreement", "a national rule"): a mapping of known keys,
// each term of the shape a scenario's rule takes, so that nothing is dropped or
// reshaped without a word (`exempt: redundancy` was written as no exemption at all).
void check_entry(const std::string& path, const YAML::Node& entry, const std::string& what,
                 std::initializer_list<const char*> own) {
  if (!entry.IsMap()) entry_error(path, entry, what + " must be a mapping of its terms");
  for (const auto& item : entry) {
    if (!item.first.IsScalar()) entry_error(path, item.first, "a key of " + what + " must be a name");
    const std::string key = item.first.as<std::string>();
    const auto is = [&](const char* k) { return key == k; };
    if (!std::any_of(std::begin(kRuleTerms), std::end(kRuleTerms), is) && !std::any_of(own.begin(), own.end(), is)) {
      std::string known;
      for (const char* k : own) known += std::string(known.empty() ? "" : ", ") + k;
      for (const char* k : kRuleTerms) known += std::string(", ") + k;
      entry_error(path, item.first, "unknown key '" + key + "' in " + what + "; the keys are " + known);
    }
    const YAML::Node& value = item.second;
    if (value.IsNull()) entry_error(path, item.first, key + " has no value");
    const auto all_scalars = [&] {
      return std::all_of(value.begin(), value.end(), [&](const auto& v) {
        return value.IsMap() ? v.first.IsScalar() && v.second.IsScalar() : v.IsScalar();
      });
    };
    if (key == "caps_per_hour") {
      if (!value.IsMap() || !all_scalars()) entry_error(path, value, "caps_per_hour must map role names to figures");
    } else if (key == "exempt") {
      if (!value.IsSequence() || !all_scalars()) entry_error(path, value, "exempt must be a list, as [redundancy]");
    } else if (key == "members") {
      const bool all = value.IsScalar() && value.as<std::string>() == "all";
      const bool except = value.IsMap() && value.size() == 1 && value["all_except"] &&
                          value["all_except"].IsSequence() &&
                          std::all_of(value["all_except"].begin(), value["all_except"].end(),
                                      [](const auto& n) { return n.IsScalar(); });
      if (!all && !except) entry_error(path, value, "members must be all, or {all_except: [names]}");
    } else if (!value.IsScalar()) {
      entry_error(path, value, key + " must be a single value");
    }
  }
}

RuleSource source_of(const std::string& path, const YAML::Node& entry) {
  RuleSource source{path, entry.Mark().line + 1, {}};
  for (const auto& item : entry) source.key_lines[item.first.as<std::string>()] = item.first.Mark().line + 1;
  return source;
}

// A rule's own keys (what a scenario's rule takes), copied from the data file's entry.
void write_rule_terms(std::ostringstream& y, const YAML::Node& rule) {
  for (const char* key :
       {"kind", "scope", "length", "applies_to", "min_experience", "permanent_equivalent", "qualified_after"}) {
    if (rule[key]) y << "    " << key << ": " << rule[key].as<std::string>() << "\n";
  }
  if (rule["caps_per_hour"]) {
    y << "    caps_per_hour: {";
    bool first = true;
    for (const auto& cap : rule["caps_per_hour"]) {
      y << (first ? "" : ", ") << cap.first.as<std::string>() << ": " << cap.second.as<std::string>();
      first = false;
    }
    y << "}\n";
  }
  if (rule["exempt"]) {
    y << "    exempt: [";
    for (std::size_t i = 0; i < rule["exempt"].size(); ++i) y << (i ? ", " : "") << rule["exempt"][i].as<std::string>();
    y << "]\n";
  }
  for (const char* key : {"from", "until", "existing_from"}) {
    if (rule[key]) y << "    " << key << ": " << rule[key].as<std::string>() << "\n";
  }
}

void write_note(std::ostringstream& y, const std::string& text) {
  // Wrapped at about 88 columns, as comments.
  std::istringstream words(text);
  std::string line = "  #", word;
  while (words >> word) {
    if (line.size() + word.size() + 1 > 88) {
      y << line << "\n";
      line = "  #";
    }
    line += " " + word;
  }
  y << line << "\n";
}

// An entry's region must be one of the regions file's: a misspelt one ('South Eest')
// was skipped as another region's, and its agreement vanished from the run.
void refuse_unknown_region(const AgreementsRun& run, const YAML::Node& entry) {
  if (!entry["region"].IsDefined() || !entry["region"].IsScalar()) {
    entry_error(run.path, entry, "an entry has no region: give the region it belongs to");
  }
  const std::string region = entry["region"].as<std::string>();
  const auto& known = run.known_regions;
  if (known.empty() || std::find(known.begin(), known.end(), region) != known.end()) return;
  entry_error(run.path, entry["region"],
              "region '" + region + "' is no region of the regions file" + scenario::did_you_mean(region, known));
}

// An agreement's dates, checked whether or not it is in force during the run: they
// were compared with the run's as text first, so '01/04/2026', '2022-02-30' or
// 'April 2023' read as before or after the run and the agreement was dropped without a
// word (an audit). As a scenario takes them: YYYY-MM-DD, a real day, years 1900 to
// 2200, 'until' after 'from'.
void check_agreement_dates(const std::string& path, const YAML::Node& a) {
  for (const char* key : {"from", "until", "existing_from"}) {
    const YAML::Node date = a[key];
    if (!date) continue;
    const std::string text = date.IsScalar() ? date.as<std::string>() : "";
    const std::optional<kernel::CivilDate> day = kernel::parse_iso_date(text);
    if (!day) {
      const std::string problem = kernel::iso_date_problem(text);
      entry_error(path, date,
                  std::string(key) + ": '" + text + "' is not a date" + (problem.empty() ? "" : " (" + problem + ")") +
                      "; write it YYYY-MM-DD, such as 2016-04-01");
    }
    if (day->year < scenario::kFirstYear || day->year > scenario::kLastYear) {
      entry_error(path, date,
                  std::string(key) + ": " + text + " is outside the years a scenario may use (" +
                      std::to_string(scenario::kFirstYear) + " to " + std::to_string(scenario::kLastYear) + ")");
    }
  }
  if (a["from"] && a["until"] && a["until"].as<std::string>() <= a["from"].as<std::string>()) {
    entry_error(
        path, a["until"],
        "until: " + a["until"].as<std::string>() + " must be after 'from' (" + a["from"].as<std::string>() + ")");
  }
}

// One regional agreement, if its region is in the run and it is in force at some time
// of it (the run's end is far enough: agreements are given to the day and runs last
// years, so only those ended before the start go), with its members among the region's
// councils.
void write_agreement(std::ostringstream& rules, const YAML::Node& a, const AgreementsRun& run, AgreementsText& text) {
  std::vector<std::string>& notes = text.notes;
  const std::string& path = run.path;
  check_entry(path, a, "an agreement", {"region", "name", "members", "note"});
  refuse_unknown_region(run, a);   // first: an entry with no region is said so, not yaml-cpp's "invalid node"
  check_agreement_dates(path, a);  // before a date decides it is out of the run
  const std::string region = a["region"].as<std::string>();
  if (std::find(run.regions.begin(), run.regions.end(), region) == run.regions.end()) return;
  if (a["until"] && a["until"].as<std::string>() <= run.start) return;
  if (a["from"] && a["from"].as<std::string>() >= run.end) return;  // starts after the run
  const YAML::Node listed = a["members"];
  if (!listed) entry_error(path, a, "an agreement of " + region + " has no members: give all, or all_except: [names]");
  const auto found = run.councils.find(region);
  const std::vector<std::string> region_councils =
      found == run.councils.end() ? std::vector<std::string>{} : found->second;
  std::vector<std::string> members = region_councils;
  if (listed.IsMap() && listed["all_except"]) {
    for (const auto& out : listed["all_except"]) {
      const std::string name = out.as<std::string>();
      // Not refused: councils merge and are renamed over the data's years, and the
      // file serves them all. Said, as a misspelt name would leave its council in.
      // (Looked for among all the region's councils, so a name given twice is not
      // taken for a missing one.)
      if (std::find(region_councils.begin(), region_councils.end(), name) == region_councils.end()) {
        notes.push_back(path + ":" + std::to_string(out.Mark().line + 1) + ": '" + a["name"].as<std::string>() +
                        "' leaves out '" + name + "', not a council of " + region + " in " + std::to_string(run.year) +
                        "'s data: no council is left out for it");
      }
      members.erase(std::remove(members.begin(), members.end(), name), members.end());
    }
  }
  write_note(rules, a["note"].as<std::string>());
  rules << "  - name: " << yaml_quoted(a["name"].as<std::string>()) << "\n";
  text.sources.push_back(source_of(path, a));
  write_rule_terms(rules, a);
  rules << "    members: [";
  for (std::size_t i = 0; i < members.size(); ++i) rules << (i ? ", " : "") << yaml_quoted(members[i]);
  rules << "]\n";
}

// England's national rules, every council a member.
void write_national_rules(std::ostringstream& rules, const YAML::Node& agreements, const AgreementsRun& run,
                          std::vector<RuleSource>& sources) {
  for (const YAML::Node& n : list_at(agreements, run.path, "national", true)) {
    // Asked for by name, so written even if it starts after the run, but said so.
    if (n["from"] && n["from"].as<std::string>() >= run.end) {
      const std::string last_day =
          kernel::format_iso_date(kernel::days_from_civil(*kernel::parse_iso_date(run.end)) - 1);
      write_note(rules, "Starts " + n["from"].as<std::string>() + ", after the run's last day (" + last_day +
                            "): it refuses and caps nothing in this run.");
    }
    write_note(rules, n["note"].as<std::string>());
    rules << "  - name: " << yaml_quoted(n["name"].as<std::string>()) << "\n";
    sources.push_back(source_of(run.path, n));
    write_rule_terms(rules, n);
    rules << "    members: all\n";
  }
}

}  // namespace

std::string RuleSource::where(const std::string& key) const {
  const auto found = key_lines.find(key.substr(0, key.find_first_of(".[")));
  return path + ":" + std::to_string(found == key_lines.end() ? line : found->second);
}

AgreementsText agreements_in_force(const AgreementsRun& run) {
  AgreementsText text;
  std::ostringstream rules, not_modelled;
  const std::string& path = run.path;
  read_data_file(path, [&](const YAML::Node& agreements) {
    if (!agreements.IsMap()) layout_error(path, "expected a mapping with the lists agreements, national, not_modelled");
    // The list every file must hold first: a file of another kind is told what it lacks.
    const YAML::Node listed = list_at(agreements, path, "agreements", true);
    refuse_unknown_keys(agreements, path, {"agreements", "national", "not_modelled"});
    for (const YAML::Node& a : listed) write_agreement(rules, a, run, text);
    // Checked whether or not this run asks for them: a misspelt term is found at once.
    for (const YAML::Node& n : list_at(agreements, path, "national", false)) {
      check_entry(path, n, "a national rule", {"name", "note"});
      check_agreement_dates(path, n);  // with its line here, asked for or not (a review)
    }
    if (run.national_rules) write_national_rules(rules, agreements, run, text.sources);
    for (const YAML::Node& n : list_at(agreements, path, "not_modelled", false)) {
      refuse_unknown_region(run, n);
      const auto& chosen = run.regions;
      if (std::find(chosen.begin(), chosen.end(), n["region"].as<std::string>()) == chosen.end()) continue;
      write_note(not_modelled, n["region"].as<std::string>() + ": " + n["what"].as<std::string>());
    }
    return 0;
  });
  text.rules = rules.str();
  text.not_modelled = not_modelled.str();
  return text;
}

}  // namespace wfsim::import
