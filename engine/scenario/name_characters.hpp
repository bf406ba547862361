#pragma once
// The scenario text's checks on UTF-8 (decoding itself is support/utf8.hpp's): a byte
// order mark, whether a name holds nothing but spaces, and whether two names look alike.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "support/utf8.hpp"

namespace wfsim::scenario {

// The UTF-8 byte-order mark (U+FEFF) that Windows editors and Excel put at a text
// file's start: read past as the start of a scenario or CSV, kept where wfsim edits one.
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Decoding itself is support/utf8.hpp's (which support/visible_text uses to show file text
// on a terminal).
using support::CodePoint;
using support::decode_utf8;
using support::first_non_utf8;

// White space: ASCII spaces, tabs and line ends, and Unicode's spaces (U+0085, the
// non-breaking U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F,
// U+3000). ECMAScript's \s differs in U+0085, which it lacks, and U+FEFF, which it has:
// so the JSON Schema's name pattern (json_schema.cpp) names these spaces one by one.
bool is_space(std::uint32_t code);

// A character that shows nothing where it stands: the soft hyphen, the zero-width space
// and joiners, the direction marks and embeddings, the word joiner and its kin, U+FEFF,
// the variation selectors, the Hangul fillers, the blank Braille pattern, the tag
// characters, the Khmer inherent vowels and the musical formatting characters. A name
// of these alone (and spaces) looks empty; two names that differ only by them look alike
// (a hostile-input review found U+FE0F, U+E0001, U+115F, U+3164, U+1D173 and U+2800).
bool is_invisible(std::uint32_t code);

// `text` without the spaces (is_space) at its start and end; bytes that are not UTF-8
// are kept as they are.
std::string without_end_spaces(std::string_view text);

// `text` with its letters A to Z in lower case, each run of spaces (above) one plain
// space and the characters that show nothing (is_invisible) left out: two names alike
// here look alike in a table. Bytes that are not UTF-8 are kept as they are.
std::string folded_for_comparison(std::string_view text);

// Names a table shows alike: "A  B" and "a b" (tables show a run of spaces, or a
// non-breaking one, as one space; the results find a council by name ignoring case).
inline bool look_alike(std::string_view a, std::string_view b) {
  return folded_for_comparison(a) == folded_for_comparison(b);
}

// `text` with each character that shows nothing (is_invisible) written as "\u200B"
// (or "\U000E0001" past U+FFFF), so that a message saying two names look alike shows
// where they differ.
std::string invisibles_shown(std::string_view text);

}  // namespace wfsim::scenario
