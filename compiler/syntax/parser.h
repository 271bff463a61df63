// Source text → AST. The only interface to ANTLR: nothing else in defen
// includes an ANTLR header. Syntax errors become Diagnostics (code E001/E002),
// never exceptions.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/core/source.h"
#include "compiler/syntax/ast.h"

#include <memory>

namespace defen {

// Always returns a File (possibly partial); check `diags.hasErrors()`.
std::unique_ptr<ast::File> parseRuleset(const SourceFile& source, Diagnostics& diags);

// The value and unit of a number literal's spelling ("3,974,522.77元", "90%").
// Returns false when the number does not fit.
bool parseQuantity(const std::string& text, ast::Quantity& out);

}  // namespace defen
