// The checker: AST → checked IR, with every diagnostic it finds.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/syntax/ast.h"

#include <memory>

namespace defen {

// Runs every pass even after errors, so one run reports them all. Returns the
// program only when there are no errors.
std::unique_ptr<ir::Program> checkRuleset(const ast::File& file, std::shared_ptr<const SourceFile> source, Diagnostics& diags);

}  // namespace defen
