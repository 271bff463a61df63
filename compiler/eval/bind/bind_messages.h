// The words for what the binder found, made from its codes (BindFault,
// BindWarning) only when a fault or a warning is reported: binding a row
// formats nothing, and every message still names the column as the data has it.
#pragma once

#include "compiler/eval/bind/binder.h"

#include <string>

namespace defen {

// Why a cell was refused, naming its column: "列“预算”：值 42,000,000,000.00元 超出规定范围 […]".
std::string bindFaultText(const ir::Program& program, const BindFault& fault);
// "第3行，列“…”：值 … 超出通常范围 …，请核对".
std::string bindWarningText(const ir::Program& program, int row, const BindWarning& warning);

}  // namespace defen
