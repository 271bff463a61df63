#include "compiler/ir/frame.h"

#include "compiler/core/result.h"

#include <algorithm>

namespace defen::eval {

namespace {
// A node before scoring: counted, nothing decided.
constexpr NodeSlot kFreshNode = [] {
  NodeSlot n{};
  n.naRule = -1;
  n.missingInput = -1;
  n.faultExpr = -1;
  n.faultArg = -1;
  n.status = static_cast<uint8_t>(NodeStatus::Scored);
  n.computedStatus = static_cast<uint8_t>(NodeStatus::Scored);
  n.counted = 1;
  return n;
}();
}  // namespace

void Scratch::reset(size_t inputCount, size_t letCount, size_t tableCount, size_t itemCount, size_t deductionCount, size_t nodeCount,
                    size_t bonusLineCount) {
  inputs.assign(inputCount, 0);
  present.assign(inputCount, 0);
  lets.assign(letCount, 0);
  letDone.assign(letCount, 0);
  fired.assign(tableCount, -1);
  itemMet.assign(itemCount, 0);
  deducted.assign(deductionCount, 0);
  steps.assign(deductionCount, 0);
  nodes.assign(nodeCount, kFreshNode);
  nodeData.assign(nodeCount, NodeInput{});
  bonusLines.assign(bonusLineCount, BonusSlot{});
  faultLog.assign(nodeCount, -1);
  frame = Frame{};
  frame.inputs = inputs.data();
  frame.present = present.data();
  frame.lets = lets.data();
  frame.letDone = letDone.data();
  frame.fired = fired.data();
  frame.itemMet = itemMet.data();
  frame.deducted = deducted.data();
  frame.steps = steps.data();
  frame.nodes = nodes.data();
  frame.nodeData = nodeData.data();
  frame.bonusLines = bonusLines.data();
  frame.faultLog = faultLog.data();
  clearRecord();
}

void Scratch::clearRecord() {
  std::fill(letDone.begin(), letDone.end(), 0);
  std::fill(fired.begin(), fired.end(), -1);
  std::fill(itemMet.begin(), itemMet.end(), 0);
  std::fill(deducted.begin(), deducted.end(), 0);
  std::fill(steps.begin(), steps.end(), 0);
  std::fill(nodes.begin(), nodes.end(), kFreshNode);
  std::fill(bonusLines.begin(), bonusLines.end(), BonusSlot{0, 0, kNoFault, -1, -1, 0});
  frame.errorKind = kNoError;
  frame.errorExpr = -1;
  frame.missingSlot = -1;
  frame.errorValue = 0;
  frame.sum = frame.total = frame.rawTotal = frame.bonus = frame.penalty = 0;
  frame.faultCount = 0;
  frame.grade = -1;
  frame.rowFault = kNoFault;
  frame.rowFaultArg = -1;
  frame.bonusLinesDone = 0;
  frame.anyFault = 0;
}

}  // namespace defen::eval
