#pragma once
// Text read from a file another program may have written, made safe to print on a
// terminal: a control character (an escape sequence, a carriage return, a bell) is
// shown as \xNN instead of acting on the terminal or hiding what precedes it.

#include <string>
#include <string_view>

namespace wfsim::support {

// `text` with each control character as "\xNN": bytes below 0x20 (but the line end,
// where `keep_line_ends`), 0x7F, and the C1 controls U+0080 to U+009F, which some
// terminals obey as ESC sequences (their UTF-8 bytes, "\xC2\x9B"); and each direction
// control (U+202E and its kin, which reorder the line) as "\u202E"; and each byte that is
// not part of well-formed UTF-8 as "\xNN". Other UTF-8 and a backslash are left as they
// are.
std::string visible_text(std::string_view text, bool keep_line_ends = true);

}  // namespace wfsim::support
