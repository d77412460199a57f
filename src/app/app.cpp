#include "verji/app/app.h"

#include "verji/core/phone.h"
#include "verji/core/url_params.h"

#include <cctype>
#include <type_traits>
#include <utility>
#include <variant>

namespace verji::app {
namespace {

// "no" or "NO" -> "NO"; anything that is not two ASCII letters -> empty.
std::string region_code(std::string_view s) {
  if (s.size() != 2 || !std::isalpha(static_cast<unsigned char>(s[0])) ||
      !std::isalpha(static_cast<unsigned char>(s[1]))) {
    return {};
  }
  return {static_cast<char>(std::toupper(static_cast<unsigned char>(s[0]))),
          static_cast<char>(std::toupper(static_cast<unsigned char>(s[1])))};
}

}  // namespace

Config config_from_url(std::string_view search, std::string_view hash) {
  const auto params = core::UrlParams::parse(search, hash);
  Config config;
  if (auto lang = params.get("lang")) config.lang = core::lang_from_tag(*lang);
  if (auto theme = params.get("theme")) {
    // Element sends "light", "dark" or "custom-..." (and Verji "Verji_dark"): dark if it says so.
    config.theme = theme->find("dark") != std::string::npos ? ui::Theme::dark : ui::Theme::light;
  }
  if (auto region = params.get("phone_region")) {
    if (auto code = region_code(*region); !code.empty()) config.phone_region = std::move(code);
  }
  return config;
}

App::App(Config config) : config_(std::move(config)) {
  view_.lang = config_.lang;
  view_.form = &form_;
  refresh_phone_status();
}

bool App::frame(const ui::FontSet& fonts) {
  layout_.clear();
  const ui::DrawContext ctx{config_.theme, fonts, &layout_};
  const auto intents = ui::draw_form(ctx, view_);
  for (const auto& intent : intents) apply(intent);
  return !intents.empty();
}

bool App::after_present() {
  if (core::phone_ready()) return false;
  phone_startup_ms_ = core::phone_warm_up();
  refresh_phone_status();
  return true;
}

void App::apply(const ui::Intent& intent) {
  std::visit(
      [this](const auto& i) {
        using T = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<T, ui::EditText>) {
          core::set_text(form_, i.field, i.text);
          if (i.field == core::Field::phone) refresh_phone_status();
        } else if constexpr (std::is_same_v<T, ui::ChooseVerification>) {
          form_.verification = i.value;
        } else if constexpr (std::is_same_v<T, ui::ChooseUserType>) {
          form_.user_type = i.value;
        } else if constexpr (std::is_same_v<T, ui::Submit>) {
          // Sending arrives with the widget protocol; the button is disabled until then.
        }
      },
      intent);
}

void App::refresh_phone_status() {
  view_.phone_status.clear();
  view_.phone_status_is_error = false;
  if (form_.phone.find_first_not_of(" \t") == std::string::npos) return;
  if (!core::phone_ready()) {
    // Never pay libphonenumber's start-up inside a frame; after_present() will refresh this.
    view_.phone_status = std::string(core::tr(config_.lang, core::Msg::phone_loading));
    return;
  }
  const core::PhoneCheck check = core::check_phone(form_.phone, config_.phone_region);
  if (!check.valid) {
    view_.phone_status = std::string(core::tr(config_.lang, core::Msg::phone_invalid));
    view_.phone_status_is_error = true;
    return;
  }
  view_.phone_status = check.international;
  core::Msg type_msg = core::Msg::count_;
  switch (check.type) {
    case core::PhoneType::mobile: type_msg = core::Msg::phone_type_mobile; break;
    case core::PhoneType::fixed_line: type_msg = core::Msg::phone_type_fixed_line; break;
    case core::PhoneType::fixed_line_or_mobile: type_msg = core::Msg::phone_type_fixed_line_or_mobile; break;
    default: break;
  }
  if (type_msg != core::Msg::count_) {
    view_.phone_status += " \xC2\xB7 ";  // middle dot
    view_.phone_status += core::tr(config_.lang, type_msg);
  }
}

}  // namespace verji::app
