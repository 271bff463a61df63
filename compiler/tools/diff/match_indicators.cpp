#include "compiler/tools/diff/match_indicators.h"

#include <algorithm>

namespace defen::diff {
namespace {

class Matcher {
 public:
  Matcher(const ir::Program& a, const ir::Program& b, const SameMeaning& same) : a_(a), b_(b), same_(same) {
    m_.oldToNew.assign(a.nodes.size(), -1);
    m_.newToOld.assign(b.nodes.size(), -1);
  }

  IndicatorMatch run() {
    for (const auto& n : a_.nodes)
      if (int j = b_.findNode(n.name); j >= 0) link(n.id, j);
    // A renamed parent is found through its children and a renamed leaf
    // through its parent, so repeat until nothing more is found.
    for (bool found = true; found;) {
      found = false;
      for (const auto& n : b_.nodes)
        if (m_.newToOld[n.id] < 0 && renameOf(n.id)) found = true;
    }
    return m_;
  }

 private:
  void link(int i, int j) {
    m_.oldToNew[i] = j;
    m_.newToOld[j] = i;
  }

  static int position(const ir::Program& p, int id) {
    const auto& siblings = p.nodes[id].parent < 0 ? p.roots : p.nodes[p.nodes[id].parent].children;
    return static_cast<int>(std::find(siblings.begin(), siblings.end(), id) - siblings.begin());
  }

  // Matches new node j to an unmatched old node under the same parent.
  bool renameOf(int j) {
    const ir::Node& y = b_.nodes[j];
    int parent = -1;
    if (y.parent >= 0 && (parent = m_.newToOld[y.parent]) < 0) return false;  // the parent is not known yet
    const auto& siblings = parent < 0 ? a_.roots : a_.nodes[parent].children;
    int best = -1;
    for (int i : siblings) {
      if (m_.oldToNew[i] >= 0 || !alike(a_.nodes[i], y)) continue;
      if (best < 0 || position(a_, i) == position(b_, j)) best = i;
      if (position(a_, i) == position(b_, j)) break;
    }
    if (best < 0) return false;
    link(best, j);
    return true;
  }

  bool alike(const ir::Node& x, const ir::Node& y) const {
    bool leafX = x.children.empty(), leafY = y.children.empty();
    if (leafX != leafY) return false;
    if (leafX)
      return same_.rule(x, y) && (x.weight == y.weight || position(a_, x.id) == position(b_, y.id));
    size_t shared = 0;
    for (int c : x.children)
      if (m_.oldToNew[c] >= 0 && b_.nodes[m_.oldToNew[c]].parent == y.id) ++shared;
    return shared > 0 && 2 * shared >= std::max(x.children.size(), y.children.size());
  }

  const ir::Program& a_;
  const ir::Program& b_;
  const SameMeaning& same_;
  IndicatorMatch m_;
};

}  // namespace

IndicatorMatch matchIndicators(const ir::Program& before, const ir::Program& after, const SameMeaning& same) {
  return Matcher(before, after, same).run();
}

}  // namespace defen::diff
