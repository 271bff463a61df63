// The indicator tree as the report writers see it.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/report/report.h"

namespace defen {

ReportSchema reportSchema(const ir::Program& program);

}  // namespace defen
