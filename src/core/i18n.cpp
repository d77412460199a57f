#include "verji/core/i18n.h"

#include <array>
#include <cctype>

namespace verji::core {
namespace {

struct Entry {
  Msg msg;
  std::string_view key;
  std::string_view nb;
  std::string_view en;
};

// Order must follow enum Msg; a static_assert below and tests/core/test_i18n.cpp check it.
constexpr std::array<Entry, kMsgCount> kCatalogue{{
    {Msg::form_title, "form_title", "Inviter ny bruker", "Invite a new user"},
    {Msg::form_intro, "form_intro",
     "Fyll inn opplysningene om personen du inviterer. CompanyBot oppretter brukeren og svarer i rommet.",
     "Fill in the details of the person you are inviting. The CompanyBot creates the user and answers in the "
     "room."},
    {Msg::email_label, "email_label", "E-postadresse", "E-mail address"},
    {Msg::email_hint, "email_hint", "Invitasjonen sendes hit. Sjekk at den er riktig.",
     "The invitation is sent here. Make sure it is correct."},
    {Msg::full_name_label, "full_name_label", "Fullt navn", "Full name"},
    {Msg::full_name_hint, "full_name_hint", "Bare fornavn og etternavn. Brukernavnet lages av navnet.",
     "First and last name only. The username is made from the name."},
    {Msg::phone_label, "phone_label", "Mobilnummer (valgfritt)", "Mobile number (optional)"},
    {Msg::phone_hint, "phone_hint", "Anbefalt: gir sikrere verifisering.",
     "Recommended: it makes verification more secure."},
    {Msg::phone_loading, "phone_loading", "Laster telefonnummerkontroll …", "Loading phone number check …"},
    {Msg::phone_invalid, "phone_invalid", "Ikke et gyldig telefonnummer.", "Not a valid phone number."},
    {Msg::phone_type_mobile, "phone_type_mobile", "mobil", "mobile"},
    {Msg::phone_type_fixed_line, "phone_type_fixed_line", "fasttelefon", "landline"},
    {Msg::phone_type_fixed_line_or_mobile, "phone_type_fixed_line_or_mobile", "mobil eller fasttelefon",
     "mobile or landline"},
    {Msg::verification_label, "verification_label", "Verifiseringskode via", "Verification code by"},
    {Msg::verification_sms, "verification_sms", "SMS", "Text message (SMS)"},
    {Msg::verification_email, "verification_email", "E-post", "E-mail"},
    {Msg::user_type_label, "user_type_label", "Brukertype", "User type"},
    {Msg::user_type_standard, "user_type_standard", "Standard (klient)", "Standard (client)"},
    {Msg::user_type_administrator, "user_type_administrator", "Administrator (medarbeider)",
     "Administrator (co-worker)"},
    {Msg::welcome_label, "welcome_label", "Velkomstmelding (valgfritt)", "Welcome message (optional)"},
    {Msg::welcome_hint, "welcome_hint", "Sendes ukryptert. Ikke skriv sensitive opplysninger.",
     "Sent unencrypted. Do not write sensitive information."},
    {Msg::create_button, "create_button", "Opprett", "Create"},
    {Msg::preview_notice, "preview_notice", "Forhåndsvisning: sending kommer i en senere versjon.",
     "Preview: sending comes in a later version."},
}};

constexpr bool catalogue_in_enum_order() {
  for (std::size_t i = 0; i < kCatalogue.size(); ++i) {
    if (static_cast<std::size_t>(kCatalogue[i].msg) != i) return false;
  }
  return true;
}
static_assert(catalogue_in_enum_order(), "kCatalogue must list messages in enum Msg order");

const Entry& entry(Msg msg) noexcept {
  const auto index = static_cast<std::size_t>(msg);
  return kCatalogue[index < kCatalogue.size() ? index : 0];
}

}  // namespace

std::string_view tr(Lang lang, Msg msg) noexcept {
  const Entry& e = entry(msg);
  return lang == Lang::en ? e.en : e.nb;
}

std::string_view key(Msg msg) noexcept { return entry(msg).key; }

Lang lang_from_tag(std::string_view tag) noexcept {
  // Only the primary subtag matters: "en-GB" -> "en".
  const auto dash = tag.find_first_of("-_");
  const std::string_view primary = tag.substr(0, dash);
  if (primary.size() == 2 && std::tolower(static_cast<unsigned char>(primary[0])) == 'e' &&
      std::tolower(static_cast<unsigned char>(primary[1])) == 'n') {
    return Lang::en;
  }
  return Lang::nb;  // nb, no, nn and everything we have no catalogue for
}

}  // namespace verji::core
