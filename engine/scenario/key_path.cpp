#include "scenario/key_path.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "support/trimmed.hpp"

namespace wfsim::scenario {

// A key path as one spelling: "authorities.0.roles.007.x" as "authorities[0].roles[7].x",
// spaces at its ends trimmed. --set takes both, so a sweep took them for two keys: a
// 2 x 2 grid whose first key, set again by the second, changed nothing, labelled as if
// it had. Anything else is left as given, for the scenario's checks to judge.
std::string canonical_key_path(const std::string& key) {
  const std::string text = support::trimmed(key);
  auto all_digits = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  };
  // Segments: a key's name, or a list index as digits. A path with an empty segment
  // (a dot with no key before it but a ']', or at the end) or an unclosed '[' is left
  // as given, for the scenario's checks to refuse.
  std::vector<std::string> segments;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (current.empty() && !(i > 0 && text[i - 1] == ']')) return text;
      if (i + 1 == text.size()) return text;
      if (!current.empty()) segments.push_back(current);
      current.clear();
    } else if (c == '[') {
      if (!current.empty()) segments.push_back(current);
      current.clear();
      const std::size_t close = text.find(']', i);
      if (close == std::string::npos || !all_digits(text.substr(i + 1, close - i - 1))) return text;
      segments.push_back(text.substr(i + 1, close - i - 1));
      i = close;
    } else {
      current += c;
    }
  }
  if (!current.empty()) segments.push_back(current);
  std::string out;
  for (const std::string& segment : segments) {
    if (all_digits(segment) && !out.empty()) {
      const std::size_t first = std::min(segment.find_first_not_of('0'), segment.size() - 1);
      out += "[" + segment.substr(first) + "]";
    } else {
      out += (out.empty() ? "" : ".") + segment;
    }
  }
  return out;
}

std::optional<RuleKey> rule_key(const std::string& path) {
  const std::string prefix = "rules[";
  if (!path.starts_with(prefix)) return std::nullopt;
  std::size_t at = prefix.size(), rule = 0;
  const std::size_t digits = at;
  for (; at < path.size() && std::isdigit(static_cast<unsigned char>(path[at])) != 0 && at - digits < 9; ++at) {
    rule = rule * 10 + static_cast<std::size_t>(path[at] - '0');
  }
  if (at == digits || path.compare(at, 2, "].") != 0 || at + 2 == path.size()) return std::nullopt;
  return RuleKey{rule, path.substr(at + 2)};
}

}  // namespace wfsim::scenario
