#include "scenario/scenario_text.hpp"

#include <vector>

#include "scenario/scenario_error.hpp"

namespace wfsim::scenario {

YAML::Node parse_single_document(const std::string& text, const std::string& file_label) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1}, "", "not valid YAML: " + e.msg);
  }
  if (documents.size() > 1) {
    const YAML::Mark second = documents[1].Mark();
    throw ScenarioError(SourceLocation{file_label, second.line >= 0 ? second.line + 1 : 0, 0}, "",
                        "a scenario file holds one YAML document, and this one has " +
                            std::to_string(documents.size()) + " (a second starts here, after '---')");
  }
  return documents.empty() ? YAML::Node() : documents.front();
}

}  // namespace wfsim::scenario
