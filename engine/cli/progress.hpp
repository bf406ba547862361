#pragma once
// Progress of a long run: one line redrawn in place on a terminal; with --progress where
// standard error is no terminal (a batch job's log, mpirun's pipe), a plain line every
// 15 seconds; else silent, so that logs and pipes stay clean.

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>

namespace wfsim::cli {

enum class ProgressStyle { none, redrawn, lines };

// The style for a command's options: none with --quiet (which --progress contradicts:
// a UsageError), redrawn on a terminal, lines with --progress elsewhere.
ProgressStyle progress_style(bool quiet, bool asked, bool terminal);

class Progress {
 public:
  // `unit` names what is counted: "replications" of one run, or the runs of a paired
  // set, "runs (2 points x 100 replications)".
  // `every`: how often a plain line is written (15 s; a test's may be shorter).
  Progress(std::ostream& out, ProgressStyle style, std::string unit = "replications",
           std::chrono::milliseconds every = std::chrono::seconds(15))
      : out_(out), style_(style), unit_(std::move(unit)), every_(every), start_(Clock::now()), last_draw_(start_) {}
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  ProgressStyle style_;
  std::string unit_;
  std::chrono::milliseconds every_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace wfsim::cli
