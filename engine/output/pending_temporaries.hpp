#pragma once
// The temporaries this process is writing (AtomicFile's), kept where a signal handler
// can reach them: a handler may not allocate or take a lock, so the paths sit in
// fixed slots, claimed and released atomically.
//
// What it is for: a write past the file size limit (`ulimit -f`) raises SIGXFSZ, in
// whatever HDF5 was doing; going on after such a failed write has crashed HDF5. The
// handler (main.cpp) removes the temporaries, says so in one line and ends the
// process, so the targets stay as they were and nothing is left behind.

#include <cstddef>
#include <string>

namespace wfsim::output {

// Records `temporary` (to become `target`); returns its slot, or -1 if every slot is
// taken or a path is too long (the file is then only not removed by a handler).
int hold_pending(const std::string& temporary, const std::string& target);
void release_pending(int slot);

// For a signal handler (async-signal-safe): removes every pending temporary and writes
// "error: <what>'TARGET' ...; nothing was written" for each to standard error.
void abandon_pending(const char* what) noexcept;

}  // namespace wfsim::output
