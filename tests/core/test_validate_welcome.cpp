// Tests for the welcome message's rules (validate_welcome_message): the length limit, the standing
// "sent unencrypted" notice and the sensitive-data warnings that need the admin's confirmation.
#include "verji/core/sensitive.h"
#include "verji/core/validation.h"

#include "findings.h"

#include <catch2/catch.hpp>

#include <string>

using verji::core::Field;
using verji::core::Finding;
using verji::core::format;
using verji::core::kWelcomeMessageMaxLength;
using verji::core::Lang;
using verji::core::Msg;
using verji::core::Severity;
using verji::core::Span;
using verji::core::validate_welcome_message;
using verji::core::Validation;
using verji::test::find_code;

namespace {

Validation run(const std::string& text) {
  Validation out;
  validate_welcome_message(text, out);
  return out;
}

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("an empty or blank welcome message has no findings: nothing is sent", "[welcome]") {
  for (const char* text : {"", " ", "\n\t  \r\n"}) {
    INFO("'" << text << "'");
    CHECK(run(text).findings.empty());
  }
}

TEST_CASE("any welcome message carries the standing 'sent unencrypted' notice", "[welcome]") {
  const auto v = run("Vi bruker nå Verji for kryptert kommunikasjon i tråd med GDPR.");
  REQUIRE(v.findings.size() == 1);
  const Finding& f = v.findings[0];
  CHECK(f.code == "welcome.unencrypted");
  CHECK(f.field == Field::welcome_message);
  CHECK(f.severity == Severity::notice);
  CHECK(f.message == Msg::welcome_unencrypted);
  CHECK(f.span.empty());
  CHECK_FALSE(f.needs_confirmation);
  CHECK(format(Lang::nb, f.message, f.args).find("ukryptert") != std::string::npos);
  CHECK(format(Lang::en, f.message, f.args).find("unencrypted") != std::string::npos);
}

TEST_CASE("the length limit counts code points, not bytes, and marks the excess", "[welcome]") {
  struct Row {
    std::string piece;  // one code point
    std::size_t count;
    bool too_long;
  };
  const Row rows[] = {
      {"a", kWelcomeMessageMaxLength, false},
      {"ø", kWelcomeMessageMaxLength, false},  // 2 bytes each: 2000 bytes, still fine
      {"€", kWelcomeMessageMaxLength, false},  // 3 bytes each
      {"a", kWelcomeMessageMaxLength + 1, true},
      {"å", kWelcomeMessageMaxLength + 1, true},
      {"😀", kWelcomeMessageMaxLength + 25, true},
  };
  for (const auto& row : rows) {
    INFO(row.piece << " x " << row.count);
    const std::string text = repeat(row.piece, row.count);
    const auto v = run(text);
    const Finding* f = find_code(v, "welcome.too_long");
    REQUIRE((f != nullptr) == row.too_long);
    if (!row.too_long) continue;
    CHECK(f->severity == Severity::error);
    CHECK(f->span == Span{kWelcomeMessageMaxLength * row.piece.size(), text.size()});
    const std::string en = format(Lang::en, f->message, f->args);
    const std::string nb = format(Lang::nb, f->message, f->args);
    CHECK(en.find(std::to_string(row.count)) != std::string::npos);
    CHECK(en.find(std::to_string(kWelcomeMessageMaxLength)) != std::string::npos);
    CHECK(nb.find(std::to_string(row.count)) != std::string::npos);
  }
}

TEST_CASE("each kind of sensitive data is a warning with its span that needs confirmation", "[welcome]") {
  struct Row {
    std::string text;
    std::string code;
    std::string match;
    Msg message;
  };
  const Row rows[] = {
      {"Ditt nummer: 010190 00083.", "welcome.national_id", "010190 00083", Msg::welcome_national_id},
      {"D-nr 41019000077", "welcome.d_number", "41019000077", Msg::welcome_d_number},
      {"Åse 01419000066", "welcome.h_number", "01419000066", Msg::welcome_h_number},
      {"Lønn til 1234.56.78903", "welcome.bank_account", "1234.56.78903", Msg::welcome_bank_account},
      {"Kort 4111 1111 1111 1111", "welcome.card_number", "4111 1111 1111 1111", Msg::welcome_card_number},
      {"Ditt første passord er sommer", "welcome.keyword", "passord", Msg::welcome_keyword},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    const auto v = run(row.text);
    const Finding* f = find_code(v, row.code);
    REQUIRE(f != nullptr);
    const auto begin = row.text.find(row.match);
    CHECK(f->field == Field::welcome_message);
    CHECK(f->severity == Severity::warning);
    CHECK(f->needs_confirmation);
    CHECK(f->message == row.message);
    CHECK(f->span == Span{begin, begin + row.match.size()});
    // The text says what to do, in both languages.
    CHECK(format(Lang::nb, f->message, f->args).find("gjennom Verji når brukeren er inne") !=
          std::string::npos);
    CHECK(format(Lang::en, f->message, f->args).find("send it through Verji once the user is in") !=
          std::string::npos);
  }
}

TEST_CASE("a number's message shows it masked, never in full", "[welcome]") {
  const auto v = run("Fødselsnummer 01019000083");
  const Finding* f = find_code(v, "welcome.national_id");
  REQUIRE(f != nullptr);
  for (const Lang lang : {Lang::nb, Lang::en}) {
    const std::string text = format(lang, f->message, f->args);
    INFO(text);
    CHECK(text.find("01019000083") == std::string::npos);
    CHECK(text.find("•••••••••83") != std::string::npos);
  }
  const Finding* keyword = find_code(v, "welcome.keyword");
  REQUIRE(keyword != nullptr);
  CHECK(format(Lang::en, keyword->message, keyword->args).find("Fødselsnummer") != std::string::npos);
}

TEST_CASE("findings are appended after what the other rules found", "[welcome]") {
  Validation v;
  Finding earlier;
  earlier.code = "email.syntax";
  v.findings.push_back(earlier);
  validate_welcome_message("passord", v);
  REQUIRE(v.findings.size() == 3);
  CHECK(v.findings[0].code == "email.syntax");
  CHECK(v.findings[1].code == "welcome.unencrypted");
  CHECK(v.findings[2].code == "welcome.keyword");
}

// Found by fuzz_invite_roundtrip: a welcome message with ill-formed UTF-8 was sendable, and the
// JSON the widget posts carried U+FFFD where the admin's bytes were.
TEST_CASE("fuzz regression: a welcome message that is not UTF-8 is an error, with the bad bytes' span",
          "[welcome][fuzz]") {
  const std::string text = "Vi bruker n\xC3@ Verji for kryptert kommunikasjon.";  // "nå" cut short
  const auto v = run(text);
  const Finding* f = find_code(v, "welcome.invalid_utf8");
  REQUIRE(f != nullptr);
  CHECK(f->field == Field::welcome_message);
  CHECK(f->severity == Severity::error);
  CHECK(f->message == Msg::welcome_bad_encoding);
  CHECK(f->span == Span{11, 12});
  CHECK_FALSE(v.sendable());
  CHECK(format(Lang::en, f->message, f->args) ==
        "The welcome message contains invalid characters. Type it again.");
  // A lone surrogate as the page could hand it over (CESU-style bytes), and a stray continuation.
  CHECK(find_code(run("Hei \xED\xA0\x80"), "welcome.invalid_utf8") != nullptr);
  CHECK(find_code(run("\x80 hei"), "welcome.invalid_utf8") != nullptr);
  CHECK(find_code(run("Hei på deg, Åse 😀"), "welcome.invalid_utf8") == nullptr);
}
