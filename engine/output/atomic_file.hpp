#pragma once
// Files written whole or not at all, without following anyone's links.
//
// An AtomicFile is written under a temporary name beside its target and renamed over
// the target only when complete, synced and checked (commit), so a target that exists
// is always whole and a failed or interrupted write leaves any earlier file untouched.
// The temporary is removed on every other way out.
//
// The temporary's name, TARGET.partial-HOST-PID-RANDOM, cannot be guessed, and the
// writer creates it exclusively (O_CREAT|O_EXCL, which never follows a link), so a
// link planted beside the target is never written through. A process killed outright
// cannot remove its temporary; the next AtomicFile for the same target removes those
// whose process (on this host) is gone.

#include <cstdint>
#include <functional>
#include <string>

namespace wfsim::output {

// What stands at a path: its identity, size and last change, or nothing.
struct FileStanding {
  bool exists = false;
  std::uint64_t device = 0, inode = 0;
  std::int64_t size = 0, changed_ns = 0;
  bool operator==(const FileStanding&) const = default;
  static FileStanding at(const std::string& path);
};

// Notes `standing` (taken before the checks, so that a file put there during them is
// not taken for one checked) as what the command has checked it may replace at `path`
// (check_overwrite calls it): the AtomicFile made for `path` later in this process
// compares against that, not against what stands when it is made, since backtest and
// calibrate make theirs only once their work is done.
void note_checked_output(const std::string& path, const FileStanding& standing);

class AtomicFile {
 public:
  // Removes stale temporaries of `target` and picks a fresh temporary name (the file
  // itself is created by the writer, exclusively: see create_exclusive).
  explicit AtomicFile(std::string target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  const std::string& target() const { return target_; }
  // Where to write until commit().
  const std::string& temporary() const { return temporary_; }
  // Creates the temporary exclusively, for writing; returns its descriptor (the
  // caller closes it). Throws OutputError.
  int create_exclusive() const;
  // Syncs the finished (closed) temporary to disk, calls `verify` on it (which throws
  // to refuse it), renames it over the target and syncs the folder. Throws
  // OutputError; the temporary is then removed and the target left as it was. Only
  // what the command checked stands at the target may be replaced: a file put there
  // since, or that one changed, is not (a target that was free is created by a rename
  // that refuses to replace anything), and the finished file is then kept beside it
  // under a name the message gives.
  void commit(const std::function<void(const std::string&)>& verify = {});
  // Removes the temporary now (a writer that failed); commit() is then an error.
  void discard();

 private:
  void move_into_place();
  [[noreturn]] void refuse_to_replace(const std::string& what);

  std::string target_;
  std::string temporary_;
  FileStanding before_;  // what the command checked at the target (note_checked_output), else what stood at making
  bool done_ = false;
  int pending_slot_ = -1;  // pending_temporaries.hpp: removed by a fatal signal's handler
};

// " (the disk holding it has 0.2 MB free)", for messages about failed writes; empty
// if the space cannot be read.
std::string free_space_note(const std::string& target);

// Removes the temporaries of `target` left by processes on this host that no longer
// run; returns how many. Called by every AtomicFile; exposed for tests.
int remove_stale_temporaries(const std::string& target);

// How many files this process has saved (AtomicFiles committed). Asked of a command
// stopped by a signal that still ended well: one that saved its file did so before
// the stop, and ends with exit 0; one that saved none is said stopped.
std::uint64_t files_saved() noexcept;

// Creates a temporary of `target` beside it and removes it at once: 0 if that worked,
// else the errno. A folder access() says may be written can still refuse a file (a
// read-only file system, /proc, /sys), which was found only when the results file was
// created, and said as the machine's failure.
int try_create_beside(const std::string& target);

// How many characters the temporary's name adds to the target's in this process
// (".partial-HOST-PID-RANDOM"): a target name within this much of the folder's limit
// could not be written.
std::size_t temporary_suffix_length();

}  // namespace wfsim::output
