#include "cli/sweep_grid.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <locale>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

#include "cli/command_support.hpp"
#include "scenario/key_path.hpp"
#include "scenario/run_length.hpp"
#include "scenario/same_simulation.hpp"
#include "scenario/scenario.hpp"
#include "support/trimmed.hpp"

namespace wfsim::cli {

namespace {

constexpr std::size_t kMaxPoints = 1000;

using support::trimmed;

// Below what whole number (of months or years, as written) `key` reads it as calendar
// months, any other duration being days; 0 where it reads every duration as days. The
// run's duration and warm-up take calendar months below 1000 (run_length.cpp), a
// cooling-off's length below 1200 (cooling_off.cpp) (docs/scenario-reference.md,
// Durations). There "6 months" and "0.5 years" differ: the sweep refused them as one
// value (an audit), though they ran differently.
double calendar_below(const std::string& key) {
  if (key == "duration" || key == "warmup") return 1000;
  if (key.starts_with("rules[") && key.ends_with("].length")) return 1200;
  return 0;
}

// A duration as its key reads it: {true, months} for whole calendar months where it
// counts them (a whole amount below `calendar`; "0 months" is no time, as 0 days is),
// else {false, days}. Nothing if the text is no duration.
std::optional<std::pair<bool, double>> duration_as_read(const std::string& text, double calendar) {
  const auto days = scenario::duration_text_days(text);
  if (!days || !std::isfinite(*days)) return std::nullopt;
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  double amount = 0;
  std::string unit;
  in >> amount >> unit;
  const bool whole = amount > 0 && amount < calendar && amount == std::floor(amount);
  if (whole && (unit == "month" || unit == "months")) return std::pair{true, amount};
  if (whole && (unit == "year" || unit == "years")) return std::pair{true, 12 * amount};
  return std::pair{false, *days};
}

// The first value given twice, as text ("36" and " 36"), as a number ("36" and
// "36.0") or as a duration ("3 month" and "3 months", "12 months" and "1 year"; for a
// key counting calendar months, "6 months" and "0.5 years" are two): the repeat and
// its earlier spelling, both trimmed.
std::optional<std::pair<std::string, std::string>> repeated_value(const std::vector<std::string>& values,
                                                                  double calendar) {
  std::map<std::string, std::string> texts;
  std::map<double, std::string> numbers;
  std::map<std::pair<bool, double>, std::string> durations;
  for (const std::string& raw : values) {
    const std::string text = trimmed(raw);
    if (const auto found = texts.find(text); found != texts.end()) return std::pair{text, found->second};
    texts.emplace(text, text);
    // Only finite numbers in range compare as numbers: NaN has no order for the map,
    // and two values that overflow are not the same value. The scenario's own checks
    // then say what is wrong with them.
    char* end = nullptr;
    errno = 0;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && *end == '\0' && errno != ERANGE && std::isfinite(number)) {
      if (const auto found = numbers.find(number); found != numbers.end()) return std::pair{text, found->second};
      numbers.emplace(number, text);
    } else if (const auto read = duration_as_read(text, calendar)) {
      if (const auto found = durations.find(*read); found != durations.end()) return std::pair{text, found->second};
      durations.emplace(*read, text);
    }
  }
  return std::nullopt;
}

// One --vary's values, split on the commas outside braces, brackets and quotes (a
// value may be a distribution, {distribution: exponential, mean: 14 days}); none may
// be empty.
std::vector<std::string> split_values(const std::string& key, const std::string& spec, const std::string& listed,
                                      std::vector<std::string>* as_written = nullptr) {
  if (listed.empty()) throw UsageError("--vary " + key + " has no values");
  std::vector<std::string> values;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  const auto take = [&](std::size_t end) {
    const std::string v = listed.substr(start, end - start);
    if (v.find_first_not_of(" \t") == std::string::npos) {
      throw UsageError("--vary " + key + " has an empty value (two commas, or one at an end): '" + spec + "'");
    }
    values.push_back(trimmed(v));  // "a, b": the space is the list's, not b's (info printed "delay  b")
    if (as_written != nullptr) as_written->push_back(v);
    start = end + 1;
  };
  // A quote opens only where YAML would read one: at a value's start, after a comma, a
  // brace, a bracket or a colon and spaces; elsewhere it is text (King's Lynn). Inside
  // double quotes a backslash escapes the next character; inside single quotes '' is
  // one quote, and the value goes on.
  const auto opens_here = [&](std::size_t i) {
    std::size_t j = i;
    while (j > start && (listed[j - 1] == ' ' || listed[j - 1] == '\t')) --j;
    return j == start || std::string_view(",{[:").find(listed[j - 1]) != std::string_view::npos;
  };
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const char c = listed[i];
    if (quote != 0) {
      if (quote == '"' && c == '\\') {
        ++i;
      } else if (quote == '\'' && c == '\'' && i + 1 < listed.size() && listed[i + 1] == '\'') {
        ++i;  // '' inside single quotes is one quote: the value goes on ('it''s, x' was cut at the comma)
      } else if (c == quote) {
        quote = 0;
      }
    } else if ((c == '\'' || c == '"') && opens_here(i)) {
      quote = c;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      take(i);
    }
  }
  if (quote != 0 || depth != 0) {
    throw UsageError("--vary " + key + " has a value whose " +
                     (quote != 0 ? std::string("quote") : "brace or bracket") + " is not closed: '" + spec + "'");
  }
  take(listed.size());
  return values;
}

