// The status feed: each invitation sent from this widget and what the CompanyBot said about it.
#include "form_view_parts.h"

namespace verji::ui {

void draw_feed(const DrawContext& ctx, const FormViewModel& vm, std::vector<Intent>& intents) {
  if (vm.submissions.empty()) return;
  section_gap(ctx);
  field_label(ctx, core::tr(vm.lang, core::Msg::submissions_heading), {});
  for (const auto& entry : vm.submissions) {
    const std::string id = "submission=" + entry.request_id;
    wrapped_label(ctx, entry.title);
    status_text(ctx, id, entry.state, entry.tone);
    if (entry.can_resend && secondary_button(ctx, "resend=" + entry.request_id,
                                             core::tr(vm.lang, core::Msg::action_resend), true)) {
      intents.push_back(Resend{entry.request_id});
    }
    section_gap(ctx);
  }
}

}  // namespace verji::ui
