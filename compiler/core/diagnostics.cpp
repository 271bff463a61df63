#include "compiler/core/diagnostics.h"

#include <algorithm>
#include <fmt/format.h>

namespace defen {

Diagnostic& Diagnostics::error(std::string code, SourceRange range, std::string zh, std::string en) {
  items_.push_back({Severity::Error, std::move(code), range, std::move(zh), std::move(en), {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(std::string code, SourceRange range, std::string zh, std::string en) {
  items_.push_back({Severity::Warning, std::move(code), range, std::move(zh), std::move(en), {}});
  return items_.back();
}

Diagnostic& Diagnostics::add(Diagnostic d) {
  items_.push_back(std::move(d));
  return items_.back();
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

int Diagnostics::errorCount() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](auto& d) { return d.severity == Severity::Error; }));
}

int Diagnostics::warningCount() const { return static_cast<int>(items_.size()) - errorCount(); }

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.range.line, a.range.col) < std::pair(b.range.line, b.range.col);
  });
}

namespace {
// The source line and a caret line under [col, endCol) of that line.
std::string caretBlock(const SourceFile& file, const SourceRange& range) {
  std::string_view text = file.line(range.line);
  if (text.empty()) return {};
  size_t from = byteOffsetOfColumn(text, range.col);
  size_t to = range.endLine == range.line ? byteOffsetOfColumn(text, range.endCol) : text.size();
  if (to <= from) to = std::min(text.size(), from + 1);
  int pad = displayWidth(text.substr(0, from));
  int width = std::max(1, displayWidth(text.substr(from, to - from)));
  return fmt::format("  {}\n  {}{}\n", text, std::string(pad, ' '), "^" + std::string(width - 1, '~'));
}
}  // namespace

std::string renderDiagnostic(const Diagnostic& d, const SourceFile& file, Lang lang) {
  bool zh = lang == Lang::Zh;
  std::string severity = d.severity == Severity::Error ? (zh ? "错误" : "error") : (zh ? "警告" : "warning");
  std::string out;
  if (d.range.valid())
    out = fmt::format("{}:{}:{}: {} [{}]: {}\n", file.path(), d.range.line, d.range.col, severity, d.code, d.message(lang));
  else
    out = fmt::format("{}: {} [{}]: {}\n", file.path(), severity, d.code, d.message(lang));
  if (d.range.valid()) out += caretBlock(file, d.range);
  for (const auto& note : d.notes) {
    const std::string& text = zh || note.en.empty() ? note.zh : note.en;
    if (note.range.valid())
      out += fmt::format("  {}{}:{}:{}: {}\n", zh ? "注：" : "note: ", file.path(), note.range.line, note.range.col, text);
    else
      out += zh ? fmt::format("  注：{}\n", text) : fmt::format("  note: {}\n", text);
  }
  return out;
}

}  // namespace defen
