// The invite request's round trip: a form made from the input, validated, turned into the event
// content (invite_event_content), serialised as the Widget API client posts it (dump_safe), parsed
// back from the text and read by the strict reader (parse_invite_content): the same values.
//
// The input: one byte of choices (verification chosen and which, user type, language, username
// style), then the e-mail, the full name, the phone and the welcome message, separated by "\n"
// (the welcome message is the rest, line breaks included). Every form the widget would send (no
// error, nothing pending) must come back whole; one it would not send must still never read back
// as other values than it was built from.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "verji/core/invite_request.h"
#include "verji/core/json_fields.h"
#include "verji/core/unicode.h"
#include "verji/core/validation.h"

namespace {

constexpr std::string_view kRequestId = "0123456789abcdef0123456789abcdef";
constexpr std::string_view kVersion = "0.1.0";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  std::string_view rest = verji::fuzz::as_text(data + 1, size - 1);
  std::string_view parts[4];
  for (int i = 0; i < 3; ++i) {
    const auto at = rest.find('\n');
    parts[i] = rest.substr(0, at);
    rest = at == std::string_view::npos ? std::string_view{} : rest.substr(at + 1);
  }
  parts[3] = rest;

  InviteForm form;
  form.email = std::string(parts[0]);
  form.full_name = std::string(parts[1]);
  form.phone = std::string(parts[2]);
  form.welcome_message = std::string(parts[3]);
  form.verification_chosen = (flags & 0x01) != 0;
  form.verification = (flags & 0x02) != 0 ? Verification::sms : Verification::email;
  form.user_type = (flags & 0x04) != 0 ? UserType::administrator : UserType::standard;
  const Lang lang = (flags & 0x08) != 0 ? Lang::en : Lang::nb;
  ValidationOptions options;
  options.username_style = (flags & 0x10) != 0 ? UsernameStyle::dotted : UsernameStyle::joined;
  options.server_name = "verji.app";

  const Validation validation = validate(form, options);
  const nlohmann::json content = invite_event_content(form, validation, lang, kRequestId, kVersion);
  const std::string text = dump_safe(content);
  const nlohmann::json back = nlohmann::json::parse(text, nullptr, false);
  VERJI_FUZZ_CHECK(!back.is_discarded());
  const auto block = parse_invite_content(back);

  const Normalized& n = validation.normalized;
  if (validation.sendable()) VERJI_FUZZ_CHECK(block.has_value());
  if (!block) return 0;
  // What was built from text that is not UTF-8 cannot come back as it was (the serialiser replaces
  // such bytes); the widget never sends it (checked above: such a form is not sendable).
  const auto same = [](const std::string& sent, const std::string& read) {
    return !unicode::is_valid_utf8(sent) || sent == read;
  };
  VERJI_FUZZ_CHECK(block->version == kInviteVersion);
  VERJI_FUZZ_CHECK(block->request_id == kRequestId);
  VERJI_FUZZ_CHECK(same(n.email, block->email));
  VERJI_FUZZ_CHECK(same(n.full_name, block->full_name));
  VERJI_FUZZ_CHECK(block->phone == n.phone_e164);
  VERJI_FUZZ_CHECK(block->verification == n.verification);
  VERJI_FUZZ_CHECK(block->user_type == form.user_type);
  VERJI_FUZZ_CHECK(same(form.welcome_message, block->welcome_message));
  VERJI_FUZZ_CHECK(block->username_hint == n.username);
  VERJI_FUZZ_CHECK(block->lang == lang);
  VERJI_FUZZ_CHECK(block->client == std::string(kClientName) + "/" + std::string(kVersion));
  if (validation.sendable()) {
    VERJI_FUZZ_CHECK(unicode::is_valid_utf8(n.email) && unicode::is_valid_utf8(n.full_name));
    VERJI_FUZZ_CHECK(unicode::is_valid_utf8(form.welcome_message));
  }
  return 0;
}
