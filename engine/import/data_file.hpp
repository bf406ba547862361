#pragma once
// Reading the data files wfsim init takes besides the CSV (data/regions.yaml,
// data/regional_agreements.yaml, data/england_calibration.yaml, or a user's own given
// by --regions-data, --agreements-data, --calibration). One laid out otherwise is an
// input error (ImportError) that names the file and what is wrong, and where when
// yaml-cpp knows: never an internal error, nor a scenario silently written without
// its contents.

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

#include "import/csww_data.hpp"

namespace wfsim::import {

// The file's YAML; ImportError if it cannot be read or parsed.
YAML::Node load_yaml(const std::string& path);

// ImportError: the file, and what is wrong with its layout.
[[noreturn]] void layout_error(const std::string& path, const std::string& what);

// ImportError at `node`: the file, the node's line when yaml-cpp knows it, and what.
[[noreturn]] void entry_error(const std::string& path, const YAML::Node& node, const std::string& what);

// `read(root)` on the file's YAML, a layout yaml-cpp cannot convert being an ImportError.
template <typename Read>
inline auto read_data_file(const std::string& path, Read&& read) {
  try {
    return read(load_yaml(path));
  } catch (const YAML::Exception& e) {
    const std::string line = e.mark.is_null() ? "" : ":" + std::to_string(e.mark.line + 1);
    throw ImportError(path + line + ": not laid out as expected: " + e.msg + " (data/README.md describes the file)");
  }
}

// ImportError naming a top-level key of the file that is not among `known`: a misspelt
// key ('agreement:') or one added by hand was never read.
void refuse_unknown_keys(const YAML::Node& root, const std::string& path, std::initializer_list<const char*> known);

// A list a data file must (or may) hold at `key` of its top-level mapping.
YAML::Node list_at(const YAML::Node& root, const std::string& path, const char* key, bool required);

}  // namespace wfsim::import
