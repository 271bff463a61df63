// The only ways a request names a file: a plain *.rules name in the rulesets
// directory, or a file of the built page. Anything that could reach outside
// (.., separators, NUL, a symbolic link leading out) is refused.
#pragma once

#include <optional>
#include <string>

namespace defen::serve {

// The absolute path of `name` in `directory` (canonical), or ApiError 400
// bad_path when `name` is not a plain file name ending in .rules, or would
// resolve outside the directory, or names something there that is no
// regular file (a FIFO, a device).
std::string rulesetPath(const std::string& directory, const std::string& name);

// True when `name` passes rulesetPath's rules for a file name with
// `extension` (".rules", ".tests").
bool isPlainFileName(const std::string& name, const std::string& extension);

// A file of the built page named by a URL path ("/assets/index-3f2a.js"),
// when it exists as a regular file inside `directory`; nullopt for anything
// else (missing, a directory, outside).
std::optional<std::string> pageFile(const std::string& directory, const std::string& urlPath);

}  // namespace defen::serve
