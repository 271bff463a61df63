// Checking that bytes are UTF-8, for every reader of text a person supplies
// (CSV data, ruleset files): invalid bytes become a clear error, not a crash
// or silently garbled names.
#pragma once

#include <string>
#include <string_view>

namespace defen {

// Strict UTF-8 check (no overlong forms, no surrogates, nothing above
// U+10FFFF). Returns the offset of the first invalid byte, or npos.
size_t firstInvalidUtf8(std::string_view s);

// What a byte string holds: valid multi-byte UTF-8 characters, and bytes
// that start no valid character. UTF-8 text with a damaged byte or a pasted
// GBK word has many of the first and few of the second; GB18030 text has
// almost none of the first (its two-byte characters are rarely valid UTF-8).
struct Utf8Census {
  size_t multibyte = 0;
  size_t invalid = 0;
};
Utf8Census utf8Census(std::string_view s);

// Each byte that starts no valid character replaced with U+FFFD, so the rest
// of the text can still be read and the damaged part found and named.
std::string replaceInvalidUtf8(std::string_view s);

}  // namespace defen
