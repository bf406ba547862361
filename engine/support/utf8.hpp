#pragma once
// Reading UTF-8 one code point at a time: whether text is well-formed UTF-8, and where
// it stops being so (the scenario's checks, and text from a file shown on a terminal).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wfsim::support {

struct CodePoint {
  std::uint32_t value = 0;
  std::size_t length = 0;  // in bytes; 0 if the bytes there are not well-formed UTF-8
};

// The code point that starts at byte `at` of `text` (at < text.size()). Overlong forms,
// surrogates and values past U+10FFFF are not well-formed.
CodePoint decode_utf8(std::string_view text, std::size_t at);

// The offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t first_non_utf8(std::string_view text);

}  // namespace wfsim::support
