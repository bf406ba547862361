#include "output/text_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "output/atomic_file.hpp"
#include "output/hdf5_results_writer.hpp"
#include "support/input_file.hpp"

namespace wfsim::output {

namespace {

// Writes all of `text` to `fd` and closes it; false (errno set) on any failure.
bool write_all_and_close(int fd, const std::string& text) {
  std::size_t written = 0;
  bool ok = true;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  if (::close(fd) != 0) return false;
  errno = saved;
  return ok;
}

}  // namespace

void write_text_file(const std::string& path, const std::string& text, const std::atomic<bool>* stop) {
  AtomicFile file(path);
  if (!write_all_and_close(file.create_exclusive(), text)) {
    throw OutputError("writing '" + path + "' failed: " + std::strerror(errno));
  }
  file.commit([&](const std::string& written) {
    if (stop && stop->load()) throw OutputCancelled();
    // Read back what reached the disk before it replaces anything.
    std::string back;
    try {
      back = support::read_input_file(written, text.size());
    } catch (const support::InputFileError& e) {
      throw OutputError("cannot read back '" + path + "' after writing it: " + e.what());
    }
    if (back != text) throw OutputError("'" + path + "' did not read back as written (is the disk failing?)");
  });
}

}  // namespace wfsim::output
