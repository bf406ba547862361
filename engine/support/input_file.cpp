#include "support/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace wfsim::support {

namespace {

// Closes the descriptor on every way out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

std::string describe_size(std::size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

void check_regular_file(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    throw InputFileError(errno == ENOENT ? "no such file" : std::string("cannot open it: ") + std::strerror(errno));
  }
  if (!S_ISREG(status.st_mode)) {
    throw InputFileError(std::string("it is ") + kind_of(status.st_mode) + ", not a file wfsim can read");
  }
}

std::string read_input_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a pipe must not wait for a writer; it is refused just below.
  const Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) {
    const int error = errno;
    if (error == ENOENT) throw InputFileError("no such file");
    throw InputFileError(std::string("cannot open it: ") + std::strerror(error));
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) throw InputFileError(std::string("cannot read it: ") + std::strerror(errno));
  if (!S_ISREG(status.st_mode)) {
    throw InputFileError(std::string("it is ") + kind_of(status.st_mode) + ", not a file wfsim can read");
  }
  const auto too_large = [&] {
    return InputFileError("it is larger than " + describe_size(max_bytes) +
                          ", far beyond any input of this kind; is it the right file?");
  };
  if (static_cast<unsigned long long>(status.st_size) > max_bytes) throw too_large();
  std::string text;
  text.reserve(static_cast<std::size_t>(status.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw InputFileError(std::string("cannot read it: ") + std::strerror(errno));
    if (got == 0) break;
    // The file may grow while it is read; the bound holds on what is read.
    if (text.size() + static_cast<std::size_t>(got) > max_bytes) throw too_large();
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

}  // namespace wfsim::support
