#include "support/damaged_input_guard.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace wfsim::support {

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

extern "C" void on_interrupt_reading(int signal) {
  static constexpr char kInterrupted[] = "interrupted while reading an input; nothing was written\n";
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, kInterrupted, sizeof kInterrupted - 1);
  ::_exit(128 + signal);
}

}  // namespace

DamagedInputGuard::DamagedInputGuard(const std::string& message, int exit_code) {
  const std::string line = message + "\n";
  g_length = std::min(line.size(), sizeof g_message);
  std::memcpy(g_message, line.data(), g_length);
  g_exit_code = exit_code;
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_handler = on_crash_reading;
  for (std::size_t i = 0; i < std::size(kCrashes); ++i) ::sigaction(kCrashes[i], &action, &previous_crash_[i]);
  action.sa_handler = on_interrupt_reading;
  for (std::size_t i = 0; i < std::size(kInterrupts); ++i) {
    ::sigaction(kInterrupts[i], &action, &previous_interrupt_[i]);
  }
}

DamagedInputGuard::~DamagedInputGuard() {
  for (std::size_t i = 0; i < std::size(kCrashes); ++i) ::sigaction(kCrashes[i], &previous_crash_[i], nullptr);
  for (std::size_t i = 0; i < std::size(kInterrupts); ++i) {
    ::sigaction(kInterrupts[i], &previous_interrupt_[i], nullptr);
  }
}

}  // namespace wfsim::support
