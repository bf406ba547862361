#include "cli/run_notes.hpp"

#include <sstream>

namespace wfsim::cli {

void RunNotes::say(const std::function<void(std::ostream&)>& say) {
  std::ostringstream text;
  say(text);
  err_ << text.str();
  said_ += text.str();
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
