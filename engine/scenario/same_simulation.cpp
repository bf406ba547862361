#include "scenario/same_simulation.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

namespace wfsim::scenario {

namespace {

// The scenario as simulated, its labels left out, as canonical YAML text.
std::string simulated(const Scenario& s) {
  YAML::Node root = YAML::Load(s.resolved_text.empty() ? s.text : s.resolved_text);
  if (!root.IsMap()) return s.text;
  for (const char* label : {"name", "description", "extends", "wfsim"}) root.remove(label);
  YAML::Emitter out;
  out << root;
  return out.c_str();
}

}  // namespace

bool simulates_the_same(const Scenario& a, const Scenario& b) {
  try {
    return simulated(a) == simulated(b);
  } catch (const YAML::Exception&) {
    return false;  // both loaded already; a text that does not parse again says nothing
  }
}

}  // namespace wfsim::scenario
