// What scoring a department gives back: a score card per record, and the
// messages checking a ruleset gives. Plain values: copy them, keep them, hand
// them to other threads.
#pragma once

#include "defen/export.h"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace defen {

// An exact decimal from the scorer. `text` is the exact value as the reports
// print it ("86.5", "3", "4.63"): compare it when a test must be exact.
// `value` is the nearest double, for arithmetic and charts.
struct Points {
  std::string text;
  double value = 0;

  friend bool operator==(const Points& p, std::string_view t) { return p.text == t; }
  friend bool operator==(const Points& a, const Points& b) { return a.text == b.text; }
  friend std::ostream& operator<<(std::ostream& out, const Points& p) { return out << p.text; }
};

enum class ScoreStatus {
  Scored,         // computed by its rule
  Reviewed,       // a reviewer's score (评审)
  NotApplicable,  // 不考核
  Missing,        // an absent optional input's policy decided the score (缺数据)
  Overridden,     // the data replaced the computed score (核定分)
  Failed,         // a fault of this indicator only (a bad cell, a score outside [0, 分值]…): no score, see errors
};

struct IndicatorScore {
  std::vector<std::string> path;  // from the 一级 indicator down; path.back() is the name
  std::string name;
  bool leaf = false;
  Points max;                     // 分值
  bool counted = true;            // false: dropped by 不考核 → 折算; `score` is then empty
  Points score;
  ScoreStatus status = ScoreStatus::Scored;
  std::string statusName;         // "scored", "reviewed", "not_applicable", "missing", "overridden", "failed"
  std::string statusLabel;        // for people: "" for an ordinary score, 评审, 不考核, 缺数据, 核定, 出错
  std::string explanation;        // 评分说明, in Chinese
  std::vector<std::string> errors;  // Failed: why (Chinese); `score` is then empty
  bool incomplete = false;        // a parent whose score lacks a faulted indicator below it
};

struct Scorecard {
  int row = 0;                    // 1-based record number in the batch or file
  std::string id;                 // the record's 名称 / 单位 / 部门 column, if any
  bool ok = false;                // false: errors prevented a final total (see errors)
  // Some indicators faulted, the others are scored: `total` is the sum of what
  // is known, provisional, and `grade` is empty; the reasons name the faults.
  bool incomplete = false;
  std::vector<std::string> incompleteReasons;
  Points total;
  std::string grade;              // 优, 良, …
  Points bonus;                   // 加减分: points added, after caps
  Points penalty;                 // points subtracted, after caps
  std::vector<IndicatorScore> indicators;  // document order: a parent before its children
  std::vector<std::string> errors;         // Chinese, each naming the field or indicator
  std::vector<std::string> warnings;       // evaluate(Inputs): fields that match nothing in the ruleset

  // The indicator with this name (names are unique in a ruleset), or null.
  const IndicatorScore* indicator(std::string_view name) const {
    for (const auto& i : indicators)
      if (i.name == name) return &i;
    return nullptr;
  }
};

struct BatchResult {
  std::vector<Scorecard> scorecards;    // one per record, in order
  std::vector<std::string> fileErrors;  // the data as a whole could not be used
  std::vector<std::string> warnings;    // e.g. columns that match nothing
  bool ok() const {
    if (!fileErrors.empty()) return false;
    for (const auto& s : scorecards)
      if (!s.errors.empty()) return false;
    return true;
  }
};

// One finding of the checker (or of reading the file).
struct Message {
  bool error = true;       // false: a warning
  std::string code;        // stable, e.g. "E201"
  std::string file;
  int line = 0, column = 0;  // 1-based; 0 when the message is about the whole file
  std::string text;        // Chinese
  std::string textEn;      // the same in English
  std::string rendered;    // as `defen check` prints it: place, message, the source line and a caret
};

}  // namespace defen
