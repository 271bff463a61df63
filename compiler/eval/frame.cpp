#include "compiler/eval/frame.h"

#include <algorithm>

namespace defen::eval {

void Scratch::reset(size_t inputCount, size_t letCount, size_t tableCount, size_t itemCount, size_t deductionCount) {
  inputs.assign(inputCount, 0);
  present.assign(inputCount, 0);
  lets.assign(letCount, 0);
  letDone.assign(letCount, 0);
  fired.assign(tableCount, -1);
  itemMet.assign(itemCount, 0);
  deducted.assign(deductionCount, 0);
  steps.assign(deductionCount, 0);
  frame = Frame{inputs.data(), present.data(), lets.data(), letDone.data(), fired.data(), itemMet.data(),
                deducted.data(), steps.data(), kNoError, -1, -1, 0, 0};
}

void Scratch::clearRecord() {
  std::fill(letDone.begin(), letDone.end(), 0);
  std::fill(fired.begin(), fired.end(), -1);
  std::fill(itemMet.begin(), itemMet.end(), 0);
  std::fill(deducted.begin(), deducted.end(), 0);
  std::fill(steps.begin(), steps.end(), 0);
  frame.errorKind = kNoError;
  frame.errorExpr = -1;
  frame.missingSlot = -1;
  frame.errorValue = 0;
}

}  // namespace defen::eval
