#include "scenario/overrides.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "scenario/alias_cycle.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/repeated_keys.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_text.hpp"
#include "scenario/shared_nodes.hpp"
#include "scenario/suggest.hpp"
#include "scenario/values_walked.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

namespace {

struct Segment {
  std::string key;  // map key, or empty for an index
  std::size_t index = 0;
};

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A list index as typed; no list in a scenario comes near the limit, which keeps the
// conversion from overflowing.
std::size_t list_index(const std::string& digits, const std::string& path, const SourceLocation& where) {
  constexpr std::size_t kMaxIndex = 1000000;
  const std::size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 1);  // leading zeros do not count
  if (digits.size() - first > 7 || std::stoul(digits.substr(first)) > kMaxIndex) {
    throw ScenarioError(where, path,
                        "list index " + digits.substr(0, 12) + (digits.size() > 12 ? "..." : "") +
                            " is out of range (no list is that long)");
  }
  return std::stoul(digits.substr(first));
}

// Splits "a.b[0].c" or "a.b.0.c" into segments.
std::vector<Segment> split_path(const std::string& path, const SourceLocation& where) {
  std::vector<Segment> segments;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    if (all_digits(current)) {
      segments.push_back(Segment{"", list_index(current, path, where)});
    } else {
      segments.push_back(Segment{current, 0});
    }
    current.clear();
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      // "name.=x" set 'name', and "a..b" 'a.b': a key left out is a slip, not a path.
      const bool after_index = i > 0 && path[i - 1] == ']';
      if ((current.empty() && !after_index) || i + 1 == path.size()) {
        throw ScenarioError(where, path, "a key is missing at a '.' (character " + std::to_string(i + 1) + ")");
      }
      flush();
    } else if (c == '[') {
      flush();
      const std::size_t close = path.find(']', i);
      const std::string inside = close == std::string::npos ? "" : path.substr(i + 1, close - i - 1);
      if (!all_digits(inside)) throw ScenarioError(where, path, "expected a list index such as [0]");
      segments.push_back(Segment{"", list_index(inside, path, where)});
      i = close;
    } else {
      current += c;
    }
  }
  flush();
  if (segments.empty()) throw ScenarioError(where, path, "empty key path");
  return segments;
}

// The value of KEY=VALUE, read as a scenario file's text is: a name not in UTF-8 made
// a results file the analysis package refused as damaged, a second document after
// '---' was dropped unsaid, and so was a key the value repeats.
YAML::Node override_value(const std::string& assignment, const std::string& value_text, const std::string& path,
                          const SourceLocation& where) {
  if (const std::size_t bad = first_non_utf8(assignment); bad != std::string::npos) {
    throw ScenarioError(where, path,
                        "not UTF-8 text at byte " + std::to_string(bad + 1) +
                            " (wfsim reads UTF-8: set your terminal, or the script that calls wfsim, to UTF-8)");
  }
  // Not YAML::LoadAll: on ', mon' it never returned and took 24 GB (found by fuzz_set).
  if (const int second = second_document_line(value_text); second > 0) {
    throw ScenarioError(where, path,
                        "the value holds a second YAML document, from its line " + std::to_string(second) +
                            " (a line '---' starts another); give one value");
  }
  YAML::Node value;
  try {
    value = YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    throw ScenarioError(where, path, "the value is not valid YAML: " + e.msg);
  }
  // A value that holds itself, or a key written twice (repeated_keys.hpp): a --set
  // value is no file, so the file's checks never saw it.
  if (const std::optional<AliasTrouble> trouble = alias_trouble(value)) {
    throw ScenarioError(where, path, trouble->message);
  }
  if (const std::optional<KeyProblem> problem = first_key_problem(value, path)) {
    switch (problem->kind) {
      case KeyProblem::Kind::beyond_walk:
        throw ScenarioError(where, problem->path,
                            "the value stands for more values than any scenario holds (YAML aliases within aliases?)");
      case KeyProblem::Kind::not_a_name: throw ScenarioError(where, problem->path, key_not_a_name(problem->node));
      case KeyProblem::Kind::repeated:
        throw ScenarioError(where, problem->path,
                            "key '" + problem->key + "' appears twice in the same mapping of the value");
    }
  }
  return value;
}

// How to write an override whose path runs through a key the scenario lacks: --set adds
// only the path's last key, so a sweep of a lever's amount on a scenario without levers
// heard only "no such key", of a key the format has. The value's shape (a mapping, a
// list of them) is the format's: the reference gives it, not this message.
std::string give_it_whole(const std::string& at) {
  return "; --set adds only a path's last key: give '" + at + "' whole (" + at +
         "=... with all it needs, as docs/scenario-reference.md writes it)";
}

}  // namespace

std::string shown_assignment(const std::string& assignment) {
  // Messages name the override: a value of megabytes is cut as the file's values are.
  constexpr std::size_t kShown = 100;
  const std::size_t eq = assignment.find('=');
  if (assignment.size() <= kShown) return assignment;
  // No '=' or a key of its own past the limit: the whole of it, cut.
  if (eq == std::string::npos || eq > kShown) return quoted_excerpt(assignment);
  return assignment.substr(0, eq + 1) + quoted_excerpt(assignment.substr(eq + 1));
}

