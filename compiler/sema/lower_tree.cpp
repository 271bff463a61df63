// The indicator tree: node ids in document order, names, paths, weights, and
// the 令 declared at top level and inside indicators (registered here, lowered
// on first use so they may be written in any order).
#include "compiler/sema/context.h"

#include <fmt/format.h>

namespace defen::sema {

namespace {

void declareLet(Context& cx, const ast::LetDecl& decl, int node) {
  auto& table = node < 0 ? cx.globalLets : cx.localLets[node];
  if (table.count(decl.name) || cx.inputs.count(decl.name)) {
    cx.diags.error("E102", decl.nameRange, fmt::format("名称“{}”已被定义", decl.name), fmt::format("'{}' is already defined", decl.name));
    return;
  }
  int slot = static_cast<int>(cx.program.lets.size());
  cx.program.lets.push_back(ir::Let{decl.name, nullptr, node, decl.range});
  cx.lets.push_back(LetInfo{&decl, slot, LetInfo::State::Pending});
  table[decl.name] = slot;
}

void declareNode(Context& cx, const ast::Indicator& ind, int parent, std::vector<std::string> path) {
  int id = static_cast<int>(cx.program.nodes.size());
  path.push_back(ind.name);
  ir::Node node;
  node.id = id;
  node.name = ind.name;
  node.path = path;
  node.parent = parent;
  node.range = ind.range;
  node.note = ind.note;
  node.noteRange = ind.noteRange;
  node.weightRange = ind.weight.range;
  node.explainRange = ind.explainTemplateRange;
  node.explainWording = ind.explainTemplate;
  if (ind.weight.unit != ast::Unit::Score && ind.weight.unit != ast::Unit::None)
    cx.diags.error("E111", ind.weight.range, fmt::format("指标“{}”的分值应以“分”为单位", ind.name),
                   fmt::format("the weight of '{}' is in 分", ind.name));
  if (ind.weight.value < Decimal::zero())
    cx.diags.error("E111", ind.weight.range, "分值不能为负", "a weight cannot be negative");
  node.weight = ind.weight.value;
  if (auto it = cx.nodes.find(ind.name); it != cx.nodes.end()) {
    auto& d = cx.diags.error("E102", ind.nameRange, fmt::format("重复的指标名称“{}”", ind.name), fmt::format("duplicate indicator '{}'", ind.name));
    d.notes.push_back({cx.program.nodes[it->second].range, "第一次定义在此", "first defined here"});
  } else {
    cx.nodes[ind.name] = id;
  }
  cx.program.nodes.push_back(std::move(node));
  cx.nodeSyntax.push_back(&ind);
  cx.localLets.emplace_back();
  if (parent >= 0) cx.program.nodes[parent].children.push_back(id);
  else cx.program.roots.push_back(id);
  for (const auto& let : ind.lets) declareLet(cx, let, id);
  for (const auto& rule : ind.rules)
    if (rule.perRow) {
      declareRowRule(cx, *rule.perRow, id);
      for (const auto& let : rule.perRow->lets) declareLet(cx, let, id);
    }
  for (const auto& child : ind.children) declareNode(cx, *child, id, path);
}

}  // namespace

void declareTree(Context& cx, const ast::File& file) {
  for (const auto& let : file.lets) declareLet(cx, let, -1);
  for (const auto& ind : file.indicators) declareNode(cx, *ind, -1, {});
  if (file.indicators.empty()) cx.diags.error("E110", {}, "规则文件中没有任何指标", "the ruleset has no indicators");
}

}  // namespace defen::sema
