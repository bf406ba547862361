#pragma once
// Text placed into the scenarios that `wfsim init` writes.

#include <string>

namespace wfsim::import {

// `text` as a YAML double-quoted scalar: quotes and backslashes escaped, so a council
// named `Bath & "North" East: Somerset` loads back as itself. (Control characters
// are refused when the data is read.)
inline std::string yaml_quoted(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace wfsim::import
