// See regexp_adapter_js.h.

#include "phonenumbers/regexp_adapter_js.h"

#include <cstddef>
#include <string>

extern "C" {
// regexp_adapter_js.js. A pattern gets a small positive id; 0 is never used.
int verji_regexp_new(const char* pattern, std::size_t length);
void verji_regexp_delete(int id);
// Matches the pattern against input[0, length) from byte `start`: mode 0
// finds the first match at or after `start`, mode 1 only one starting at
// `start`, mode 2 only one from `start` to the end of the input. On a match,
// writes the byte offsets [begin, end) of the whole match and of groups 1 to
// `groups` (-1, -1 for a group that took no part) to `offsets` and returns
// the pattern's number of groups; with `offsets` NULL it writes nothing and
// returns 0 on a match. Returns -1 when there is no match and -2 when the
// pattern is not a valid regular expression.
int verji_regexp_exec(int id, int mode, const char* input, std::size_t length,
                      std::size_t start, int* offsets, int groups);
}

namespace i18n {
namespace phonenumbers {
namespace {

enum Mode { kFind = 0, kAnchored = 1, kFull = 2 };
const int kMaxGroups = 9;  // "$0" to "$9" in a replacement

class JSRegExpInput : public RegExpInput {
 public:
  explicit JSRegExpInput(const string& utf8_input)
      : text_(utf8_input), position_(0) {}

  virtual string ToString() const { return text_.substr(position_); }

  const string& text() const { return text_; }
  std::size_t position() const { return position_; }
  void set_position(std::size_t position) { position_ = position; }

 private:
  const string text_;
  std::size_t position_;
};

// The text of group `group` from offsets written by verji_regexp_exec().
string Group(const string& text, const int* offsets, int group) {
  const int begin = offsets[2 * group];
  const int end = offsets[2 * group + 1];
  if (begin < 0 || end < begin) return string();
  return text.substr(static_cast<std::size_t>(begin),
                     static_cast<std::size_t>(end - begin));
}

// The highest group a replacement refers to ("$2" -> 2), -1 for none.
int HighestGroup(const string& replacement) {
  int highest = -1;
  for (std::size_t i = 0; i + 1 < replacement.size(); ++i) {
    if (replacement[i] == '\\' && replacement[i + 1] == '$') {
      ++i;
    } else if (replacement[i] == '$' && replacement[i + 1] >= '0' &&
               replacement[i + 1] <= '9') {
      const int group = replacement[i + 1] - '0';
      if (group > highest) highest = group;
      ++i;
    }
  }
  return highest;
}

// Appends `replacement` with "$N" replaced by group N and "\$" by "$".
void AppendReplacement(const string& replacement, const string& text,
                       const int* offsets, string* out) {
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (i + 1 < replacement.size()) {
      const char next = replacement[i + 1];
      if (c == '\\' && next == '$') {
        out->push_back('$');
        ++i;
        continue;
      }
      if (c == '$' && next >= '0' && next <= '9') {
        out->append(Group(text, offsets, next - '0'));
        ++i;
        continue;
      }
    }
    out->push_back(c);
  }
}

// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

class JSRegExp : public RegExp {
 public:
  explicit JSRegExp(const string& utf8_regexp)
      : id_(verji_regexp_new(utf8_regexp.data(), utf8_regexp.size())) {}

  virtual ~JSRegExp() { verji_regexp_delete(id_); }

  virtual bool Consume(RegExpInput* input_string, bool anchor_at_start,
                       string* matched_string1, string* matched_string2,
                       string* matched_string3, string* matched_string4,
                       string* matched_string5,
                       string* matched_string6) const {
    JSRegExpInput* const input = static_cast<JSRegExpInput*>(input_string);
    string* const outs[] = {matched_string1, matched_string2, matched_string3,
                            matched_string4, matched_string5, matched_string6};
    int wanted = 6;
    while (wanted > 0 && outs[wanted - 1] == NULL) --wanted;
    int offsets[2 * (1 + 6)];
    const int groups =
        Exec(anchor_at_start ? kAnchored : kFind, input->text(),
             input->position(), offsets, wanted);
    if (groups < wanted) return false;  // no match, or too few groups (RE2)
    for (int i = 0; i < wanted; ++i) {
      if (outs[i] != NULL) *outs[i] = Group(input->text(), offsets, i + 1);
    }
    input->set_position(static_cast<std::size_t>(offsets[1]));
    return true;
  }

  virtual bool Match(const string& input_string, bool full_match,
                     string* matched_string) const {
    const int wanted = matched_string != NULL ? 1 : 0;
    int offsets[2 * (1 + 1)];
    // Without a group to return, only whether it matches is asked for.
    const int groups = Exec(full_match ? kFull : kFind, input_string, 0,
                            wanted > 0 ? offsets : NULL, wanted);
    if (groups < wanted) return false;
    if (matched_string != NULL) *matched_string = Group(input_string, offsets, 1);
    return true;
  }

  virtual bool Replace(string* string_to_process, bool global,
                       const string& replacement_string) const {
    const string& text = *string_to_process;
    const int highest = HighestGroup(replacement_string);
    const int wanted = highest > 0 ? highest : 0;
    if (wanted > kMaxGroups) return false;
    int offsets[2 * (1 + kMaxGroups)];
    string out;
    std::size_t position = 0;
    std::size_t last_end = string::npos;
    int count = 0;
    while (position <= text.size()) {
      const int groups = Exec(kFind, text, position, offsets, wanted);
      if (groups < 0) break;
      if (groups < wanted) return false;  // "$N" beyond the pattern's groups
      const std::size_t begin = static_cast<std::size_t>(offsets[0]);
      const std::size_t end = static_cast<std::size_t>(offsets[1]);
      out.append(text, position, begin - position);
      if (begin == end && begin == last_end) {
        // An empty match where the previous match ended: step over one
        // character and look again, as RE2 does.
        if (begin >= text.size()) break;
        const std::size_t step =
            SequenceLength(static_cast<unsigned char>(text[begin]));
        out.append(text, begin, step);
        position = begin + step;
        continue;
      }
      AppendReplacement(replacement_string, text, offsets, &out);
      position = end;
      last_end = end;
      ++count;
      if (!global) break;
    }
    if (count == 0) return false;
    if (position < text.size()) out.append(text, position, string::npos);
    string_to_process->swap(out);
    return true;
  }

 private:
  int Exec(Mode mode, const string& text, std::size_t start, int* offsets,
           int groups) const {
    return verji_regexp_exec(id_, mode, text.data(), text.size(), start,
                             offsets, groups);
  }

  const int id_;
};

}  // namespace

RegExpInput* JSRegExpFactory::CreateInput(const string& utf8_input) const {
  return new JSRegExpInput(utf8_input);
}

RegExp* JSRegExpFactory::CreateRegExp(const string& utf8_regexp) const {
  return new JSRegExp(utf8_regexp);
}

}  // namespace phonenumbers
}  // namespace i18n