// Values `i` - 1 and `i` as written, joined by their comma, if they read as one number
// with a thousands separator ("31,250", "1,000": 1 to 3 digits, then exactly 3 with no
// space after the comma), else "".
std::string thousands_pair(const std::vector<std::string>& as_written, std::size_t i) {
  const auto digits = [](std::string_view v, std::size_t fewest, std::size_t most) {
    return v.size() >= fewest && v.size() <= most &&
           std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::string_view before = as_written[i - 1];
  while (!before.empty() && (before.front() == ' ' || before.front() == '\t')) before.remove_prefix(1);
  return digits(before, 1, 3) && digits(as_written[i], 3, 3) ? std::string(before) + "," + as_written[i] : "";
}

// A pair thousands_pair() joined, as the one number it may have meant ("31250").
std::string without_separator(std::string joined) {
  joined.erase(joined.find(','), 1);
  return joined;
}

// The first pair of a list that is all such pairs ('31,250,33,750', four points of
// salaries 31, 250, 33 and 750, ran without a word), else "". A list of numbers that
// is not ('24,100,200', '50,100,150') is not taken for one.
std::string thousands_like(const std::vector<std::string>& as_written) {
  if (as_written.size() % 2 != 0) return "";
  for (std::size_t i = 1; i < as_written.size(); i += 2) {
    if (thousands_pair(as_written, i).empty()) return "";
  }
  return thousands_pair(as_written, 1);
}

// A group of 3 digits starting with 0 after 1 to 3 digits ('1,000') is no value anyone
// lists: refused wherever it is, with the number to write. Other lists that read as
// thousands are only noted (note_thousands_separators).
void check_thousands(const std::string& key, const std::string& spec, const std::vector<std::string>& as_written) {
  for (std::size_t i = 1; i < as_written.size(); ++i) {
    const std::string joined = thousands_pair(as_written, i);
    if (joined.empty() || joined[joined.find(',') + 1] != '0') continue;
    throw UsageError("--vary " + key + ": '" + joined + "' reads as two values, as --vary splits its values at " +
                     "every comma: write the number without a thousands separator (" + without_separator(joined) +
                     "), in '" + spec + "'");
  }
}

}  // namespace

void note_thousands_separators(const std::vector<std::string>& specs, std::ostream& err) {
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    std::vector<std::string> as_written;
    const std::string key = spec.substr(0, eq);
    split_values(key, spec, spec.substr(eq + 1), &as_written);
    const std::string joined = thousands_like(as_written);
    if (joined.empty()) continue;
    err << "note: --vary " << key << " splits its values at every comma, so '" << joined
        << "' is two values; if it was one number, write it without the separator (" << without_separator(joined)
        << ")\n";
  }
}

output::SweepGrid parse_sweep_grid(const std::vector<std::string>& specs) {
  output::SweepGrid grid;
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--vary expects KEY.PATH=V1,V2,..., got '" + spec + "'");
    const std::string key = scenario::canonical_key_path(spec.substr(0, eq));
    if (std::find(grid.keys.begin(), grid.keys.end(), key) != grid.keys.end()) {
      throw UsageError("--vary " + key + " is given twice" +
                       (key == spec.substr(0, eq) ? "" : " (as " + spec.substr(0, eq) + ")") +
                       "; give each key once, with all its values");
    }
    // One key inside another: the later --vary's value replaced the earlier's at every
    // point, so an axis labelled 0.1, 0.2 ran 0.3 throughout (a hostile-input audit).
    for (const std::string& earlier : grid.keys) {
      if (scenario::key_path_within(key, earlier) || scenario::key_path_within(earlier, key)) {
        const bool inside = scenario::key_path_within(key, earlier);
        throw UsageError("--vary " + key + " lies " + (inside ? "inside" : "around") + " --vary " + earlier +
                         ": each point would take one's value over the other's; vary keys that do not hold one "
                         "another (write the mapping's keys one by one)");
      }
    }
    // Labels only: every point would simulate the same thing (a rule's name, too).
    if (key == "name" || key == "description" || (key.starts_with("rules[") && key.ends_with("].name"))) {
      throw UsageError("--vary " + key +
                       " changes only the label, so every point would give the same results; "
                       "vary a key of the model");
    }
    grid.keys.push_back(key);
    std::vector<std::string> as_written;
    grid.values.push_back(split_values(key, spec, spec.substr(eq + 1), &as_written));
    check_thousands(key, spec, as_written);
  }
  // Counted with a stop at the limit, so a product past 2^64 cannot wrap to a small one.
  std::size_t points = 1;
  for (const auto& v : grid.values) {
    if (v.size() > kMaxPoints || points * v.size() > kMaxPoints) {
      throw UsageError("the grid has more than " + std::to_string(kMaxPoints) +
                       " points (the product of every --vary's count of values); at most " +
                       std::to_string(kMaxPoints));
    }
    points *= v.size();
  }
  // Two points of one value could not be told apart in the file (their labels are the
  // values), and would only repeat each other's results. Checked once the grid is
  // known to be small.
  for (std::size_t k = 0; k < grid.keys.size(); ++k) {
    if (const auto twice = repeated_value(grid.values[k], calendar_below(grid.keys[k]))) {
      const auto& [value, earlier] = *twice;
      throw UsageError("--vary " + grid.keys[k] + " lists the value " + value +
                       (earlier == value ? " twice" : " twice (as " + earlier + ")") + "; give each value once");
    }
  }
  return grid;
}

