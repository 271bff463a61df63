#include "cli/lsp_text.h"

#include "compiler/core/contained_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace defen::cli {

namespace {

// Length in bytes of the UTF-8 sequence that starts with `lead`.
size_t sequenceLength(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// UTF-16 units of the first `points` code points of `line`.
int utf16Units(std::string_view line, int points) {
  int units = 0;
  for (size_t i = 0; i < line.size() && points > 0; --points) {
    size_t n = sequenceLength(static_cast<unsigned char>(line[i]));
    units += n == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair
    i += n;
  }
  return units;
}

nlohmann::json position(const SourceFile& file, int line, int col) {
  return {{"line", std::max(0, line - 1)}, {"character", utf16Units(file.line(line), col - 1)}};
}

}  // namespace

size_t codePointCount(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

nlohmann::json lspRange(const SourceFile& file, const SourceRange& r) {
  return {{"start", position(file, r.line, r.col)}, {"end", position(file, r.endLine, r.endCol)}};
}

std::pair<int, int> fromLspPosition(const SourceFile& file, const nlohmann::json& p) {
  int line = p.value("line", 0) + 1;
  int units = p.value("character", 0);
  std::string_view text = file.line(line);
  int col = 1;
  for (size_t i = 0; i < text.size() && units > 0; ++col) {
    size_t n = sequenceLength(static_cast<unsigned char>(text[i]));
    units -= n == 4 ? 2 : 1;
    i += n;
  }
  return {line, col};
}

std::string pathOfUri(const std::string& uri) {
  std::string rest = uri.rfind("file://", 0) == 0 ? uri.substr(7) : uri;
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
      out += static_cast<char>(std::stoi(rest.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += rest[i];
    }
  }
  return out;
}

std::string uriOfPath(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : std::filesystem::absolute(path).lexically_normal().string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

std::optional<SourceFile> readSourceFile(const std::string& path) {
  // As the compiler read it (a regular file, its BOM dropped), so positions agree.
  std::string text;
  if (readRegularFile(path, kMaxSourceBytes, text) != FileRefusal::None) return std::nullopt;
  return SourceFile(path, std::move(text));
}

}  // namespace defen::cli
