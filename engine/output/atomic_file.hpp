#pragma once
// Files written whole or not at all.
//
// An AtomicFile is written under a temporary name beside its target and renamed over
// the target only when complete (commit), so a target that exists is always whole and
// a failed or interrupted write leaves any earlier file untouched. The temporary is
// removed on every other way out.

#include <string>

namespace wfsim::output {

class AtomicFile {
 public:
  explicit AtomicFile(std::string target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  const std::string& target() const { return target_; }
  // Where to write until commit().
  const std::string& temporary() const { return temporary_; }
  // Moves the finished temporary into place; throws OutputError if it cannot.
  void commit();
  // Removes the temporary now (a writer that failed); commit() is then an error.
  void discard();

 private:
  std::string target_;
  std::string temporary_;
  bool done_ = false;
};

}  // namespace wfsim::output
