#include "cli/progress.hpp"

#include <cstdio>

namespace wfsim::cli {

void Progress::update(std::size_t done, std::size_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = Clock::now();
  // Redraw at most ten times a second, and always at the end.
  if (done < total && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double left = done > 0 ? elapsed * static_cast<double>(total - done) / static_cast<double>(done) : 0;
  char line[200];
  std::snprintf(line, sizeof line, "\r  %zu/%zu %s (%3.0f%%), %.1f s elapsed, about %.0f s left   ", done, total,
                unit_.c_str(), 100.0 * static_cast<double>(done) / static_cast<double>(total), elapsed, left);
  out_ << line << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) out_ << "\n" << std::flush;
  drawn_ = false;
}

}  // namespace wfsim::cli
