#include "output/text_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "output/hdf5_results_writer.hpp"

namespace wfsim::output {

namespace {
std::string temporary_beside(const std::string& path) { return path + ".partial-" + std::to_string(::getpid()); }
}  // namespace

void check_writable(const std::string& path) {
  const std::string temporary = temporary_beside(path);
  std::ofstream probe(temporary, std::ios::binary | std::ios::trunc);
  if (!probe) {
    throw OutputError("cannot write '" + path + "': " + std::strerror(errno) +
                      " (does the directory exist, and may you write to it?)");
  }
  probe.close();
  std::remove(temporary.c_str());
}

void write_text_file(const std::string& path, const std::string& text) {
  const std::string temporary = temporary_beside(path);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw OutputError("cannot write '" + path + "': " + std::strerror(errno) +
                        " (does the directory exist, and may you write to it?)");
    }
    out << text;
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      throw OutputError("writing '" + path + "' failed (is the disk full?)");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw OutputError("cannot move the finished file into '" + path + "': " + reason);
  }
}

}  // namespace wfsim::output
