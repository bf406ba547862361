// wfsim's entry point: installs the interrupt handlers and hands over to the CLI.

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "output/hdf5_destructor_lines.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/pending_temporaries.hpp"
#include "parallel/cluster.hpp"
#include "support/visible_text.hpp"

namespace {
std::atomic<bool> g_stop{false};
// 130 for Ctrl-C, 143 for SIGTERM, 129 for a hang-up (cli::interrupted_code): the
// shell's 128 + signal, so a caller sees which, without the process dying by the signal.
extern "C" void on_interrupt(int signal) {
  wfsim::cli::record_interrupt(signal);
  g_stop.store(true);
}

// A file grown past the size limit (`ulimit -f`): the process ends here, its
// temporaries removed and one line said, rather than by the signal (which leaves them
// behind) or by going on (HDF5, carrying on after the failed write, has crashed).
extern "C" void on_file_too_large(int) {
  wfsim::output::abandon_pending("the file size limit (ulimit -f) stopped the writing of");
  ::_exit(wfsim::cli::kEnvironmentFailed);
}

bool stdout_is_pipe() {
  struct stat status {};
  return ::fstat(STDOUT_FILENO, &status) == 0 && S_ISFIFO(status.st_mode);
}
}  // namespace

int main(int argc, char** argv) {
  // HDF5's destructors print each failed close; the failure is said once (see there).
  wfsim::output::QuietHdf5Destructors quiet_destructors;
  // A stop request ends the run after the current block; the partial output is then
  // discarded cleanly instead of leaving a half-written file.
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, on_interrupt);
  // A closed pipe on stdout (`wfsim ... | head`) is a failed write, not a death.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, on_file_too_large);
  int code = wfsim::cli::kEnvironmentFailed;
  try {
    // Under mpirun or srun, every rank runs this; rank 0 reports and writes.
    wfsim::parallel::ClusterSession session(argc, argv);
    if (wfsim::parallel::cluster().rank() != 0) {
      std::ostringstream unread;
      code = wfsim::cli::run_command_line(argc, argv, unread, std::cerr, &g_stop, false);
    } else {
      code = wfsim::cli::run_command_line(argc, argv, std::cout, std::cerr, &g_stop, ::isatty(STDERR_FILENO) != 0);
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << wfsim::support::visible_text(e.what()) << "\n";
    code = wfsim::cli::kEnvironmentFailed;
  }
  if (code == wfsim::cli::kInterrupted) code = wfsim::cli::interrupted_code();
  // Output that never arrived (`wfsim schema > file` on a full disk) is a failure, not
  // a success that leaves a truncated file. A reader at the end of a pipe that stopped
  // reading (`| head`) chose to: that stays quiet.
  if (!std::cout.flush() && code == wfsim::cli::kSuccess && !stdout_is_pipe()) {
    std::cerr << "error: writing to standard output failed (is the disk full?); what was printed there is incomplete\n";
    code = wfsim::cli::kEnvironmentFailed;
  }
  if (wfsim::output::hdf5_close_failed()) {
    // HDF5's own clean-up at exit would crash on the file it failed to close; the
    // temporary is already removed and nothing else is pending.
    std::cout.flush();
    quiet_destructors.write_held();
    std::cerr.flush();
    std::_Exit(code);
  }
  return code;
}
