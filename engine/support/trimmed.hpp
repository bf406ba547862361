#pragma once
// A list item as given by hand ("a, b"): the spaces and tabs around it are the list's.

#include <string>

namespace wfsim::support {

inline std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace wfsim::support
