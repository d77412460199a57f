// validate_bench: how long the core's checks take, natively and as wasm under node.
//
// Prints the phone library's start-up (in 6 ms slices, as the widget pays it), then the median and 95th
// percentile of one validate() call on a few realistic whole forms, and of building the invite
// request. The figures go into the README; CTest only checks that the program runs.
//
//   validate_bench [--iterations N]      (default 2000)
#include "verji/core/invite_request.h"
#include "verji/core/phone.h"
#include "verji/core/sensitive.h"
#include "verji/core/validation.h"
#include "verji/core/version.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace core = verji::core;

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kRequestId = "6f1c0e8a9b2d4c7e8f00112233445566";

struct Figures {
  double median_us;
  double p95_us;
};

// Runs `work` `iterations` times and returns the median and 95th percentile of one run, in µs.
Figures measure(int iterations, const std::function<void()>& work) {
  work();  // once untimed: first-use costs (allocations, tables) are not what we measure here
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(iterations));
  for (int i = 0; i < iterations; ++i) {
    const auto start = Clock::now();
    work();
    samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  const auto at = [&](double q) {
    return samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1))];
  };
  return {at(0.5), at(0.95)};
}

core::InviteForm typical_form() {
  core::InviteForm form;
  form.email = "ola.nordmann@firma.no";
  form.full_name = "Ola Jakob Nordmann";
  form.phone = "412 34 567";
  form.verification = core::Verification::sms;
  form.verification_chosen = true;
  form.welcome_message = "Vi bruker nå Verji for kryptert kommunikasjon i tråd med GDPR.";
  return form;
}

core::InviteForm sensitive_form() {
  core::InviteForm form = typical_form();
  form.email = "kari.ødegård@bedrift.no";
  form.full_name = "Kari Åse Ødegård-Hansen";
  std::string text =
      "Hei Kari! Velkommen til Verji. Passordet ditt er sommer2024, fødselsnummeret ditt 010190 00083 "
      "står i avtalen, lønn går til 1234.56.78903 og firmakortet er 4111 1111 1111 1111. ";
  // Up to the 1000-character limit (bytes <= 1000 keeps the code points under it too).
  const std::string filler =
      "Vi bruker nå Verji for kryptert kommunikasjon i tråd med GDPR; ring 412 34 567. ";
  while (text.size() + filler.size() <= 1000) text += filler;
  form.welcome_message = text;
  return form;
}

// The typical form as an admin types it: each field one character (code point) at a time, the fields
// before it already filled in. Each entry is the form after one keystroke.
std::vector<core::InviteForm> keystrokes() {
  const core::InviteForm full = typical_form();
  core::InviteForm form;
  form.verification = full.verification;
  form.verification_chosen = full.verification_chosen;
  std::vector<core::InviteForm> out;
  const auto type = [&](std::string core::InviteForm::*field) {
    const std::string& text = full.*field;
    for (std::size_t end = 1; end <= text.size(); ++end) {
      if (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) continue;
      form.*field = text.substr(0, end);
      out.push_back(form);
    }
  };
  type(&core::InviteForm::email);
  type(&core::InviteForm::full_name);
  type(&core::InviteForm::phone);
  type(&core::InviteForm::welcome_message);
  return out;
}

int iterations_from(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--iterations") == 0) return std::max(1, std::atoi(argv[i + 1]));
  }
  return 2000;
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = iterations_from(argc, argv);
  std::printf("validate_bench %s (%s), %d iterations\n", std::string(core::widget_version()).c_str(),
              std::string(core::build_kind()).c_str(), iterations);

  // As the widget pays it: slices of 6 ms (web_runner.cpp's kPhoneSliceMs), one per frame.
  int slices = 0;
  double total_ms = 0.0;
  double longest_ms = 0.0;
  std::string each;
  for (bool done = false; !done; ++slices) {
    const auto start = std::chrono::steady_clock::now();
    done = core::phone_warm_up_step(6.0);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    total_ms += ms;
    longest_ms = std::max(longest_ms, ms);
    char text[16];
    std::snprintf(text, sizeof text, "%s%.1f", each.empty() ? "" : " ", ms);
    each += text;
  }
  std::printf("%-48s %10.1f ms\n", "phone start-up, all of it", total_ms);
  std::printf("%-48s %10d, longest %.1f ms (%s)\n", "  in slices of 6 ms (as the widget does)", slices,
              longest_ms, each.c_str());

  const core::ValidationOptions options;
  struct Case {
    const char* name;
    core::InviteForm form;
  };
  const std::vector<Case> cases = {
      {"validate(): empty form", core::InviteForm{}},
      {"validate(): typical valid form", typical_form()},
      {"validate(): ~1000-char welcome, sensitive data", sensitive_form()},
  };
  std::printf("%-48s %10s %10s\n", "", "median", "p95");
  std::size_t findings = 0;
  for (const auto& c : cases) {
    const Figures f =
        measure(iterations, [&] { findings += core::validate(c.form, options).findings.size(); });
    std::printf("%-48s %8.1f µs %8.1f µs\n", c.name, f.median_us, f.p95_us);
  }

  // On a keystroke: the phone is parsed again only when it changed (check_phone() keeps its last
  // answer), so this is what typing costs, where the rows above are the same form again and again.
  const std::vector<core::InviteForm> typed = keystrokes();
  std::size_t next = 0;
  const Figures typing = measure(iterations, [&] {
    findings += core::validate(typed[next], options).findings.size();
    next = (next + 1) % typed.size();
  });
  char typing_name[64];
  std::snprintf(typing_name, sizeof typing_name, "validate(): each keystroke typing it (%zu keys)",
                typed.size());
  std::printf("%-48s %8.1f µs %8.1f µs\n", typing_name, typing.median_us, typing.p95_us);
  std::vector<core::InviteForm> phone_only;
  for (const auto& f : typed) {
    if (!f.phone.empty() && f.welcome_message.empty()) phone_only.push_back(f);
  }
  next = 0;
  const Figures phone_typing = measure(iterations, [&] {
    findings += core::validate(phone_only[next], options).findings.size();
    next = (next + 1) % phone_only.size();
  });
  std::snprintf(typing_name, sizeof typing_name, "  of them the %zu in the phone field", phone_only.size());
  std::printf("%-48s %8.1f µs %8.1f µs\n", typing_name, phone_typing.median_us, phone_typing.p95_us);

  const std::string welcome = sensitive_form().welcome_message;
  const Figures scan = measure(iterations, [&] { findings += core::scan_sensitive(welcome).size(); });
  std::printf("%-48s %8.1f µs %8.1f µs\n", "scan_sensitive(): the same welcome alone", scan.median_us,
              scan.p95_us);

  const core::InviteForm form = typical_form();
  const core::Validation validation = core::validate(form, options);
  const Figures id = measure(iterations, [&] { findings += core::new_request_id().size(); });
  std::printf("%-48s %8.1f µs %8.1f µs\n", "new_request_id() (std::random_device)", id.median_us, id.p95_us);
  const Figures request = measure(iterations, [&] {
    findings +=
        core::invite_event_content(form, validation, core::Lang::nb, kRequestId, "0.1.0").dump().size();
  });
  std::printf("%-48s %8.1f µs %8.1f µs\n", "invite request: content and dump", request.median_us,
              request.p95_us);
  return findings > 0 ? EXIT_SUCCESS : EXIT_FAILURE;  // uses the results, so nothing is optimised away
}
