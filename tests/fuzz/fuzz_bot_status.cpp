// The CompanyBot's answers: classify_bot_text() on the input as a message body, and
// status_from_block() on it when it is JSON (the app.verji.invite.status block).
//
// Checked: the text is kept verbatim; every captured value is a piece of the text; a block that is
// accepted has what the contract requires (a non-empty request id, a known state) and its state's
// name reads back as the same kind.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "verji/core/bot_status.h"

namespace {

bool is_part_of(std::string_view piece, std::string_view text) {
  return piece.empty() || text.find(piece) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  const std::string_view text = verji::fuzz::as_text(data, size);

  const BotStatus status = classify_bot_text(text);
  VERJI_FUZZ_CHECK(status.text == text);
  VERJI_FUZZ_CHECK(is_part_of(status.email, text));
  VERJI_FUZZ_CHECK(is_part_of(status.user_id, text));
  VERJI_FUZZ_CHECK(is_part_of(status.room, text));
  VERJI_FUZZ_CHECK(is_part_of(status.username, text));
  VERJI_FUZZ_CHECK(is_part_of(status.reason, text));
  VERJI_FUZZ_CHECK(bot_status_kind_from_string(to_string(status.kind)) == status.kind);
  VERJI_FUZZ_CHECK(classify_bot_text(text) == status);  // a pure function

  const nlohmann::json block = nlohmann::json::parse(text, nullptr, false);
  if (!block.is_discarded()) {
    if (const auto parsed = status_from_block(block)) {
      VERJI_FUZZ_CHECK(!parsed->request_id.empty());
      VERJI_FUZZ_CHECK(parsed->status.kind != BotStatusKind::unknown);
      VERJI_FUZZ_CHECK(parsed->status.text.empty());
      VERJI_FUZZ_CHECK(block.is_object() && block.contains("state") && block["state"].is_string());
      VERJI_FUZZ_CHECK(bot_status_kind_from_string(block["state"].get<std::string>()) == parsed->status.kind);
    }
  }
  return 0;
}
