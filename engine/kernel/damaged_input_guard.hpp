#pragma once
// A library that reads a file trusts the offsets stored inside it: HDF5 reading a
// damaged file (a variable-length string whose heap was overwritten) can read out of
// bounds and crash the process, or overrun a buffer that malloc's checks then catch
// (abort). While a guard is alive, such a crash (SIGSEGV, SIGBUS or SIGABRT) ends the
// process with the guard's message and exit code instead of a core dump. Only for
// code that reads an input and writes nothing meanwhile, so ending in the middle
// loses nothing; outside a guard a crash stays a crash, as a bug should. (Under
// AddressSanitizer the overrun is reported first: it is HDF5's, in H5HG_read.) The
// message is kept in one static buffer, as a signal handler may not allocate: one
// guard at a time, on the thread that reads.

#include <csignal>
#include <string>

namespace wfsim::kernel {

class DamagedInputGuard {
 public:
  // `message` (a line, without its newline) is written to standard error as is.
  DamagedInputGuard(const std::string& message, int exit_code);
  ~DamagedInputGuard();
  DamagedInputGuard(const DamagedInputGuard&) = delete;
  DamagedInputGuard& operator=(const DamagedInputGuard&) = delete;

 private:
  struct sigaction previous_segv_ {};
  struct sigaction previous_bus_ {};
  struct sigaction previous_abort_ {};
};

}  // namespace wfsim::kernel
