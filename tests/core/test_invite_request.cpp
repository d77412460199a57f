// Tests for the invite request (invite_request.h) against docs/invite-protocol.md: every key and
// type of the content, the body line in both languages, the request id, the strict reader.
#include "verji/core/invite_request.h"
#include "verji/core/json_fields.h"
#include "verji/core/validation.h"

#include <catch2/catch.hpp>

#include <functional>
#include <set>
#include <string>
#include <vector>

using nlohmann::json;
using verji::core::InviteForm;
using verji::core::is_request_id;
using verji::core::Lang;
using verji::core::new_request_id;
using verji::core::parse_invite_content;
using verji::core::UserType;
using verji::core::Validation;
using verji::core::Verification;

namespace {

constexpr const char* kRequestId = "6f1c0e8a9b2d4c7e8f00112233445566";

// The doc's example: the form as typed and the normalised values validation derived from it.
struct Example {
  InviteForm form;
  Validation validation;
};

Example doc_example() {
  Example e;
  e.form.email = "  ola.nordmann@FIRMA.no ";
  e.form.full_name = "Ola  Nordmann";
  e.form.phone = "412 34 567";
  e.form.verification = Verification::sms;
  e.form.user_type = UserType::standard;
  e.form.welcome_message = "Vi bruker nå Verji for kryptert kommunikasjon.";
  auto& n = e.validation.normalized;
  n.email = "ola.nordmann@firma.no";
  n.email_ascii = "ola.nordmann@firma.no";
  n.full_name = "Ola Nordmann";
  n.phone_e164 = "+4741234567";
  n.phone_international = "+47 412 34 567";
  n.phone_region = "NO";
  n.verification = Verification::sms;
  n.username = "olanordmann";
  return e;
}

json doc_content(Lang lang = Lang::nb) {
  const Example e = doc_example();
  return invite_event_content(e.form, e.validation, lang, kRequestId, "0.1.0");
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
  return keys;
}

}  // namespace

TEST_CASE("the content has exactly the documented keys, each with its type", "[invite_request]") {
  const json content = doc_content();
  CHECK(keys_of(content) == std::set<std::string>{"msgtype", "body", "app.verji.invite"});
  CHECK(content["msgtype"] == "m.text");
  CHECK(content["body"].is_string());
  const json& block = content["app.verji.invite"];
  REQUIRE(block.is_object());
  CHECK(keys_of(block) == std::set<std::string>{"version", "request_id", "email", "full_name", "phone",
                                                "verification", "user_type", "welcome_message",
                                                "username_hint", "lang", "client"});
  CHECK(block["version"].is_number_integer());
  CHECK(block["version"] == 1);
  for (const char* key : {"request_id", "email", "full_name", "phone", "verification", "user_type",
                          "welcome_message", "username_hint", "lang", "client"}) {
    INFO(key);
    CHECK(block[key].is_string());
  }
}

TEST_CASE("the block carries the normalised values, the welcome message as typed", "[invite_request]") {
  const json block = doc_content()["app.verji.invite"];
  CHECK(block["request_id"] == kRequestId);
  CHECK(block["email"] == "ola.nordmann@firma.no");
  CHECK(block["full_name"] == "Ola Nordmann");
  CHECK(block["phone"] == "+4741234567");
  CHECK(block["verification"] == "sms");
  CHECK(block["user_type"] == "standard");
  CHECK(block["welcome_message"] == "Vi bruker nå Verji for kryptert kommunikasjon.");
  CHECK(block["username_hint"] == "olanordmann");
  CHECK(block["lang"] == "nb");
  CHECK(block["client"] == "verji-invite-widget/0.1.0");

  Example e = doc_example();
  e.form.welcome_message = "Hei!\r\n\nVelkommen  ";
  e.form.user_type = UserType::administrator;
  e.validation.normalized.verification = Verification::email;
  e.validation.normalized.phone_e164.clear();
  const json other =
      invite_event_content(e.form, e.validation, Lang::en, kRequestId, "1.2.3")["app.verji.invite"];
  CHECK(other["welcome_message"] == "Hei!\r\n\nVelkommen  ");
  CHECK(other["user_type"] == "administrator");
  CHECK(other["verification"] == "email");
  CHECK(other["phone"] == "");
  CHECK(other["lang"] == "en");
  CHECK(other["client"] == "verji-invite-widget/1.2.3");
}

