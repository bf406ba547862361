#include "output/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "output/hdf5_results_writer.hpp"

namespace wfsim::output {

AtomicFile::AtomicFile(std::string target)
    : target_(std::move(target)), temporary_(target_ + ".partial-" + std::to_string(::getpid())) {}

AtomicFile::~AtomicFile() {
  if (!done_) std::remove(temporary_.c_str());
}

void AtomicFile::commit() {
  if (done_) throw std::logic_error("AtomicFile::commit after commit or discard");
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw OutputError("cannot move the finished file into '" + target_ + "': " + std::strerror(errno));
  }
  done_ = true;
}

void AtomicFile::discard() {
  if (!done_) std::remove(temporary_.c_str());
  done_ = true;
}

}  // namespace wfsim::output
