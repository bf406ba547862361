#include "scenario/value_sources.hpp"

#include <algorithm>
#include <cctype>

#include "scenario/key_path.hpp"

namespace wfsim::scenario {

std::string written_in(const ValueSources& sources, const std::string& key_path,
                       const std::vector<std::string>& context) {
  std::string whole = sources.unlisted;
  std::size_t whole_at = 0;  // how many sources precede the one that wrote `key_path` whole
  for (std::size_t i = sources.written.size(); i-- > 0;) {
    if (key_path_within(key_path, sources.written[i].key_path)) {
      whole = sources.written[i].label;
      whole_at = i + 1;
      break;
    }
  }
  auto overlaps = [](const std::string& a, const std::string& b) {
    return key_path_within(a, b) || key_path_within(b, a);
  };
  // Later sources that wrote part of it, and any that wrote the values it is read with.
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < sources.written.size(); ++i) {
    const ValueSource& s = sources.written[i];
    const bool part = i >= whole_at && s.key_path != key_path && key_path_within(s.key_path, key_path);
    // One that wrote all of `key_path` before the whole's writer was overwritten by it.
    const bool replaced = i < whole_at && key_path_within(key_path, s.key_path);
    // A value a later source wrote over is not what the note reads.
    const bool overwritten =
        std::any_of(sources.written.begin() + static_cast<std::ptrdiff_t>(i) + 1, sources.written.end(),
                    [&](const ValueSource& later) { return key_path_within(s.key_path, later.key_path); });
    const bool read_with =
        !replaced && !overwritten &&
        std::any_of(context.begin(), context.end(), [&](const std::string& c) { return overlaps(s.key_path, c); });
    if ((part || read_with) && s.label != whole && std::find(parts.begin(), parts.end(), s.label) == parts.end()) {
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
