// Limits on how deeply a ruleset nests, checked without recursion before the
// parser's recursive descent and every later recursive pass could run out of
// stack: E007 instead of a crash.
#pragma once

#include "compiler/core/diagnostics.h"

namespace antlr4 {
class CommonTokenStream;
namespace tree {
class ParseTree;
}  // namespace tree
}  // namespace antlr4

namespace defen {

// Brackets, and 若 / 非 / unary minus while their expression lasts, nested over 200.
bool nestingWithinLimit(antlr4::CommonTokenStream& tokens, Diagnostics& diags);
// A parse tree deeper than 2,000 levels (a chain of about 1,990 operators).
bool treeWithinLimit(antlr4::tree::ParseTree* root, Diagnostics& diags);

}  // namespace defen
