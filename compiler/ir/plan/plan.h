// The plan: a ruleset's whole scorecard as a flat list of steps in evaluation
// order, lowered once from ir::Program (lower_plan.cpp, the one place the
// order and composition of the scorecard's rules is written) and run by both
// engines: the interpreter walks it (compiler/interp/), the JIT compiles it
// into one native function (compiler/jit/). In the spirit of Soufflé's RAM.
//
// Three phases:
//  1. per node in document order, which indicators apply: Applies, then one
//     NaWhen per 不考核 clause;
//  2. per node in evaluation order (children and 转入 targets first): Enter,
//     Settled (for a node that may be 不考核 or decided by a missing-data
//     policy), its rule — Formula; Item… ItemsTotal; Deduct… DeductionsTotal;
//     Review; each followed by Check (range [0, 分值] and rounding) — or Sum
//     (children with 折算), or Rows (a 逐行 rule, scored before the run),
//     then Override (核定分);
//  3. Roots (top-level sum with 折算), one BonusLine per 加分/减分 line,
//     Total (caps, rounding), Grade.
//
// A node's steps form a group: a fault of the node writes its code and
// operands into its NodeSlot and continues at the group's `end`; a node a
// missing-data policy decided continues at its Override step (`settle`). A
// fault of the row (Roots, a bonus sum, Total) ends the run.
//
// The plan carries no prose: faults are codes (eval::Fault) with operands;
// the names and texts messages quote stay in ir::Program, read after scoring.
// Expressions are the program's (ir::Expr), evaluated with lazy 令 and the
// trace slots (bands fired, items met, deductions) in the frame.
#pragma once

#include "compiler/ir/ir.h"

#include <string>
#include <vector>

namespace defen::plan {

enum class Op : uint8_t {
  // Phase 1: applicability (不考核).
  Applies,  // skip a node failed at binding; inherit 不考核 from the parent
  NaWhen,   // clause `index` of the node: true → 不考核 under its policy; a missing input → that input's policy
  // Phase 2: the node's score.
  Enter,            // skip a failed node
  Settled,          // missing-data policy decided → Override; 不考核: dropped → end (a 核定分 is a fault), 满分/转入 → Override
  Formula,          // the exact score: expr
  Item,             // checklist item `index` of the node: expr, into itemMet
  ItemsTotal,       // the exact score: points of the items met
  Deduct,           // deduction line `index` of the node, into deducted/steps
  DeductionsTotal,  // the exact score: 分值 − the deductions (none negative), capped, floored at 0
  Review,           // the exact score: the reviewer's, with its reason and tier checked
  Check,            // the exact score within [0, 分值], rounded: the computed score
  Sum,              // the children's scores, 折算 when some are dropped; all dropped → 不考核
  Rows,             // 逐行: the score eval::Scorer wrote into the node's slot before the run (row_sets.cpp)
  Override,         // 核定分 replaces the score
  // Phase 3: the row.
  Roots,      // the top-level indicators' sum, 折算 when some are dropped
  BonusLine,  // line `index` (global) of block `bonus`: expr, its cap, added to 加分 or 减分
  Total,      // 加分 capped at 总分, 减分 floored at 0, rounded
  Grade,      // the grade, when nothing was reported
};

struct Step {
  Op op = Op::Enter;
  int node = -1;   // node steps: the node
  int index = -1;  // NaWhen: clause; Item/Deduct: place in the node's list; BonusLine: global line index
  int bonus = -1;  // BonusLine: the block
  int line = -1;   // BonusLine: place in the block
  const ir::Expr* expr = nullptr;  // NaWhen, Formula, Item, BonusLine; Deduct: see the node's Deduction
  int settle = -1;  // phase 2: the node's Override step
  int end = -1;     // node steps: the first step after the node's group
};

struct Plan {
  const ir::Program* program = nullptr;
  std::vector<Step> steps;
  int bonusLineCount = 0;  // 加分/减分 lines over all blocks
  // Per node: whether it may be 不考核 (its own clauses or an ancestor's).
  std::vector<char> mayBeNotApplicable;
};

// Lowers a checked program. The program must outlive the plan.
Plan lowerPlan(const ir::Program& program);

// One line per step, for tests and `--dump`-style debugging.
std::string dump(const Plan& plan);

}  // namespace defen::plan
