// Scoring one record: the record is loaded into the frame, the engine runs
// the ruleset's plan over it once (compiler/ir/plan/plan.h: 不考核, missing-data
// policies, reviewer scores, weight moves, rescaling, overrides, rounding,
// bonus and penalty, total and grade), and the result is read back from the
// frame. Messages are made here, after scoring, from the fault codes the
// engine left in the frame, so both engines report alike.
#pragma once

#include "compiler/eval/bind/binder.h"
#include "compiler/ir/kernels.h"
#include "compiler/ir/ir.h"
#include "compiler/core/result.h"

#include <string>
#include <vector>

namespace defen::eval {

// A node as the scorer reads it from the frame: what a result says of it
// (NodeScore, compiler/core/result.h), and two facts the result words differently.
struct NodeState : NodeScore {
  bool failed = false;  // a fault of this indicator: no score (score and computed stay 0); the result's status Failed
  bool capped = false;  // the deductions reached their cap: the result's deductionCapped
};

struct Scored {
  std::vector<NodeState> nodes;
  std::vector<std::vector<std::string>> nodeErrors;  // per node: its own faults, without the row prefix
  std::vector<std::string> errors;                  // every fault of the row, once, with the row prefix
  std::vector<std::string> incompleteReasons;       // what the total lacks: faulted indicators, 加减分 lines, cells
  Decimal total, rawTotal, bonus, penalty;
  std::vector<Decimal> bonusLines;  // per 加分/减分 line over all bonus blocks, after its cap
  int grade = -1;
  std::vector<std::vector<RowLine>> rows;  // per node: the lines of a 逐行 rule (compiler/eval/row_sets.cpp)
  std::vector<std::string> warnings;       // scored but flagged (row sets' 提示, self-scores above the rule's)
  Decimal computed;                        // the total from the rules alone
  bool computedIncomplete = false;         // some row's 得分 stands where the rule could not check it
  bool ok = false;          // no fault: total and grade final
  bool incomplete = false;  // faults of some indicators: the total is what is known, no grade
  bool evaluated = false;   // the indicators were scored (false: a row-level error)
};

class Scorer {
 public:
  Scorer(const ir::Program& program, Kernels& kernels);
  // Scores a record; the returned reference and scratch() stay valid until the next call.
  const Scored& score(const BoundRecord& record);
  const Scratch& scratch() const { return scratch_; }
  // Whether score() fills Scored::computed, the total from the rules alone
  // (on by default): a report that never shows it (CSV) need not pay for a
  // second pass over the tree on every record.
  void computeRuleOnlyTotal(bool on) { ruleOnlyTotal_ = on; }

 private:
  const ir::Program& p_;
  Kernels& k_;
  Scratch scratch_;
  Scored out_;
  const BoundRecord* rec_ = nullptr;
  bool hasRows_ = false;        // some node is scored 逐行 (Scored::rows is filled)
  bool ruleOnlyTotal_ = true;
  bool nodeErrorsDirty_ = false;  // some node has a message in out_.nodeErrors
  std::vector<int> lineBlock_, lineInBlock_;  // per global 加减分 line: its block and place in it

  // Inputs, per-node data and the faults of binding into the frame; false when
  // the row cannot be scored at all.
  bool load(const BoundRecord& record);
  void bindFaults();
  void read();
  void addFault(int id, const std::string& message, bool report);
  std::string kernelError(int32_t kind, int32_t expr, Raw value) const;
  std::string faultMessage(int id, const NodeSlot& n) const;
  std::string lineMessage(const BonusSlot& line) const;
  // Faults one indicator before the plan runs (the plan skips a failed node);
  // `report` false when the message is already in the row's errors.
  void fail(int id, const std::string& message, bool report = true);
  std::string kernelError(const Frame& f) const { return kernelError(f.errorKind, f.errorExpr, f.errorValue); }
  Decimal round(Decimal v) const;
  // Row sets, in compiler/eval/row_sets.cpp, before the plan runs: aggregates
  // and the record's 校验 (false: a 错误 check, the record is not scored), and
  // each 逐行 node's rows, its score written into the frame for the plan's
  // Rows step; after it, the total from the rules alone.
  bool prepareRows();
  void scoreRows(int id);
  void loadRow(const std::vector<int>& columns, const BoundRow* row);
  Decimal ruleOnlyTotal() const;
};

// The report-facing result, with the trace (values read, bands fired, items,
// deductions) and the explanation of every indicator; with explain=false only
// the scores, statuses and errors (what a CSV report needs).
RecordResult materialize(const ir::Program& program, const BoundRecord& record, const Scored& scored, const Scratch& scratch,
                         bool explain = true);

}  // namespace defen::eval
