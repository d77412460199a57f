// E-mail address helpers behind validate_email(): splitting, IDN domains in punycode (RFC 3492),
// an edit distance that counts a transposition as one edit, and typo suggestions for the domains
// Norwegian users actually have.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace verji::core {

// RFC 3492 Punycode of one label given as code points (without the "xn--" prefix).
// Returns false on overflow (labels far beyond any DNS limit).
bool punycode_encode(std::u32string_view label, std::string& out);

// The domain in ASCII: each label that is not pure ASCII is lower-cased, NFC-normalised and becomes
// "xn--" + punycode. Returns false when the text is not valid UTF-8 or a label cannot be encoded.
bool domain_to_ascii(std::string_view domain_utf8, std::string& out);

// Damerau-Levenshtein distance, optimal string alignment variant: insertions, deletions,
// substitutions and transpositions of neighbours each cost one ("gmial" -> "gmail" is 1). Bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The same when it is at most `limit`, else limit + 1, found without computing the rest: the
// typo check asks this of every common domain on each keystroke.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit);

// The domains typo suggestions point to, Norwegian ones included.
const std::vector<std::string_view>& common_email_domains();

// The common domain `domain` (lower-case ASCII) is probably a typo of, or empty: no suggestion
// when the domain is itself common, or when nothing is close enough (distance 1, or 2 for
// domains of 8 characters or more).
std::string suggest_email_domain(std::string_view domain);

}  // namespace verji::core
