#include "output/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>

#include "output/hdf5_results_writer.hpp"
#include "output/pending_temporaries.hpp"

namespace wfsim::output {

namespace {

namespace fs = std::filesystem;

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "host";
  // '-' separates the name's parts; a host name's own '-' is kept, the parse splits
  // from the right. '/' cannot occur in a host name, but is replaced to be sure.
  std::string host(name);
  for (char& c : host) {
    if (c == '/') c = '_';
  }
  return host;
}

constexpr std::size_t kRandomHexDigits = 16;  // a 64-bit draw, as "%016llx" writes it

std::string random_hex() {
  std::random_device device;  // getrandom(2): unpredictable, unlike the PID alone
  const std::uint64_t value = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  char text[kRandomHexDigits + 1];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

std::string error_text() { return std::strerror(errno); }

// fsync of a file or folder by path.
bool sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot sync a folder
  return ::close(fd) == 0 && synced;
}

// A zombie has ended but not yet been waited for by its parent (slow to come under
// some orchestrators): kill(pid, 0) still finds it, and its temporary stayed behind.
bool is_zombie(long pid) {
  std::FILE* stat = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (stat == nullptr) return false;  // no /proc: judged by kill() alone
  char line[512] = {};
  const bool read = std::fgets(line, sizeof line, stat) != nullptr;
  std::fclose(stat);
  // "PID (COMMAND) STATE ...": the command may hold spaces and ')', so the state is
  // read after the last ')'.
  const char* close = read ? std::strrchr(line, ')') : nullptr;
  return close != nullptr && close[1] == ' ' && (close[2] == 'Z' || close[2] == 'X');
}

bool process_is_running(long pid) {
  if (pid <= 0) return true;  // not a PID we wrote: leave it
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return false;
  return !is_zombie(pid);
}

// A name "TARGET.partial-PID", as versions before the host was in the name wrote it.
constexpr long kOldStyle = -2;

// The PID in the temporary's suffix, if it was written on this host: "HOST-PID-HEX";
// kOldStyle for "PID"; -1 if the suffix is not ours to judge.
long pid_of_suffix(const std::string& suffix, const std::string& host) {
  const auto all_digits = [](const std::string& s) {
    return !s.empty() && s.size() < 10 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (all_digits(suffix)) return kOldStyle;
  const std::size_t last = suffix.rfind('-');
  if (last == std::string::npos || last == 0) return -1;
  const std::size_t middle = suffix.rfind('-', last - 1);
  if (middle == std::string::npos) return -1;
  const std::string pid = suffix.substr(middle + 1, last - middle - 1);
  if (suffix.substr(0, middle) != host || !all_digits(pid)) return -1;
  return std::stol(pid);
}

}  // namespace

std::string free_space_note(const std::string& target) {
  const fs::path target_path(target);
  std::error_code error;
  const fs::space_info space = fs::space(target_path.has_parent_path() ? target_path.parent_path() : ".", error);
  if (error) return "";
  char text[64];
  std::snprintf(text, sizeof text, " (the disk holding it has %.1f MB free)",
                static_cast<double>(space.available) / 1e6);
  return text;
}

int remove_stale_temporaries(const std::string& target) {
  const fs::path target_path(target);
  const fs::path folder = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  const std::string prefix = target_path.filename().string() + ".partial-";
  const std::string host = host_name();
  int removed = 0;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = pid_of_suffix(name.substr(prefix.size()), host);
    if (pid == kOldStyle) {
      // No host in the name: it may be another machine's on a shared folder, so only
      // one untouched for a day is taken as abandoned.
      std::error_code time_error;
      const auto written = fs::last_write_time(it->path(), time_error);
      if (time_error || fs::file_time_type::clock::now() - written < std::chrono::hours(24)) continue;
    } else if (pid < 0 || process_is_running(pid)) {
      continue;
    }
    // Only a regular file of ours; a link or anything else planted here is left alone.
    std::error_code status_error;
    if (!fs::is_regular_file(fs::symlink_status(it->path(), status_error))) continue;
    if (fs::remove(it->path(), status_error)) ++removed;
  }
  return removed;
}

namespace {
// ".partial-HOST-PID-RANDOM": the host and process let a later run tell a live
// writer's temporary from an abandoned one; `random` keeps two writers in one process
// apart.
std::string temporary_suffix(const std::string& random) {
  return ".partial-" + host_name() + "-" + std::to_string(::getpid()) + "-" + random;
}

// A new file, never one already there nor through a planted link.
int open_exclusive(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
}

std::atomic<std::uint64_t> g_files_saved{0};
}  // namespace

std::uint64_t files_saved() noexcept { return g_files_saved.load(); }

int try_create_beside(const std::string& target) {
  const std::string probe = target + temporary_suffix(random_hex());
  const int fd = open_exclusive(probe);
  if (fd < 0) return errno;
  ::close(fd);
  // A folder that takes files but will not give them up (append-only) would keep
  // every temporary: refused as well.
  return ::unlink(probe.c_str()) == 0 ? 0 : errno;
}

