// The state of one comparison, shared by the files that compare each part
// of two standards (internal to compiler/tools/diff).
#pragma once

#include "compiler/tools/diff/diff.h"
#include "compiler/tools/diff/match_indicators.h"
#include "compiler/tools/diff/same_meaning.h"
#include "compiler/tools/diff/written.h"

namespace defen::diff {

struct Differ {
  Differ(const ir::Program& before, const ir::Program& after)
      : a(before), b(after), same(before, after), nodes(matchIndicators(before, after, same)) {}

  const ir::Program& a;  // the old standard
  const ir::Program& b;  // the new standard
  SameMeaning same;
  IndicatorMatch nodes;
  std::vector<Change> changes;

  Change& add(Kind kind, Area area, std::string before, std::string after, SourceRange oldAt, SourceRange newAt) {
    Change c;
    c.kind = kind;
    c.area = area;
    c.before = std::move(before);
    c.after = std::move(after);
    c.oldAt = placeIn(a, oldAt);
    c.newAt = placeIn(b, newAt);
    changes.push_back(std::move(c));
    return changes.back();
  }
};

void diffHeader(Differ& d);      // 名称 … 舍入 and 等级 (diff_header.cpp)
void diffInputs(Differ& d);      // 输入 (diff_declarations.cpp)
// 令 declared at the top level (both nodes -1, empty path), or inside two
// matched indicators, reported under the new one's `path`.
void diffLets(Differ& d, int oldNode, int newNode, const std::vector<std::string>& path);
void diffBonus(Differ& d);       // 加减分 (diff_declarations.cpp)
void diffIndicators(Differ& d);  // the tree (diff_indicators.cpp)
// The rule, 不考核 and wording of two matched indicators (diff_rules.cpp).
void diffRule(Differ& d, const ir::Node& x, const ir::Node& y);

}  // namespace defen::diff
