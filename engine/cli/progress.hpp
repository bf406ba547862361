#pragma once
// A one-line progress report for long runs, redrawn in place on a terminal and
// silent otherwise (so logs and pipes stay clean).

#include <chrono>
#include <cstddef>
#include <ostream>

namespace wfsim::cli {

class Progress {
 public:
  Progress(std::ostream& out, bool enabled) : out_(out), enabled_(enabled), start_(Clock::now()) {}
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_{};
};

}  // namespace wfsim::cli
