#include "output/text_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "output/hdf5_results_writer.hpp"

namespace wfsim::output {

void write_text_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial-" + std::to_string(::getpid());
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
