// Writing score cards: JSON (the shape other tools depend on), CSV, and a
// terminal table aligned by display width. Independent of the IR: the
// compiler describes the indicator tree in a ReportSchema.
#pragma once

#include "compiler/core/number_text.h"
#include "compiler/core/result.h"

#include <ostream>
#include <string>
#include <vector>

namespace defen {

struct ReportNode {
  std::vector<std::string> path;  // names from the 一级 indicator down; path.size() is the level
  Decimal max;                    // 分值
  bool leaf = false;
  std::string criteria;           // 评分标准: the indicator's 说明, else its rule as written (one line)
  // Per 不考核 clause (NodeResult::naRule): the nodes its 分值 moves to (转入),
  // empty for any other clause. The XLSX report's formulas follow their rates.
  std::vector<std::vector<int>> moveTargets{};
};

struct ReportGrade {
  std::string name;  // 优
  Decimal low;       // lower bound in 分 (the grade's interval as written in 等级)
  Decimal high;
  // Whether each bound is part of the interval (良 [80, 90): low closed, high
  // open), and whether it was written at all (差（60分以下） has no lower
  // bound): the XLSX report's grade formula tests exactly these.
  bool lowClosed = true;
  bool highClosed = true;
  bool lowBounded = true;
  bool highBounded = true;
};

struct ReportSchema {
  std::string name;
  std::string region;
  std::string version;
  int year = 0;
  int places = 2;
  Decimal total;
  std::vector<ReportNode> nodes;        // document order: a parent before its children
  std::vector<ReportGrade> grades;      // best first, as written in 等级
  std::string bonusName;  // empty when the standard has no 加减分
};

// {"ruleset":{"name":…,"year":…},"results":[{"row":1,"id":…,"total":86.5,
//  "grade":"良","indicators":[{"path":[…],"score":3,"max":3,"status":"scored",
//  "computed":3,"explanation":"…"},…],"errors":[]}]}
void writeJson(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results,
               const std::vector<std::string>& warnings = {});
// The same document written in pieces, for batches scored chunk by chunk:
// begin, then results as many times as needed, then end.
void writeJsonBegin(std::ostream& out, const ReportSchema& schema);
void writeJsonResults(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results, bool& first);
void writeJsonEnd(std::ostream& out, const std::vector<std::string>& warnings);

// One line per record: row, id, total, grade, every indicator's score, errors.
void writeCsv(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);
void writeCsvHeader(std::ostream& out, const ReportSchema& schema);
void writeCsvRows(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);
// The score card of each record as an indented table.
void writeTable(std::ostream& out, const ReportSchema& schema, const std::vector<RecordResult>& results);

// Terminal columns of UTF-8 text (CJK and full-width forms take two), and
// padding to a width, for tables aligned on a terminal.
int terminalWidth(const std::string& s);
std::string padRight(const std::string& s, int width);
std::string padLeft(const std::string& s, int width);

// The 加减分 row's 评分说明: the lines in words when the scorer wrote them, else the sums.
std::string bonusText(const RecordResult& rec, int places);

}  // namespace defen
