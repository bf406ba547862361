#include "support/process_memory.hpp"

#include <sys/resource.h>

namespace wfsim::support {

std::uint64_t peak_memory_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss);  // in KiB on Linux
}

}  // namespace wfsim::support
