// The core's Unicode helpers: strict UTF-8, categories, NFC/NFD, lower case, accent folding.
#include "verji/core/unicode.h"

#include <catch2/catch.hpp>

#include <string>

namespace unicode = verji::core::unicode;

TEST_CASE("UTF-8 round-trips and records where each character starts", "[unicode]") {
  const std::string text = "a\xC3\xA5\xE2\x82\xAC\xF0\x9F\x98\x80";  // a å € 😀
  const auto decoded = unicode::decode(text);
  CHECK(decoded.valid);
  CHECK(decoded.chars == U"a\u00E5\u20AC\U0001F600");
  CHECK(decoded.offsets == std::vector<std::size_t>{0, 1, 3, 6, 10});
  CHECK(unicode::encode(decoded.chars) == text);
  CHECK(unicode::is_valid_utf8(text));
}

TEST_CASE("ill-formed UTF-8 becomes U+FFFD, never a crash", "[unicode]") {
  struct Row {
    std::string bytes;
    std::u32string chars;
    std::size_t first_invalid;
    std::size_t first_invalid_end;
  };
  const Row rows[] = {
      {"a\xFF"
       "b",
       U"a\uFFFDb", 1, 2},                                      // never a lead byte
      {"\xC0\xAF", U"\uFFFD\uFFFD", 0, 1},                      // overlong '/'
      {"\xE0\x80\xAF", U"\uFFFD\uFFFD\uFFFD", 0, 1},            // overlong three-byte
      {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD", 0, 1},            // a surrogate
      {"\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD", 0, 1},  // above U+10FFFF
      {"ab\xE2\x82", U"ab\uFFFD", 2, 4},                        // truncated at the end
      {"\xE2\x82"
       "a",
       U"\uFFFDa", 0, 2},         // truncated before ASCII
      {"\x80", U"\uFFFD", 0, 1},  // a lone continuation byte
  };
  for (const auto& row : rows) {
    INFO("row " << (&row - rows));
    const auto decoded = unicode::decode(row.bytes);
    CHECK_FALSE(decoded.valid);
    CHECK_FALSE(unicode::is_valid_utf8(row.bytes));
    CHECK(decoded.chars == row.chars);
    CHECK(decoded.first_invalid == row.first_invalid);
    CHECK(decoded.first_invalid_end == row.first_invalid_end);
    CHECK(decoded.offsets.size() == decoded.chars.size() + 1);
    CHECK(decoded.offsets.back() == row.bytes.size());
  }
}

TEST_CASE("general categories come from the Unicode Character Database", "[unicode]") {
  struct Row {
    char32_t c;
    bool letter, mark, space, invisible;
  };
  const Row rows[] = {
      {U'A', true, false, false, false},      {U'\u00F8', true, false, false, false},  // ø
      {U'\u0421', true, false, false, false},                                          // Cyrillic С
      {U'\u674E', true, false, false, false},                                          // CJK 李
      {U'\u05D0', true, false, false, false},                                          // Hebrew alef
      {U'\u030A', false, true, false, false},                                          // combining ring above
      {U' ', false, false, true, false},      {U'\u00A0', false, false, true, false},  // no-break space
      {U'\u3000', false, false, true, false},                                          // ideographic space
      {U'\u200B', false, false, false, true},                                          // zero width space
      {U'\u00AD', false, false, false, true},                                          // soft hyphen
      {U'\u202E', false, false, false, true},  // right-to-left override
      {U'\uFEFF', false, false, false, true},  // byte order mark
      {U'\u0007', false, false, false, true},  // bell
      {U'1', false, false, false, false},     {U'\U0001F600', false, false, false, false},  // 😀
  };
  for (const auto& row : rows) {
    INFO("U+" << std::hex << static_cast<unsigned>(row.c));
    CHECK(unicode::is_letter(row.c) == row.letter);
    CHECK(unicode::is_mark(row.c) == row.mark);
    CHECK(unicode::is_space(row.c) == row.space);
    CHECK(unicode::is_invisible(row.c) == row.invisible);
  }
  CHECK(unicode::is_bidi_control(U'\u202E'));
  CHECK(unicode::is_bidi_control(U'\u2067'));
  CHECK_FALSE(unicode::is_bidi_control(U'a'));
  CHECK(unicode::is_digit(U'\u0663'));  // Arabic-Indic three
  CHECK(unicode::digit_value(U'\u0663') == 3);
  CHECK(unicode::digit_value(U'\uFF19') == 9);      // fullwidth nine
  CHECK(unicode::digit_value(U'\U0001D7D9') == 1);  // mathematical double-struck one, 2nd run of 10
  CHECK(unicode::digit_value(U'7') == 7);
  CHECK(unicode::digit_value(U'x') == -1);
  CHECK_FALSE(unicode::data_version().empty());
}

TEST_CASE("NFC composes decomposed letters and NFD takes them apart", "[unicode]") {
  struct Row {
    std::u32string nfd;
    std::u32string nfc;
  };
  const Row rows[] = {
      {U"a\u030A", U"\u00E5"},  // å
      {U"A\u030Angstro\u0308m", U"\u00C5ngstr\u00F6m"},
      {U"e\u0301", U"\u00E9"},
      {U"\u1100\u1161\u11A8", U"\uAC01"},  // Hangul 각, by arithmetic
      {U"a\u0323\u0302", U"\u1EAD"},       // ậ: marks in canonical order
      {U"\u0415\u0308", U"\u0401"},        // Cyrillic Ё
      {U"\u674E", U"\u674E"},              // nothing to do
  };
  for (const auto& row : rows) {
    INFO("row " << (&row - rows));
    CHECK(unicode::nfc(row.nfd) == row.nfc);
    CHECK(unicode::nfd(row.nfc) == row.nfd);
    CHECK(unicode::nfc(row.nfc) == row.nfc);
  }
  // Marks typed out of canonical order are reordered before composing: dot below (220) first.
  CHECK(unicode::nfc(U"a\u0302\u0323") == U"\u1EAD");
  // A singleton decomposition: the angstrom sign is the letter Å in NFC.
  CHECK(unicode::nfc(U"\u212B") == U"\u00C5");
  // Composition exclusions stay decomposed.
  CHECK(unicode::nfc(U"\u0958") == U"\u0915\u093C");
}

TEST_CASE("text that needs no normalising comes back as it is, and other text is still normalised",
          "[unicode]") {
  // nfc() and nfd() return text below a threshold untouched without looking further; a threshold
  // set too high would leave some character unnormalised, which the identities of a correct
  // normaliser catch: NFC(NFD(x)) = NFC(x), NFD(NFC(x)) = NFD(x), NFC and NFD idempotent.
  int checked = 0;
  for (char32_t c = 1; c < 0x3400; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    for (const std::u32string& x : {std::u32string(1, c), std::u32string{c, U'\u0301'},
                                    std::u32string{U'a', c}, std::u32string{U'\u1100', c}}) {
      INFO("U+" << std::hex << static_cast<unsigned>(c));
      const std::u32string composed = unicode::nfc(x);
      const std::u32string decomposed = unicode::nfd(x);
      REQUIRE(unicode::nfc(decomposed) == composed);
      REQUIRE(unicode::nfd(composed) == decomposed);
      REQUIRE(unicode::nfc(composed) == composed);
      REQUIRE(unicode::nfd(decomposed) == decomposed);
      ++checked;
    }
  }
  CHECK(checked > 50000);
  // Plain Norwegian text is its own NFC; in NFD the letters with a ring or a stroke differ.
  CHECK(unicode::nfc(U"Bl\u00E5b\u00E6r og \u00F8l") == U"Bl\u00E5b\u00E6r og \u00F8l");
  CHECK(unicode::nfd(U"Bl\u00E5b\u00E6r") == U"Bla\u030Ab\u00E6r");
  CHECK(unicode::nfd(U"plain ASCII") == U"plain ASCII");
}

TEST_CASE("lower case and accent folding", "[unicode]") {
  CHECK(unicode::to_lower(U"BLÅBÆR ØL") == U"blåbær øl");
  CHECK(unicode::to_lower(U"\u0421\u0415\u0420\u0413\u0415\u0419") ==
        U"\u0441\u0435\u0440\u0433\u0435\u0439");
  CHECK(unicode::to_lower(U'\u0130') == U'i');       // İ (simple mapping)
  CHECK(unicode::to_lower(U'\u0100') == U'\u0101');  // Ā, in a stride-2 run
  CHECK(unicode::to_lower(U'\u0101') == U'\u0101');
  CHECK(unicode::fold_accents(U"Ångström Zoë Çelik") == U"Angstrom Zoe Celik");
  CHECK(unicode::fold_accents(U"a\u030A") == U"a");
  CHECK(unicode::fold_accents(U"\u00F8\u00E6") == U"\u00F8\u00E6");  // ø, æ have no decomposition
}

TEST_CASE("one code point at a byte offset, forwards and backwards", "[unicode]") {
  const std::string text = "a\xC3\xA5\xE2\x82\xAC\xF0\x9F\x98\x80";  // a å € 😀 at 0 1 3 6, ends at 10
  const auto at = [&](std::size_t i) { return unicode::code_point_at(text, i); };
  const auto before = [&](std::size_t i) { return unicode::code_point_before(text, i); };
  CHECK(at(0).value == U'a');
  CHECK(at(0).length == 1);
  CHECK(at(1).value == U'\u00E5');
  CHECK(at(1).length == 2);
  CHECK(at(3).value == U'\u20AC');
  CHECK(at(6).value == U'\U0001F600');
  CHECK(at(6).length == 4);
  CHECK(at(6).valid);
  CHECK(before(1).value == U'a');
  CHECK(before(3).value == U'\u00E5');
  CHECK(before(3).length == 2);
  CHECK(before(6).value == U'\u20AC');
  CHECK(before(10).value == U'\U0001F600');
  CHECK(before(10).length == 4);
  // Inside a sequence, or on ill-formed bytes: U+FFFD, never out of bounds.
  CHECK_FALSE(at(2).valid);  // a continuation byte
  CHECK(at(2).value == unicode::kReplacement);
  CHECK(at(2).length == 1);
  CHECK_FALSE(before(2).valid);  // the lead byte of å alone
  CHECK(before(2).length == 1);
  CHECK_FALSE(at(text.size()).valid);
  CHECK(at(text.size()).length == 0);
  CHECK_FALSE(before(0).valid);
  const std::string truncated = "ab\xE2\x82";
  CHECK(unicode::code_point_at(truncated, 2).length == 2);  // the maximal ill-formed prefix, as decode()
  CHECK_FALSE(unicode::code_point_before(truncated, 4).valid);
  CHECK(unicode::code_point_before(truncated, 4).length == 1);
  CHECK(unicode::code_point_before("\x80\x80\x80\x80\x80", 5).length == 1);
  // The same answers as decode(), offset by offset.
  const auto decoded = unicode::decode(text);
  for (std::size_t i = 0; i < decoded.chars.size(); ++i) {
    CHECK(at(decoded.offsets[i]).value == decoded.chars[i]);
    CHECK(before(decoded.offsets[i + 1]).value == decoded.chars[i]);
  }
}

TEST_CASE("word characters: letters, marks and decimal digits of any script", "[unicode]") {
  for (const char32_t c :
       {U'a', U'Z', U'0', U'\u00F8', U'\u03BB', U'\u0416', U'\u674E', U'\u0301', U'\u0663', U'\uFF19'}) {
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    CHECK(unicode::is_word_char(c));
  }
  for (const char32_t c : {U' ', U'-', U'_', U'.', U'\u00AB', U'\u00D7', U'\u00B2', U'\u2026', U'\u2160',
                           U'\u3001', U'\uFF0C', U'\u200B', U'\U0001F600', unicode::kReplacement}) {
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    CHECK_FALSE(unicode::is_word_char(c));
  }
}
