// The per-record working memory both engines read and write.
//
// Plain arrays of raw 128-bit decimals and bytes, reached through one C-layout
// struct, so JIT-compiled code addresses exactly the memory the interpreter
// uses. Scratch is allocated once per thread and reused for every record.
#pragma once

#include "runtime/decimal.h"

#include <cstdint>
#include <vector>

namespace defen::eval {

// What a kernel returns. Missing: it read an absent input (missingSlot says
// which). Error: a run-time fault (errorKind, errorExpr, errorValue say which).
enum KernelStatus : int32_t { kOk = 0, kMissing = 1, kError = 2 };
enum ErrorKind : int32_t { kNoError = 0, kOverflow = 1, kDivisionByZero = 2, kNoBand = 3 };

using Raw = Decimal::Raw;

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
};

struct Scratch {
  std::vector<Raw> inputs, lets, deducted, steps;
  std::vector<uint8_t> present, letDone, itemMet;
  std::vector<int32_t> fired;
  Frame frame{};

  // Sizes the arrays for a program and clears the per-record trace.
  void reset(size_t inputCount, size_t letCount, size_t tableCount, size_t itemCount, size_t deductionCount);
  // Clears what one record writes (令 memo, trace, error fields); the sizes
  // stay. Inputs are not cleared: loading a record overwrites all of them.
  void clearRecord();
};

}  // namespace defen::eval
