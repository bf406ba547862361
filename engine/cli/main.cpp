// wfsim's entry point: installs the interrupt handler and hands over to the CLI.

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "parallel/cluster.hpp"

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_interrupt(int) { g_stop.store(true); }
}  // namespace

int main(int argc, char** argv) {
  // Ctrl-C asks the run to stop after the current block; the partial output is then
  // discarded cleanly instead of leaving a half-written file.
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  try {
    // Under mpirun or srun, every rank runs this; rank 0 reports and writes.
    wfsim::parallel::ClusterSession session(argc, argv);
    if (wfsim::parallel::cluster().rank() != 0) {
      std::ostringstream unread;
      return wfsim::cli::run_command_line(argc, argv, unread, std::cerr, &g_stop, false);
    }
    return wfsim::cli::run_command_line(argc, argv, std::cout, std::cerr, &g_stop, ::isatty(STDERR_FILENO) != 0);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
