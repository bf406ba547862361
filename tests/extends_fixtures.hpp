#pragma once
// Scenario files for the tests of `extends:` (test_extends.cpp, test_extends_remove.cpp):
// written into a folder of the test's own under the system's temporary folder.
#include <filesystem>
#include <fstream>
#include <string>

#include "scratch_folder.hpp"

namespace extends_fixtures {

namespace fs = std::filesystem;

inline fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}
// The test's folder, inside one for the whole process, removed when it exits.
inline fs::path scratch(const std::string& test) {
  static const test_support::ScratchFolder process("wfsim-extends");
  return process.path / test;
}
inline const char* kBase = R"(name: base
start: 2015-10-01
duration: 1 year
authorities:
  - name: A
    roles:
      - name: social_worker
        permanent_posts: 20
        leaving: {turnover_per_year: 0.2, notice: 1 month}
)";
// Two regions of a council each, with an agency supply of one role in each.
inline const char* kTwoRegions = R"(name: two regions
start: 2015-10-01
duration: 1 year
regions: [{name: North}, {name: South}]
authorities:
  - {name: A, region: North, roles: [{name: social_worker, permanent_posts: 20, leaving: {turnover_per_year: 0.2}}]}
  - {name: B, region: South, roles: [{name: social_worker, permanent_posts: 20, leaving: {turnover_per_year: 0.2}}]}
agency_supply:
  - {role: social_worker, region: North, available_at_start: 2, joining_per_year: 10, leaving_per_year: 1}
  - {role: social_worker, region: South, available_at_start: 2, joining_per_year: 20, leaving_per_year: 1}
)";

}  // namespace extends_fixtures
