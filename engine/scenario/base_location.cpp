#include "scenario/base_location.hpp"

#include <system_error>

namespace wfsim::scenario {

namespace {

namespace fs = std::filesystem;

// A base may be read from the folder of the scenario first named (the root of the
// `extends` chain) or the current folder, and below: a scenario passed on from
// elsewhere cannot make wfsim read, and quote in its errors, any file on the machine.
bool allowed_base(const fs::path& base_path, const std::string& first_scenario) {
  std::error_code error;
  const fs::path base = fs::weakly_canonical(fs::absolute(base_path, error), error);
  if (error) return false;
  const auto inside = [&](const fs::path& folder) {
    const fs::path relative = base.lexically_relative(folder);
    return !relative.empty() && *relative.begin() != "..";
  };
  const fs::path first_folder = fs::path(first_scenario).parent_path();
  const fs::path current = fs::current_path(error);
  return inside(first_folder) || (!error && inside(fs::weakly_canonical(current, error)));
}

// The nearest folder that holds both the base and the first scenario: where a run
// may be started for the base to be read (the message that refuses it says so).
std::string folder_holding_both(const fs::path& base_path, const std::string& first_scenario) {
  std::error_code error;
  const fs::path base = fs::weakly_canonical(fs::absolute(base_path, error), error);
  const fs::path first = fs::weakly_canonical(fs::absolute(fs::path(first_scenario), error), error).parent_path();
  fs::path common;
  for (auto b = base.begin(), f = first.begin(); b != base.end() && f != first.end() && *b == *f; ++b, ++f) {
    common /= *b;
  }
  return common.string();
}

}  // namespace

void refuse_base_outside(const fs::path& base_path, const std::string& first_scenario, const SourceLocation& at,
                         const std::string& written, const std::string& base_name) {
  if (allowed_base(base_path, first_scenario)) return;
  // A path the system cannot resolve (a loop of symbolic links, a component too long)
  // is not outside: it cannot be read at all. It was said to be outside, and to run
  // from '' (a walkthrough).
  std::error_code error;
  if (fs::weakly_canonical(fs::absolute(base_path, error), error).empty() || error) {
    throw ScenarioError(at, "extends", "cannot read '" + written + "': " + error.message());
  }
  // Quoted as the file writes it, which the analyst looks for there; the path from the
  // current folder beside it where it reads otherwise.
  throw ScenarioError(at, "extends",
                      "'" + written + "'" + (written == base_name ? "" : " ('" + base_name + "' from here)") +
                          " is outside the folders a scenario may extend from: the first scenario's folder and "
                          "the current folder, and their subfolders. Run wfsim from '" +
                          folder_holding_both(base_path, first_scenario) +
                          "' (or a folder above it), or copy the base beside the scenario and "
                          "change its 'extends:'");
}

}  // namespace wfsim::scenario
