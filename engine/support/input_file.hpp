#pragma once
// Reading an input file whole, within bounds.
//
// Inputs come from users and are passed between organisations, so a path may name a
// device that never ends (/dev/zero), a pipe that never answers, a directory, or a
// file far larger than any real input. Each is refused with a reason before any
// unbounded work starts.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace wfsim::support {

class InputFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The whole of the regular file at `path`, if it is at most `max_bytes` long.
// Throws InputFileError (a message without the path, for the caller to place) if the
// file cannot be opened, is not a regular file, or is too large.
std::string read_input_file(const std::string& path, std::size_t max_bytes);

// Throws InputFileError unless `path` is a regular file (for readers that open the
// file themselves, such as HDF5's).
void check_regular_file(const std::string& path);

// "12.3 MB"-style size for messages.
std::string describe_size(std::size_t bytes);

}  // namespace wfsim::support
