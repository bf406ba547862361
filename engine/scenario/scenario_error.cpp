#include "scenario/scenario_error.hpp"

#include <sstream>

namespace wfsim::scenario {

namespace {
std::string format(const SourceLocation& where, const std::string& key_path, const std::string& message) {
  std::ostringstream text;
  text << where.file;
  if (where.line > 0) text << ':' << where.line << ':' << where.column;
  if (!where.changed_by.empty()) text << " (as changed by " << where.changed_by << ')';
  text << ": ";
  if (!key_path.empty()) text << key_path << ": ";
  text << message;
  if (!where.note.empty()) text << " (" << where.note << ')';
  return text.str();
}
}  // namespace

ScenarioError::ScenarioError(SourceLocation where, std::string key_path, std::string message)
    : std::runtime_error(format(where, key_path, message)),
      where_(std::move(where)),
      key_path_(std::move(key_path)),
      message_(std::move(message)) {}

}  // namespace wfsim::scenario
