#include "scenario/name_characters.hpp"

#include <algorithm>

namespace wfsim::scenario {

bool is_space(std::uint32_t code) {
  return (code >= 0x09 && code <= 0x0D) || (code >= 0x1C && code <= 0x20) || code == 0x85 || code == 0xA0 ||
         code == 0x1680 || (code >= 0x2000 && code <= 0x200A) || code == 0x2028 || code == 0x2029 || code == 0x202F ||
         code == 0x205F || code == 0x3000;
}

bool is_invisible(std::uint32_t code) {
  return code == 0xAD || code == 0x34F || code == 0x61C || (code >= 0x115F && code <= 0x1160) ||
         (code >= 0x17B4 && code <= 0x17B5) || (code >= 0x180B && code <= 0x180E) ||
         (code >= 0x200B && code <= 0x200F) || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2060 && code <= 0x2064) || (code >= 0x2066 && code <= 0x2069) || code == 0x2800 || code == 0x3164 ||
         (code >= 0xFE00 && code <= 0xFE0F) || code == 0xFEFF || code == 0xFFA0 ||
         (code >= 0x1D173 && code <= 0x1D17A) || code == 0xE0001 || (code >= 0xE0020 && code <= 0xE007F) ||
         (code >= 0xE0100 && code <= 0xE01EF);
}

std::string without_end_spaces(std::string_view text) {
  std::size_t first = text.size(), end = 0;  // the first byte kept and one past the last
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint c = decode_utf8(text, i);
    const std::size_t length = c.length == 0 ? 1 : c.length;
    if (c.length == 0 || !is_space(c.value)) {
      first = std::min(first, i);
      end = i + length;
    }
    i += length;
  }
  return first < end ? std::string(text.substr(first, end - first)) : std::string();
}

std::string folded_for_comparison(std::string_view text) {
  std::string folded;
  bool after_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint c = decode_utf8(text, i);
    const std::size_t length = c.length == 0 ? 1 : c.length;
    if (c.length != 0 && is_invisible(c.value)) {
      // Shows nothing: "Kent" and "Kent" with a zero-width space look the same.
    } else if (c.length != 0 && is_space(c.value)) {
      if (!after_space) folded += ' ';
      after_space = true;
    } else {
      const char first = text[i];
      folded += first >= 'A' && first <= 'Z' ? static_cast<char>(first - 'A' + 'a') : first;
      folded.append(text.substr(i + 1, length - 1));
      after_space = false;
    }
    i += length;
  }
  return folded;
}

std::string invisibles_shown(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string shown;
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint c = decode_utf8(text, i);
    const std::size_t length = c.length == 0 ? 1 : c.length;
    if (c.length != 0 && is_invisible(c.value)) {
      const bool wide = c.value > 0xFFFF;
      shown += wide ? "\\U" : "\\u";
      for (int shift = wide ? 28 : 12; shift >= 0; shift -= 4) shown += kHex[(c.value >> shift) & 0xF];
    } else {
      shown.append(text.substr(i, length));
    }
    i += length;
  }
  return shown;
}

}  // namespace wfsim::scenario
