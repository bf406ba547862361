#pragma once
// Shared by the libFuzzer targets: a private directory per process for the files a
// target needs (removed at exit), the shipped files a target reads from the source
// tree, and how an exception that is not one of wfsim's documented input errors is
// reported (as a crash, so libFuzzer saves the input).

#include <cxxabi.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <typeinfo>

namespace wfsim::fuzz {

namespace fs = std::filesystem;

class Sandbox {
 public:
  Sandbox() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/wfsim-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("wfsim fuzz: mkdtemp");
      std::abort();
    }
    dir_ = pattern;
  }
  ~Sandbox() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

// This process's directory, created on first use.
inline const fs::path& sandbox() {
  static const Sandbox instance;
  return instance.dir();
}

// A file of the source tree (WFSIM_SOURCE_DIR), whole; aborts if it cannot be read,
// since the target would then test nothing.
inline std::string source_file(const std::string& relative) {
  const fs::path path = fs::path(WFSIM_SOURCE_DIR) / relative;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || text.str().empty()) {
    std::fprintf(stderr, "wfsim fuzz: cannot read %s\n", path.c_str());
    std::abort();
  }
  return text.str();
}

inline void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "wfsim fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
}

// A finding: wfsim let an exception other than its input errors escape (the command
// line would say "internal error", exit 1). Aborting makes libFuzzer save the input.
[[noreturn]] inline void unexpected(const std::exception& e) {
  int status = 0;
  char* type = abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
  std::fprintf(stderr, "wfsim fuzz: unexpected exception %s: %s\n", status == 0 ? type : typeid(e).name(), e.what());
  std::abort();
}

}  // namespace wfsim::fuzz
