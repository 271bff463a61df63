// 输入, 令 and 加减分: declarations matched by name (加减分 blocks by order).
#include "compiler/tools/diff/align.h"
#include "compiler/tools/diff/differ.h"
#include "compiler/tools/diff/written.h"

#include <algorithm>
#include <map>

namespace defen::diff {
namespace {

bool sameInput(const ir::Input& x, const ir::Input& y) {
  if (x.spec.kind != y.spec.kind || x.spec.unit != y.spec.unit || x.spec.enumValues != y.spec.enumValues) return false;
  if (x.spec.bareRatio != y.spec.bareRatio) return false;  // 比率 → 比率（百分数） changes how data reads
  if (x.missing != y.missing || x.range.has_value() != y.range.has_value()) return false;
  if (x.usual.has_value() != y.usual.has_value() || (x.usual && !SameMeaning::interval(*x.usual, *y.usual))) return false;
  return !x.range || SameMeaning::interval(*x.range, *y.range);
}

// The declared inputs by name; the compiler's own (reviewer scores) are the indicators' business.
std::map<std::string, const ir::Input*> declared(const ir::Program& p) {
  std::map<std::string, const ir::Input*> out;
  for (const auto& in : p.inputs)
    if (!in.implicit) out[in.spec.name] = &in;
  return out;
}

}  // namespace

void diffInputs(Differ& d) {
  auto before = declared(d.a), after = declared(d.b);
  for (const auto& in : d.a.inputs) {
    if (in.implicit) continue;
    auto it = after.find(in.spec.name);
    if (it == after.end()) {
      d.add(Kind::InputRemoved, Area::Inputs, written(d.a, in.range_), "", in.range_, {}).item = in.spec.name;
    } else if (!sameInput(in, *it->second)) {
      d.add(Kind::InputChanged, Area::Inputs, written(d.a, in.range_), written(d.b, it->second->range_), in.range_,
            it->second->range_).item = in.spec.name;
    }
  }
  for (const auto& in : d.b.inputs)
    if (!in.implicit && !before.count(in.spec.name))
      d.add(Kind::InputAdded, Area::Inputs, "", written(d.b, in.range_), {}, in.range_).item = in.spec.name;
}

void diffLets(Differ& d, int oldNode, int newNode, const std::vector<std::string>& path) {
  Area area = path.empty() ? Area::Lets : Area::Indicators;
  auto scoped = [](const ir::Program& p, int node) {
    std::map<std::string, const ir::Let*> out;
    for (const auto& l : p.lets)
      if (l.node == node) out[l.name] = &l;
    return out;
  };
  auto before = scoped(d.a, oldNode), after = scoped(d.b, newNode);
  auto note = [&](Change& c, const std::string& name) {
    c.item = name;
    c.path = path;
  };
  for (const auto& l : d.a.lets) {
    if (l.node != oldNode) continue;
    auto it = after.find(l.name);
    if (it == after.end()) note(d.add(Kind::LetRemoved, area, written(d.a, l.range), "", l.range, {}), l.name);
    else if (!d.same.expr(l.value, it->second->value))
      note(d.add(Kind::LetChanged, area, written(d.a, l.range), written(d.b, it->second->range), l.range, it->second->range), l.name);
  }
  for (const auto& l : d.b.lets)
    if (l.node == newNode && !before.count(l.name))
      note(d.add(Kind::LetAdded, area, "", written(d.b, l.range), {}, l.range), l.name);
}

void diffBonus(Differ& d) {
  size_t common = std::min(d.a.bonuses.size(), d.b.bonuses.size());
  for (size_t k = 0; k < common; ++k) {
    const ir::Bonus &x = d.a.bonuses[k], &y = d.b.bonuses[k];
    if (x.name != y.name) d.add(Kind::BonusRenamed, Area::Bonus, x.name, y.name, x.range, y.range).item = y.name;
    for (const auto& step : align(x.lines.size(), y.lines.size(),
                                  [&](size_t i, size_t j) { return d.same.bonusLine(x.lines[i], y.lines[j]); })) {
      if (step.same) continue;
      const ir::BonusLine* before = step.before ? &x.lines[*step.before] : nullptr;
      const ir::BonusLine* after = step.after ? &y.lines[*step.after] : nullptr;
      Kind kind = before && after ? Kind::BonusLineChanged : before ? Kind::BonusLineRemoved : Kind::BonusLineAdded;
      d.add(kind, Area::Bonus, before ? oneLine(before->text) : "", after ? oneLine(after->text) : "",
            before ? before->range : SourceRange{}, after ? after->range : SourceRange{}).item = y.name;
    }
  }
  for (size_t k = common; k < d.a.bonuses.size(); ++k) {
    const auto& x = d.a.bonuses[k];
    d.add(Kind::BonusRemoved, Area::Bonus, written(d.a, x.range), "", x.range, {}).item = x.name;
  }
  for (size_t k = common; k < d.b.bonuses.size(); ++k) {
    const auto& y = d.b.bonuses[k];
    d.add(Kind::BonusAdded, Area::Bonus, "", written(d.b, y.range), {}, y.range).item = y.name;
  }
}

}  // namespace defen::diff
