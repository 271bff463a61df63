// Checking that bytes are UTF-8, for every reader of text a person supplies
// (CSV data, ruleset files): invalid bytes become a clear error, not a crash
// or silently garbled names.
#pragma once

#include <string_view>

namespace defen {

// Strict UTF-8 check (no overlong forms, no surrogates, nothing above
// U+10FFFF). Returns the offset of the first invalid byte, or npos.
size_t firstInvalidUtf8(std::string_view s);

}  // namespace defen
