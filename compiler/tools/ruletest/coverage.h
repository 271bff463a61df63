// Which parts of a ruleset the test cases reach: every band case, both
// outcomes of every checklist item, every deduction line that deducted,
// every 不考核 clause that applied, every 加分/减分 line that counted, every
// missing-data policy (缺失时 满分/0分/不考核) that decided a score, every
// reviewer tier used. Read from the same trace `defen explain` shows
// (RecordResult: fired bands, items met, deductions, the clause applied), so
// there is no second scorer to drift from the real one.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/core/result.h"

#include <string>
#include <vector>

namespace defen::ruletest {

struct CoverageItem {
  enum class Category { Band, ItemMet, ItemUnmet, Deduction, NotApplicable, Bonus, Missing, Tier };
  Category category = Category::Band;
  int node = -1;       // the indicator it belongs to (-1: a bonus line)
  SourceRange range;   // in the ruleset
  std::string text;    // as written in the ruleset, on one line
  bool reached = false;
};

class Coverage {
 public:
  explicit Coverage(const ir::Program& program);
  void add(const RecordResult& result);
  const std::vector<CoverageItem>& items() const { return items_; }
  bool full() const;
  // "分段 41/43，逐项 12/12，…" (categories the ruleset has, in a fixed order).
  std::string summary(Lang lang = Lang::Zh) const;
  // One line per unreached item: "file:line:col: 分段“…”（指标“支出完成率”）".
  std::vector<std::string> unreached(Lang lang = Lang::Zh) const;

 private:
  const ir::Program& p_;
  std::vector<CoverageItem> items_;
  // Index of the first item of each kind, to find an item from the trace.
  std::vector<std::vector<int>> bandItem_;  // [table][case]
  std::vector<int> itemMet_, itemUnmet_, deduction_;  // by global item / line index
  std::vector<std::vector<int>> naItem_;   // [node][clause]
  std::vector<int> bonusItem_;             // by line over all blocks
  std::vector<int> missingItem_;           // by input slot, -1 when no policy
  std::vector<std::vector<int>> tierItem_; // [node][tier]

  int push(CoverageItem::Category c, int node, SourceRange range, std::string text);
  void reach(int index);
};

const char* categoryName(CoverageItem::Category c, Lang lang = Lang::Zh);

}  // namespace defen::ruletest
