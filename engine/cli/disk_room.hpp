#pragma once
// Whether the results file will fit on its disk, judged early in a long run: a run
// that keeps every series of many replications (England's, with --keep all) could
// write for hours and then fail when the disk filled, losing its work. After the
// second block reaches the file, the growth per replication so far is projected to
// the run's end and set against the disk's free space; if it will not fit, a note
// says so at once, while stopping costs little. Said once; the run goes on.

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace wfsim::cli {

class DiskRoomWatch {
 public:
  // `written()`: the file's bytes so far; `free()`: the bytes its disk has free (both
  // may fail by returning nothing useful: -1). `target` is the file's name as given.
  DiskRoomWatch(std::ostream& err, std::string target, std::function<std::int64_t()> written,
                std::function<std::int64_t()> free);
  // Called as replications reach the file: `done` of `total`.
  void update(std::size_t done, std::size_t total);

 private:
  std::ostream& err_;
  std::string target_;
  std::function<std::int64_t()> written_, free_;
  std::size_t first_done_ = 0;  // replications in the file at the first call
  std::int64_t first_bytes_ = -1;
  bool judged_ = false;
};

// The watch for a results file being written at `temporary` in place of `target`.
DiskRoomWatch disk_room_watch(std::ostream& err, const std::string& target, const std::string& temporary);

}  // namespace wfsim::cli
