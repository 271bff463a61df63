// 分值 add up: children to their parent, the top level to 总分.
#include "compiler/sema/context.h"

#include <fmt/format.h>

namespace defen::sema {

void checkWeights(Context& cx, const ast::File&) {
  const auto& nodes = cx.program.nodes;
  for (const auto& n : nodes) {
    if (n.children.empty()) continue;
    Decimal sum;
    std::string parts;
    for (int c : n.children) {
      checkedAdd(sum, nodes[c].weight, sum);
      parts += (parts.empty() ? "" : " + ") + toString(nodes[c].weight);
    }
    if (sum != n.weight) {
      cx.diags.error("E130", cx.nodeSyntax[n.id]->weight.range,
                               fmt::format("“{}”的分值为{}分，但下级指标合计{}分（{}）", n.name, toString(n.weight), toString(sum), parts),
                     fmt::format("'{}' is worth {} but its sub-indicators add up to {} ({})", n.name, toString(n.weight), toString(sum), parts));
    }
  }
  if (nodes.empty()) return;
  Decimal sum;
  for (int r : cx.program.roots) checkedAdd(sum, nodes[r].weight, sum);
  if (sum != cx.program.total) {
    SourceRange where = cx.nodeSyntax[cx.program.roots.front()]->nameRange;
    cx.diags.error("E131", where, fmt::format("一级指标分值合计{}分，与总分{}分不等", toString(sum), toString(cx.program.total)),
                   fmt::format("top-level weights add up to {} but 总分 is {}", toString(sum), toString(cx.program.total)));
  }
}

}  // namespace defen::sema
