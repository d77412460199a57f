// Plays a preview state's script (see verji/preview/player.h).
#include "verji/preview/player.h"

#include "verji/core/invite_request.h"
#include "verji/core/username.h"

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace verji::preview {
namespace {

// The core's alternative names for the newest invitation, when the bot said its username is taken.
std::vector<core::UsernameChoice> alternatives(const app::App& app) {
  const auto* tracker = app.tracker();
  if (tracker == nullptr || tracker->submissions().empty()) return {};
  const core::Submission& s = tracker->submissions().back();
  if (s.state != core::SubmissionState::username_taken) return {};
  const auto block = s.content.find(core::kInviteKey);
  std::string full_name;
  if (block != s.content.end() && block->is_object()) {
    const auto name = block->find("full_name");
    if (name != block->end() && name->is_string()) full_name = name->get<std::string>();
  }
  return core::username_alternatives(full_name, s.username, app.config().widget.username_style);
}

// Applies one step; an error, or empty.
std::string apply(app::App& app, testing::FakeMatrixClient& client, const Step& step) {
  return std::visit(
      [&](const auto& s) -> std::string {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, Dispatch>) {
          app.dispatch(s.intent);
        } else if constexpr (std::is_same_v<T, ResendNewest>) {
          const auto* tracker = app.tracker();
          if (tracker == nullptr || tracker->submissions().empty()) return "nothing to resend yet";
          app.dispatch(app::Resend{tracker->submissions().back().request_id});
        } else if constexpr (std::is_same_v<T, PickAlternative>) {
          const auto choices = alternatives(app);
          if (s.index >= choices.size()) {
            return "the newest invitation has no alternative name number " + std::to_string(s.index);
          }
          app.dispatch(app::PickName{choices[s.index].full_name});
        } else if constexpr (std::is_same_v<T, BotSays>) {
          if (client.newest_invite() == nullptr) return "the bot answers, but no invitation was posted yet";
          client.bot_says(s.text, s.reply_to_request);
        } else if constexpr (std::is_same_v<T, Wait>) {
          client.advance(s.ms);
        } else if constexpr (std::is_same_v<T, AnswerNextSend>) {
          client.answer_next_send(s.answer);
        }
        client.pump();
        return {};
      },
      step);
}

}  // namespace

testing::FakeRoom room() { return testing::FakeRoom::prod_admin_room("preview"); }

app::Config config_for(const State& state, core::Lang lang, app::Theme theme) {
  app::Config config;
  config.lang = lang;
  config.theme = theme;
  config.phone_region = "NO";
  config.widget.lang = lang;
  config.widget.lang_given = true;
  config.widget.dark = theme == app::Theme::dark;
  config.widget.theme = theme == app::Theme::dark ? "dark" : "light";
  if (state.connection == Connection::standalone) return config;
  const testing::FakeRoom r = room();
  config.widget.widget_id = r.widget_id;
  config.widget.user_id = r.admin;
  config.widget.room_id = r.room_id;
  config.widget.server_name = r.server;
  config.widget.bot_user_id = r.bot;
  return config;
}

testing::WidgetPort port_of(app::App& app) {
  testing::WidgetPort port;
  port.start = [&app] { app.connect(); };
  port.receive = [&app](std::string_view text) { app.on_host_message(text); };
  port.take_outbound = [&app] { return app.take_outbound(); };
  port.tick = [&app] { app.tick(); };
  port.next_deadline = [&app] { return app.next_deadline(); };
  return port;
}

std::vector<std::string> play(app::App& app, testing::FakeMatrixClient& client, const State& state) {
  std::vector<std::string> errors;
  app.after_present();  // phone numbers are checked at once, as after the widget's first frame
  if (state.connection != Connection::standalone) client.connect(state.connection == Connection::ready);
  for (std::size_t i = 0; i < state.script.size(); ++i) {
    const std::string error = apply(app, client, state.script[i].step);
    if (!error.empty()) {
      errors.push_back("state \"" + state.name + "\": script[" + std::to_string(i) + "] " +
                       state.script[i].source + ": " + error);
    }
  }
  return errors;
}

}  // namespace verji::preview
