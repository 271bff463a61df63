#include "compiler/core/contained_file.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace defen {

namespace fs = std::filesystem;

std::string folderOf(const std::string& file) {
  fs::path dir = fs::path(file).parent_path();
  return dir.empty() ? std::string(".") : dir.string();
}

const char* refusalZh(FileRefusal refusal) {
  switch (refusal) {
    case FileRefusal::None: return "";
    case FileRefusal::BadName: return "文件名为空、是绝对路径或含控制字符";
    case FileRefusal::Outside: return "不在允许的目录内";
    case FileRefusal::Missing: return "文件不存在或无法读取";
    case FileRefusal::NotRegular: return "不是普通文件";
    case FileRefusal::TooLarge: return "文件过大";
  }
  return "";
}

const char* refusalEn(FileRefusal refusal) {
  switch (refusal) {
    case FileRefusal::None: return "";
    case FileRefusal::BadName: return "the name is empty, absolute or has control characters";
    case FileRefusal::Outside: return "it is outside the allowed folder";
    case FileRefusal::Missing: return "it does not exist or cannot be read";
    case FileRefusal::NotRegular: return "it is not a regular file";
    case FileRefusal::TooLarge: return "the file is too large";
  }
  return "";
}

bool hasControlCharacters(const std::string& name) {
  return std::any_of(name.begin(), name.end(), [](char ch) {
    auto byte = static_cast<unsigned char>(ch);
    return byte < 0x20 || byte == 0x7f;
  });
}

namespace {

// `path` is a strict descendant of `dir` (both canonical), compared by
// component so that /srv/rules-old is not inside /srv/rules.
bool strictlyInside(const fs::path& dir, const fs::path& path) {
  auto [end, at] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
  return end == dir.end() && at != path.end();
}

}  // namespace

FileRefusal resolveContained(const std::string& root, const std::string& base, const std::string& name,
                             std::uintmax_t maxBytes, std::string& resolved) {
  if (name.empty() || hasControlCharacters(name) || fs::path(name).is_absolute()) return FileRefusal::BadName;
  std::error_code ec;
  fs::path rootDir = fs::canonical(root, ec);
  if (ec) return FileRefusal::Missing;
  // Where the name leads, links followed as far as they exist: a missing
  // file outside is "outside", so nothing tells what exists there.
  fs::path target = fs::weakly_canonical(fs::path(base) / name, ec);
  if (ec || !strictlyInside(rootDir, target)) return FileRefusal::Outside;
  fs::file_status status = fs::status(target, ec);
  if (ec || !fs::exists(status)) return FileRefusal::Missing;
  if (!fs::is_regular_file(status)) return FileRefusal::NotRegular;
  if (fs::file_size(target, ec) > maxBytes || ec) return ec ? FileRefusal::Missing : FileRefusal::TooLarge;
  resolved = target.string();
  return FileRefusal::None;
}

FileRefusal readRegularFile(const std::string& path, std::uintmax_t maxBytes, std::string& text, bool followLinks) {
  if (hasControlCharacters(path)) return FileRefusal::BadName;
  // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat says
  // it is no regular file.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW));
  if (fd < 0) return errno == ELOOP ? FileRefusal::Outside : FileRefusal::Missing;
  struct stat st {};
  FileRefusal refusal = FileRefusal::None;
  if (::fstat(fd, &st) != 0) refusal = FileRefusal::Missing;
  else if (!S_ISREG(st.st_mode)) refusal = FileRefusal::NotRegular;
  else if (static_cast<std::uintmax_t>(st.st_size) > maxBytes) refusal = FileRefusal::TooLarge;
  std::string bytes;
  if (refusal == FileRefusal::None) {
    bytes.reserve(static_cast<size_t>(st.st_size));
    char buffer[65536];
    for (;;) {
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        refusal = FileRefusal::Missing;
        break;
      }
      if (n == 0) break;
      bytes.append(buffer, static_cast<size_t>(n));
      if (bytes.size() > maxBytes) {  // it grew while being read
        refusal = FileRefusal::TooLarge;
        break;
      }
    }
  }
  ::close(fd);
  if (refusal != FileRefusal::None) return refusal;
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);  // a BOM from Windows editors
  text = std::move(bytes);
  return FileRefusal::None;
}

FileRefusal readContained(const std::string& root, const std::string& base, const std::string& name,
                          std::uintmax_t maxBytes, std::string& resolved, std::string& text) {
  FileRefusal refusal = resolveContained(root, base, name, maxBytes, resolved);
  return refusal != FileRefusal::None ? refusal : readRegularFile(resolved, maxBytes, text, false);
}

}  // namespace defen
