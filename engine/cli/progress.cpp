#include "cli/progress.hpp"

#include <cstdio>

#include "cli/command_support.hpp"

namespace wfsim::cli {

ProgressStyle progress_style(bool quiet, bool asked, bool terminal) {
  if (quiet && asked) throw UsageError("--progress and --quiet contradict each other: give one");
  if (quiet) return ProgressStyle::none;
  if (terminal) return ProgressStyle::redrawn;
  return asked ? ProgressStyle::lines : ProgressStyle::none;
}

void Progress::update(std::size_t done, std::size_t total) {
  if (style_ == ProgressStyle::none || total == 0) return;
  const auto now = Clock::now();
  if (style_ == ProgressStyle::redrawn) {
    // Redraw at most ten times a second, and always at the end.
    if (done < total && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  } else if (now - last_draw_ < every_) {
    // A log gets a line every 15 seconds (none for a shorter run: its summary says all).
    return;
  }
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double left = done > 0 ? elapsed * static_cast<double>(total - done) / static_cast<double>(done) : 0;
  char line[200];
  std::snprintf(line, sizeof line, "%s  %zu/%zu %s (%3.0f%%), %.1f s elapsed, about %.0f s left%s",
                style_ == ProgressStyle::redrawn ? "\r" : "", done, total, unit_.c_str(),
                100.0 * static_cast<double>(done) / static_cast<double>(total), elapsed, left,
                style_ == ProgressStyle::redrawn ? "   " : "\n");
  out_ << line << std::flush;
  drawn_ = style_ == ProgressStyle::redrawn;
}

void Progress::finish() {
  if (drawn_) out_ << "\n" << std::flush;
  drawn_ = false;
}

}  // namespace wfsim::cli
