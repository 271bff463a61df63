// The reference back end: walks the checked IR over one record.
#pragma once

#include "compiler/bind/binder.h"
#include "compiler/ir/ir.h"
#include "runtime/result.h"

namespace defen {

// Never throws: run-time problems (a missing required value, division by
// zero, overflow, a score outside [0, 分值]) become errors of this record,
// naming the indicator.
RecordResult interpret(const ir::Program& program, const BoundRecord& record);

}  // namespace defen
