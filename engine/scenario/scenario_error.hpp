#pragma once
// An error in a scenario: where it is (file, line, column, key path) and what was
// expected. Every problem with user input becomes one of these, and the CLI turns it
// into a message and exit code 2.

#include <stdexcept>
#include <string>

namespace wfsim::scenario {

struct SourceLocation {
  std::string file;  // file name, or "--set KEY=VALUE" for a command-line override
  int line = 0;      // 1-based; 0 if unknown
  int column = 0;    // 1-based; 0 if unknown
};

class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(SourceLocation where, std::string key_path, std::string message);

  const SourceLocation& where() const { return where_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string key_path_;
  std::string message_;
};

}  // namespace wfsim::scenario
