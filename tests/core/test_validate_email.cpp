// The e-mail rule: syntax, dot in the domain, length limits in punycode, normalisation, typo hints.
#include "verji/core/email.h"
#include "verji/core/validation.h"

#include "findings.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

using verji::core::domain_to_ascii;
using verji::core::edit_distance;
using verji::core::edit_distance_within;
using verji::core::Field;
using verji::core::Finding;
using verji::core::Msg;
using verji::core::punycode_encode;
using verji::core::Severity;
using verji::core::Span;
using verji::core::suggest_email_domain;
using verji::core::Validation;
using verji::test::arg;
using verji::test::check_error;
using verji::test::codes;
using verji::test::only_finding;

namespace {

Validation check_email(const std::string& text) {
  Validation out;
  verji::core::validate_email(text, out);
  return out;
}

}  // namespace

TEST_CASE("punycode follows RFC 3492's samples", "[email]") {
  struct Row {
    std::u32string label;
    const char* encoded;
  };
  const Row rows[] = {
      {U"bl\u00E5b\u00E6r", "blbr-roah"},
      {U"\u00E6\u00F8\u00E5", "5cab8c"},
      {U"b\u00FCcher", "bcher-kva"},
      {U"m\u00FCnchen", "mnchen-3ya"},
      // RFC 3492 7.1 (A) Arabic (Egyptian) and (L) Japanese with ASCII.
      {U"\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A"
       U"\u061F",
       "egbpdaj6bu4bxfgehfvwxn"},
      {U"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3B-ww4c5e180e575a65lsy2b"},
      {U"abc", "abc-"},
  };
  for (const auto& row : rows) {
    INFO("expected " << row.encoded);
    std::string out;
    REQUIRE(punycode_encode(row.label, out));
    CHECK(out == row.encoded);
  }
}

TEST_CASE("domains become ASCII label by label, lower-cased and composed", "[email]") {
  std::string out;
  REQUIRE(domain_to_ascii("BLÅBÆR.no", out));
  CHECK(out == "xn--blbr-roah.no");
  REQUIRE(
      domain_to_ascii("bla\xCC\x8A"
                      "b\xC3\xA6r.no",
                      out));  // a + combining ring
  CHECK(out == "xn--blbr-roah.no");
  REQUIRE(domain_to_ascii("Example.COM", out));
  CHECK(out == "example.com");
  CHECK_FALSE(domain_to_ascii("bad\xFF.no", out));
}

TEST_CASE("edit distance counts a transposition as one edit", "[email]") {
  struct Row {
    const char* a;
    const char* b;
    std::size_t distance;
  };
  const Row rows[] = {
      {"gmail.com", "gmail.com", 0},
      {"gmial.com", "gmail.com", 1},
      {"gmail.con", "gmail.com", 1},
      {"gmai.com", "gmail.com", 1},
      {"gmaill.com", "gmail.com", 1},
      {"hotmial.no", "hotmail.no", 1},
      {"ca", "abc", 3},  // optimal string alignment: no edit of a transposed pair
      {"", "abc", 3},
      {"abc", "", 3},
      {"onlien.no", "online.no", 1},
  };
  for (const auto& row : rows) {
    INFO(row.a << " / " << row.b);
    CHECK(edit_distance(row.a, row.b) == row.distance);
    CHECK(edit_distance(row.b, row.a) == row.distance);
  }
}

