// The score card of one record, and the trace behind each score.
//
// Both engines (interpreter and JIT) fill exactly this structure, so reports,
// explanations and the differential tests never care which engine ran.
// Indices (node, band table, case, input slot) refer to the checked program.
#pragma once

#include "compiler/core/decimal.h"
#include "compiler/core/value.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace defen {

enum class NodeStatus {
  Scored,         // computed by its rule
  Reviewed,       // a reviewer's score (评审)
  NotApplicable,  // 不考核: full marks, rescaled away, or weight moved
  Missing,        // an absent optional input's policy decided the score
  Overridden,     // the data replaced the computed score (核定分)
  Failed,         // a fault of this indicator only (bad cell, score outside [0, 分值], …): no score; see errors
};

const char* statusName(NodeStatus s);   // "scored", "reviewed", …
const char* statusLabel(NodeStatus s);  // for people: "" for an ordinary score, 评审, 不考核, 缺数据, 核定, 出错

struct FiredCase {
  int table = -1;  // band table index
  int index = -1;  // case within it
};

// One row of a row set scored by a 逐行 rule: a 三级 line of the form under
// its 一级/二级 groups, with the unit's 得分 and the rule's beside it.
struct RowLine {
  int row = 0;                      // 1-based within its list
  std::vector<std::string> groups;  // 一级指标, 二级指标 …
  std::string name;                 // 三级指标
  std::string target, achieved;     // 年度指标值, 实际完成值, as written
  std::string note;                 // 偏差原因分析及改进措施
  Decimal weight;                   // 分值
  NodeStatus status = NodeStatus::Scored;  // Scored (the rule), Reviewed (定性: the unit's score in its tier), Overridden (the unit's 得分 stands), Failed
  Decimal score;                    // what stands
  Decimal computed;                 // the rule's score
  bool hasSelf = false;             // the unit filled in 得分
  Decimal self;
  std::string tier;                 // 定性: the tier the 实际完成值 names
  std::string explanation;
  std::vector<std::string> errors;    // Failed: why (no row prefix)
  std::vector<std::string> warnings;  // 提示 and self-scores above the rule's
  // Overridden with no rule score: why the rule could not check the row (an
  // unreadable 年度指标值, a 实际完成值 naming no tier…); the unit's 得分 stands.
  std::string ruleFault;
  bool ruleKnown() const { return status != NodeStatus::Failed && ruleFault.empty(); }
};

// A 项目支出绩效自评表's own text around its indicator rows, as the data wrote
// it (compiler/io/project_form.h reads it): the header block, the 项目资金 lines and
// the 年度总体目标. Nothing here is scored; the documents print the form with it.
struct FormFundsLine {
  std::string source;                 // 资金来源: 年度资金总额, 当年财政拨款 …
  std::string initial, budget, spent;  // 年初预算数, 全年预算数, 全年执行数 (万元), as written
};
struct FormFields {
  std::string department, unit, year;  // 主管部门, 实施单位, 年度
  std::string goal, achieved;          // 年度总体目标, 实际完成情况
  std::vector<FormFundsLine> funds;
};

// What scoring decides about one indicator. The scorer's state of a node
// (compiler/eval/scorer.h) and the result below are both made of it, so the
// one is handed to the other whole, never copied field by field.
struct NodeScore {
  NodeStatus status = NodeStatus::Scored;
  NodeStatus computedStatus = NodeStatus::Scored;  // the status before an override
  bool counted = true;           // false: dropped by 不考核 → 折算 (not part of its parent's sum)
  Decimal score;                 // final, rounded
  Decimal computed;              // what the rule gave, before an override
  int naRule = -1;               // the 不考核 clause that applied
  bool inheritedNa = false;      // not applicable because an ancestor is
  int missingInput = -1;         // Missing: the input that was absent
  bool incomplete = false;       // a parent whose sum lacks a faulted indicator below it
};

struct NodeResult : NodeScore {
  std::vector<FiredCase> fired;  // band cases that fired while scoring, in order
  std::vector<char> itemsMet;    // checklist: per item
  std::vector<Decimal> deducted; // deductions: per line, in 分
  std::vector<Decimal> steps;    // deductions: per line, the steps counted (Step lines)
  bool deductionCapped = false;
  std::string reason;            // reviewer's or override's 说明
  std::string tier;              // reviewer's 档次
  std::vector<std::pair<int, Value>> inputs;   // inputs read: (slot, value)
  std::vector<std::pair<int, Decimal>> lets;   // 令 computed: (slot, value)
  std::string explanation;
  std::vector<std::string> errors;  // Failed: this indicator's own faults (no row prefix)
  std::vector<RowLine> rows;     // 逐行: one line per row of its row set
};

struct RecordResult {
  int row = 0;
  int line = 0;
  std::string id;
  // ok: no errors; the total and grade are final. incomplete: some indicators
  // (or 加减分 lines) faulted; the others are scored, and the total is the sum
  // of what is known, provisional, with no grade. Neither: a row-level error
  // (the row could not be read, every indicator 不考核): no total, no scores.
  bool ok = false;
  bool incomplete = false;
  std::vector<std::string> incompleteReasons;  // why the total is incomplete, naming the faulted indicators
  bool evaluated = false;  // the indicators were scored (false: the row could not be read at all)
  bool hasTotal() const { return ok || incomplete; }
  bool hasScores() const { return evaluated || hasTotal(); }  // a result built by hand with ok set counts too
  Decimal total;
  Decimal rawTotal;  // before clamping to [0, 总分]
  std::string grade;
  Decimal bonus;     // added, after caps
  Decimal penalty;   // subtracted, after caps
  std::vector<Decimal> bonusLines;  // per 加分/减分 line (all blocks, in order), after its cap
  std::string bonusExplanation;     // the 加减分 lines in words, with this record's figures; empty without 加减分
  std::vector<NodeResult> nodes;  // one per node, document order
  std::vector<std::string> errors;
  // Flagged but scored: 提示 of 校验, a self-score above the rule's, 分组 weights other than declared.
  std::vector<std::string> warnings;
  // The total from the rules alone: as `total`, with the rule's score where a
  // unit's 得分 or a 核定分 stands in its place. Equal to `total` without them.
  Decimal computed;
  // `computed` lacks the rule's score of some rows (a unit's 得分 stands where
  // the rule could not check it) or of a faulted indicator.
  bool computedIncomplete = false;
  // A 项目支出绩效自评表 (data with the list 绩效指标): the form's own text
  // around its rows, so HTML, XLSX and Word print the national form. Null for
  // any other data; JSON, CSV and the table do not show it.
  std::shared_ptr<const FormFields> form;
};

}  // namespace defen
