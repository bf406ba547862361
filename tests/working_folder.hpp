#pragma once
// Runs part of a test from another folder, and goes back to the one it was in however
// that part ends. A scenario that extends a base in the folder above its own loads only
// from a folder that holds both (docs/scenario-reference.md), and ctest runs the tests
// from the build tree, not the repository.

#include <filesystem>
#include <system_error>

namespace test_support {

class WorkingFolder {
 public:
  explicit WorkingFolder(const std::filesystem::path& folder) : was_(std::filesystem::current_path()) {
    std::filesystem::current_path(folder);
  }
  WorkingFolder(const WorkingFolder&) = delete;
  WorkingFolder& operator=(const WorkingFolder&) = delete;
  ~WorkingFolder() {
    std::error_code ignored;
    std::filesystem::current_path(was_, ignored);
  }

 private:
  std::filesystem::path was_;
};

}  // namespace test_support
