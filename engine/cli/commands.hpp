#pragma once
// The wfsim command line: `wfsim run`, `wfsim validate`, help and version.
//
// Kept apart from main() so tests can run commands in-process and check their
// messages and exit codes.

#include <atomic>
#include <ostream>

namespace wfsim::cli {

// The exit-code contract (README, "Exit codes"): 0 done; 1 the environment failed (disk,
// memory, threads); 2 bad input or usage; 130 interrupted (143 when by SIGTERM, which
// main() maps). Never a signal death.
enum ExitCode : int { kSuccess = 0, kEnvironmentFailed = 1, kBadInput = 2, kInterrupted = 130 };

// The signal that raised the stop flag, recorded by main()'s handler (a store only: safe
// there). interrupted_code() is 128 + it, the shell's code (130 SIGINT, 143 SIGTERM, 129
// SIGHUP), or kInterrupted if none was recorded.
void record_interrupt(int signal) noexcept;
int interrupted_code() noexcept;

// Runs one wfsim command line. `stop`, if given, is polled to abandon a run early.
int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>* stop = nullptr, bool interactive = false);

}  // namespace wfsim::cli
