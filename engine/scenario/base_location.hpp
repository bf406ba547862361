#pragma once
// Where a scenario's base (`extends:`) may be read from: the folder of the scenario
// first named (the root of the chain) or the current folder, and their subfolders. A
// scenario passed on from elsewhere cannot make wfsim read, and quote in its errors,
// any file on the machine.

#include <filesystem>
#include <string>

#include "scenario/scenario_error.hpp"

namespace wfsim::scenario {

// Refuses, at `at`, a base outside those folders, saying which folder to run from; or
// one whose path the system cannot resolve. `written` is the path as the file writes
// it, `base_name` as it reads from the current folder.
void refuse_base_outside(const std::filesystem::path& base_path, const std::string& first_scenario,
                         const SourceLocation& at, const std::string& written, const std::string& base_name);

}  // namespace wfsim::scenario
