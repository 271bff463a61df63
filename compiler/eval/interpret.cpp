#include "compiler/eval/interpret.h"

#include "compiler/eval/scorer.h"
#include "compiler/interp/interpreter.h"

namespace defen {

RecordResult interpret(const ir::Program& program, const BoundRecord& record) {
  InterpreterKernels kernels(program);
  eval::Scorer scorer(program, kernels);
  const eval::Scored& scored = scorer.score(record);
  return eval::materialize(program, record, scored, scorer.scratch());
}

}  // namespace defen