TEST_CASE("the body is one line in the admin's language", "[invite_request]") {
  CHECK(doc_content(Lang::nb)["body"] ==
        "Invitasjon til Ola Nordmann <ola.nordmann@firma.no>, mobil +47 412 34 567, kode via SMS, "
        "standardbruker");
  CHECK(doc_content(Lang::en)["body"] ==
        "Invitation for Ola Nordmann <ola.nordmann@firma.no>, mobile +47 412 34 567, code by SMS, "
        "standard user");

  Example e = doc_example();
  e.validation.normalized.phone_e164.clear();
  e.validation.normalized.phone_international.clear();
  e.validation.normalized.verification = Verification::email;
  e.form.user_type = UserType::administrator;
  e.form.welcome_message = "Linje 1\nLinje 2";
  const json nb = invite_event_content(e.form, e.validation, Lang::nb, kRequestId, "0.1.0");
  const json en = invite_event_content(e.form, e.validation, Lang::en, kRequestId, "0.1.0");
  CHECK(nb["body"] == "Invitasjon til Ola Nordmann <ola.nordmann@firma.no>, kode via e-post, administrator");
  CHECK(en["body"] == "Invitation for Ola Nordmann <ola.nordmann@firma.no>, code by e-mail, administrator");
  CHECK(nb["body"].get<std::string>().find('\n') == std::string::npos);
}

TEST_CASE("the reader gives back what the writer wrote", "[invite_request]") {
  for (const Lang lang : {Lang::nb, Lang::en}) {
    const Example e = doc_example();
    const json content = invite_event_content(e.form, e.validation, lang, kRequestId, "0.1.0");
    const auto block = parse_invite_content(json::parse(content.dump()));
    REQUIRE(block.has_value());
    CHECK(block->version == 1);
    CHECK(block->request_id == kRequestId);
    CHECK(block->email == e.validation.normalized.email);
    CHECK(block->full_name == e.validation.normalized.full_name);
    CHECK(block->phone == e.validation.normalized.phone_e164);
    CHECK(block->verification == Verification::sms);
    CHECK(block->user_type == UserType::standard);
    CHECK(block->welcome_message == e.form.welcome_message);
    CHECK(block->username_hint == "olanordmann");
    CHECK(block->lang == lang);
    CHECK(block->client == "verji-invite-widget/0.1.0");
  }
}

TEST_CASE("the reader ignores unknown keys but refuses every broken shape", "[invite_request]") {
  json extra = doc_content();
  extra["app.verji.invite"]["future_key"] = {1, 2, 3};
  extra["m.relates_to"] = json::object();
  CHECK(parse_invite_content(extra).has_value());

  using Mutation = std::function<void(json&)>;
  struct Row {
    const char* what;
    Mutation mutate;
  };
  const std::vector<Row> rows = {
      {"content is an array", [](json& c) { c = json::array({c}); }},
      {"content is null", [](json& c) { c = nullptr; }},
      {"content is a string", [](json& c) { c = c.dump(); }},
      {"msgtype m.notice", [](json& c) { c["msgtype"] = "m.notice"; }},
      {"no body", [](json& c) { c.erase("body"); }},
      {"body is a number", [](json& c) { c["body"] = 5; }},
      {"no block", [](json& c) { c.erase("app.verji.invite"); }},
      {"block is a string", [](json& c) { c["app.verji.invite"] = "x"; }},
      {"version 2", [](json& c) { c["app.verji.invite"]["version"] = 2; }},
      {"version \"1\"", [](json& c) { c["app.verji.invite"]["version"] = "1"; }},
      {"version 1.0", [](json& c) { c["app.verji.invite"]["version"] = 1.0; }},
      {"version true", [](json& c) { c["app.verji.invite"]["version"] = true; }},
      {"request id upper case",
       [](json& c) { c["app.verji.invite"]["request_id"] = "6F1C0E8A9B2D4C7E8F00112233445566"; }},
      {"request id short",
       [](json& c) { c["app.verji.invite"]["request_id"] = "6f1c0e8a9b2d4c7e8f0011223344556"; }},
      {"request id not hex",
       [](json& c) { c["app.verji.invite"]["request_id"] = "6f1c0e8a9b2d4c7e8f0011223344556g"; }},
      {"verification SMS", [](json& c) { c["app.verji.invite"]["verification"] = "SMS"; }},
      {"user type admin", [](json& c) { c["app.verji.invite"]["user_type"] = "admin"; }},
      {"lang de", [](json& c) { c["app.verji.invite"]["lang"] = "de"; }},
      {"phone without +", [](json& c) { c["app.verji.invite"]["phone"] = "4741234567"; }},
      {"phone with spaces", [](json& c) { c["app.verji.invite"]["phone"] = "+47 41234567"; }},
      {"sms without phone", [](json& c) { c["app.verji.invite"]["phone"] = ""; }},
      {"empty e-mail", [](json& c) { c["app.verji.invite"]["email"] = ""; }},
      {"empty name", [](json& c) { c["app.verji.invite"]["full_name"] = ""; }},
  };
  for (const auto& row : rows) {
    INFO(row.what);
    json content = doc_content();
    row.mutate(content);
    CHECK_FALSE(parse_invite_content(content).has_value());
  }
  for (const char* key : {"version", "request_id", "email", "full_name", "phone", "verification", "user_type",
                          "welcome_message", "username_hint", "lang", "client"}) {
    INFO(key);
    json missing = doc_content();
    missing["app.verji.invite"].erase(key);
    CHECK_FALSE(parse_invite_content(missing).has_value());
    for (const json& wrong : {json(nullptr), json(7), json::array(), json::object(), json(false)}) {
      json typed = doc_content();
      typed["app.verji.invite"][key] = wrong;
      CHECK_FALSE(parse_invite_content(typed).has_value());
    }
  }
}

