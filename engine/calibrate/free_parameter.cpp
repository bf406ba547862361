#include "calibrate/free_parameter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>

#include "calibrate/calibration.hpp"
#include "calibrate/number_text.hpp"
#include "scenario/extends.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/shared_nodes.hpp"
#include "scenario/wide_text.hpp"

namespace wfsim::calibrate {

namespace {

// A variant's merged scenario (its base's values with its own over them); nothing for a
// scenario that extends none, or whose base does not load (the load reports that).
std::optional<YAML::Node> merged_tree(const YAML::Node& root, const std::string& file) {
  if (!root.IsMap() || !root["extends"]) return std::nullopt;
  try {
    return scenario::resolve_extends(root, file).root;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The key with its indices in brackets: 'authorities.0.roles.0' is 'authorities[0].roles[0]'
// (scenario-reference.md), and its indices were passed by unchecked.
std::string bracketed(const std::string& key) {
  std::string out;
  std::size_t start = 0;
  while (start <= key.size()) {
    const std::size_t dot = std::min(key.find('.', start), key.size());
    const std::string part = key.substr(start, dot - start);
    const bool index =
        !part.empty() && std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    out += index ? "[" + part + "]" : (out.empty() ? "" : ".") + part;
    start = dot + 1;
  }
  return out;
}

// The fit sets the key in the merged scenario and writes it into the variant's text:
// an index must name the same element in both. A variant that lists B alone over a
// base of A and B fitted A and wrote the result on B's line.
void refuse_renumbered(const YAML::Node& own, const YAML::Node& merged, const std::string& given,
                       const std::string& file) {
  const std::string key = bracketed(given);
  for (std::size_t close = key.find(']'); close != std::string::npos; close = key.find(']', close + 1)) {
    const std::size_t open = key.rfind('[', close);
    const std::string list = key.substr(0, open), prefix = key.substr(0, close + 1);
    const auto index = static_cast<std::size_t>(std::stoul(key.substr(open + 1, close - open - 1)));
    // Each matched as the merge matches it (scenario::same_merged_element).
    const YAML::Node own_list = scenario::find_key(own, list, file);
    YAML::Node merged_list;
    try {
      merged_list = scenario::find_key(merged, list, file);
    } catch (const scenario::ScenarioError&) {
      merged_list = YAML::Node();
    }
    const std::string mine = scenario::merge_identity(own_list, index);
    const std::string theirs = merged_list.IsDefined() ? scenario::merge_identity(merged_list, index) : "";
    if (!scenario::same_merged_element(own_list, merged_list, index)) {
      throw CalibrationError("--free " + given + ": " + prefix + " is '" + mine + "' in " + file +
                             ", but the scenario it makes with the one it extends has '" + theirs +
                             "' there: the fit would set one and write into the other. List that list's elements "
                             "in " +
                             file + " in the merged scenario's order, those before '" + mine +
                             "' by their names alone, so that both number them alike");
    }
  }
}

// A variant that takes an element out ('remove: true') before the free key's element
// numbers that list otherwise than its merged scenario: the fit was told the value
// came from the base, or to list the elements in an order a removed one cannot have.
void refuse_removal_before(const YAML::Node& own, const std::string& given, const std::string& file) {
  const std::string key = bracketed(given);
  for (std::size_t close = key.find(']'); close != std::string::npos; close = key.find(']', close + 1)) {
    const std::size_t open = key.rfind('[', close);
    if (open == std::string::npos) return;  // malformed: find_key refuses it with exit 2
    const std::string list = key.substr(0, open);
    const std::string digits = key.substr(open + 1, close - open - 1);
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
      return;  // not an index this check can read: find_key says what is wrong with it
    }
    const auto index = static_cast<std::size_t>(std::stoul(digits));
    YAML::Node own_list;
    try {
      own_list = scenario::find_key(own, list, file);
    } catch (const scenario::ScenarioError&) {
      return;  // not written here: the checks after this one say so
    }
    if (!own_list.IsSequence()) return;
    for (std::size_t j = 0; j <= index && j < own_list.size(); ++j) {
      if (own_list[j].IsMap() && own_list[j]["remove"].IsDefined()) {
        throw CalibrationError("--free " + given + ": " + file + " takes " + list + "[" + std::to_string(j) +
                               "] out of the scenario it extends ('remove: true'), so it numbers " + list +
                               " otherwise than the scenario they make: in " + file +
                               ", write the element whose key is to be fitted (its name and the key) before the "
                               "elements it takes out");
      }
    }
  }
}

}  // namespace

namespace {

// The free key's value in the scenario's own text: refused where the text does not
// hold it (a variant's value from its base, which the fitted file cannot change), or
// where a variant numbers a list otherwise than its merged scenario.
YAML::Node written_node(const std::string& key, const std::string& scenario_text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(scenario_text);
  } catch (const YAML::Exception& e) {
    throw CalibrationError(file + ": not valid YAML: " + e.msg);
  }
  const std::optional<YAML::Node> merged = merged_tree(root, file);
  if (merged) refuse_removal_before(root, key, file);
  YAML::Node node;
  try {
    node = scenario::find_key(root, key, file);
  } catch (const scenario::ScenarioError& e) {
    // The fitted file is this file's text with the free values changed: a value it
    // takes from the scenario it extends is not in it to change. Said where the merged
    // scenario has the key, whatever the nearest key written here.
    bool inherited = false;
    if (merged) {
      try {
        scenario::find_key(*merged, key, file);
        inherited = true;
      } catch (const scenario::ScenarioError&) {
        inherited = false;
      }
    }
    throw CalibrationError("--free " + key + ": " + e.what() +
                           (inherited ? "; its value comes from the scenario " + file + " extends (" +
                                            root["extends"].Scalar() + "), which the fit cannot change here: " +
                                            "write the key in " + file + " or calibrate that scenario"
                                      : ""));
  }
  if (merged) refuse_renumbered(root, *merged, key, file);
  // A value a YAML anchor shares: the fit would write the anchor's text, changing every
  // key that shares it (it was told to "write its value unquoted").
  const scenario::SharedNodes anchors(root, [&file](const std::string&) { return file; });
  const std::string shared = scenario::shared_node_problem(anchors, node, key, "fitting it");
  if (!shared.empty()) throw CalibrationError("--free " + key + ": " + shared);
  return node;
}

// The value as a number, and its unit if a duration's ("14 days"): what the fit varies.
// (A date, "2022-10-01", reads as 2022 followed by "-10-01", which is no unit.)
void read_value(FreeParameter& p, const std::string& written) {
  static const std::set<std::string> kUnits = {"day", "days", "week", "weeks", "month", "months", "year", "years"};
  std::istringstream in(written);
  in.imbue(std::locale::classic());
  in >> p.initial;
  const bool number = !in.fail() && std::isfinite(p.initial);
  std::string extra;
  if (number) in >> p.unit >> extra;
  if (!number || !extra.empty() || (!p.unit.empty() && kUnits.count(p.unit) == 0)) {
    throw CalibrationError("--free " + p.key + ": '" + written +
                           "' is not a number (or a duration such as '14 days'), so it cannot be fitted");
  }
}

// LOW:HIGH as given, or a tenth to ten times the written value.
void read_bounds(FreeParameter& p, const std::string& text, std::size_t eq) {
  if (eq == std::string::npos) {
    if (p.initial <= 0) throw CalibrationError("--free " + p.key + ": give bounds, KEY=LOW:HIGH");
    p.low = p.initial / 10;
    p.high = p.initial * 10;
    return;
  }
  const std::string bounds = text.substr(eq + 1);
  const auto colon = bounds.find(':');
  if (colon == std::string::npos) throw CalibrationError("--free " + text + ": expected KEY=LOW:HIGH");
  // Each said for itself: 1:1e400 was "expected LOW < HIGH" (a CLI audit).
  for (const std::string& bound : {bounds.substr(0, colon), bounds.substr(colon + 1)}) {
    if (!parse_number(bound)) {
      throw CalibrationError("--free " + text + ": '" + bound + "' is not a number (a bound is a finite number)");
    }
  }
  const auto low = parse_number(bounds.substr(0, colon));
  const auto high = parse_number(bounds.substr(colon + 1));
  if (!(*low < *high)) throw CalibrationError("--free " + text + ": expected KEY=LOW:HIGH with LOW < HIGH");
  p.low = *low;
  p.high = *high;
}

}  // namespace

FreeParameter parse_free(const std::string& text, const std::string& scenario_text, const std::string& file) {
  FreeParameter p;
  const auto eq = text.find('=');
  p.key = text.substr(0, eq);
  // The run's own length and window are what a target is measured over, not a figure
  // of the workforce: a fit of 'duration' met its target by cutting a two-year run to
  // ten weeks, and reported success (a walkthrough); 'wfsim' is the format's version.
  for (const char* window : {"duration", "end", "start", "warmup", "wfsim"}) {
    if (p.key == window) {
      throw CalibrationError("--free " + p.key + ": " +
                             (p.key == "wfsim" ? std::string("the scenario format's version is no figure to fit")
                                               : "the run's length and dates set what the targets are measured "
                                                 "over, and cannot be fitted; fit the workforce's own figures "
                                                 "(applicants, turnover, delays)"));
    }
  }
  // The fitted file is an edit of this text at the value's byte: UTF-16 or UTF-32, which
  // yaml-cpp decodes first, has no such byte to edit.
  if (scenario::is_wide_text(scenario_text)) {
    throw CalibrationError("--free " + p.key + ": " + file +
                           " is saved as UTF-16 or UTF-32, and calibrate writes the fitted scenario as an edit of "
                           "its text, which it reads as UTF-8 only: save the scenario as UTF-8");
  }
  const YAML::Node node = written_node(p.key, scenario_text, file);
  if (!node.IsScalar()) throw CalibrationError("--free " + p.key + ": the value is not a single number");
  const std::string written = node.Scalar();
  read_value(p, written);
  // yaml-cpp counts positions after a UTF-8 byte-order mark.
  const std::size_t mark_bytes =
      scenario_text.starts_with(scenario::kByteOrderMark) ? scenario::kByteOrderMark.size() : 0;
  const YAML::Mark mark = node.Mark();
  const std::size_t at = static_cast<std::size_t>(std::max(0, mark.pos)) + mark_bytes;
  if (mark.pos < 0 || scenario_text.compare(at, written.size(), written) != 0) {
    throw CalibrationError("--free " + p.key + ": write its value unquoted in " + file);
  }
  p.text_position = at;
  p.text_length = written.size();
  p.written = p.initial;
  read_bounds(p, text, eq);
  p.initial = std::clamp(p.initial, p.low, p.high);
  return p;
}

// Each free parameter's range must stay within what the scenario accepts (a probability
// below 1, a logit weight at most 50 in size): the default range, a tenth to ten times
// the value, may not, and the search would fail part-way at the first value past it.
// Both ends are tried before any simulation, the other parameters at their values.
void mark_spreadable(const std::string& text, const std::string& file, std::vector<FreeParameter>& free,
                     const std::vector<std::string>& overrides) {
  for (FreeParameter& p : free) {
    if (!p.unit.empty()) {
      p.takes_spread = false;
      continue;
    }
    std::vector<std::string> trial = overrides;
    std::vector<std::string> origins(overrides.size(), "--set");
    const double sd = std::max(std::fabs(p.initial) * 0.01, 1e-6);
    trial.push_back(p.key + "={mean: " + number_text(p.initial) + ", sd: " + number_text(sd) + "}");
    origins.emplace_back("--free");
    try {
      scenario::load_scenario_text(text, file, trial, origins);
    } catch (const scenario::ScenarioError&) {
      p.takes_spread = false;
    }
  }
}

void check_free_ranges(const std::string& text, const std::string& file, const std::vector<FreeParameter>& free,
                       const std::vector<std::string>& overrides) {
  for (const FreeParameter& p : free) {
    auto load_with = [&](double value) {
      std::vector<std::string> trial = overrides;
      std::vector<std::string> origins(overrides.size(), "--set");
      trial.push_back(p.key + "=" + number_text(value) + (p.unit.empty() ? "" : " " + p.unit));
      origins.emplace_back("--free");
      scenario::load_scenario_text(text, file, trial, origins);
    };
    auto refusal = [&](double value) -> std::optional<std::string> {
      try {
        load_with(value);
      } catch (const scenario::ScenarioError& e) {
        return e.what();
      }
      return std::nullopt;
    };
    // Its own value refused says the key cannot be set at all (a value a YAML anchor
    // shares with another key): said as the scenario says it, not as a range to change.
    load_with(p.written);
    // The fit moves each value continuously: a key that takes whole numbers only (posts,
    // workers) failed part-way, at the first value between two, its evaluations lost.
    // Judged first, where a value between two whole numbers is refused and a whole one
    // is not: the ends' message, to give other bounds, would not help it.
    const double whole = std::floor((p.low + p.high) / 2);
    const double between = whole + 0.5;
    const auto between_refused = between > p.low && between < p.high ? refusal(between) : std::nullopt;
    // Both whole numbers around it load: not a range that crosses a bound (fte_per_worker
    // 0.5:2 refuses 1.5 and 2, not 1).
    if (between_refused && !refusal(whole) && !refusal(whole + 1)) {
      throw CalibrationError("--free " + p.key + ": the fit tries every value from " + number_text(p.low) + " to " +
                             number_text(p.high) + ", and the scenario refuses " + number_text(between) + " (" +
                             *between_refused +
                             "); a key that takes whole numbers only cannot be fitted: compare its values "
                             "with wfsim sweep --vary instead");
    }
    for (const double end : {p.low, p.high}) {
      if (const auto why = refusal(end)) {
        throw CalibrationError("--free " + p.key + ": its search range, " + number_text(p.low) + " to " +
                               number_text(p.high) + ", reaches " + number_text(end) +
                               ", which the scenario refuses (" + *why + "); give bounds within what it accepts, " +
                               p.key + "=LOW:HIGH");
      }
    }
    if (between_refused) {
      throw CalibrationError("--free " + p.key + ": the scenario accepts both ends of its search range, " +
                             number_text(p.low) + " to " + number_text(p.high) + ", but refuses " +
                             number_text(between) + " between them (" + *between_refused + ")");
    }
  }
}

}  // namespace wfsim::calibrate