// Sets `value` at `segments` of `root`; returns the key path as normalised
// (authorities[0].roles[0].leaving).
std::string set_at(YAML::Node& root, const std::vector<Segment>& segments, const YAML::Node& value,
                   const SourceLocation& where, const SharedNodes& shared) {
  // A value an anchor and its alias share, or one inside it, is refused: setting it
  // through one key path set it for the other too. Said once the target is found: the
  // value it already has changes nothing, and is not refused.
  std::string shared_at, shared_problem;
  auto refuse_shared = [&](const YAML::Node& reached, const std::string& at) {
    if (shared_problem.empty()) shared_problem = shared_node_problem(shared, reached, at, "setting it here");
    if (shared_at.empty() && !shared_problem.empty()) shared_at = at;
  };
  // Whether to assign: not where the value is left as it is (leaves_as_it_is).
  auto check_shared = [&](const YAML::Node& target) {
    if (leaves_as_it_is(target, value)) return false;
    if (!shared_problem.empty()) throw ScenarioError(where, shared_at, shared_problem);
    return true;
  };
  std::string normalised;
  YAML::Node node = root;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    const bool last = i + 1 == segments.size();
    if (s.key.empty()) {
      normalised += "[" + std::to_string(s.index) + "]";
      if (!node.IsSequence() || s.index >= node.size()) {
        throw ScenarioError(where, normalised,
                            node.IsSequence() ? "index out of range: the list has " + std::to_string(node.size()) +
                                                    (node.size() == 1 ? " element" : " elements")
                                              : "not a list");
      }
      refuse_shared(node[s.index], normalised);
      if (last) {
        if (check_shared(node[s.index])) node[s.index] = value;
      } else {
        node.reset(node[s.index]);  // reset() moves the handle; '=' would overwrite the node
      }
    } else {
      normalised += (normalised.empty() ? "" : ".") + s.key;
      if (!node.IsMap())
        throw ScenarioError(where, normalised, "cannot set a key inside a value that is not a mapping");
      if (node[s.key].IsDefined()) refuse_shared(node[s.key], normalised);
      if (last) {
        // A new key is allowed here; validation rejects unknown ones.
        if (!node[s.key].IsDefined() || check_shared(node[s.key])) node[s.key] = value;
      } else {
        if (!node[s.key].IsDefined()) {
          std::vector<std::string> keys;
          for (const auto& entry : node) keys.push_back(entry.first.Scalar());
          std::string why = did_you_mean(s.key, keys);
          if (why.empty()) why = give_it_whole(normalised);
          throw ScenarioError(where, normalised, "no such key in the scenario" + why);
        }
        node.reset(node[s.key]);
      }
    }
  }
  return normalised;
}

Override apply_override(YAML::Node& root, const std::string& assignment, const std::string& origin,
                        const SharedNodes* shared) {
  const SourceLocation where{origin + " " + shown_assignment(assignment), 0, 0};
  const std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ScenarioError(where, "",
                        "expected KEY.PATH=VALUE, for example authorities[0].roles[0].leaving.turnover_per_year=0.2");
  }
  const std::string path = assignment.substr(0, eq);
  const std::string value_text = assignment.substr(eq + 1);
  const std::vector<Segment> segments = split_path(path, where);
  // The base is merged in before any override applies, so 'extends' set here would be
  // accepted and change nothing (a sweep over it ran identical points).
  if (segments.size() == 1 && segments[0].key == "extends") {
    throw ScenarioError(where, "extends",
                        "'extends' cannot be set from the command line: the base is read with the file; run the "
                        "other scenario instead, or write a variant that extends it");
  }

  const YAML::Node value = override_value(assignment, value_text, path, where);

  const std::string normalised = shared != nullptr ? set_at(root, segments, value, where, *shared)
                                                   : set_at(root, segments, value, where, SharedNodes(root));
  return Override{shown_assignment(assignment), normalised, origin};
}

YAML::Node find_key(const YAML::Node& root, const std::string& key_path, const std::string& file) {
  const SourceLocation where{file, 0, 0};
  YAML::Node node = root;  // a handle: reset() below moves it, never the tree
  std::string normalised;
  for (const Segment& s : split_path(key_path, where)) {
    if (s.key.empty()) {
      normalised += "[" + std::to_string(s.index) + "]";
      if (!node.IsSequence() || s.index >= node.size()) {
        throw ScenarioError(where, normalised, node.IsSequence() ? "index out of range" : "not a list");
      }
      node.reset(node[s.index]);
    } else {
      normalised += (normalised.empty() ? "" : ".") + s.key;
      if (!node.IsMap() || !node[s.key].IsDefined()) {
        std::vector<std::string> keys;
        if (node.IsMap()) {
          for (const auto& entry : node) keys.push_back(entry.first.Scalar());
        }
        throw ScenarioError(where, normalised, "no such key written in this file" + did_you_mean(s.key, keys));
      }
      node.reset(node[s.key]);
    }
  }
  return node;
}

}  // namespace wfsim::scenario
