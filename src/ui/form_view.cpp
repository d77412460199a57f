// The invite form and its confirm step, drawn from the view model; what the admin does comes back
// as intents. The status feed below them is in feed_view.cpp.
#include "verji/ui/form_view.h"

#include "form_view_parts.h"
#include "verji/core/phone.h"

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

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }

// True when a line of `text` is wider than the multi-line field shows (ImGui 1.86's field does not
// wrap: the admin would only see part of the line).
bool wider_than_field(const DrawContext& ctx, std::string_view text) {
  const float inner = ImGui::CalcItemWidth() - 2.0f * ImGui::GetStyle().FramePadding.x;
  const ImFont& font = *ctx.fonts.body;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const char* b = text.data() + start;
    if (font.CalcTextSizeA(font.FontSize, 1e30f, 0.0f, b, text.data() + end).x > inner) return true;
    start = end + 1;
  }
  return false;
}

// The welcome message wrapped, set off like a quotation, when it has flagged stretches (they are
// highlighted) or a line too long for the field to show whole.
void draw_marked_welcome(const DrawContext& ctx, const FormViewModel& vm) {
  if (vm.form == nullptr) return;
  const bool marked = !vm.welcome_marks.empty();
  if (!marked && !wider_than_field(ctx, vm.form->welcome_message)) return;
  const float em = ctx.fonts.em;
  secondary_text(ctx, t(vm, marked ? Msg::welcome_marked_heading : Msg::welcome_wrapped_heading));
  const float indent = 0.75f * em;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
  ImGui::PushItemWidth(ImGui::CalcItemWidth() - indent);
  ImGui::BeginGroup();
  marked_text(ctx, "welcome_message", vm.form->welcome_message, vm.welcome_marks);
  ImGui::EndGroup();
  record_status(ctx, "welcome_message.whole", vm.form->welcome_message);
  ImGui::PopItemWidth();
  const float bottom = ImGui::GetItemRectMax().y;
  ImGui::GetWindowDrawList()->AddRectFilled(
      top, ImVec2(top.x + std::max(2.0f, 0.2f * em), bottom),
      marked ? palette(ctx.theme).warning : palette(ctx.theme).field_border);
}

void draw_fields(const DrawContext& ctx, const FormViewModel& vm, std::vector<Intent>& intents) {
  const core::InviteForm& form = *vm.form;
  const float em = ctx.fonts.em;

  title_text(ctx, t(vm, Msg::form_title));
  secondary_text(ctx, t(vm, Msg::form_intro));
  section_gap(ctx);

  auto text = [&](Field field, TextKind kind, Msg label, Msg hint, std::string_view placeholder,
                  int max_bytes, std::function<std::string(std::string_view)> reformat = {}) {
    TextFieldSpec spec{field, kind, t(vm, label), t(vm, hint), placeholder, max_bytes, std::move(reformat)};
    auto events = text_field(ctx, spec, core::text_of(form, field));
    if (events.text) intents.push_back(EditText{field, std::move(*events.text)});
    if (events.left) intents.push_back(LeaveField{field});
  };

  if (!vm.connection_notice.empty()) {
    status_text(ctx, "connection", vm.connection_notice, vm.connection_tone);
    if (vm.offer_permission_request &&
        secondary_button(ctx, "request_permission", t(vm, Msg::action_request_permission), true)) {
      intents.push_back(RequestPermission{});
    }
    section_gap(ctx);
  }

  text(Field::email, TextKind::email, Msg::email_label, Msg::email_hint, t(vm, Msg::email_placeholder), 254);
  notes_for(ctx, vm, Field::email);
  if (!vm.email_suggestion.empty() &&
      link_button(ctx, "email.suggestion", t(vm, Msg::email_use_suggestion))) {
    intents.push_back(EditText{Field::email, vm.email_suggestion});
  }
  section_gap(ctx);
  text(Field::full_name, TextKind::name, Msg::full_name_label, Msg::full_name_hint,
       t(vm, Msg::full_name_placeholder), 200);
  status_text(ctx, "username", vm.username_preview, Tone::secondary);
  notes_for(ctx, vm, Field::full_name);
  section_gap(ctx);
  std::function<std::string(std::string_view)> phone_format;
  if (!vm.phone_format_region.empty()) {
    phone_format = [region = vm.phone_format_region](std::string_view typed) {
      return format_phone_as_typed(typed, region);
    };
  }
  text(Field::phone, TextKind::tel, Msg::phone_label, Msg::phone_hint, t(vm, Msg::phone_placeholder), 40,
       std::move(phone_format));
  status_text(ctx, "phone.status", vm.phone_status, vm.phone_status_is_error ? Tone::error : Tone::secondary);
  status_text(ctx, "phone.country", vm.phone_country, Tone::secondary);
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
  draw_marked_welcome(ctx, vm);
  notes_for(ctx, vm, Field::welcome_message);
  if (vm.confirm_needed &&
      checkbox(ctx, "confirm_sensitive", t(vm, Msg::welcome_confirm_sensitive), vm.confirmed)) {
    intents.push_back(ConfirmSensitive{!vm.confirmed});
  }
  section_gap(ctx);

  const bool clicked = primary_button(ctx, "create", t(vm, Msg::create_button), vm.can_submit);
  if (vm.focus_create) focus_last_item();
  // A click on the greyed-out button is a send attempt too: every error then shows, and why.
  const bool attempted = !vm.can_submit && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) &&
                         ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  if (clicked || attempted || (vm.can_submit && enter_on_last_item())) intents.push_back(Submit{});
  status_text(ctx, "create.hint", vm.submit_hint, Tone::error);
}

