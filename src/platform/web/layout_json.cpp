#include "layout_json.h"

#include "verji/core/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace verji::web {
namespace {

bool same_box(const app::ControlBox& a, const app::ControlBox& b) {
  return a.role == b.role && a.id == b.id && a.label == b.label && a.kind == b.kind && a.min.x == b.min.x &&
         a.min.y == b.min.y && a.max.x == b.max.x && a.max.y == b.max.y && a.focused == b.focused &&
         a.focus_request == b.focus_request && a.checked == b.checked && a.disabled == b.disabled &&
         a.invalid == b.invalid && a.required == b.required && a.description == b.description &&
         a.group == b.group && a.group_label == b.group_label && a.submit == b.submit &&
         a.line_height == b.line_height && a.padding.x == b.padding.x && a.padding.y == b.padding.y;
}

}  // namespace

std::string_view aria_role(app::ControlRole role) {
  switch (role) {
    case app::ControlRole::text_field: return "textbox";
    case app::ControlRole::radio: return "radio";
    case app::ControlRole::checkbox: return "checkbox";
    case app::ControlRole::button: return "button";
    case app::ControlRole::status: return "status";
    case app::ControlRole::heading: return "heading";
  }
  return "generic";
}

std::string_view text_kind_name(app::TextKind kind) {
  switch (kind) {
    case app::TextKind::email: return "email";
    case app::TextKind::name: return "name";
    case app::TextKind::tel: return "tel";
    case app::TextKind::multiline: return "multiline";
  }
  return "text";
}

double css_px(float physical, double device_pixel_ratio) {
  const double scale = device_pixel_ratio > 0.0 ? 1.0 / device_pixel_ratio : 1.0;
  return std::round(static_cast<double>(physical) * scale * 10.0) / 10.0;
}

nlohmann::json control_json(const app::ControlBox& c, double device_pixel_ratio, double font_ratio) {
  const auto css = [device_pixel_ratio](float v) { return css_px(v, device_pixel_ratio); };
  nlohmann::json entry = {{"id", c.id},
                          {"role", aria_role(c.role)},
                          {"label", c.label},
                          {"x", css(c.min.x)},
                          {"y", css(c.min.y)},
                          {"width", css(c.max.x - c.min.x)},
                          {"height", css(c.max.y - c.min.y)},
                          {"focused", c.focused},
                          {"disabled", c.disabled}};
  if (c.focus_request) entry["focus"] = true;
  if (c.invalid) entry["invalid"] = true;
  if (c.required) entry["required"] = true;
  if (!c.description.empty()) entry["description"] = c.description;
  if (c.role == app::ControlRole::text_field) {
    entry["kind"] = text_kind_name(c.kind);
    // For the native control under the drawing: its font size (CSS), line height and padding.
    const double scale = device_pixel_ratio > 0.0 ? 1.0 / device_pixel_ratio : 1.0;  // as css_px()
    entry["font"] = std::round(static_cast<double>(c.line_height) * font_ratio * scale * 100.0) / 100.0;
    entry["line"] = css(c.line_height);
    entry["padX"] = css(c.padding.x);
    entry["padY"] = css(c.padding.y);
  }
  if (c.role == app::ControlRole::radio || c.role == app::ControlRole::checkbox) entry["checked"] = c.checked;
  if (c.role == app::ControlRole::radio && !c.group.empty()) {
    entry["group"] = c.group;
    entry["legend"] = c.group_label;
  }
  if (c.submit) entry["submit"] = true;
  return entry;
}

nlohmann::json layout_json(const app::FrameLayout& layout, double device_pixel_ratio, double font_ratio) {
  nlohmann::json controls = nlohmann::json::array();
  for (const auto& c : layout.controls) controls.push_back(control_json(c, device_pixel_ratio, font_ratio));
  return controls;
}

std::optional<std::string> LayoutPublisher::publish(const app::FrameLayout& layout,
                                                    double device_pixel_ratio) {
  const auto& current = layout.controls;
  if (device_pixel_ratio == published_dpr_ && font_ratio_ == published_font_ratio_ &&
      std::equal(current.begin(), current.end(), published_.begin(), published_.end(), same_box)) {
    return std::nullopt;
  }
  published_ = current;
  published_dpr_ = device_pixel_ratio;
  published_font_ratio_ = font_ratio_;
  // Never throws (the release build has no exceptions: a throw would abort): a label with invalid
  // UTF-8 gets U+FFFD where the bad bytes were.
  return core::dump_safe(layout_json(layout, device_pixel_ratio, font_ratio_));
}

}  // namespace verji::web
