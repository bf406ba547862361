#include "kernel/visible_text.hpp"

namespace wfsim::kernel {

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
    if (c1) {
      escape(c);
      escape(static_cast<unsigned char>(text[++i]));
    } else if ((c < 0x20 && !(c == '\n' && keep_line_ends)) || c == 0x7F) {
      escape(c);
    } else {
      shown += text[i];
    }
  }
  return shown;
}

}  // namespace wfsim::kernel
