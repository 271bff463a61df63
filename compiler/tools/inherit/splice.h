// The changes a derived ruleset states (基于 …; 修改 …; 删除 …; restated
// header items, inputs, 令, new indicators), as byte edits of its base's text.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/tools/inherit/flat_text.h"
#include "compiler/syntax/ast.h"

#include <string>
#include <vector>

namespace defen::inherit {

// Replacement text: bytes of the derived file, or text the splice adds.
struct Piece {
  bool synthetic = false;
  std::string text;        // synthetic
  size_t begin = 0, end = 0;  // derived-file bytes
};

// Replace bytes [begin, end) of the base text (begin == end: insert).
struct Edit {
  size_t begin = 0, end = 0;
  std::vector<Piece> pieces;
  SourceRange anchor;      // the derived statement that asked for it
  bool structural = false;  // changes 分值 or the tree (adds, removes, moves weight)
  int order = 0;           // statement order, for inserts at one place
};

// Where an edit's text landed in the flat text, for tracing diagnostics back.
struct AppliedEdit {
  size_t flatBegin = 0, flatEnd = 0;
  SourceRange anchor;
  bool structural = false;
};

// Names the derived file mentions that the base lacks, and new indicators the
// base already has, are errors (E303, E305) in `diags` at the derived line.
std::vector<Edit> planEdits(const ast::File& base, const SourceFile& baseText, const ast::File& derived,
                            const SourceFile& derivedText, Diagnostics& diags);

// The base text with the edits applied. Two edits of one place are an error
// (E306); the first is kept.
FlatText applyEdits(const FlatText& base, std::vector<Edit> edits, int derivedFile, const SourceFile& derivedText,
                    Diagnostics& diags, std::vector<AppliedEdit>& applied);

}  // namespace defen::inherit
