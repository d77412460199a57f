// Reading the view model in tests: a field's notes, the channel chosen, a feed card.
#pragma once

#include "verji/app/view_model.h"
#include "verji/core/invite_form.h"

#include <string>
#include <vector>

namespace verji::test {

// The text field of `view`'s form for `field`.
inline const app::TextFieldView& field_view(const app::ViewModel& view, core::Field field) {
  const app::FormSection& form = view.form;
  switch (field) {
    case core::Field::email: return form.email;
    case core::Field::full_name: return form.full_name;
    case core::Field::phone: return form.phone;
    default: return form.welcome_message;
  }
}

// The notes shown under `field` (a text field, or the user type's or channel's choices), as texts.
inline std::vector<std::string> notes_of(const app::ViewModel& view, core::Field field) {
  const std::vector<app::Line>* notes = nullptr;
  if (field == core::Field::user_type) {
    notes = &view.form.user_type.notes;
  } else if (field == core::Field::verification) {
    notes = &view.form.verification.notes;
  } else {
    notes = &field_view(view, field).notes;
  }
  std::vector<std::string> out;
  for (const auto& note : *notes) out.push_back(note.text);
  return out;
}

// Every note the form shows, under any field.
inline std::vector<std::string> all_notes(const app::ViewModel& view) {
  std::vector<std::string> out;
  for (const auto field : {core::Field::email, core::Field::full_name, core::Field::phone,
                           core::Field::verification, core::Field::user_type, core::Field::welcome_message}) {
    for (auto& note : notes_of(view, field)) out.push_back(std::move(note));
  }
  return out;
}

// The phone's status line ("+47 412 34 567 · mobil"), or "" when none shows.
inline std::string phone_status(const app::ViewModel& view) {
  for (const auto& line : view.form.phone.status) {
    if (line.id == "phone.status") return line.text;
  }
  return {};
}

// The verification channel whose radio is checked.
inline core::Verification chosen_verification(const app::ViewModel& view) {
  for (const auto& option : view.form.verification.options) {
    if (option.checked && option.id == "verification=sms") return core::Verification::sms;
  }
  return core::Verification::email;
}

// The feed card of `request_id`, or null.
inline const app::FeedCard* card_of(const app::ViewModel& view, const std::string& request_id) {
  for (const auto& card : view.feed.cards) {
    if (card.request_id == request_id) return &card;
  }
  return nullptr;
}

// The action of `card` with `id`, or null.
inline const app::ControlView* action_of(const app::FeedCard& card, const std::string& id) {
  for (const auto& action : card.actions) {
    if (action.id == id) return &action;
  }
  return nullptr;
}

}  // namespace verji::test
