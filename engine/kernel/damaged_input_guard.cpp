#include "kernel/damaged_input_guard.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace wfsim::kernel {

namespace {

// Set before the handler is installed and only read by it: a signal handler may call
// write() and _exit(), nothing that allocates or locks.
char g_message[2048];
std::size_t g_length = 0;
int g_exit_code = 1;

extern "C" void on_crash_reading(int) {
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, g_message, g_length);
  ::_exit(g_exit_code);
}

}  // namespace

DamagedInputGuard::DamagedInputGuard(const std::string& message, int exit_code) {
  const std::string line = message + "\n";
  g_length = std::min(line.size(), sizeof g_message);
  std::memcpy(g_message, line.data(), g_length);
  g_exit_code = exit_code;
  struct sigaction action {};
  action.sa_handler = on_crash_reading;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGSEGV, &action, &previous_segv_);
  ::sigaction(SIGBUS, &action, &previous_bus_);
  ::sigaction(SIGABRT, &action, &previous_abort_);
}

DamagedInputGuard::~DamagedInputGuard() {
  ::sigaction(SIGSEGV, &previous_segv_, nullptr);
  ::sigaction(SIGBUS, &previous_bus_, nullptr);
  ::sigaction(SIGABRT, &previous_abort_, nullptr);
}

}  // namespace wfsim::kernel
