#pragma once
// Command-line overrides, `--set key.path=value`, applied to the parsed YAML before
// validation so that they are checked exactly as if they were in the file.

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "scenario/shared_nodes.hpp"

namespace wfsim::scenario {

struct Override {
  std::string
      text;  // as given, a long value cut (shown_assignment): "authorities[0].roles[0].leaving.turnover_per_year=0.2"
  std::string key_path;  // normalised: authorities[0].roles[0].leaving.turnover_per_year
  std::string origin;    // the option it came from: "--set", "--vary" or "--free"
};

// An override as messages show it: as given, or past 100 bytes with its value cut.
std::string shown_assignment(const std::string& assignment);

// Applies one override to `root`; the value is parsed as YAML. Throws ScenarioError,
// naming the override as `origin` and its text. `shared`: root's values that YAML
// anchors share (shared_nodes.hpp), found once for many overrides; found here if null.
Override apply_override(YAML::Node& root, const std::string& assignment, const std::string& origin = "--set",
                        const SharedNodes* shared = nullptr);

// The node at `key_path` ("a.b[0].c") in `root`, which must exist; throws ScenarioError
// naming `file` and the nearest key otherwise.
YAML::Node find_key(const YAML::Node& root, const std::string& key_path, const std::string& file);

}  // namespace wfsim::scenario
