// The XLSX report's live cells: Excel formulas that recompute a subtotal, the
// 合计 and the grade when a reviewer changes a 评审 score in the workbook.
//
// A formula follows the scorer's rules (compiler/eval/scorer.cpp) for the
// record it was written for: a parent is the exact sum of its children's
// rounded scores, or ROUND(分值 × Σ计入 ÷ Σ计入分值) when a child is dropped by
// 不考核 → 折算; the total rescales the same way over the 一级 indicators,
// then adds the capped 加分, takes the 减分 and rounds. Which children count
// is decided by the data, not by a score, so it is fixed in the formula.
// 转入 follows its targets' score rates. Where a score does not follow from
// other cells (核定分, 不考核 with full marks), the formula holds the number
// and says why in `note`.
#pragma once

#include "compiler/report/report.h"

#include <functional>
#include <string>
#include <vector>

namespace defen::xlsx {

// The indicator tree of a schema: each node's parent (-1 for a 一级 one) and children.
struct ScoreTree {
  std::vector<int> parent;
  std::vector<std::vector<int>> children;
  std::vector<int> roots;
};
ScoreTree scoreTree(const ReportSchema& schema);

struct Formula {
  std::string text;  // an expression without the leading '='
  bool literal = false;  // a fixed number: the score does not follow from other cells
  std::string note;      // why, for a cell comment (empty for an ordinary sum)
};

// Where the scores are: `cell` gives the cell holding a node's score, or ""
// when the node has no cell of its own (a parent on a department sheet, which
// is then expanded into its children); `range` may give one A1 range covering
// all the leaf cells of a subtree (contiguous rows), used for a plain sum.
struct ScoreCells {
  std::function<std::string(int node)> cell;
  std::function<std::string(int node)> range;
};

// A counted node's score, unrounded for a plain sum (wrap it in ROUND to put it
// in a cell). Not for a node dropped by 折算 (it has no score).
Formula nodeFormula(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, const ScoreCells& cells, int node);

// A node 不考核 whose 分值 moves to others (转入): ROUND(分值 × Σ 目标得分÷目标分值
// ÷ 目标数), as the scorer computes it. Empty text for any other node. For a
// leaf this is the formula of its own cell.
Formula movedFormula(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, const ScoreCells& cells, int node);

// The 合计: the 一级 indicators (rescaled when one is dropped), the 加减分 with
// the 总分 cap, floored at 0 and rounded. `bonusCell` holds the net 加减分
// (empty when the ruleset has none).
Formula totalFormula(const ReportSchema& schema, const ScoreTree& tree, const RecordResult& r, const ScoreCells& cells,
                     const std::string& bonusCell);

// The grade of the total in `totalCell`: nested IFs over the 等级 bands with
// their bounds as written (良 [80, 90): >=80 and <90), best first; "" in none.
// Each result is `prefix` + the grade's name.
std::string gradeFormula(const ReportSchema& schema, const std::string& totalCell, const std::string& prefix = "");

// A text as an Excel string literal: "…" with quotes doubled.
std::string quoted(const std::string& text);

// A1 reference of a 0-based row and column, e.g. (2, 4) → "E3".
std::string cellName(int row, int col);

}  // namespace defen::xlsx
