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

// A normalised name without the council's designation an analyst may add ("Kent County
// Council", "London Borough of Camden", "Leeds City Council"), which the data's names
// lack: for suggesting the council meant, not for matching it.
inline std::string without_designation(std::string name) {
  static const char* const kPrefixes[] = {"london borough of ", "royal borough of ", "the "};
  static const char* const kSuffixes[] = {" metropolitan borough council",
                                          " metropolitan district council",
                                          " county borough council",
                                          " borough council",
                                          " district council",
                                          " county council",
                                          " city council",
                                          " council"};
  for (const char* prefix : kPrefixes) {
    if (name.starts_with(prefix)) name.erase(0, std::string(prefix).size());
  }
  for (const char* suffix : kSuffixes) {
    if (name.ends_with(suffix) && name.size() > std::string(suffix).size()) {
      name.erase(name.size() - std::string(suffix).size());
      break;
    }
  }
  return name;
}

}  // namespace wfsim::import
