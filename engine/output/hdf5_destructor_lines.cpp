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
  target_->sputn(pending_.data(), static_cast<std::streamsize>(pending_.size()));
  pending_.clear();
}

Hdf5DestructorLineFilter::int_type Hdf5DestructorLineFilter::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const char ch = traits_type::to_char_type(c);
  if (passing_) {
    // The rest of a line already known to be no destructor's.
    target_->sputc(ch);
    passing_ = ch != '\n';
    return c;
  }
  pending_ += ch;
  if (pending_.back() == '\n') {
    if (is_destructor_line(pending_.substr(0, pending_.size() - 1))) {
      pending_.clear();
    } else {
      pass_on();
    }
  } else if (!may_become(pending_)) {
    pass_on();              // an ordinary line, or progress's '\r': passed on as it comes
    passing_ = ch != '\r';  // after a '\r', a line starts again
  }
  return c;
}

std::streamsize Hdf5DestructorLineFilter::xsputn(const char* s, std::streamsize n) {
  for (std::streamsize i = 0; i < n; ++i) overflow(traits_type::to_int_type(s[i]));
  return n;
}

int Hdf5DestructorLineFilter::sync() { return target_->pubsync(); }

QuietHdf5Destructors::QuietHdf5Destructors() : original_(std::cerr.rdbuf()), filter_(original_) {
  std::cerr.rdbuf(&filter_);
}

QuietHdf5Destructors::~QuietHdf5Destructors() {
  filter_.pass_on();
  std::cerr.flush();
  std::cerr.rdbuf(original_);
}

}  // namespace wfsim::output
