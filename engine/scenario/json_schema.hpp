#pragma once
// The scenario format (scenario_format.hpp) as a JSON Schema (draft 2020-12), for
// editors to autocomplete and check scenario files, and for `wfsim schema`.

#include <string>

#include "scenario/json_value.hpp"

namespace wfsim::scenario {

// A file with `extends:` is a partial overlay on the scenario it extends: it is checked
// against the same sections with nothing required. Checks across keys (in_post at most
// permanent_posts, destinations adding up to 1, names that must exist) are the
// loader's alone: `wfsim validate` remains the complete check.
JsonValue scenario_json_schema(const std::string& engine_version);

}  // namespace wfsim::scenario
