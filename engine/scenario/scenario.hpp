#pragma once
// A loaded scenario: the model's parameters plus what is needed to reproduce the run
// (the file's exact text and the overrides applied to it).

#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "scenario/uncertain_input.hpp"
#include "scenario/value_sources.hpp"

namespace wfsim::scenario {

struct Scenario {
  std::string file;                        // as given on the command line
  std::string text;                        // the file's contents, byte for byte
  std::vector<std::string> overrides;      // "key.path=value", in the order applied
  std::vector<std::string> extends;        // the scenarios this one extends, nearest first
  std::vector<std::string> extends_texts;  // their texts, byte for byte, in the same order
  std::string resolved_text;               // the merged scenario as YAML, if it extends another
  ValueSources sources;                    // which file or --set wrote each value
  // Elements a variant appended to a named list under a name near one of its base's:
  // both act, which a variant meaning to change the base's did not intend unsaid.
  std::vector<std::string> appended_near;
  std::string name;
  std::string description;
  model::ModelParameters parameters;  // with each uncertain input at its central value
  // Inputs given as a spread, drawn afresh for each replication
  // (uncertain_inputs.hpp: parameters_for_replication).
  std::vector<UncertainInput> uncertain_inputs;
};

// Reads, applies overrides to, and validates a scenario. Throws ScenarioError.
// `origins[i]` names the option overrides[i] came from, as an error about its value
// says it ("--set", "--vary", "--free"); "--set" where none is given.
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {},
                            const std::vector<std::string>& origins = {});
Scenario load_scenario_text(const std::string& text, const std::string& file_label,
                            const std::vector<std::string>& overrides = {},
                            const std::vector<std::string>& origins = {});

}  // namespace wfsim::scenario
