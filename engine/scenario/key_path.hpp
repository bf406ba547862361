#pragma once
// Key paths as --set writes them: "authorities[0].roles[0].leaving".

#include <string>

namespace wfsim::scenario {

// Whether key path `path` is `section` or lies inside it ("a.b[0]" is inside "a" and
// "a.b", not inside "a.bc").
inline bool key_path_within(const std::string& path, const std::string& section) {
  return path == section || path.starts_with(section + ".") || path.starts_with(section + "[");
}

}  // namespace wfsim::scenario
