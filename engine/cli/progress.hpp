#pragma once
// A one-line progress report for long runs, redrawn in place on a terminal and
// silent otherwise (so logs and pipes stay clean).

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>

namespace wfsim::cli {

class Progress {
 public:
  // `unit` names what is counted: "replications" of one run, or the runs of a paired
  // set, "runs (2 points x 100 replications)".
  Progress(std::ostream& out, bool enabled, std::string unit = "replications")
      : out_(out), enabled_(enabled), unit_(std::move(unit)), start_(Clock::now()) {}
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  bool enabled_;
  std::string unit_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_{};
};

}  // namespace wfsim::cli