// The scenario at every point of the grid, in row-major order (the last key varies
// fastest), each labelled by its keys and values.
std::vector<scenario::Scenario> sweep_points(const output::SweepGrid& grid, const std::string& file,
                                             std::vector<std::string>& labels) {
  std::size_t points = 1;
  for (const auto& v : grid.values) points *= v.size();
  std::vector<scenario::Scenario> scenarios;
  for (std::size_t point = 0; point < points; ++point) {
    std::vector<std::string> overrides;
    std::string label;
    std::size_t rest = point;
    std::vector<std::size_t> index(grid.keys.size());
    for (std::size_t k = grid.keys.size(); k-- > 0;) {
      index[k] = rest % grid.values[k].size();
      rest /= grid.values[k].size();
    }
    for (std::size_t k = 0; k < grid.keys.size(); ++k) {
      overrides.push_back(grid.keys[k] + "=" + grid.values[k][index[k]]);
      label += (k ? ", " : "") + overrides.back();
    }
    scenarios.push_back(
        scenario::load_scenario_file(file, overrides, std::vector<std::string>(overrides.size(), "--vary")));
    labels.push_back(label);
  }
  return scenarios;
}

// A key given one value is not swept: every point runs with it, as --set would set it.
// Legitimate (it sets a key for the whole sweep), but worth saying: a value meant to be
// a list, split by a stray quote or brace, reads the same way.
void note_single_values(const output::SweepGrid& grid, std::ostream& err) {
  for (std::size_t k = 0; k < grid.keys.size(); ++k) {
    if (grid.values[k].size() == 1) {
      err << "note: --vary " << grid.keys[k] << " has one value, " << grid.values[k].front()
          << ": every point runs with it, as --set would set it\n";
    }
  }
  const bool single_point = std::all_of(grid.values.begin(), grid.values.end(),
                                        [](const std::vector<std::string>& v) { return v.size() == 1; });
  if (single_point) err << "note: the sweep has one point: there is nothing to compare it with\n";
}

// The check of values given twice (parse_sweep_grid) reads them as text, numbers and
// durations; values written otherwise ran without a word, every difference 0 (an
// audit). Asked of the scenarios as simulated, before the run.
void note_points_alike(const std::vector<scenario::Scenario>& points, const std::vector<std::string>& labels,
                       std::ostream& err) {
  std::map<std::string, std::size_t> first_with;  // each simulated scenario's first point
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto [at, added] = first_with.emplace(scenario::simulated_text(points[i]), i);
    if (added) continue;
    err << "note: the point " << labels[i] << " simulates what the point " << labels[at->second]
        << " does (the same value, written otherwise): it repeats its results; give each value once\n";
  }
}

// Each note once over the sweep's points: one they all share (a cohort's, whatever the
// swept applicants) was printed once a point, each crediting its own --vary value, and
// then once, crediting the first point's value alone. Now it credits the swept key, and
// a note of some points says how many.
void print_sweep_notes(const std::vector<scenario::Scenario>& points, const output::SweepGrid& grid,
                       std::ostream& err) {
  std::vector<NoteLine> first;  // each note's line at the first point it arose
  std::vector<std::size_t> count;
  for (const scenario::Scenario& point : points) {
    for (const NoteLine& n : note_lines(point)) {
      const auto at = std::find_if(first.begin(), first.end(), [&](const NoteLine& f) { return f.note == n.note; });
      if (at != first.end()) {
        ++count[static_cast<std::size_t>(at - first.begin())];
        continue;
      }
      first.push_back(n);
      count.push_back(1);
    }
  }
  for (std::size_t i = 0; i < first.size(); ++i) {
    std::string line = first[i].line;
    if (count[i] == points.size()) {
      for (std::size_t k = 0; k < grid.keys.size(); ++k) {
        for (const std::string& value : grid.values[k]) {
          const std::string credited = "--vary " + grid.keys[k] + "=" + value;
          if (const std::size_t at = line.find(credited); at != std::string::npos) {
            line.replace(at, credited.size(), "--vary " + grid.keys[k]);
          }
        }
      }
    } else {
      line.insert(line.size() - 1,
                  " (at " + std::to_string(count[i]) + " of the " + std::to_string(points.size()) + " points)");
    }
    err << line;
  }
}

}  // namespace wfsim::cli
