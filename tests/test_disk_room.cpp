// The early note that a results file will not fit on its disk (cli/disk_room.hpp).
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "cli/disk_room.hpp"

namespace {

// A file that grows by `per_replication` bytes a replication after a set-up of
// `setup` bytes, and will take `at_end` more when the run ends, on a disk with `free`
// bytes free.
struct FakeDisk {
  std::int64_t setup = 0, per_replication = 0, free = 0, at_end = 0;
  std::size_t done = 0;
  std::int64_t written() const { return setup + per_replication * static_cast<std::int64_t>(done); }
};

// The watch's notes for a run of `total` replications in blocks of `block`.
std::string notes_for(FakeDisk& disk, std::size_t total, std::size_t block, bool keeps_series = true) {
  wfsim::cli::DiskRoomWatch watch("out.h5",
                                  {.written = [&] { return disk.written(); },
                                   .at_end = [&] { return disk.at_end; },
                                   .free = [&] { return disk.free; }},
                                  keeps_series);
  std::string notes;
  for (disk.done = block; disk.done <= total; disk.done += block) notes += watch.update(disk.done, total);
  return notes;
}

}  // namespace

TEST_CASE("a results file that will not fit on its disk is noted after its second block, once", "[cli]") {
  // 10,000 replications of 1 MB each after a 50 MB set-up: 9.8 GB more after the
  // second block of 100, against 5 GB free.
  FakeDisk disk{.setup = 50'000'000, .per_replication = 1'000'000, .free = 5'000'000'000};
  const std::string notes = notes_for(disk, 10'000, 100);
  CHECK(notes ==
        "note: at the rate of its first replications, out.h5 will need about 9.8 GB more by the end of the run, and "
        "its disk has 5.0 GB free: the run will fail when the disk fills, and its work be lost. Stop it (Ctrl-C) "
        "and free space, or keep less: --keep summaries, or --keep series=NAME,... (docs/output-format.md)\n");
}

TEST_CASE("a results file that fits is not noted, nor is the set-up counted as growth", "[cli]") {
  // The set-up alone (2 GB) would project past the free space were it counted per
  // replication of the first block; the growth after it (9.8 MB) fits in 10 MB.
  FakeDisk fits{.setup = 2'000'000'000, .per_replication = 1'000, .free = 10'000'000};
  CHECK(notes_for(fits, 10'000, 100).empty());
  // Too little room said in MB where that is the scale.
  FakeDisk small{.setup = 0, .per_replication = 1'000, .free = 1'000'000};
  CHECK(notes_for(small, 10'000, 100).find("about 9.8 MB more by the end of the run, and its disk has 1.0 MB free") !=
        std::string::npos);
  // What is written only at the end counts: series that fit, summaries that do not.
  FakeDisk summaries{.setup = 0, .per_replication = 1'000, .free = 20'000'000, .at_end = 15'000'000};
  CHECK(notes_for(summaries, 10'000, 100)
            .find("about 24.8 MB more by the end of the run, and its disk has 20.0 MB "
                  "free") != std::string::npos);
  // With no series kept, --keep cannot help: the advice is room (a review).
  const std::string kept_none = notes_for(summaries, 10'000, 100, false);
  CHECK(kept_none.find("Stop it (Ctrl-C) and free space, or write it to a disk with more room\n") != std::string::npos);
  CHECK(kept_none.find("--keep") == std::string::npos);
  // A run of one block has no growth to judge; a free space that cannot be read is no note.
  FakeDisk one{.setup = 0, .per_replication = 1'000'000, .free = 0};
  CHECK(notes_for(one, 100, 100).empty());
  FakeDisk unread{.setup = 0, .per_replication = 1'000'000, .free = -1};
  CHECK(notes_for(unread, 10'000, 100).empty());
}
