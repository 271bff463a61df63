// 基于: a ruleset that states only what changed from another. flatten() turns
// it into the effective ruleset's text, which is then parsed and checked like
// any other; remapDiagnostics() puts the checker's findings back on the lines
// of the derived file that caused them.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/tools/inherit/flat_text.h"
#include "compiler/tools/inherit/splice.h"
#include "compiler/syntax/ast.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace defen::inherit {

struct Chain {
  std::vector<std::shared_ptr<const SourceFile>> files;  // [0] is the derived file, then its bases
  FlatText flat;
  std::vector<AppliedEdit> edits;  // the derived file's own edits, in flat-text bytes
  SourceRange baseStatement;       // 基于 …, in the derived file
};

// The file name of the base `基于 name` names (name.rules, beside the file
// naming it); nullopt when `name` has a path or control characters (E307).
std::optional<std::string> baseFileName(const std::string& name);

// True if `file` states a base, or changes that need one.
bool isDerived(const ast::File& file);

// Loads the bases (<name>.rules beside the file that names them, a regular
// file inside that folder once links are followed), splices the changes in,
// and returns false with errors in `diags` (E301 missing base, E307 a name
// with a path or a base that is no regular file inside the folder,
// E302 cycle, E303 unknown name, E304 changes without 基于, E305 new indicator
// the base has, E306 two changes of one place, E308 a base with errors).
bool flatten(std::shared_ptr<const SourceFile> file, const ast::File& syntax, Diagnostics& diags, Chain& out);

// Diagnostics of the flat text, placed in the derived file: text that came
// from the derived file keeps its own place; a finding in inherited text goes
// to the change that touched the enclosing indicator (or the nearest change
// of 分值 or structure, or the 基于 line), with a note naming the base's line.
Diagnostics remapDiagnostics(const Diagnostics& flatDiags, const SourceFile& flatSource, const ast::File& flatSyntax,
                             const Chain& chain);

// For run-time messages and tools: where each range of the flat text was
// written (the derived file or one of its bases).
std::shared_ptr<const SourceOrigins> makeOrigins(std::shared_ptr<const SourceFile> flatSource, Chain chain);

}  // namespace defen::inherit
