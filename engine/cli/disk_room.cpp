#include "cli/disk_room.hpp"

#include <cstdio>
#include <filesystem>
#include <utility>

namespace wfsim::cli {

namespace fs = std::filesystem;

namespace {

// Bytes as a reader says them: "41.2 GB", "350.0 MB".
std::string size_text(double bytes) {
  char text[32];
  if (bytes >= 1e9) {
    std::snprintf(text, sizeof text, "%.1f GB", bytes / 1e9);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
  }
  return text;
}

}  // namespace

std::string DiskRoomWatch::update(std::size_t done, std::size_t total) {
  if (judged_ || done >= total) return "";
  const std::int64_t bytes = probes_.written();
  if (bytes < 0) return "";
  // The first block's bytes include the file's set-up (its layout, the scales), which
  // does not grow with the replications: growth is measured from there.
  if (first_bytes_ < 0) {
    first_bytes_ = bytes;
    first_done_ = done;
    return "";
  }
  if (done <= first_done_) return "";
  judged_ = true;
  const double per_replication = static_cast<double>(bytes - first_bytes_) / static_cast<double>(done - first_done_);
  // The summaries and the mean flows are written at the end, at a size the replications
  // do not change: a run whose series fitted could fail there (a review: 6 MB of
  // series, 44 of summaries).
  const std::int64_t at_end = probes_.at_end();
  const double more =
      per_replication * static_cast<double>(total - done) + static_cast<double>(std::max<std::int64_t>(0, at_end));
  const std::int64_t free = probes_.free();
  if (free < 0 || more <= static_cast<double>(free)) return "";
  return "note: at the rate of its first replications, " + target_ + " will need about " + size_text(more) +
         " more by the end of the run, and its disk has " + size_text(static_cast<double>(free)) +
         " free: the run will fail when the disk fills, and its work be lost. Stop it (Ctrl-C) and free space, " +
         // With no series kept the file is its summaries: --keep cannot make it smaller (a review).
         (keeps_series_ ? "or keep less: --keep summaries, or --keep series=NAME,... (docs/output-format.md)\n"
                        : "or write it to a disk with more room\n");
}

DiskRoomWatch disk_room_watch(const std::string& target, const std::string& temporary,
                              std::function<std::int64_t()> at_end, bool keeps_series) {
  const fs::path target_path(target);
  const fs::path folder = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  DiskRoomProbes probes;
  probes.written = [temporary] {
    std::error_code error;
    const auto size = fs::file_size(temporary, error);
    return error ? std::int64_t{-1} : static_cast<std::int64_t>(size);
  };
  probes.at_end = std::move(at_end);
  probes.free = [folder] {
    std::error_code error;
    const fs::space_info space = fs::space(folder, error);
    return error ? std::int64_t{-1} : static_cast<std::int64_t>(space.available);
  };
  return DiskRoomWatch(target, std::move(probes), keeps_series);
}

}  // namespace wfsim::cli
