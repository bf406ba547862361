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
  } catch (const YAML::Exception&) {
    return s.text;  // loaded already; a text that does not parse again is only itself
  }
}

bool simulates_the_same(const Scenario& a, const Scenario& b) { return simulated_text(a) == simulated_text(b); }

}  // namespace wfsim::scenario