// Measured on a stand-in for the random part, which has a fixed length: nothing drawn.
std::size_t temporary_suffix_length() { return temporary_suffix(std::string(kRandomHexDigits, '0')).size(); }

namespace {

// The outputs checked so far and not yet taken by an AtomicFile, by absolute path.
std::mutex g_checked_mutex;
std::map<std::string, FileStanding> g_checked;

std::string checked_key(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

// What the command checked at `target`, taken once; else what stands there now.
FileStanding checked_standing(const std::string& target) {
  const std::string key = checked_key(target);
  std::lock_guard lock(g_checked_mutex);
  const auto found = g_checked.find(key);
  if (found == g_checked.end()) return FileStanding::at(target);
  const FileStanding standing = found->second;
  g_checked.erase(found);
  return standing;
}

}  // namespace

FileStanding FileStanding::at(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return {};
  return {true, static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
          static_cast<std::int64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

void note_checked_output(const std::string& path, const FileStanding& standing) {
  const std::string key = checked_key(path);
  std::lock_guard lock(g_checked_mutex);
  g_checked[key] = standing;
}

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)), before_(checked_standing(target_)) {
  remove_stale_temporaries(target_);
  temporary_ = target_ + temporary_suffix(random_hex());
  pending_slot_ = hold_pending(temporary_, target_);
}

AtomicFile::~AtomicFile() {
  if (!done_) ::unlink(temporary_.c_str());
  release_pending(pending_slot_);
}

int AtomicFile::create_exclusive() const {
  const int fd = open_exclusive(temporary_);
  if (fd < 0) {
    throw OutputError("cannot create '" + temporary_ + "' to write '" + target_ + "' into: " + error_text());
  }
  return fd;
}

void AtomicFile::commit(const std::function<void(const std::string&)>& verify) {
  if (done_) throw std::logic_error("AtomicFile::commit after commit or discard");
  try {
    if (!sync_path(temporary_, O_RDONLY)) {
      throw OutputError("cannot save '" + target_ + "' to disk: " + error_text());
    }
    if (verify) verify(temporary_);
    move_into_place();
  } catch (...) {
    discard();
    throw;
  }
  done_ = true;
  g_files_saved.fetch_add(1);
  release_pending(pending_slot_);
  pending_slot_ = -1;
  // The rename is durable once the folder is; a failure here leaves a whole file
  // that a crash might yet undo, which is not worth failing the run for.
  const fs::path target_path(target_);
  sync_path(target_path.has_parent_path() ? target_path.parent_path().string() : ".", O_RDONLY | O_DIRECTORY);
}

namespace {

// Renames `from` to `to` unless something stands at `to` (false, errno EEXIST): by
// renameat2's RENAME_NOREPLACE, or where the file system, kernel or a sandbox refuses
// the flag (EINVAL, ENOSYS, EPERM: a review's sandbox threw a result away) by a hard
// link, which replaces nothing either, and the old name removed; a plain rename only
// where neither is had. False, with errno, on any other failure.
bool rename_without_replacing(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS && errno != EPERM) return false;
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return true;
  }
  if (errno == EEXIST) return false;
  return std::rename(from.c_str(), to.c_str()) == 0;
}

}  // namespace

void AtomicFile::refuse_to_replace(const std::string& what) {
  // The finished file is kept under a name of its own, so that the work is not lost.
  const std::string kept = target_ + ".unsaved-" + random_hex();
  const bool moved = rename_without_replacing(temporary_, kept);
  throw OutputError(
      "'" + target_ + "' " + what + " while this ran: the finished file was not saved over it, and it " +
      "is as it was; " +
      (moved ? "the finished file is kept as '" + kept + "'" : "run again to write it, or write it elsewhere"));
}

void AtomicFile::move_into_place() {
  // The command checked what stood at the target (check_overwrite) and may replace
  // that alone: a file written there since (by hand, or by another run given the same
  // -o) was replaced without a word (a review).
  const FileStanding now = FileStanding::at(target_);
  if (now.exists && !before_.exists) refuse_to_replace("appeared");
  if (now.exists && now != before_) refuse_to_replace("was changed or replaced");
  if (now.exists) {
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
      throw OutputError("cannot move the finished file into '" + target_ + "': " + error_text());
    }
    return;
  }
  // Nothing there: a file put there in the instant between the look and the rename is
  // kept.
  if (rename_without_replacing(temporary_, target_)) return;
  if (errno == EEXIST) refuse_to_replace("appeared");
  throw OutputError("cannot move the finished file into '" + target_ + "': " + error_text());
}

void AtomicFile::discard() {
  if (!done_) ::unlink(temporary_.c_str());
  done_ = true;
  release_pending(pending_slot_);
  pending_slot_ = -1;
}

}  // namespace wfsim::output
