#pragma once
// A library that reads a file trusts the offsets stored inside it: HDF5 reading a
// damaged file (a variable-length string whose heap was overwritten) can read out of
// bounds and crash the process, or overrun a buffer that malloc's checks then catch
// (abort). While a guard is alive, such a crash (SIGSEGV, SIGBUS or SIGABRT) ends the
// process with the guard's message and exit code instead of a core dump. Only for
// code that reads an input and writes nothing meanwhile, so ending in the middle
// loses nothing; outside a guard a crash stays a crash, as a bug should. (Under
// AddressSanitizer the overrun is reported first: it is HDF5's, in H5HG_read.)
//
// Other damage sends HDF5 round a loop that never ends (also in H5HG_read). Nothing
// tells that from a long read, so nothing times out; but an interrupt (SIGINT, SIGTERM,
// SIGHUP), which the program otherwise turns into a request checked between blocks of
// work, ends the process at once while a guard is alive, with 128 + the signal as its
// exit code: there is nothing to finish and nothing to clean up.
//
// The message is kept in one static buffer, as a signal handler may not allocate: one
// guard at a time, on the thread that reads.

#include <csignal>
#include <iterator>
#include <string>

namespace wfsim::support {

class DamagedInputGuard {
 public:
  // `message` (a line, without its newline) is written to standard error as is.
  DamagedInputGuard(const std::string& message, int exit_code);
  ~DamagedInputGuard();
  DamagedInputGuard(const DamagedInputGuard&) = delete;
  DamagedInputGuard& operator=(const DamagedInputGuard&) = delete;

 private:
  // The dispositions the guard replaced, restored when it ends: the crashes', then
  // the interrupts'.
  static constexpr int kCrashes[] = {SIGSEGV, SIGBUS, SIGABRT};
  static constexpr int kInterrupts[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction previous_crash_[std::size(kCrashes)]{};
  struct sigaction previous_interrupt_[std::size(kInterrupts)]{};
};

}  // namespace wfsim::support
