#pragma once
// Councils' and regions' names as an analyst may type them: "Kingston upon Hull, City
// of" and "kingston upon hull city of" are one council, "Brighton & Hove" and
// "Brighton and Hove" too, "South-East" and "south east" one region.

#include <cctype>
#include <string>

namespace wfsim::import {

// Lower case, letters and digits kept, '&' read as "and" (the data writes "Brighton
// and Hove", an analyst may type "Brighton & Hove"), every run of anything else one
// space, none at either end.
inline std::string normalised_name(const std::string& name) {
  std::string out;
  for (const unsigned char c : name) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (c == '&') {
      out += out.empty() || out.back() == ' ' ? "and " : " and ";
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace wfsim::import
