#include "compiler/driver.h"

#include "compiler/bind/binder.h"
#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"
#include "compiler/sema/checker.h"
#include "compiler/syntax/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace defen {

Compilation compileSource(std::string path, std::string text) {
  Compilation c;
  auto source = std::make_shared<SourceFile>(std::move(path), std::move(text));
  c.source = source;
  auto file = parseRuleset(*source, c.diags);
  if (c.diags.hasErrors()) {  // checking a broken tree would only add noise
    c.diags.sort();
    return c;
  }
  c.program = checkRuleset(*file, source, c.diags);
  return c;
}

Compilation compileFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Compilation c;
    c.source = std::make_shared<SourceFile>(path, "");
    c.diags.error("E000", {}, fmt::format("无法读取规则文件 {}", path), fmt::format("cannot read ruleset file {}", path));
    return c;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a BOM from Windows editors
  return compileSource(path, std::move(text));
}

bool Evaluation::anyErrors() const {
  return !fileErrors.empty() || std::any_of(results.begin(), results.end(), [](const RecordResult& r) { return !r.errors.empty(); });
}

Evaluation evaluateTable(const ir::Program& program, const Table& table) {
  Evaluation out;
  for (const auto& e : table.errors) {
    if (e.row > 0) continue;
    out.fileErrors.push_back(e.column.empty() ? e.message : fmt::format("列“{}”：{}", e.column, e.message));
  }
  ColumnMap map = mapColumns(program, table, out.warnings);
  InterpreterKernels kernels(program);
  eval::Scorer scorer(program, kernels);
  for (const Record& record : table.records) {
    BoundRecord bound = bindRecord(program, map, table, record);
    const eval::Scored& scored = scorer.score(bound);
    out.results.push_back(eval::materialize(program, bound, scored, scorer.scratch()));
  }
  // Rows the reader rejected, and row-level reader errors on rows it kept.
  for (const auto& e : table.errors) {
    if (e.row <= 0) continue;
    std::string message = fmt::format("第{}行{}：{}", e.row, e.column.empty() ? "" : fmt::format("，列“{}”", e.column), e.message);
    auto it = std::find_if(out.results.begin(), out.results.end(), [&](const RecordResult& r) { return r.row == e.row; });
    if (it != out.results.end()) {
      it->errors.push_back(message);
      it->ok = false;
    } else {
      RecordResult r;
      r.row = e.row;
      r.line = e.line;
      r.errors.push_back(message);
      out.results.push_back(std::move(r));
    }
  }
  std::stable_sort(out.results.begin(), out.results.end(), [](const RecordResult& a, const RecordResult& b) { return a.row < b.row; });
  return out;
}

}  // namespace defen
