// The columns a department's data must have for one ruleset, with a note on
// each: what `defen template` writes as an empty data-entry sheet.
//
// The columns are exactly the ones the binder matches (compiler/eval/bind), so a
// filled-in template reads back with no "unknown column" warning: the id
// column 名称; every declared input (the reviewer scores the compiler creates
// for 评审 indicators are not declared inputs and appear under their
// indicator instead); `输入名.说明` for a declared 评审分; and for each 评审
// indicator its score `指标名`, tier `指标名.档次` when tiers are given, and
// reason `指标名.说明`.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/report/template_sheet.h"

namespace defen {

DataTemplate dataTemplate(const ir::Program& program);

}  // namespace defen
