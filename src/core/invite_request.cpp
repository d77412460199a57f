// The invite request's event content and its strict reader (docs/invite-protocol.md).
#include "verji/core/invite_request.h"

#include "verji/core/json_fields.h"

#include <array>
#include <random>

namespace verji::core {
namespace {

bool is_lower_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// "" or "+" and 2 to 15 digits, the first not 0 (E.164).
bool is_e164_or_empty(std::string_view text) noexcept {
  if (text.empty()) return true;
  if (text.size() < 3 || text.size() > 16 || text[0] != '+' || text[1] == '0') return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (!is_digit(text[i])) return false;
  }
  return true;
}

std::string body_line(const InviteForm& form, const Validation& validation, Lang lang) {
  const Normalized& n = validation.normalized;
  const Msg code =
      n.verification == Verification::sms ? Msg::invite_body_code_sms : Msg::invite_body_code_email;
  const Msg type =
      form.user_type == UserType::administrator ? Msg::invite_body_administrator : Msg::invite_body_standard;
  MsgArgs args{{"full_name", n.full_name},
               {"email", n.email},
               {"verification", std::string(tr(lang, code))},
               {"user_type", std::string(tr(lang, type))}};
  if (n.phone_e164.empty()) return format(lang, Msg::invite_body_without_phone, args);
  args.push_back({"phone", n.phone_international.empty() ? n.phone_e164 : n.phone_international});
  return format(lang, Msg::invite_body_with_phone, args);
}

bool is_version_one(const nlohmann::json& object) {
  const auto it = object.find("version");
  if (it == object.end()) return false;
  if (it->is_number_unsigned()) return it->get<std::uint64_t>() == static_cast<std::uint64_t>(kInviteVersion);
  if (it->is_number_integer()) return it->get<std::int64_t>() == kInviteVersion;
  return false;
}

std::optional<InviteBlock> parse_block(const nlohmann::json& content) {
  if (!content.is_object()) return std::nullopt;
  const std::string* msgtype = string_member(content, "msgtype");
  if (msgtype == nullptr || *msgtype != "m.text" || string_member(content, "body") == nullptr)
    return std::nullopt;
  const auto it = content.find(kInviteKey);
  if (it == content.end() || !it->is_object() || !is_version_one(*it)) return std::nullopt;
  const nlohmann::json& block = *it;

  constexpr std::array<std::string_view, 10> kStrings{
      "request_id", "email", "full_name", "phone",           "verification",
      "user_type",  "lang",  "client",    "welcome_message", "username_hint"};
  for (const auto key : kStrings) {
    if (string_member(block, key) == nullptr) return std::nullopt;
  }
  InviteBlock out;
  out.request_id = *string_member(block, "request_id");
  out.email = *string_member(block, "email");
  out.full_name = *string_member(block, "full_name");
  out.phone = *string_member(block, "phone");
  out.welcome_message = *string_member(block, "welcome_message");
  out.username_hint = *string_member(block, "username_hint");
  out.client = *string_member(block, "client");
  const auto verification = verification_from_string(*string_member(block, "verification"));
  const auto user_type = user_type_from_string(*string_member(block, "user_type"));
  const std::string& lang = *string_member(block, "lang");
  if (!verification || !user_type || (lang != "nb" && lang != "en")) return std::nullopt;
  out.verification = *verification;
  out.user_type = *user_type;
  out.lang = lang == "en" ? Lang::en : Lang::nb;

  if (!is_request_id(out.request_id) || !is_e164_or_empty(out.phone)) return std::nullopt;
  if (out.email.empty() || out.full_name.empty()) return std::nullopt;
  if (out.verification == Verification::sms && out.phone.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::string new_request_id() {
  std::random_device device;
  constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (int word = 0; word < 4; ++word) {
    std::uint32_t bits = device();
    for (int nibble = 0; nibble < 8; ++nibble) {
      id += kHex[bits & 0xFu];
      bits >>= 4;
    }
  }
  return id;
}

bool is_request_id(std::string_view text) noexcept {
  if (text.size() != 32) return false;
  for (const char c : text) {
    if (!is_lower_hex(c)) return false;
  }
  return true;
}

nlohmann::json invite_event_content(const InviteForm& form, const Validation& validation, Lang lang,
                                    std::string_view request_id, std::string_view client_version) {
  const Normalized& n = validation.normalized;
  nlohmann::json block = {
      {"version", kInviteVersion},
      {"request_id", std::string(request_id)},
      {"email", n.email},
      {"full_name", n.full_name},
      {"phone", n.phone_e164},
      {"verification", std::string(to_string(n.verification))},
      {"user_type", std::string(to_string(form.user_type))},
      {"welcome_message", form.welcome_message},
      {"username_hint", n.username},
      {"lang", std::string(tag(lang))},
      {"client", std::string(kClientName) + "/" + std::string(client_version)},
  };
  return nlohmann::json{
      {"msgtype", "m.text"},
      {"body", body_line(form, validation, lang)},
      {std::string(kInviteKey), std::move(block)},
  };
}

std::optional<InviteBlock> parse_invite_content(const nlohmann::json& content) noexcept {
  try {
    return parse_block(content);
  } catch (...) {  // e.g. std::bad_alloc: hostile input never escapes as an exception
    return std::nullopt;
  }
}

std::string_view to_string(Verification verification) noexcept {
  return verification == Verification::sms ? "sms" : "email";
}

std::string_view to_string(UserType user_type) noexcept {
  return user_type == UserType::administrator ? "administrator" : "standard";
}

std::optional<Verification> verification_from_string(std::string_view text) noexcept {
  if (text == "sms") return Verification::sms;
  if (text == "email") return Verification::email;
  return std::nullopt;
}

std::optional<UserType> user_type_from_string(std::string_view text) noexcept {
  if (text == "standard") return UserType::standard;
  if (text == "administrator") return UserType::administrator;
  return std::nullopt;
}

}  // namespace verji::core
