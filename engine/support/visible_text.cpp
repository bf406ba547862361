#include "support/visible_text.hpp"

#include "support/utf8.hpp"

namespace wfsim::support {

namespace {

// The code point of a direction control at `i` (U+061C, U+200E, U+200F, U+202A to
// U+202E, U+2066 to U+2069), or 0. Printed as they are, they reorder the rest of the
// terminal's line: a name holding U+202E showed an error's words backwards (a
// hostile-input review).
unsigned direction_control_at(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  if (byte(0) == 0xD8 && byte(1) == 0x9C) return 0x61C;
  if (byte(0) != 0xE2) return 0;
  const unsigned code = 0x2000 + ((byte(1) & 0x3Fu) << 6) + (byte(2) & 0x3Fu);
  if (byte(1) < 0x80 || byte(1) > 0x81 || byte(2) < 0x80 || byte(2) > 0xBF) return 0;
  const bool control =
      code == 0x200E || code == 0x200F || (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
  return control ? code : 0;
}

}  // namespace

std::string visible_text(std::string_view text, bool keep_line_ends) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string shown;
  shown.reserve(text.size());
  auto escape = [&](unsigned char c) {
    shown += "\\x";
    shown += kHex[c >> 4];
    shown += kHex[c & 0xF];
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (const unsigned direction = direction_control_at(text, i); direction != 0) {
      shown += "\\u";
      for (const int shift : {12, 8, 4, 0}) shown += kHex[(direction >> shift) & 0xF];
      i += direction == 0x61C ? 1 : 2;
    } else if (c1) {
      escape(c);
      escape(static_cast<unsigned char>(text[++i]));
    } else if ((c < 0x20 && !(c == '\n' && keep_line_ends)) || c == 0x7F) {
      escape(c);
    } else if (const std::size_t length = decode_utf8(text, i).length; length == 0) {
      escape(c);  // not UTF-8 (a damaged file's bytes): a terminal, or a caller decoding it, would choke
    } else if (length > 1) {
      shown.append(text.substr(i, length));
      i += length - 1;
    } else {
      shown += text[i];
    }
  }
  return shown;
}

}  // namespace wfsim::support