// The confirm step, in place of the form: what will be sent, then "Send invitation" and "Edit".
void draw_confirm(const DrawContext& ctx, const FormViewModel& vm, std::vector<Intent>& intents) {
  const ConfirmStepView& step = vm.confirm;
  if (step.take_focus) ImGui::SetScrollY(0.0f);
  title_text(ctx, t(vm, Msg::confirm_title));
  secondary_text(ctx, t(vm, Msg::confirm_intro));
  section_gap(ctx);
  summary_rows(ctx, "confirm.summary", step.rows);
  if (!step.warnings.empty()) {
    section_gap(ctx);
    field_label(ctx, t(vm, Msg::confirm_warnings), {});
    for (std::size_t i = 0; i < step.warnings.size(); ++i) {
      status_text(ctx, "confirm.warning" + std::to_string(i), step.warnings[i], Tone::warning);
    }
    if (checkbox(ctx, "confirm_sensitive", t(vm, Msg::welcome_confirm_sensitive), vm.confirmed)) {
      intents.push_back(ConfirmSensitive{!vm.confirmed});
    }
  }
  section_gap(ctx);

  bool send = primary_button(ctx, "confirm.send", t(vm, Msg::confirm_send), step.can_send);
  if (step.take_focus) focus_last_item();
  ImGui::SameLine();
  bool edit = secondary_button(ctx, "confirm.edit", t(vm, Msg::confirm_edit), true, 2.4f);
  secondary_text(ctx, t(vm, Msg::confirm_keys));

  // Enter sends and Escape goes back wherever the focus is (the step has no text field).
  if (!ImGui::GetIO().WantTextInput) {
    send = send || (step.can_send && (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter)));
    edit = edit || key_pressed(ImGuiKey_Escape);
  }
  if (send) {
    intents.push_back(SendInvite{});
  } else if (edit) {
    intents.push_back(EditAgain{});
  }
}

bool is_phone_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' || c == '.' ||
           c == '/';
  });
}

}  // namespace

void section_gap(const DrawContext& ctx) { ImGui::Dummy(ImVec2(0.0f, 0.35f * ctx.fonts.em)); }

std::string format_phone_as_typed(std::string_view text, std::string_view region) {
  if (text.empty() || !is_phone_text(text)) return std::string(text);
  return core::format_as_you_type(text, region);
}

std::vector<Intent> draw_form(const DrawContext& ctx, const FormViewModel& vm) {
  std::vector<Intent> intents;
  if (vm.form == nullptr) return intents;
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

  if (vm.confirm.open) {
    draw_confirm(ctx, vm, intents);
  } else {
    draw_fields(ctx, vm, intents);
  }
  draw_feed(ctx, vm, intents);

  ImGui::Dummy(ImVec2(0.0f, 1.0f * em));  // bottom margin inside the scroll area
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::End();
  return intents;
}

}  // namespace verji::ui