TEST_CASE("hostile content never throws out of the reader", "[invite_request]") {
  const std::vector<std::string> texts = {
      "null",
      "[]",
      "{}",
      "1",
      "\"x\"",
      R"({"app.verji.invite":null})",
      R"({"app.verji.invite":[1,2]})",
      R"({"msgtype":"m.text","body":"","app.verji.invite":{"version":18446744073709551615}})",
      R"({"msgtype":"m.text","body":"","app.verji.invite":{"version":-1}})",
      R"({"msgtype":"m.text","body":"","app.verji.invite":{"version":1e400}})",
  };
  for (const auto& text : texts) {
    INFO(text);
    const json content = json::parse(text, nullptr, false);
    CHECK_NOTHROW(parse_invite_content(content));
    CHECK_FALSE(parse_invite_content(content).has_value());
  }
  json deep = doc_content();
  for (int i = 0; i < 200; ++i) deep = json{{"app.verji.invite", deep}};
  CHECK_NOTHROW(parse_invite_content(deep));
}

// Found by fuzz_invite_roundtrip (its input, with the choices byte 0x03: SMS chosen): a form whose
// welcome message is not UTF-8 validated as sendable, and what came back from the posted text was
// not what the admin typed. Such a form is not sendable now; one that is comes back whole.
TEST_CASE("fuzz regression: only a form that comes back whole through the posted text is sendable",
          "[invite_request][fuzz]") {
  InviteForm form;
  form.email = "ola.nordmann@firma.no";
  form.full_name = "Ola Nordmann";
  form.phone = "412 34 567";
  form.verification = Verification::sms;
  form.verification_chosen = true;
  form.welcome_message = "Vi bruker n\xC3@ Verji for kryptert kommunikasjon.";
  verji::core::ValidationOptions options;
  options.server_name = "verji.app";
  CHECK_FALSE(verji::core::validate(form, options).sendable());

  form.welcome_message = "Vi bruker n\xC3\xA5 Verji for kryptert kommunikasjon.";
  const Validation v = verji::core::validate(form, options);
  REQUIRE(v.sendable());
  const json content = invite_event_content(form, v, Lang::nb, kRequestId, "0.1.0");
  const auto block = parse_invite_content(json::parse(verji::core::dump_safe(content)));
  REQUIRE(block.has_value());
  CHECK(block->welcome_message == form.welcome_message);
  CHECK(block->email == v.normalized.email);
  CHECK(block->full_name == v.normalized.full_name);
  CHECK(block->phone == "+4741234567");
  CHECK(block->username_hint == "olanordmann");
}

TEST_CASE("request ids are 32 lower-case hex digits and do not repeat", "[invite_request]") {
  std::set<std::string> seen;
  std::set<char> digits;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_request_id();
    INFO(id);
    REQUIRE(id.size() == 32);
    REQUIRE(is_request_id(id));
    seen.insert(id);
    digits.insert(id.begin(), id.end());
  }
  CHECK(seen.size() == 1000);
  CHECK(digits.size() == 16);  // every hex digit shows up in 32000 random ones
  CHECK_FALSE(is_request_id(""));
  CHECK_FALSE(is_request_id(std::string(32, 'A')));
  CHECK(is_request_id(std::string(32, '0')));
}
