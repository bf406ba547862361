#include "scenario/wide_text.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace wfsim::scenario {

namespace {

enum class Form { utf16le, utf16be, utf32le, utf32be };

Form form_of(std::string_view text) {
  if (text.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return Form::utf32le;
  if (text.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return Form::utf32be;
  return text.starts_with("\xFF\xFE") ? Form::utf16le : Form::utf16be;
}

std::uint32_t unit_at(std::string_view text, std::size_t at, std::size_t size, bool little_endian) {
  std::uint32_t value = 0;
  for (std::size_t k = 0; k < size; ++k) {
    const auto byte = static_cast<unsigned char>(text[at + (little_endian ? size - 1 - k : k)]);
    value = (value << 8) | byte;
  }
  return value;
}

}  // namespace

bool is_wide_text(std::string_view text) {
  return text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") ||
         text.starts_with(std::string_view("\0\0\xFE\xFF", 4));
}

bool looks_like_utf16_without_mark(std::string_view text) {
  if (is_wide_text(text) || text.size() < 4) return false;
  const std::size_t pairs = std::min<std::size_t>(text.size() / 2, 512);
  std::size_t little = 0, big = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    const char first = text[2 * i], second = text[2 * i + 1];
    little += first != '\0' && second == '\0' ? 1 : 0;
    big += first == '\0' && second != '\0' ? 1 : 0;
  }
  return std::max(little, big) * 10 >= pairs * 9;
}

WidePosition first_ill_formed_wide(std::string_view text) {
  const Form form = form_of(text);
  const std::size_t size = form == Form::utf32le || form == Form::utf32be ? 4 : 2;
  const bool little_endian = form == Form::utf16le || form == Form::utf32le;
  WidePosition at{1, 1};
  for (std::size_t i = size; i < text.size();) {
    if (i + size > text.size()) return at;  // a last unit cut short
    const std::uint32_t unit = unit_at(text, i, size, little_endian);
    i += size;
    const bool high = unit >= 0xD800 && unit <= 0xDBFF, low = unit >= 0xDC00 && unit <= 0xDFFF;
    if (size == 4 ? (high || low || unit > 0x10FFFF) : low) return at;
    if (size == 2 && high) {
      if (i + size > text.size()) return at;
      const std::uint32_t next = unit_at(text, i, size, little_endian);
      if (next < 0xDC00 || next > 0xDFFF) return at;
      i += size;
    }
    if (unit == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return {};
}

}  // namespace wfsim::scenario
