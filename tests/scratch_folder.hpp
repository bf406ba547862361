#pragma once
// A test's own folder under the system's temporary one, removed with its owner. A test
// that fails a REQUIRE throws past its last lines, so a folder removed there by hand
// stayed behind in /tmp whenever the test failed; this one goes in the destructor.

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace test_support {

struct ScratchFolder {
  std::filesystem::path path;
  // `tag` names the test; the process id keeps two runs of the suite apart. Emptied
  // first, in case a process of the same id left one.
  explicit ScratchFolder(const std::string& tag)
      : path(std::filesystem::temp_directory_path() / (tag + "-" + std::to_string(::getpid()))) {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
    std::filesystem::create_directories(path);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path operator/(const std::string& name) const { return path / name; }
};

}  // namespace test_support
