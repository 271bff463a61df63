// `defen fmt`: the one canonical layout of a ruleset, gofmt-style. It works on
// tokens, not on the AST, so it keeps everything an AST drops (comments, the
// author's line breaks, full-width or ASCII symbols, Chinese or English
// keywords) and needs nothing new when the grammar gains keywords.
// docs/formatter.md describes the layout.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/core/source.h"

#include <optional>
#include <string>

namespace defen {

// The formatted text of `source`; formatting it again gives the same text.
// Text that does not parse is not formatted: its syntax errors are added to
// `diags` and the result is empty. Semantic errors (unknown names, weights)
// do not stop formatting.
std::optional<std::string> formatRuleset(const SourceFile& source, Diagnostics& diags);

}  // namespace defen
