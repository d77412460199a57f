#include "verji/ui/form_view.h"

#include "form_view_parts.h"

#include <algorithm>

namespace verji::ui {
namespace {

using core::Field;
using core::Lang;
using core::Msg;

std::string_view t(const FormViewModel& vm, Msg msg) { return core::tr(vm.lang, msg); }

void notes_for(const DrawContext& ctx, const FormViewModel& vm, Field field) {
  int index = 0;
  for (const auto& note : vm.notes) {
    if (note.field != field) continue;
    status_text(ctx, std::string(core::field_name(field)) + ".note" + std::to_string(index++), note.text,
                note.tone);
  }
}

}  // namespace

void section_gap(const DrawContext& ctx) { ImGui::Dummy(ImVec2(0.0f, 0.35f * ctx.fonts.em)); }

std::vector<Intent> draw_form(const DrawContext& ctx, const FormViewModel& vm) {
  std::vector<Intent> intents;
  if (vm.form == nullptr) return intents;
  const core::InviteForm& form = *vm.form;
  const float em = ctx.fonts.em;

  // One undecorated window that is the whole canvas: the widget reads as a form, not a tool.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No title bar, resize grip or collapse button; the scrollbar stays for short viewports.
  constexpr ImGuiWindowFlags kFlags =
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
  ImGui::Begin("Verji invite", nullptr, kFlags);
  ImGui::PopStyleVar();

  // A centred column of at most 34 em, with 1 em of air on each side at narrow widths.
  const float column = std::min(34.0f * em, std::max(8.0f * em, viewport->WorkSize.x - 2.0f * em));
  const float left = std::max(1.0f * em, (viewport->WorkSize.x - column) * 0.5f);
  ImGui::SetCursorPos(ImVec2(left, 1.0f * em));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(column);

  title_text(ctx, t(vm, Msg::form_title));
  secondary_text(ctx, t(vm, Msg::form_intro));
  section_gap(ctx);

  auto text = [&](Field field, TextKind kind, Msg label, Msg hint, std::string_view placeholder,
                  int max_bytes) {
    const TextFieldSpec spec{field, kind, t(vm, label), t(vm, hint), placeholder, max_bytes};
    if (auto changed = text_field(ctx, spec, core::text_of(form, field))) {
      intents.push_back(EditText{field, std::move(*changed)});
    }
  };

  if (!vm.connection_notice.empty()) {
    status_text(ctx, "connection", vm.connection_notice, vm.connection_tone);
    if (vm.offer_permission_request &&
        secondary_button(ctx, "request_permission", t(vm, Msg::action_request_permission), true)) {
      intents.push_back(RequestPermission{});
    }
    section_gap(ctx);
  }

  text(Field::email, TextKind::email, Msg::email_label, Msg::email_hint, "ola.nordmann@firma.no", 254);
  notes_for(ctx, vm, Field::email);
  section_gap(ctx);
  text(Field::full_name, TextKind::name, Msg::full_name_label, Msg::full_name_hint, "Ola Nordmann", 200);
  status_text(ctx, "username", vm.username_preview, Tone::secondary);
  notes_for(ctx, vm, Field::full_name);
  section_gap(ctx);
  text(Field::phone, TextKind::tel, Msg::phone_label, Msg::phone_hint, "412 34 567", 40);
  status_text(ctx, "phone.status", vm.phone_status, vm.phone_status_is_error ? Tone::error : Tone::secondary);
  notes_for(ctx, vm, Field::phone);
  section_gap(ctx);

  field_label(ctx, t(vm, Msg::verification_label), {});
  if (radio_button(ctx, "verification=sms", t(vm, Msg::verification_sms),
                   vm.verification == core::Verification::sms)) {
    intents.push_back(ChooseVerification{core::Verification::sms});
  }
  ImGui::SameLine(0.0f, 1.5f * em);
  if (radio_button(ctx, "verification=email", t(vm, Msg::verification_email),
                   vm.verification == core::Verification::email)) {
    intents.push_back(ChooseVerification{core::Verification::email});
  }
  section_gap(ctx);

  field_label(ctx, t(vm, Msg::user_type_label), {});
  if (radio_button(ctx, "user_type=standard", t(vm, Msg::user_type_standard),
                   form.user_type == core::UserType::standard)) {
    intents.push_back(ChooseUserType{core::UserType::standard});
  }
  if (radio_button(ctx, "user_type=administrator", t(vm, Msg::user_type_administrator),
                   form.user_type == core::UserType::administrator)) {
    intents.push_back(ChooseUserType{core::UserType::administrator});
  }
  notes_for(ctx, vm, Field::user_type);
  section_gap(ctx);

  text(Field::welcome_message, TextKind::multiline, Msg::welcome_label, Msg::welcome_hint, {}, 4000);
  notes_for(ctx, vm, Field::welcome_message);
  if (vm.confirm_needed &&
      checkbox(ctx, "confirm_sensitive", t(vm, Msg::welcome_confirm_sensitive), vm.confirmed)) {
    intents.push_back(ConfirmSensitive{!vm.confirmed});
  }
  section_gap(ctx);

  if (primary_button(ctx, "create", t(vm, Msg::create_button), vm.can_submit)) intents.push_back(Submit{});
  status_text(ctx, "create.hint", vm.submit_hint, Tone::error);
  draw_feed(ctx, vm, intents);

  ImGui::Dummy(ImVec2(0.0f, 1.0f * em));  // bottom margin inside the scroll area
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::End();
  return intents;
}

}  // namespace verji::ui