namespace {

// The whole optimal-string-alignment matrix, nothing skipped: what the bounded version must agree with.
std::size_t full_matrix_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

TEST_CASE("the bounded edit distance stops early and still agrees with the whole matrix", "[email]") {
  // Short strings over three letters meet every shape: transpositions, repeats, empty sides; one
  // pair is longer than the 64 cells kept on the stack.
  std::mt19937 random(20261207);
  std::vector<std::pair<std::string, std::string>> pairs = {
      {std::string(70, 'a') + "bc", std::string(69, 'a') + "cb"}};
  for (int n = 0; n < 3000; ++n) {
    std::string a(random() % 9, 'a');
    std::string b(random() % 9, 'a');
    for (char& c : a) c = static_cast<char>('a' + random() % 3);
    for (char& c : b) c = static_cast<char>('a' + random() % 3);
    pairs.emplace_back(a, b);
  }
  for (const auto& [a, b] : pairs) {
    const std::size_t exact = full_matrix_distance(a, b);
    INFO(a << " / " << b << ": " << exact);
    REQUIRE(edit_distance(a, b) == exact);
    for (std::size_t limit = 0; limit <= 4; ++limit) {
      REQUIRE(edit_distance_within(a, b, limit) == std::min(exact, limit + 1));
    }
  }
}

TEST_CASE("typo suggestions know the Norwegian domains", "[email]") {
  struct Row {
    const char* domain;
    const char* suggestion;
  };
  const Row rows[] = {
      {"gmial.com", "gmail.com"},
      {"gmail.co", "gmail.com"},
      {"hotmial.no", "hotmail.no"},
      {"onlie.no", "online.no"},
      {"onlien.no", "online.no"},
      {"outlok.com", "outlook.com"},
      {"icloud.co", "icloud.com"},
      {"altiboks.no", "altibox.no"},
      {"lyse.nett", "lyse.net"},
      {"telenr.no", "telenor.no"},
      {"hotmail.cmo", "hotmail.com"},
      // no suggestion: common already, or nothing close enough
      {"gmail.com", ""},
      {"online.no", ""},
      {"verji.app", ""},
      {"example.no", ""},
      {"mac.com", ""},
      {"uio.no", ""},
  };
  for (const auto& row : rows) {
    INFO(row.domain);
    CHECK(suggest_email_domain(row.domain) == row.suggestion);
  }
}

TEST_CASE("valid addresses are normalised: trimmed, domain lower-cased", "[email]") {
  struct Row {
    const char* input;
    const char* email;
    const char* ascii;
  };
  const Row rows[] = {
      {"ola@example.no", "ola@example.no", "ola@example.no"},
      {"  Ola.Nordmann@Example.NO \t", "Ola.Nordmann@example.no", "Ola.Nordmann@example.no"},
      {"ola+verji@firma.co.uk", "ola+verji@firma.co.uk", "ola+verji@firma.co.uk"},
      {"o'neil!#$%&*/=?^_`{|}~-@ex-ample.no", "o'neil!#$%&*/=?^_`{|}~-@ex-ample.no",
       "o'neil!#$%&*/=?^_`{|}~-@ex-ample.no"},
      {"ola@blåbær.no", "ola@blåbær.no", "ola@xn--blbr-roah.no"},
      {"ola@BLÅBÆR.NO", "ola@blåbær.no", "ola@xn--blbr-roah.no"},
      {"ola@bla\xCC\x8A"
       "bær.no",
       "ola@blåbær.no", "ola@xn--blbr-roah.no"},  // NFD domain
      {"ivan@пример.рф", "ivan@пример.рф", "ivan@xn--e1afmkfd.xn--p1ai"},
      {"\xC2\xA0ola@example.no\xE2\x80\x83", "ola@example.no", "ola@example.no"},  // NBSP, em space
  };
  for (const auto& row : rows) {
    INFO(row.input);
    const auto v = check_email(row.input);
    CHECK(codes(v).empty());
    CHECK(v.normalized.email == row.email);
    CHECK(v.normalized.email_ascii == row.ascii);
  }
}

TEST_CASE("invalid addresses are errors that say what is wrong, with where", "[email]") {
  struct Row {
    std::string input;
    const char* code;
    Msg message;
    Span span;
  };
  const Row rows[] = {
      {"", "email.required", Msg::email_required, {}},
      {"   ", "email.required", Msg::email_required, {}},
      {"ola.example.no", "email.syntax", Msg::email_missing_at, {0, 14}},
      {" ola@", "email.syntax", Msg::email_syntax, {1, 5}},
      {"@example.no", "email.syntax", Msg::email_syntax, {0, 11}},
      {"ola nordmann@example.no", "email.syntax", Msg::email_invalid_local, {3, 4}},
      {"ola@firma@example.no", "email.syntax", Msg::email_invalid_local, {3, 4}},
      {"blåbær@example.no", "email.syntax", Msg::email_invalid_local, {2, 4}},
      {"ola\xE2\x80\x8B@example.no", "email.syntax", Msg::email_invalid_local, {3, 6}},  // ZWSP
      {"ola@-example.no", "email.syntax", Msg::email_invalid_domain, {4, 15}},
      {"ola@example-.no", "email.syntax", Msg::email_invalid_domain, {4, 15}},
      {"ola@example..no", "email.syntax", Msg::email_invalid_domain, {4, 15}},
      {"ola@example.no.", "email.syntax", Msg::email_invalid_domain, {4, 15}},
      {"ola@exa_mple.no", "email.syntax", Msg::email_invalid_domain, {4, 15}},
      {"ola@exam😀ple.no", "email.syntax", Msg::email_invalid_domain, {4, 18}},
      {"ola@localhost", "email.no_dot_domain", Msg::email_no_dot_domain, {4, 13}},
      {"ola@ex\xFFmple.no", "email.invalid_utf8", Msg::email_bad_encoding, {6, 7}},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    const auto v = check_email(row.input);
    check_error(only_finding(v), Field::email, row.code, row.message, row.span);
    CHECK(v.normalized.email_ascii.empty());
  }
  CHECK(arg(check_email("ola\xE2\x80\x8B@example.no").findings.front(), "char") == "U+200B");
  CHECK(arg(check_email("blåbær@example.no").findings.front(), "char") == "å");
}

TEST_CASE("length limits are measured in octets, on the punycode form", "[email]") {
  const std::string label63(63, 'a');
  const std::string local64(64, 'o');
  CHECK(codes(check_email(local64 + "@example.no")).empty());
  CHECK(codes(check_email(local64 + "o@example.no")) == "email.local_too_long");
  CHECK(codes(check_email("ola@" + label63 + ".no")).empty());
  CHECK(codes(check_email("ola@" + label63 + "a.no")) == "email.label_too_long");

  // 40 x "æ" is 80 octets of UTF-8 but a short punycode label: accepted.
  std::string ae_label;
  for (int i = 0; i < 40; ++i) ae_label += "æ";
  std::string ascii;
  REQUIRE(domain_to_ascii(ae_label, ascii));
  REQUIRE(ascii.size() <= 63);
  CHECK(codes(check_email("ola@" + ae_label + ".no")).empty());
  // 60 Cyrillic letters fit in 63 characters, but their punycode does not: refused.
  std::string cyrillic;
  for (int i = 0; i < 10; ++i) cyrillic += "пример";
  REQUIRE(domain_to_ascii(cyrillic, ascii));
  REQUIRE(ascii.size() > 63);
  const auto idn = check_email("ola@" + cyrillic + ".no");
  REQUIRE(idn.findings.size() == 1);
  CHECK(idn.findings.front().code == "email.label_too_long");
  CHECK(arg(idn.findings.front(), "label") == ascii);

  // 254 octets in all is the most: 64 + 1 + 189 (three 61-character labels, dots, ".nox").
  const std::string domain189 =
      std::string(61, 'a') + "." + std::string(61, 'b') + "." + std::string(61, 'c') + ".no";
  REQUIRE(domain189.size() == 188);
  CHECK(codes(check_email(local64 + "@" + domain189 + "x")).empty());  // 64 + 1 + 189 = 254
  const auto long_one = check_email(local64 + "@" + domain189 + "xy");
  CHECK(codes(long_one) == "email.too_long");
  CHECK(arg(long_one.findings.front(), "length") == "255");
  CHECK(arg(long_one.findings.front(), "max") == "254");
}

TEST_CASE("a likely typo is a warning that carries the whole suggested address", "[email]") {
  const auto v = check_email(" Kari@Gmial.com");
  REQUIRE(v.findings.size() == 1);
  const auto& f = v.findings.front();
  CHECK(f.code == "email.typo");
  CHECK(f.severity == Severity::warning);
  CHECK(f.message == Msg::email_typo);
  CHECK(arg(f, "suggestion") == "Kari@gmail.com");
  CHECK(f.span == Span{6, 15});
  CHECK(v.normalized.email == "Kari@gmial.com");  // the address stays as typed until accepted
  CHECK(verji::core::format(verji::core::Lang::en, f.message, f.args) == "Did you mean Kari@gmail.com?");
  CHECK(verji::core::format(verji::core::Lang::nb, f.message, f.args) == "Mente du Kari@gmail.com?");
}
