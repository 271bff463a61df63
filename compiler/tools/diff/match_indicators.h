// Which indicator of the old standard is which of the new one.
//
// First by name, since names are unique within a standard. An indicator
// whose name is in one standard only may have been renamed: a leaf is taken
// for a renamed one when, under the same (matched) parent, an unmatched leaf
// of the other standard has the same rule and the same 分值 or the same
// position among its siblings; a parent, when most of its children are
// matched to the children of one unmatched parent of the other standard.
// Everything left unmatched is added or removed.
#pragma once

#include "compiler/tools/diff/same_meaning.h"
#include "compiler/ir/ir.h"

#include <vector>

namespace defen::diff {

struct IndicatorMatch {
  std::vector<int> oldToNew;  // per old node id: the new node id, or -1
  std::vector<int> newToOld;  // per new node id: the old node id, or -1

  bool renamed(const ir::Program& before, const ir::Program& after, int oldId) const {
    return oldToNew[oldId] >= 0 && before.nodes[oldId].name != after.nodes[oldToNew[oldId]].name;
  }
};

IndicatorMatch matchIndicators(const ir::Program& before, const ir::Program& after, const SameMeaning& same);

}  // namespace defen::diff
