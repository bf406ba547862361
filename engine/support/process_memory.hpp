#pragma once
// What this process uses of the machine's memory.

#include <cstdint>

namespace wfsim::support {

// The process's peak resident memory so far, in KiB.
std::uint64_t peak_memory_kib();

}  // namespace wfsim::support
