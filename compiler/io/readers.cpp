// readDataFile: picks the reader by extension and reads the file's bytes.
#include "compiler/io/readers.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace defen {
namespace {

Table fileError(std::string message) {
  Table table;
  table.errors.push_back({0, 0, "", std::move(message)});
  return table;
}

std::string lowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

Table readDataFile(const std::string& path, Encoding encoding, const std::string& sheet) {
  // The extension is checked first: it needs no I/O and tells the user what
  // is expected even when the path is also wrong.
  const std::string ext = lowerAscii(std::filesystem::path(path).extension().string());
  if (ext != ".csv" && ext != ".json" && ext != ".xlsx") {
    const std::string shown = ext.empty() ? "（无扩展名）" : "“" + ext + "”";
    return fileError("不支持的数据文件类型" + shown + "：应为 .csv、.json 或 .xlsx 文件（" + path + "）");
  }

  // A directory opens as an ifstream on Linux and reads as empty; reject it
  // rather than report an empty file.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return fileError("无法打开数据文件 " + path);
  // An .xlsx is a zip archive read part by part, not as one text.
  if (ext == ".xlsx") return readXlsx(path, sheet);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fileError("无法打开数据文件 " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fileError("无法读取数据文件 " + path);

  // JSON is UTF-8 by definition (RFC 8259), so `encoding` applies to CSV only.
  return ext == ".csv" ? readCsv(bytes, encoding) : readJson(bytes);
}

}  // namespace defen
