#include "verji/core/url_params.h"

namespace verji::core {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void parse_into(std::string_view text, std::map<std::string, std::string, std::less<>>& out) {
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string name = percent_decode(pair.substr(0, eq));
    if (name.empty()) continue;
    out[std::move(name)] = eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1));
  }
}

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

UrlParams UrlParams::parse(std::string_view search, std::string_view hash) {
  UrlParams params;
  if (!search.empty() && search.front() == '?') search.remove_prefix(1);
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  // Some hosts put a path before the fragment's query ("#/widget?x=1"): keep only the query.
  if (const auto q = hash.find('?'); q != std::string_view::npos) hash.remove_prefix(q + 1);
  parse_into(search, params.values_);
  parse_into(hash, params.values_);
  return params;
}

std::optional<std::string> UrlParams::get(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string UrlParams::get_or(std::string_view key, std::string_view fallback) const {
  auto value = get(key);
  return value ? std::move(*value) : std::string(fallback);
}

}  // namespace verji::core
