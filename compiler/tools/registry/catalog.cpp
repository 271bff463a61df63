#include "compiler/tools/registry/catalog.h"

#include "compiler/tools/inherit/flatten.h"
#include "compiler/core/contained_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <sstream>

namespace defen::registry {

namespace fs = std::filesystem;

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The value after a header keyword at the start of a line ("名称 \"…\"",
// "年度 2022"), quotes (ASCII or Chinese) taken off; nullopt if the line is
// not that header item.
std::optional<std::string> headerValue(std::string_view line, std::string_view keyword) {
  line = trimmed(line);
  if (line.substr(0, keyword.size()) != keyword) return std::nullopt;
  std::string_view rest = line.substr(keyword.size());
  if (rest.empty() || (rest.front() != ' ' && rest.front() != '\t')) return std::nullopt;  // 名称：… is an input
  rest = trimmed(rest);
  if (auto hash = rest.find(" #"); hash != std::string_view::npos) rest = trimmed(rest.substr(0, hash));
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"\"", "\""}, {"“", "”"}}) {
    if (rest.substr(0, open.size()) == open) {
      rest.remove_prefix(open.size());
      auto end = rest.find(close);
      return std::string(rest.substr(0, end));
    }
  }
  return std::string(rest);
}

// A file that does not check clean still has a header worth listing: read it
// from the text, and from the bases of a 基于 file, nearest first.
void scanHeader(const std::string& path, const std::string& text, Header& h, int depth) {
  std::istringstream in(text);
  std::string line, base;
  while (std::getline(in, line)) {
    if (auto v = headerValue(line, "名称"); v && h.name.empty()) h.name = *v;
    if (auto v = headerValue(line, "地区"); v && h.region.empty()) h.region = *v;
    if (auto v = headerValue(line, "版本"); v && h.version.empty()) h.version = *v;
    if (auto v = headerValue(line, "年度"); v && h.year == 0) std::from_chars(v->data(), v->data() + v->size(), h.year);
    if (auto v = headerValue(line, "基于"); v && base.empty()) base = *v;
  }
  if (base.empty() || depth >= 8) return;  // deeper chains are cycles in practice
  // The same rule as compiling: a plain name, a regular file in this folder.
  auto fileName = inherit::baseFileName(base);
  if (!fileName) return;
  std::string dir = folderOf(path);
  std::string resolved, baseText;
  if (readContained(dir, dir, *fileName, kMaxSourceBytes, resolved, baseText) != FileRefusal::None) return;
  scanHeader((fs::path(dir) / *fileName).string(), baseText, h, depth + 1);
}

// "zhanjiang-2022-dept" without its "2022" segment: "zhanjiang-dept".
std::string stemWithoutYear(const std::string& stem, int year) {
  std::string y = std::to_string(year), out, segment;
  auto flush = [&] {
    if (!segment.empty() && segment != y) out += (out.empty() ? "" : "-") + segment;
    segment.clear();
  };
  for (char ch : stem) {
    if (ch == '-' || ch == '_') flush();
    else segment += ch;
  }
  flush();
  return out;
}

}  // namespace

std::string selectorOf(const Listing& l) {
  std::string name = stemWithoutYear(l.stem, l.header.year);
  return fmt::format("{}@{}", name.empty() ? l.stem : name, l.header.year);
}

Header headerOf(const ir::Program* program, const SourceFile& source) {
  Header h;
  if (program) {
    h.name = program->name;
    h.region = program->region;
    h.version = program->version;
    h.year = program->year;
    return h;
  }
  scanHeader(source.path(), source.text(), h, 0);
  return h;
}

std::optional<Selector> parseSelector(std::string_view text, std::string& error) {
  auto at = text.rfind('@');
  Selector s;
  if (at != std::string_view::npos) {
    s.name = std::string(trimmed(text.substr(0, at)));
    std::string_view year = trimmed(text.substr(at + 1));
    auto [end, ec] = std::from_chars(year.data(), year.data() + year.size(), s.year);
    if (ec == std::errc() && end == year.data() + year.size() && year.size() == 4 && !s.name.empty()) return s;
  }
  error = fmt::format("“{}”不是 名称@年度 的写法，应如 zhanjiang-dept@2022 或 湛江市市级部门整体支出绩效评价@2022", text);
  return std::nullopt;
}

bool matches(const Selector& s, const Listing& l) {
  if (l.header.year != s.year) return false;
  return s.name == l.header.name || s.name == l.stem || s.name == stemWithoutYear(l.stem, l.header.year);
}

int selectOne(const Selector& s, const std::vector<Listing>& listings, const std::string& directory, std::string& error) {
  std::vector<int> hits;
  for (size_t i = 0; i < listings.size(); ++i)
    if (matches(s, listings[i])) hits.push_back(static_cast<int>(i));
  if (hits.size() == 1) return hits.front();
  std::string list;
  if (hits.empty()) {
    for (const auto& l : listings) list += fmt::format("\n  {}（{}，{}）", selectorOf(l), l.path, l.header.name);
    error = fmt::format("{} 中没有 {}@{} 的评分标准。{}", directory, s.name, s.year,
                        listings.empty() ? "该目录中没有 .rules 文件。" : "现有：" + list);
  } else {
    for (int i : hits) list += fmt::format("\n  {}", listings[i].path);
    error = fmt::format("{}@{} 对应多个文件，请用文件名区分（如 {}@{}）：{}", s.name, s.year, listings[hits.front()].stem,
                        s.year, list);
  }
  return -1;
}

bool listRulesFiles(const std::string& directory, std::vector<std::string>& paths, std::string& error) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    error = fmt::format("{} 不是目录，无法作为规则目录读取", directory);
    return false;
  }
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".rules" && it->is_regular_file(ec)) paths.push_back(it->path().string());
  if (ec) {
    error = fmt::format("无法读取规则目录 {}：{}", directory, ec.message());
    return false;
  }
  std::sort(paths.begin(), paths.end());
  return true;
}

std::string stemOf(const std::string& path) { return fs::path(path).stem().string(); }

}  // namespace defen::registry
