#include "scenario/same_simulation.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

#include "scenario/overrides.hpp"

namespace wfsim::scenario {

std::string simulated_text(const Scenario& s) {
  try {
    YAML::Node root = YAML::Load(s.resolved_text.empty() ? s.text : s.resolved_text);
    if (!root.IsMap()) return s.text;
    // A sweep's points differ by their overrides alone (each was applied at loading).
    for (const std::string& assignment : s.overrides) apply_override(root, assignment);
    for (const char* label : {"name", "description", "extends", "wfsim"}) root.remove(label);
    YAML::Emitter out;
    out << root;
    return out.c_str();
  } catch (const std::exception&) {
    // Loaded already, so neither the text nor an override should fail again; if one
    // did, the text with its overrides stands for it, so that two sweep points with
    // different values are never taken for the same (a review).
    std::string text = s.text;
    for (const std::string& assignment : s.overrides) text += "\n# " + assignment;
    return text;
  }
}

bool simulates_the_same(const Scenario& a, const Scenario& b) { return simulated_text(a) == simulated_text(b); }

}  // namespace wfsim::scenario
