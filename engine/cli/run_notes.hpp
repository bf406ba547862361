#pragma once
// The notes a command prints on its scenarios as it begins (what the results will not
// show), said on the error stream and kept for its file (output::RunDescription::notes):
// a report of the file once said nothing of them.

#include <functional>
#include <ostream>
#include <string>

namespace wfsim::cli {

class RunNotes {
 public:
  explicit RunNotes(std::ostream& err) : err_(err) {}
  // Runs `say`, which writes "note: ...\n" lines, and passes on what it wrote.
  void say(const std::function<void(std::ostream&)>& say);
  // As the file keeps them: one a line, without "note: ".
  std::string kept() const;

 private:
  std::ostream& err_;
  std::string said_;
};

}  // namespace wfsim::cli
