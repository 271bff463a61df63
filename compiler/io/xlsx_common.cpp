#include "compiler/io/xlsx_common.h"

#include <xlsxwriter.h>

#include <fstream>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace defen::xlsx {

lxw_workbook* newWorkbook(const std::string& path, std::string& error) {
  if (!std::ofstream(path, std::ios::binary)) {
    error = "无法写入 Excel 文件 " + path;
    return nullptr;
  }
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) error = "无法创建 Excel 文件 " + path;
  return wb;
}

namespace {

// Splits UTF-8 text into characters (code points), each as its bytes.
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    len = std::min(len, s.size() - i);
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string join(const std::vector<std::string>& chars, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < chars.size(); ++i) out += chars[i];
  return out;
}

std::string lowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string sheetName(const std::string& wanted, const std::string& fallback, std::set<std::string>& used) {
  constexpr size_t kMax = 31;
  std::vector<std::string> chars;
  for (auto& ch : characters(wanted)) {
    if (ch.size() == 1 && (std::strchr("[]:*?/\\", ch[0]) || static_cast<unsigned char>(ch[0]) < 0x20)) ch = "_";
    chars.push_back(std::move(ch));
  }
  while (!chars.empty() && (chars.front() == "'" || chars.front() == " ")) chars.erase(chars.begin());
  while (!chars.empty() && (chars.back() == "'" || chars.back() == " ")) chars.pop_back();
  // "History" is reserved by Excel for change tracking.
  if (chars.empty() || lowerAscii(join(chars, chars.size())) == "history") chars = characters(fallback);

  std::string name = join(chars, kMax);
  for (int n = 2; used.count(lowerAscii(name)); ++n) {
    const std::string suffix = "（" + std::to_string(n) + "）";
    name = join(chars, kMax - characters(suffix).size()) + suffix;
  }
  used.insert(lowerAscii(name));
  return name;
}

int displayWidth(const std::string& text) {
  int w = 0;
  for (const auto& ch : characters(text)) w += ch.size() >= 3 ? 2 : 1;
  return w;
}

double rowHeight(const std::vector<std::pair<std::string, double>>& cells) {
  int lines = 1;
  for (const auto& [text, width] : cells) {
    // Each paragraph wraps on its own; a little slack for word breaks.
    const double usable = std::max(1.0, width - 1.0);
    int n = 0;
    size_t start = 0;
    while (true) {
      const size_t end = text.find('\n', start);
      const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      n += std::max(1, static_cast<int>(std::ceil(displayWidth(line) / usable)));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    lines = std::max(lines, n);
  }
  return 15.0 * lines + 3.0;
}

double toDouble(Decimal v) { return std::strtod(toString(v).c_str(), nullptr); }

std::string numberFormat(int places) { return places <= 0 ? "0" : "0." + std::string(static_cast<size_t>(places), '0'); }

}  // namespace defen::xlsx
