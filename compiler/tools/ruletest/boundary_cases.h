// `defen cases`: boundary cases staff can review and keep as tests.
//
// For every edge of the rules (compiler/tools/ruletest/edges.h) — band bounds,
// deduction steps, comparison constants, 最小/最大 limits, bonus caps — the
// inputs are solved backwards (compiler/tools/ruletest/solver.h) so the rule's
// subject sits just below the edge, on it, and just above it (89.99%, 90.00%,
// 90.01%), starting from a baseline row; each enum label and both answers of
// each yes/no input an indicator reads are cases too. Each point is scored by
// the real scorer, and can be written out in the .tests format with the
// scores it gets today as its expectations.
#pragma once

#include "compiler/tools/ruletest/edges.h"
#include "compiler/tools/ruletest/test_file.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace defen::ruletest {

struct BoundaryPoint {
  std::string value;         // the subject as people read it: "89.99%"
  std::vector<Field> fields; // the row's cells that differ from the baseline
  bool ok = false;           // the row scored without errors
  Decimal score;             // the indicator's (or, for a bonus line, the bonus's or penalty's)
  NodeStatus status = NodeStatus::Scored;
  std::vector<std::string> errors;
  std::string explanation;
};

struct BoundaryGroup {
  int node = -1;        // the indicator; -1 for a 加分/减分 line
  bool plus = true;     // a bonus line: 加分 (true) or 减分
  std::string subject;  // what the edge is about, as written: "支出完成率"
  std::string edge;     // the edge value as people read it: "90.00%"; empty for choices
  SourceRange range;    // where the rule writes it
  std::string text;     // the rule text, on one line
  std::vector<BoundaryPoint> points;
};

struct CasesOptions {
  int node = -1;  // only this indicator and those below it
  // The row every case starts from; null: a neutral row (amounts 0, 否, the
  // first label, full reviewer scores) built from the ruleset.
  std::shared_ptr<const Baseline> baseline;
};

std::vector<BoundaryGroup> boundaryCases(const ir::Program& program, const CasesOptions& options);

// The table for people, one block per edge.
std::string casesTable(const ir::Program& program, const std::vector<BoundaryGroup>& groups);

// The cases in the .tests format, skipping names in `existing` (and rows
// with errors). `baselineLine`: a `数据 …` line for each case, or empty.
std::string casesAsTests(const ir::Program& program, const std::vector<BoundaryGroup>& groups, std::set<std::string>& existing,
                         const std::string& baselineLine, int* written = nullptr);

// Writes each point's baseline cells into its fields, so the cases stand on
// their own in a test file without a `数据` line.
void inlineBaseline(std::vector<BoundaryGroup>& groups, const Baseline& baseline);

// A neutral row for `program`, as a baseline (see CasesOptions).
std::shared_ptr<const Baseline> neutralBaseline(const ir::Program& program);

}  // namespace defen::ruletest
