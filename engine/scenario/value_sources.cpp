#include "scenario/value_sources.hpp"

#include <algorithm>
#include <cctype>

#include "scenario/key_path.hpp"

namespace wfsim::scenario {

std::string written_in(const ValueSources& sources, const std::string& key_path) {
  std::string whole = sources.unlisted;
  std::size_t whole_at = 0;  // how many sources precede the one that wrote `key_path` whole
  for (std::size_t i = sources.written.size(); i-- > 0;) {
    if (key_path_within(key_path, sources.written[i].key_path)) {
      whole = sources.written[i].label;
      whole_at = i + 1;
      break;
    }
  }
  // Later sources that wrote only part of it.
  std::vector<std::string> parts;
  for (std::size_t i = whole_at; i < sources.written.size(); ++i) {
    const ValueSource& s = sources.written[i];
    if (s.key_path != key_path && key_path_within(s.key_path, key_path) && s.label != whole &&
        std::find(parts.begin(), parts.end(), s.label) == parts.end()) {
      parts.push_back(s.label);
    }
  }
  if (parts.empty()) return whole;
  std::string changed;
  for (const std::string& p : parts) changed += (changed.empty() ? "" : ", ") + p;
  return whole + " (as changed by " + changed + ")";
}

std::string leading_key_path(const std::string& note) {
  std::size_t end = 0;
  while (end < note.size()) {
    const auto c = static_cast<unsigned char>(note[end]);
    if (!(std::isalnum(c) || c == '_' || c == '.' || c == '[' || c == ']')) break;
    ++end;
  }
  return note.substr(0, end);
}

}  // namespace wfsim::scenario
