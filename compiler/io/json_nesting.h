// How deep JSON may nest before a reader refuses it. Every JSON reader in the
// project (data files, the server's request bodies, the language server)
// checks this first: a body of 100k '[' is 200 KB, yet anything that walks
// the tree recursively (dump, copy, compare) would overflow the stack on it.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace defen {

inline constexpr int kMaxJsonNesting = 512;

// The byte offset of the first '[' or '{' (outside strings) that opens level
// `limit` + 1, or nullopt when the text never nests that deep. Only brackets
// and strings are looked at: a text that is not JSON is left to the parser.
std::optional<std::size_t> jsonNestingExceededAt(std::string_view text, int limit = kMaxJsonNesting);

}  // namespace defen
