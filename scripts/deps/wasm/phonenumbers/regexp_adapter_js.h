// libphonenumber's regular expressions on the JavaScript engine's RegExp, for
// WebAssembly builds (I18N_PHONENUMBERS_USE_JS_REGEXP; the widget's wasm
// dependency build adds this file and regexp_adapter_js.cc to libphonenumber,
// scripts/deps/build-wasm-deps.sh). Native builds keep RE2 or ICU.
//
// The patterns live in JavaScript (regexp_adapter_js.js, linked with
// --js-library): a RegExp is made from a pattern on its first use and kept.
// Matching gives back byte offsets into the UTF-8 input, so the C++ side cuts
// the groups and builds replacements itself, with RE2's rules (the adapter
// libphonenumber is tested with): a call asking for more groups than the
// pattern has fails, GlobalReplace skips an empty match at the end of the
// previous one, and "$N" in a replacement is group N.

#ifndef I18N_PHONENUMBERS_REGEXP_ADAPTER_JS_H_
#define I18N_PHONENUMBERS_REGEXP_ADAPTER_JS_H_

#include <string>

#include "phonenumbers/regexp_adapter.h"

namespace i18n {
namespace phonenumbers {

class JSRegExpFactory : public AbstractRegExpFactory {
 public:
  virtual ~JSRegExpFactory() {}

  virtual RegExpInput* CreateInput(const string& utf8_input) const;
  virtual RegExp* CreateRegExp(const string& utf8_regexp) const;
};

}  // namespace phonenumbers
}  // namespace i18n

#endif  // I18N_PHONENUMBERS_REGEXP_ADAPTER_JS_H_
