#pragma once
// Scenario text in UTF-16 or UTF-32 with a byte-order mark, which yaml-cpp decodes:
// whether it is well-formed. A surrogate without its pair passed, and yaml-cpp turned
// it into bytes that are not UTF-8, written as such into the results' names.

#include <string_view>

namespace wfsim::scenario {

// Whether `text` starts with a UTF-16 or UTF-32 byte-order mark.
bool is_wide_text(std::string_view text);

// Whether `text`, without a byte-order mark, reads as UTF-16 (in either byte order):
// nine in ten of its first 512 pairs of bytes are a character below U+0100 and a zero.
// Taken for a binary, it was told "not a text file", which says nothing of the fix.
bool looks_like_utf16_without_mark(std::string_view text);

struct WidePosition {
  int line = 0;    // 1-based; 0 when the text is well-formed
  int column = 0;  // in code points from the line's start, 1-based
};

// Where wide text (is_wide_text) first fails to be well-formed: a UTF-16 surrogate
// without its pair, a UTF-32 value that is no code point, or a last unit cut short.
WidePosition first_ill_formed_wide(std::string_view text);

}  // namespace wfsim::scenario
