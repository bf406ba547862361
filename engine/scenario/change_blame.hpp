#pragma once
// Which change to name beside a check that failed at a value whose own file is
// unchanged there: a --set, a key a variant set over its base, an element it appended
// or took out ("as changed by v.yaml:4:5: took 'Kent' out of authorities").

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "scenario/extends.hpp"
#include "scenario/overrides.hpp"

namespace wfsim::scenario {

// A change to the scenario's text made outside the file a checked value came from: an
// override, a key a variant sets over its base, or an element it appends or takes out.
struct Change {
  std::string key_path;
  std::string label;  // as the message names it
  // A renamed or removed element that other keys rely on (an authority, a role, a
  // region, an absence kind) breaks them (an agency supply's role, a rule's members,
  // initial.absent), far from the key it changed.
  bool reaches_far = false;
  // A removal's list as merged ("authorities", "authorities[3].roles") and the name it
  // took out: a check that found that list empty, or a key still naming that name, is
  // the removal's doing, whatever else changed nearer.
  std::string removed_from;
  std::string removed_name;
  // An element a variant appended: its own values are the variant's, and said so; it
  // changes only what is checked over its whole list (the posts over every council).
  bool whole_list_only = false;
};

// The changes the overrides made, in order.
std::vector<Change> changes_of(const std::vector<Override>& applied);

// The changes files other than `file` made over it (see change_blame.cpp).
std::vector<Change> changes_over(const ResolvedScenario& resolved, const std::string& file);

// The removals that made a check on `key_path` (whose value is `node`) fail: one that
// left that list empty, or took out the name the value still names. Comma-separated;
// "" if none. Asked before any other change is: nothing nearer explains those.
std::string removals_named(const std::vector<Change>& changes, const std::string& key_path, const YAML::Node& node);

// The changes that may have made a check on `key_path` (whose value is `node`) fail,
// comma-separated, nearest first; "" if none.
std::string changes_near(const std::vector<Change>& changes, const std::string& key_path, const YAML::Node& node);

}  // namespace wfsim::scenario
