// The UTF-8 reader behind the scenario text's checks: a file that is not UTF-8, and a
// name of nothing but (Unicode) spaces.
#include <catch2/catch.hpp>
#include <string>

#include "scenario/name_characters.hpp"
#include "support/visible_text.hpp"

using wfsim::scenario::decode_utf8;

TEST_CASE("UTF-8 is read one code point at a time, and ill-formed bytes are refused", "[scenario][utf8]") {
  const std::string text = "a\xC3\xA9\xE2\x80\xAF\xF0\x9F\x98\x80";  // a, é, narrow no-break space, an emoji
  CHECK(decode_utf8(text, 0).value == 'a');
  CHECK(decode_utf8(text, 0).length == 1);
  CHECK(decode_utf8(text, 1).value == 0xE9);
  CHECK(decode_utf8(text, 1).length == 2);
  CHECK(decode_utf8(text, 3).value == 0x202F);
  CHECK(decode_utf8(text, 3).length == 3);
  CHECK(decode_utf8(text, 6).value == 0x1F600);
  CHECK(decode_utf8(text, 6).length == 4);
  // Ill-formed: a stray continuation byte, Latin-1's é, a sequence cut short, overlong
  // forms of '/' and of U+07FF and U+FFFF, a surrogate, past U+10FFFF, a bad follower.
  for (const std::string bad : {"\x80", "\xE9t", "\xE2\x80", "\xC0\xAF", "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF",
                                "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xC3\x28"}) {
    INFO("bytes: " << bad.size());
    CHECK(decode_utf8(bad, 0).length == 0);
  }
  // The edges that are well-formed.
  CHECK(decode_utf8("\xC2\x80", 0).value == 0x80);
  CHECK(decode_utf8("\xEF\xBF\xBF", 0).value == 0xFFFF);
  CHECK(decode_utf8("\xF4\x8F\xBF\xBF", 0).value == 0x10FFFF);
  CHECK(decode_utf8("\xED\x9F\xBF", 0).value == 0xD7FF);
}

TEST_CASE("names that differ only by a character that shows nothing are alike", "[scenario][utf8]") {
  using wfsim::scenario::folded_for_comparison;
  using wfsim::scenario::is_invisible;
  // A hostile-input review passed "Halton" beside "Hal?ton" with each of these between:
  // a variation selector, a tag, three Hangul fillers, a musical formatting character
  // and the blank Braille pattern; and the Khmer inherent vowels and Mongolian
  // selectors are as blank.
  const char* shows_nothing[] = {"\xEF\xB8\x8F", "\xF3\xA0\x80\x81", "\xE1\x85\x9F", "\xE3\x85\xA4",
                                 "\xEF\xBE\xA0", "\xF0\x9D\x85\xB3", "\xE2\xA0\x80", "\xE1\x9E\xB4",
                                 "\xE1\xA0\x8B", "\xF3\xA0\x84\x80", "\xE2\x80\x8B", "\xC2\xAD"};
  for (const char* blank : shows_nothing) {
    INFO("bytes of the character: " << blank);
    CHECK(folded_for_comparison(std::string("Hal") + blank + "ton") == folded_for_comparison("Halton"));
  }
  for (const std::uint32_t code : {0xFE0Fu, 0xE0001u, 0xE007Fu, 0x115Fu, 0x3164u, 0x1D173u, 0x1D17Au, 0x2800u}) {
    CHECK(is_invisible(code));
  }
  // Characters that show something are kept: an accent, a Braille pattern with a dot,
  // a Hangul syllable, the letters either side of the ranges.
  for (const std::uint32_t code : {0xE9u, 0x2801u, 0xAC00u, 0x1D172u, 0x1D17Bu, 0xE0080u, 0xFE10u, 0x3165u}) {
    CHECK_FALSE(is_invisible(code));
  }
}

TEST_CASE("a direction control in text shown on a terminal is escaped, not obeyed", "[utf8][cli]") {
  using wfsim::support::visible_text;
  // U+202E in a council's name reversed the rest of an error's line on the terminal.
  CHECK(visible_text("Kent\xE2\x80\xAEtneK") == "Kent\\u202EtneK");
  CHECK(visible_text("a\xD8\x9C"
                     "b\xE2\x81\xA6"
                     "c\xE2\x80\x8F"
                     "d") == "a\\u061Cb\\u2066c\\u200Fd");
  // Their neighbours show something and are left: a hyphen (U+2010), an ellipsis
  // (U+2026), U+206A, an accent.
  CHECK(visible_text("\xE2\x80\x90\xE2\x80\xA6\xE2\x81\xAA\xC3\xA9") == "\xE2\x80\x90\xE2\x80\xA6\xE2\x81\xAA\xC3\xA9");
}

TEST_CASE("bytes that are not UTF-8 in text shown on a terminal are escaped", "[utf8][cli]") {
  // A damaged results file's format attribute ("wf\x9B...") went to the terminal as it
  // was, and a program reading wfsim's messages as UTF-8 failed on them (a bad-input
  // audit). A cut sequence, a lone continuation byte, an overlong form and a surrogate
  // are each a byte at a time; well-formed text around them is left.
  using wfsim::support::visible_text;
  CHECK(visible_text("x\xE2\x80") == "x\\xE2\\x80");
  CHECK(visible_text("wf\x9B\xFFs") == "wf\\x9B\\xFFs");
  CHECK(visible_text("\xC0\xAF") == "\\xC0\\xAF");
  CHECK(visible_text("\xED\xA0\x80") == "\\xED\\xA0\\x80");
  CHECK(visible_text("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
}
