// What an editor shows of a ruleset as written, checked or not: the name under
// the cursor and the outline (the inputs, the indicator tree, the changes of a
// file written 基于 another). The language server's view of the text
// (cli/lsp_server.cpp), so that no front end reads tokens or parses by itself.
#pragma once

#include "compiler/core/source.h"

#include <optional>
#include <string>
#include <vector>

namespace defen {

// The name written at (line, column), both 1-based and the column in code
// points: a plain name, or a quoted one (「…」 `…`) without its quotes;
// nothing on a keyword, a number, a comment or a space.
std::optional<std::string> nameAt(const SourceFile& file, int line, int column);

struct OutlineItem {
  enum class Kind { Input, Indicator, Change };
  Kind kind = Kind::Indicator;
  std::string name;
  std::string weight;  // an indicator's 分值 as written ("4分")
  SourceRange range, nameRange;
  std::vector<OutlineItem> children;  // an indicator's sub-indicators
};

// The inputs, then the indicators (as a tree), then the changes to a base,
// each in the order written. A file with syntax errors has the outline of
// what parsed.
std::vector<OutlineItem> outlineOf(const SourceFile& file);

}  // namespace defen
