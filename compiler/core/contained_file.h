// A file that another file or a request names — the base of a 基于 ruleset,
// the data file of a test's 数据 line — is opened only when it is what it
// claims to be: a regular file of bounded size inside the folder it must stay
// in. Text a ruleset or a request carries decides these names, so a name
// like "../outside/x", "/etc/shadow\0" (NUL cutting off the ".rules" that
// was appended) or a link leading out must never open anything, and a
// device or FIFO ("/dev/zero") must never be read until memory runs out.
#pragma once

#include <cstdint>
#include <string>

namespace defen {

enum class FileRefusal {
  None,
  BadName,     // empty, absolute, or with NUL or another control character
  Outside,     // after normalising and following links, not inside the folder
  Missing,     // nothing there (or not readable)
  NotRegular,  // a directory, device, FIFO or socket
  TooLarge,    // over the size limit
};

// Why a file was refused, as a phrase for a message ("不在允许的目录内").
// Never contains the file's contents.
const char* refusalZh(FileRefusal refusal);
const char* refusalEn(FileRefusal refusal);

// True when `name` has no byte below 0x20, no DEL and no NUL: such a name is
// refused before it reaches the file system (a NUL would cut it short).
bool hasControlCharacters(const std::string& name);

// Resolves `name` against the directory `base` and requires the result,
// normalised with every symbolic link followed, to be a regular file of at
// most `maxBytes` inside `root` (`root` == `base` for a file beside another).
// `resolved` is the canonical path on success, for messages and opening.
FileRefusal resolveContained(const std::string& root, const std::string& base, const std::string& name,
                             std::uintmax_t maxBytes, std::string& resolved);

// Reads `path` only if it is a regular file of at most `maxBytes` (checked
// on the opened descriptor, not by name); a leading UTF-8 BOM is dropped.
// With `followLinks` false (a path resolveContained returned, which has no
// link left in its last part), a link put there since is not followed.
FileRefusal readRegularFile(const std::string& path, std::uintmax_t maxBytes, std::string& text,
                            bool followLinks = true);

// The folder `file` is in, where the files it names resolve: "." for a bare
// file name (the `base` of resolveContained and readContained).
std::string folderOf(const std::string& file);

// resolveContained, then readRegularFile on the resolved path.
FileRefusal readContained(const std::string& root, const std::string& base, const std::string& name,
                          std::uintmax_t maxBytes, std::string& resolved, std::string& text);

// A ruleset (or test) file larger than this is refused: the largest shipped
// standard is 25 KB.
inline constexpr std::uintmax_t kMaxSourceBytes = 8u << 20;

}  // namespace defen
