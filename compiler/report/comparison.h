// The same departments scored under two yearly standards, side by side: how
// a bureau sees what a new standard would do before publishing it.
//
// Indicators are matched by name (names are unique within a ruleset); an
// indicator only in the new standard is "added", one only in the old
// "removed". Records are matched by row, since both standards score the same
// data file.
#pragma once

#include "compiler/report/report.h"
#include "compiler/core/result.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace defen {

struct ScoreUnder {
  Decimal max;    // 分值 in that standard
  Decimal score;  // final score (0 when not counted)
  NodeStatus status = NodeStatus::Scored;
  bool counted = true;
};

struct IndicatorComparison {
  std::string name;
  std::vector<std::string> path;  // in the new standard, else the old
  bool leaf = false;
  std::optional<ScoreUnder> before, after;  // absent: not in that standard
  bool changed() const;  // score, 分值 or presence differ
};

struct DepartmentComparison {
  int row = 0;
  std::string id;
  bool okBefore = false, okAfter = false;
  Decimal totalBefore, totalAfter;
  std::string gradeBefore, gradeAfter;
  std::vector<IndicatorComparison> indicators;  // new standard's order, then removed ones
  Decimal adjustmentBefore, adjustmentAfter;    // 加减分: bonus − penalty, after caps
  std::vector<std::string> errors;              // prefixed 旧标准：/新标准：
  bool gradeChanged() const { return okBefore && okAfter && gradeBefore != gradeAfter; }
};

struct Comparison {
  ReportSchema before, after;
  std::vector<DepartmentComparison> departments;
};

Comparison compareStandards(const ReportSchema& before, const std::vector<RecordResult>& resultsBefore,
                            const ReportSchema& after, const std::vector<RecordResult>& resultsAfter);

// Text for a terminal: per department the totals and grades, then every
// indicator whose score or 分值 changed (all of them with `all`).
void writeComparisonText(std::ostream& out, const Comparison& c, bool all = false);
// {"before":{…ruleset},"after":{…},"departments":[{"row":1,"id":…,"before":{"total":…,"grade":…},
//  "after":{…},"change":-1.5,"gradeChanged":false,"indicators":[{"name":…,"path":[…],
//  "before":{"max":3,"score":2.5,"status":"scored"},"after":{…},"change":-0.5}]}]}
void writeComparisonJson(std::ostream& out, const Comparison& c);
// One self-contained page: a table of departments (changes and grade changes
// highlighted), then per department every indicator under both standards.
void writeComparisonHtml(std::ostream& out, const Comparison& c);

}  // namespace defen
