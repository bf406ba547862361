#pragma once
// An error in a scenario: where it is (file, line, column, key path) and what was
// expected. Every problem with user input becomes one of these, and the CLI turns it
// into a message and exit code 2.

#include <stdexcept>
#include <string>
#include <utility>

namespace wfsim::scenario {

struct SourceLocation {
  SourceLocation() = default;
  SourceLocation(std::string file_, int line_ = 0, int column_ = 0, std::string changed_by_ = {})
      : file(std::move(file_)), line(line_), column(column_), changed_by(std::move(changed_by_)) {}

  std::string file;  // file name, or "--set KEY=VALUE" for a command-line override
  int line = 0;      // 1-based; 0 if unknown
  int column = 0;    // 1-based; 0 if unknown
  // For a place in a file: the command-line overrides near the value that were in
  // effect ("--set KEY=VALUE", comma-separated), since a check across keys (shares that
  // must add up, a count that cannot exceed another) can fail in the file's text only
  // because an override changed a neighbouring key. Empty if none.
  std::string changed_by;
  // Said after the message, in brackets: what the place is ("authorities[1] is new:
  // ..."), where that explains the error. Empty if nothing.
  std::string note;
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
