#pragma once
// Whether the results file will fit on its disk, judged early in a long run: a run
// that keeps every series of many replications (England's, with --keep all) could
// write for hours and then fail when the disk filled, losing its work. After the
// second block reaches the file, the growth per replication so far is projected to
// the run's end, with what is written only at the end (the summaries and the mean
// flows), and set against the disk's free space; if it will not fit, a note says so
// at once, while stopping costs little. Said once; the run goes on.

#include <cstdint>
#include <functional>
#include <string>

namespace wfsim::cli {

// What the watch asks of the file and its disk; each may fail by returning -1.
struct DiskRoomProbes {
  std::function<std::int64_t()> written;  // the file's bytes so far
  std::function<std::int64_t()> at_end;   // bytes written only at the end, whatever the replications
  std::function<std::int64_t()> free;     // bytes free on the file's disk
};

class DiskRoomWatch {
 public:
  // `target` is the file's name as given; `keeps_series`, whether the run keeps any
  // per-replication series (what --keep could leave out).
  DiskRoomWatch(std::string target, DiskRoomProbes probes, bool keeps_series)
      : target_(std::move(target)), probes_(std::move(probes)), keeps_series_(keeps_series) {}
  // Called as replications reach the file: `done` of `total`. The note to print (a
  // line, on its own: a progress line drawn in place is to be ended first), or empty.
  std::string update(std::size_t done, std::size_t total);

 private:
  std::string target_;
  DiskRoomProbes probes_;
  bool keeps_series_ = true;
  std::size_t first_done_ = 0;  // replications in the file at the first call
  std::int64_t first_bytes_ = -1;
  bool judged_ = false;
};

// The watch for a results file being written at `temporary` in place of `target`,
// `at_end` bytes of it written only when the run ends.
DiskRoomWatch disk_room_watch(const std::string& target, const std::string& temporary,
                              std::function<std::int64_t()> at_end, bool keeps_series);

}  // namespace wfsim::cli
