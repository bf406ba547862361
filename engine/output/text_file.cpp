#include "output/text_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "output/atomic_file.hpp"
#include "output/hdf5_results_writer.hpp"

namespace wfsim::output {

void check_writable(const std::string& path) {
  AtomicFile probe_file(path);
  std::ofstream probe(probe_file.temporary(), std::ios::binary | std::ios::trunc);
  if (!probe) {
    throw OutputError("cannot write '" + path + "': " + std::strerror(errno) +
                      " (does the directory exist, and may you write to it?)");
  }
}

void write_text_file(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  std::ofstream out(file.temporary(), std::ios::binary | std::ios::trunc);
  if (!out) {
    throw OutputError("cannot write '" + path + "': " + std::strerror(errno) +
                      " (does the directory exist, and may you write to it?)");
  }
  out << text;
  out.close();
  if (!out) throw OutputError("writing '" + path + "' failed (is the disk full?)");
  file.commit();
}

}  // namespace wfsim::output
