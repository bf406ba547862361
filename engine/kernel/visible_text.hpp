#pragma once
// Text read from a file another program may have written, made safe to print on a
// terminal: a control character (an escape sequence, a carriage return, a bell) is
// shown as \xNN instead of acting on the terminal or hiding what precedes it.

#include <string>
#include <string_view>

namespace wfsim::kernel {

// `text` with each byte below 0x20 other than a line end, and 0x7F, as "\xNN";
// a backslash is left as it is, and bytes of 0x80 and above (UTF-8) too.
std::string visible_text(std::string_view text);

}  // namespace wfsim::kernel
