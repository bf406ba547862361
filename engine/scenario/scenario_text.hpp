#pragma once
// Scenario text as YAML: one document, of bounded size.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

namespace wfsim::scenario {

// The largest scenario file read (England's, every council, is about 0.25 MB).
constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20;

// The one YAML document in `text`; a second document ("---" and more) is refused
// rather than silently ignored. Throws ScenarioError naming `file_label` and the line.
YAML::Node parse_single_document(const std::string& text, const std::string& file_label);

// The line (from 1) where a second YAML document starts in `text`, or 0 if none does.
// Found by reading lines: YAML::LoadAll, on some malformed input, never returns and takes
// all the memory there is (tests/fuzz/regressions/).
int second_document_line(const std::string& text);

}  // namespace wfsim::scenario
