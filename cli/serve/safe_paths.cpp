#include "cli/serve/safe_paths.h"

#include "cli/serve/api_error.h"
#include "compiler/core/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <filesystem>

namespace defen::serve {

namespace fs = std::filesystem;

namespace {

// Is `path` (after resolving links) inside `directory` (canonical)?
bool resolvesInside(const fs::path& directory, const fs::path& path, fs::path& resolved) {
  std::error_code ec;
  resolved = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto dir = directory.lexically_normal();
  auto [end, at] = std::mismatch(dir.begin(), dir.end(), resolved.begin(), resolved.end());
  return end == dir.end() && at != resolved.end();
}

}  // namespace

bool isPlainFileName(const std::string& name, const std::string& extension) {
  if (name.size() <= extension.size() || name.size() > 255) return false;
  if (name.compare(name.size() - extension.size(), extension.size(), extension) != 0) return false;
  if (name.front() == '.') return false;  // hidden files, .history, ".."
  // Separators, NUL and '%' (a percent-encoding the URL decoder left, e.g. %252e).
  for (char ch : name)
    if (ch == '/' || ch == '\\' || ch == '\0' || ch == '%' || static_cast<unsigned char>(ch) < 0x20) return false;
  if (name.find("..") != std::string::npos) return false;
  // A leading '-' reads as an option to the command line tools the file is
  // later handed to; invalid UTF-8 cannot be shown; control and format
  // characters (DEL, U+0080–U+009F, U+202E that reverses how the name reads,
  // zero-width ones) make a name look like another.
  if (name.front() == '-' || firstInvalidUtf8(name) != std::string::npos) return false;
  for (int32_t i = 0, n = static_cast<int32_t>(name.size()); i < n;) {
    UChar32 c = 0;
    U8_NEXT(name.data(), i, n, c);
    const int8_t type = u_charType(c);
    if (c < 0 || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR ||
        type == U_PARAGRAPH_SEPARATOR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR)
      return false;
  }
  return true;
}

std::string rulesetPath(const std::string& directory, const std::string& name) {
  fs::path resolved;
  if (!isPlainFileName(name, ".rules") || !resolvesInside(directory, fs::path(directory) / name, resolved) ||
      resolved.parent_path() != fs::path(directory).lexically_normal())
    throw ApiError(400, "bad_path",
                   "文件名须是规则目录中的 *.rules 文件名，不含路径（/、\\、..）：" + name.substr(0, 200),
                   "the file must be a plain *.rules name in the rulesets directory, without / \\ or ..: " +
                       name.substr(0, 200));
  // Something there that is no regular file (a FIFO, a device node) is never
  // read (it would block or never end) nor written in place (AtomicFile writes
  // a non-regular destination directly).
  std::error_code ec;
  fs::file_status status = fs::status(resolved, ec);
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw ApiError(400, "bad_path", "不是普通文件：" + name.substr(0, 200), "not a regular file: " + name.substr(0, 200));
  return resolved.string();
}

std::optional<std::string> pageFile(const std::string& directory, const std::string& urlPath) {
  if (urlPath.empty() || urlPath.front() != '/' || urlPath.find('\0') != std::string::npos ||
      urlPath.find('\\') != std::string::npos)
    return std::nullopt;
  fs::path relative = fs::path(urlPath.substr(1)).lexically_normal();
  for (const auto& part : relative)
    if (part == ".." || (!part.empty() && part.string().front() == '.')) return std::nullopt;
  fs::path resolved;
  std::error_code ec;
  if (!resolvesInside(directory, fs::path(directory) / relative, resolved) || !fs::is_regular_file(resolved, ec))
    return std::nullopt;
  return resolved.string();
}

}  // namespace defen::serve
