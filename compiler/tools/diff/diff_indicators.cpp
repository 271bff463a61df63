// The indicator tree: added, removed, renamed and moved indicators, 分值, and
// each matched pair's 令 and rule, in the new standard's order.
#include "compiler/tools/diff/differ.h"
#include "compiler/tools/diff/written.h"

#include <fmt/format.h>

#include <map>

namespace defen::diff {
namespace {

int descendants(const ir::Program& p, int id) {
  int n = 0;
  for (int c : p.nodes[id].children) n += 1 + descendants(p, c);
  return n;
}

// "结转结余率 3分：分段 结转结余率 { … }", or "支出管理 21分（含下级指标9个）".
std::string described(const ir::Program& p, const ir::Node& n) {
  std::string text = n.name + " " + points(n.weight);
  if (!n.children.empty()) return text + fmt::format("（含下级指标{}个）", descendants(p, n.id));
  return text + "：" + oneLine(n.ruleText);
}

std::string parentPath(const ir::Program& p, const ir::Node& n) {
  if (n.parent < 0) return "（一级指标）";
  return fmt::format("{}", fmt::join(p.nodes[n.parent].path, " › "));
}

class TreeDiff {
 public:
  explicit TreeDiff(Differ& d) : d_(d) {}

  void run() {
    // A removed indicator is shown after the indicator that precedes it in the
    // old standard and is still there; only the top-most of a removed subtree.
    std::map<int, std::vector<int>> removedAfter;  // new node id (-1: first) → old node ids
    int anchor = -1;
    for (const auto& x : d_.a.nodes) {
      if (d_.nodes.oldToNew[x.id] >= 0) anchor = d_.nodes.oldToNew[x.id];
      else if (x.parent < 0 || d_.nodes.oldToNew[x.parent] >= 0) removedAfter[anchor].push_back(x.id);
    }
    for (int i : removedAfter[-1]) removed(i);
    for (const auto& y : d_.b.nodes) {
      int i = d_.nodes.newToOld[y.id];
      if (i >= 0) matched(d_.a.nodes[i], y);
      else if (y.parent < 0 || d_.nodes.newToOld[y.parent] >= 0) added(y);
      for (int r : removedAfter[y.id]) removed(r);
    }
  }

 private:
  void removed(int i) {
    const ir::Node& x = d_.a.nodes[i];
    d_.add(Kind::IndicatorRemoved, Area::Indicators, described(d_.a, x), "", x.range, {}).path = x.path;
  }

  void added(const ir::Node& y) {
    d_.add(Kind::IndicatorAdded, Area::Indicators, "", described(d_.b, y), {}, y.range).path = y.path;
  }

  void matched(const ir::Node& x, const ir::Node& y) {
    size_t first = d_.changes.size();
    if (x.name != y.name) d_.add(Kind::IndicatorRenamed, Area::Indicators, x.name, y.name, x.range, y.range);
    int parent = x.parent < 0 ? -1 : d_.nodes.oldToNew[x.parent];
    if (parent != y.parent)
      d_.add(Kind::IndicatorMoved, Area::Indicators, parentPath(d_.a, x), parentPath(d_.b, y), x.range, y.range);
    if (x.weight != y.weight)
      d_.add(Kind::WeightChanged, Area::Indicators, points(x.weight), points(y.weight), x.weightRange, y.weightRange);
    diffLets(d_, x.id, y.id, y.path);
    diffRule(d_, x, y);
    for (size_t k = first; k < d_.changes.size(); ++k) d_.changes[k].path = y.path;
  }

  Differ& d_;
};

}  // namespace

void diffIndicators(Differ& d) { TreeDiff(d).run(); }

}  // namespace defen::diff
