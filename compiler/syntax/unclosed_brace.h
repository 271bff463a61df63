// Where a missing ｝ really is. ANTLR reports a forgotten ｝ where the file
// stops making sense, which may be hundreds of lines later (the next 指标 is
// read as a child of the unclosed one). Rule tables are indented as the tree
// is, so the indentation tells where the block should have ended.
#pragma once

#include "compiler/core/diagnostics.h"

#include "antlr4-runtime.h"

#include <optional>

namespace defen {

// A note for a syntax error at token `upTo`: the ｛ that is still open there
// although a later line, before `upTo`, starts at its indentation or left of
// it (so it reads as the block's sibling, not its content). The earliest such
// line decides; none: no note.
std::optional<DiagnosticNote> unclosedBraceNote(antlr4::TokenStream& tokens, size_t upTo);

}  // namespace defen
