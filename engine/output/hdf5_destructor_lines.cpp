#include "output/hdf5_destructor_lines.hpp"

#include <cctype>
#include <iostream>

namespace wfsim::output {

namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// How far `text` follows "Name::~Name - ": the length matched, or kStrays where it
// strays.
constexpr std::size_t kStrays = std::string::npos;

std::size_t matched(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && name_char(text[i])) ++i;
  for (const char expected : {':', ':', '~'}) {
    if (i == text.size()) return i;
    if (text[i++] != expected) return kStrays;
  }
  while (i < text.size() && name_char(text[i])) ++i;
  for (const char expected : {' ', '-', ' '}) {
    if (i == text.size()) return i;
    if (text[i++] != expected) return kStrays;
  }
  return i;
}

}  // namespace

bool Hdf5DestructorLineFilter::may_become(const std::string& text) { return matched(text) != kStrays; }

bool Hdf5DestructorLineFilter::is_destructor_line(const std::string& line) {
  const std::size_t at = matched(line);
  return at != kStrays && line.find("::~") != std::string::npos && line.find(" - ") != std::string::npos &&
         line.find("failed") != std::string::npos;
}

void Hdf5DestructorLineFilter::pass_on() {
  target_->sputn(held_.data(), static_cast<std::streamsize>(held_.size()));
  held_.clear();
}

// Text is held and written a line at a time (or up to a '\r', which progress redraws
// with), in one write: a character at a time, lines from several ranks under `mpirun
// --tag-output` came out split into their characters.
Hdf5DestructorLineFilter::int_type Hdf5DestructorLineFilter::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const char ch = traits_type::to_char_type(c);
  held_ += ch;
  if (ch == '\n') {
    if (is_destructor_line(held_.substr(0, held_.size() - 1))) {
      held_.clear();
    } else {
      pass_on();
    }
    line_begun_ = false;
  } else if (ch == '\r') {
    pass_on();
    line_begun_ = false;
  }
  return c;
}

std::streamsize Hdf5DestructorLineFilter::xsputn(const char* s, std::streamsize n) {
  for (std::streamsize i = 0; i < n; ++i) overflow(traits_type::to_int_type(s[i]));
  return n;
}

// std::cerr flushes after every insertion. What is held goes out then unless it may
// still become a destructor's line: text that begins one (HDF5 writes "DataSet::~DataSet
// - " in one insertion), whether at a line's start or after a progress line's text
// that no line end followed. The rest of a line begun so goes out as it comes.
int Hdf5DestructorLineFilter::sync() {
  if (!held_.empty()) {
    const bool begins_one = may_become(held_) && (!line_begun_ || held_.find("::~") != std::string::npos);
    if (!begins_one) {
      pass_on();
      line_begun_ = true;
    }
  }
  return target_->pubsync();
}

QuietHdf5Destructors::QuietHdf5Destructors() : original_(std::cerr.rdbuf()), filter_(original_) {
  std::cerr.rdbuf(&filter_);
}

QuietHdf5Destructors::~QuietHdf5Destructors() {
  filter_.pass_on();
  std::cerr.flush();
  std::cerr.rdbuf(original_);
}

}  // namespace wfsim::output
