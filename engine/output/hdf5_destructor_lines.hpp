#pragma once
// HDF5's C++ API closes an object in its destructor and, when the close fails, prints
// "DataSet::~DataSet - H5Dclose failed" (or Group::~Group, ...) to std::cerr and goes
// on. A close fails when the file can no longer be written (a full disk), and the
// failure is then also thrown by the write or the file's close that follows, which
// says what happened once, by file and reason. Unwinding from that failure destroys
// every dataset still open, and each printed its own line above the one that says
// what happened: 13 to 44 lines on a nearly full disk (a robustness test). This
// filter, installed on std::cerr for the life of main(), drops those lines and passes
// everything else on as it comes.

#include <streambuf>
#include <string>

namespace wfsim::output {

class Hdf5DestructorLineFilter : public std::streambuf {
 public:
  explicit Hdf5DestructorLineFilter(std::streambuf* target) : target_(target) {}

  // Whether `text` may still grow into such a line ("Name::~Name - ..."), or is one.
  static bool may_become(const std::string& text);
  static bool is_destructor_line(const std::string& line);
  // Writes what is held (a last line without its end, before the process ends).
  void pass_on();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  std::streambuf* target_;
  std::string held_;         // what is not yet written of the current line
  bool line_begun_ = false;  // part of the current line has been written
};

// Puts the filter on std::cerr until the object ends.
class QuietHdf5Destructors {
 public:
  QuietHdf5Destructors();
  ~QuietHdf5Destructors();
  // Writes what is held, before the process ends without destructors (std::_Exit).
  void write_held() { filter_.pass_on(); }
  QuietHdf5Destructors(const QuietHdf5Destructors&) = delete;
  QuietHdf5Destructors& operator=(const QuietHdf5Destructors&) = delete;

 private:
  std::streambuf* original_;
  Hdf5DestructorLineFilter filter_;
};

}  // namespace wfsim::output
