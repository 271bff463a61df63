// Test cases written beside a ruleset: `<stem>.tests` next to `<stem>.rules`.
//
// A small line-based format for the staff who own the standard (docs/testing.md):
//
//   数据 ../examples/zhanjiang-2022/data.json 第1行    # every case starts from this row
//   用例 支出完成率恰为90%
//     年度实际支出 = 900,000.00
//     财政下达预算数 = 1,000,000.00
//     期望 支出完成率 3分
//     期望 总分 86.5分
//
// Inputs are cell text, exactly as a data file would hold it, and go through
// the same binder as data files; so units, 是/否, enum labels, empty cells and
// reviewer scores with their 说明 behave as in real data. Names are checked
// against the ruleset when the file is read: an unknown input or indicator, a
// value that is not of the input's type, or a bad expectation is a diagnostic
// at its line and column, never a failure found later.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/core/result.h"
#include "compiler/core/table.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace defen::ruletest {

struct Expectation {
  enum class Kind {
    Score,    // 期望 指标名 4分
    Status,   // 期望 指标名 不考核 | 缺数据 | 评审 | 核定
    Total,    // 期望 总分 86.5分
    Grade,    // 期望 等级 良
    Bonus,    // 期望 加分 3分 (after the caps)
    Penalty,  // 期望 减分 6分
    Error,    // 期望 错误 缺少必填数据  (some error message contains the text)
  };
  Kind kind = Kind::Score;
  int node = -1;  // Score, Status
  Decimal score;  // Score, Total, Bonus, Penalty
  NodeStatus status = NodeStatus::Scored;
  std::string text;  // Grade: the grade's name; Error: the text to find
  SourceRange range;  // the whole line, for failure reports
};

// A data row every case of the file (or one case) starts from.
struct Baseline {
  std::string path;  // as resolved against the .tests file's directory
  int row = 1;
  std::shared_ptr<const Table> table;
  size_t record = 0;  // index in table->records
};

struct Field {
  std::string column;  // an input, 指标.说明 / .档次 / .核定分, or 名称
  std::string text;    // cell text; empty: the cell is empty (the input is missing)
  SourceRange range;
};

struct TestCase {
  std::string name;
  SourceRange range;  // the 用例 line
  std::shared_ptr<const Baseline> baseline;  // may be null: only the fields given
  std::vector<Field> fields;
  std::vector<Expectation> expectations;
};

struct TestFile {
  std::shared_ptr<const SourceFile> source;
  std::shared_ptr<const Baseline> baseline;  // the `数据` line before the first case, if any
  std::vector<TestCase> cases;
};

// Row `row` of a data file as a baseline; null with `error` (Chinese) set
// when the file cannot be read or has no such row.
std::shared_ptr<const Baseline> loadBaseline(const std::string& path, int row, std::string& error);

// Reads a test file against the checked program. Problems are added to
// `diags` (codes T001…); cases with errors are still returned so a caller may
// report them, but a file with errors should not be run. With `dataRoot`
// (defen serve: the project folder), a 数据 line's file must resolve inside
// it, links followed (T008 otherwise); without it, any regular file.
TestFile parseTestFile(std::shared_ptr<const SourceFile> source, const ir::Program& program, Diagnostics& diags,
                       const std::string& dataRoot = "");
// Reads `path` from disk; an unreadable file is a diagnostic (T000).
TestFile readTestFile(const std::string& path, const ir::Program& program, Diagnostics& diags);

// The row a case scores: the baseline's cells with the case's fields laid
// over them (a field with empty text empties the cell). One record, row 1.
Table caseTable(const TestCase& tc);

// How a status is written in a test file (不考核, 缺数据, 评审, 核定, 计分).
const char* statusWord(NodeStatus s);

}  // namespace defen::ruletest
