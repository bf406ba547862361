#pragma once
// A results, comparison or sweep file's attributes as info reads them: text, whole
// numbers, and text shown on one line with its control characters escaped.

#include <H5Cpp.h>

#include <cstdint>
#include <ostream>
#include <string>

namespace wfsim::cli {

// The text attribute `name`, or "" if there is none or it is not text (another
// program's number under the name once read as an empty text anyway).
std::string text_attribute(const H5::H5Object& where, const std::string& name);
// The whole-number attribute `name`, or 0 if there is none.
std::uint64_t whole_attribute(const H5::H5Object& where, const std::string& name);
// The text attribute shown on one line: a tampered file's control characters and line
// ends escaped (support/visible_text.hpp), which added a line of its own making.
std::string one_line_attribute(const H5::H5Object& where, const std::string& name);
// An attribute that holds one item a line (extends, overrides, notes): each on its own
// line, aligned under the first, which follows `label`; nothing if it holds none.
void print_listed(std::ostream& out, const std::string& label, const std::string& items);

}  // namespace wfsim::cli
