// The per-record working memory both engines read and write.
//
// Plain arrays of raw 128-bit decimals and bytes, reached through one C-layout
// struct, so JIT-compiled code addresses exactly the memory the interpreter
// uses. Scratch is allocated once per thread and reused for every record.
//
// The frame holds the whole scorecard of a record: the inputs and per-node data
// the binder supplied, the trace (令 values, bands fired, checklist items,
// deductions), and every result — per node its score, status, flags and fault
// (an error code with its operands, never text), per 加减分 line its points,
// the total, the grade and a fault of the row. Messages are made from these
// after scoring (eval::Scorer), the same way for both engines.
#pragma once

#include "compiler/core/decimal.h"

#include <cstdint>
#include <vector>

namespace defen::eval {

// What an expression's evaluation ends with. Missing: it read an absent input
// (missingSlot says which). Error: a run-time fault (errorKind, errorExpr,
// errorValue say which).
enum KernelStatus : int32_t { kOk = 0, kMissing = 1, kError = 2 };
enum ErrorKind : int32_t { kNoError = 0, kOverflow = 1, kDivisionByZero = 2, kNoBand = 3 };

using Raw = Decimal::Raw;

// Why an indicator, a 加减分 line or the row has no score: a code and its
// operands (NodeSlot/BonusSlot fault, faultExpr, faultArg, faultValue). The
// message for each is written once, in Scorer (scorer.cpp, faultMessage).
enum Fault : int32_t {
  kNoFault = 0,
  // An expression's own faults; the same numbers as ErrorKind. faultExpr: the expression.
  kFaultOverflow = 1,
  kFaultDivisionByZero = 2,
  kFaultNoBand = 3,             // faultValue: the subject no band matched
  kFaultMissingInput = 4,       // faultArg: the required input that is absent
  // The scorecard's rules.
  kFaultArithmetic = 5,         // a sum, 折算 or 转入 overflowed. Row: faultArg -1 总分, else the 加减分 block
  kFaultRounding = 6,           // rounding a score overflowed
  kFaultOutOfRange = 7,         // faultValue: the exact score outside [0, 分值]
  kFaultNegativeDeduction = 8,  // faultArg: the line's place in the node's 扣分; faultValue: the amount
  kFaultOverrideOfDropped = 9,  // 核定分 given for an indicator 不考核 and dropped
  kFaultMoveTargetFailed = 10,  // faultArg: the 转入 target without a score
  kFaultMoveTargetDropped = 11, // faultArg: the 转入 target that is itself dropped
  kFaultReviewMissing = 12,
  kFaultReviewNoReason = 13,
  kFaultReviewAboveWeight = 14, // faultValue: the reviewer's score
  kFaultReviewNoTier = 15,
  kFaultReviewUnknownTier = 16, // the record's 档次 names no tier (the text is in the record)
  kFaultReviewOutsideTier = 17, // faultValue: the score; faultArg: the tier
  kFaultBonusRefused = 18,      // faultArg: the refused cell the 加减分 block reads (reported already)
  kFaultNegativeBonus = 19,     // faultValue: the points
  kFaultAllNotApplicable = 20,  // row: every top-level indicator is 不考核
};

// One indicator's result. Layout is ABI (compiler/jit/codegen.cpp).
struct NodeSlot {
  Raw score;          // final, rounded (0 when failed)
  Raw computed;       // what the rule gave, before an override
  Raw faultValue;
  int32_t naRule;     // the 不考核 clause that applied, or -1
  int32_t missingInput;
  int32_t fault;      // Fault
  int32_t faultExpr;
  int32_t faultArg;
  uint8_t status;     // NodeStatus (compiler/core/result.h)
  uint8_t computedStatus;
  uint8_t counted;    // 0: dropped by 不考核 → 折算
  uint8_t inheritedNa;
  uint8_t failed;
  uint8_t incomplete; // a sum lacking a faulted indicator below it
  uint8_t capped;     // the 扣分 reached its cap
  uint8_t reserved;
  int32_t pad;
};

// What the record says about one indicator besides its inputs. Layout is ABI.
struct NodeInput {
  Raw override;         // 核定分, when hasOverride
  uint8_t hasOverride;
  uint8_t hasReason;    // a 说明 was written
  uint8_t pad[2];
  int32_t tier;         // 档次: the tier's index, kNoTier when blank, kUnknownTier when no tier has that name
  int64_t pad2;
};
inline constexpr int32_t kNoTier = -1, kUnknownTier = -2;

// One 加分/减分 line (global index over all blocks). Layout is ABI.
struct BonusSlot {
  Raw value;  // points after the cap (0 when faulted)
  Raw faultValue;
  int32_t fault;
  int32_t faultExpr;
  int32_t faultArg;
  int32_t pad;
};

// Field order and types are part of the JIT's ABI: compiler/jit/codegen.cpp
// mirrors them (FrameField) and static_asserts the offsets.
struct Frame {
  const Raw* inputs;        // per input: the number; a yes/no is 0/1; an enum its index
  const uint8_t* present;   // per input: 1 when the record has it
  Raw* lets;                // per 令: value, valid when letDone
  uint8_t* letDone;         // per 令: 1 once computed for this record
  int32_t* fired;           // per band table: the case that fired, or -1
  uint8_t* itemMet;         // per checklist item (global index)
  Raw* deducted;            // per deduction line (global index): points deducted
  Raw* steps;               // per deduction line: steps counted (Step lines)
  int32_t errorKind;
  int32_t errorExpr;        // ir::Expr::id of the faulting expression
  int32_t missingSlot;
  int32_t reserved;
  Raw errorValue;           // e.g. the subject no band matched
  // The scorecard.
  NodeSlot* nodes;           // per node
  const NodeInput* nodeData; // per node
  BonusSlot* bonusLines;     // per 加减分 line
  int32_t* faultLog;         // node ids in the order their faults happened
  Raw sum;                   // the top-level indicators' sum, carried to the total
  Raw total, rawTotal, bonus, penalty;
  int32_t faultCount;        // entries in faultLog
  int32_t grade;             // index into the program's grades, or -1
  int32_t rowFault;          // Fault of the row (no total), or 0
  int32_t rowFaultArg;
  int32_t bonusLinesDone;    // lines decided before the row faulted (all of them otherwise)
  int32_t anyFault;          // 1 when anything is reported: no grade, the total is incomplete
  int32_t pad[2];
};

struct Scratch {
  std::vector<Raw> inputs, lets, deducted, steps;
  std::vector<uint8_t> present, letDone, itemMet;
  std::vector<int32_t> fired, faultLog;
  std::vector<NodeSlot> nodes;
  std::vector<NodeInput> nodeData;
  std::vector<BonusSlot> bonusLines;
  Frame frame{};

  // Sizes the arrays for a program and clears the per-record trace.
  void reset(size_t inputCount, size_t letCount, size_t tableCount, size_t itemCount, size_t deductionCount, size_t nodeCount = 0,
             size_t bonusLineCount = 0);
  // Clears what one record writes (令 memo, trace, results, error fields); the
  // sizes stay. Inputs and node data are not cleared: loading a record
  // overwrites all of them.
  void clearRecord();
};

}  // namespace defen::eval
