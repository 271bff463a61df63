// The order nodes are scored in: children before their parent, and the
// targets of a 不考核 → 转入 before the indicator whose weight moves to them
// (its score is its weight times their score rate). A cycle of moves has no
// such order and is an error.
#include "compiler/sema/context.h"

#include <algorithm>
#include <fmt/format.h>

namespace defen::sema {

namespace {

class Orderer {
 public:
  explicit Orderer(Context& cx) : cx_(cx), state_(cx.program.nodes.size(), 0) {}

  void run() {
    for (size_t i = 0; i < state_.size(); ++i) visit(static_cast<int>(i));
  }

 private:
  Context& cx_;
  std::vector<int> state_;  // 0 unvisited, 1 on the stack, 2 done
  std::vector<int> stack_;

  void visit(int id) {
    if (state_[id] == 2) return;
    if (state_[id] == 1) { reportCycle(id); return; }
    state_[id] = 1;
    stack_.push_back(id);
    const ir::Node& n = cx_.program.nodes[id];
    for (int c : n.children) visit(c);
    for (const auto& na : n.na)
      for (int t : na.targets) visit(t);
    stack_.pop_back();
    state_[id] = 2;
    cx_.program.evalOrder.push_back(id);
  }

  void reportCycle(int id) {
    std::string path;
    auto it = std::find(stack_.begin(), stack_.end(), id);
    for (; it != stack_.end(); ++it) path += cx_.program.nodes[*it].name + " → ";
    path += cx_.program.nodes[id].name;
    cx_.diags.error("E260", cx_.program.nodes[id].range, fmt::format("分值转入形成循环：{}", path),
                    fmt::format("weight moves form a cycle: {}", path));
  }
};

}  // namespace

void orderEvaluation(Context& cx) { Orderer(cx).run(); }

}  // namespace defen::sema
