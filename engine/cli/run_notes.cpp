#include "cli/run_notes.hpp"

#include <sstream>

#include "support/visible_text.hpp"

namespace wfsim::cli {

void RunNotes::say(const std::function<void(std::ostream&)>& say) {
  std::ostringstream text;
  say(text);
  // A name's control characters shown, not obeyed (visible_text); the file keeps the
  // notes as shown.
  const std::string shown = support::visible_text(text.str());
  err_ << shown;
  said_ += shown;
}

std::string RunNotes::kept() const {
  static const std::string kPrefix = "note: ";
  std::istringstream lines(said_);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(kPrefix)) line.erase(0, kPrefix.size());
    kept += line + "\n";
  }
  return kept;
}

}  // namespace wfsim::cli
