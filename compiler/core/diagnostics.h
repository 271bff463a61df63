// Diagnostics are values: every phase returns them, none throws them.
#pragma once

#include "compiler/core/source.h"

#include <string>
#include <vector>

namespace defen {

enum class Severity { Error, Warning };
enum class Lang { Zh, En };

struct DiagnosticNote {
  SourceRange range;  // may be invalid: a note without a place
  std::string zh;
  std::string en;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // stable, e.g. "E201"; tests and tools match on it
  SourceRange range;
  std::string zh;  // message in Chinese
  std::string en;  // the same in English
  std::vector<DiagnosticNote> notes;

  const std::string& message(Lang lang) const { return lang == Lang::En && !en.empty() ? en : zh; }
};

class Diagnostics {
 public:
  Diagnostic& error(std::string code, SourceRange range, std::string zh, std::string en);
  Diagnostic& warning(std::string code, SourceRange range, std::string zh, std::string en);
  Diagnostic& add(Diagnostic d);
  bool hasErrors() const;
  int errorCount() const;
  int warningCount() const;
  const std::vector<Diagnostic>& all() const { return items_; }
  // Source order (line, column), stable for equal positions.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// "file:line:col: 错误 [E201]: message", the source line, a caret line under
// the range (aligned by display width), then "  注：…" notes.
std::string renderDiagnostic(const Diagnostic& d, const SourceFile& file, Lang lang);

}  // namespace defen
