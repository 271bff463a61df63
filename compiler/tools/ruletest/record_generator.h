// Random records for differential testing: the interpreter and the JIT must
// score every one of them identically, so the records are built to sit where
// engines disagree when one of them is wrong — on and next to every edge the
// program has.
//
// An edge is a value at which some expression of the program changes its
// mind: a band's interval bound (结果 ≥ 90%), a multiple of a deduction step
// (每 5% 扣 0.5分), a constant an input is compared with (天数 ＞ 30), the
// constant of 最小(1, …), a bonus cap, the bounds [0, 分值] of a formula's
// score. For each edge the generator *solves* the expression backwards to
// inputs — a band on 年度实际支出 ÷ 财政下达预算数 at 90% becomes a
// denominator of 1,000,000.00元 and a numerator of 900,000.00元 — and then
// nudges the input that absorbed the edge by one unit of its kind (±0.01元,
// ±0.0001 of a ratio, ±1 of a count) or by the smallest representable step.
//
// Around that, every record also carries zeros, negative values where the
// domain allows, values near 1e15 and beyond 1e20 (overflow), every enum
// label, both yes/no values, missing inputs (required ones too: their errors
// must agree as well), reviewer scores inside and outside [0, 分值] with and
// without 说明, with valid, empty and unknown 档次, and occasional overrides
// (核定分 with its 说明).
//
// Every record is one the binder could have produced from a data row: each
// value respects its input's kind (counts are non-negative integers, reviewer
// scores non-negative) and declared 范围, and every override lies in
// [0, 分值] with a reason. recordFields() turns a record back into that row.
//
// Deterministic: the same program, seed and index give the same record on
// every run and platform (no std:: distributions, no hashing of pointers).
#pragma once

#include "compiler/eval/bind/binder.h"
#include "compiler/ir/ir.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace defen::ruletest {

// The first `count` records of RecordGenerator(program, seed).
std::vector<BoundRecord> generateRecords(const ir::Program& program, size_t count, uint64_t seed);

// The same stream, one record at a time (a million records need not be held
// at once). Record i (0-based) has row i + 1.
class RecordGenerator {
 public:
  RecordGenerator(const ir::Program& program, uint64_t seed);
  ~RecordGenerator();
  RecordGenerator(const RecordGenerator&) = delete;
  RecordGenerator& operator=(const RecordGenerator&) = delete;

  BoundRecord next();
  // How many edge objectives the program yielded (for test diagnostics).
  size_t objectiveCount() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The data row that binds to `record`: column name → cell text, for
// bindFields() or a JSON data file. Absent inputs have no column.
std::vector<std::pair<std::string, std::string>> recordFields(const ir::Program& program, const BoundRecord& record);

// The record for a failure message: one line per input ("收入预算数 = 2928000元",
// "有下属单位 = 是", "信访件数 = （缺失）") and per node with data, then the
// row as a JSON object ready to paste into a data file for `defen eval`.
std::string describeRecord(const ir::Program& program, const BoundRecord& record);

}  // namespace defen::ruletest
