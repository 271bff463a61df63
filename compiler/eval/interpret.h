// Scoring one record with the interpreter, start to finish: the engine's
// kernels, the Scorer over them, the result read back. A convenience for
// tests and tools; it lives in eval, above both the interpreter and the
// Scorer it puts together (docs/architecture.md).
#pragma once

#include "compiler/eval/bind/binder.h"
#include "compiler/ir/ir.h"
#include "compiler/core/result.h"

namespace defen {

RecordResult interpret(const ir::Program& program, const BoundRecord& record);

}  // namespace defen
