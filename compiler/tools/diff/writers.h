// `defen diff` written out: text for a terminal (or a mail to colleagues),
// JSON for tools, and one self-contained HTML page. The shapes are
// documented in docs/diff.md.
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/tools/diff/diff.h"

#include <ostream>

namespace defen::diff {

// Both standards, the count, then one line per change under its group
// ("预算执行情况 › 支出管理"), each with its lines in both files.
void writeDiffText(std::ostream& out, const RulesetDiff& d, Lang lang);
// {"before":{"file","name","year","version"},"after":{…},"summary":{"changes","header","rules","wording"},
//  "changes":[{"kind","category":"header"|"rule"|"wording","area","path","item","before","after","old":{"file":null|base path,"line","column","endLine","endColumn"}|null,
//  "new":{…}|null,"excerpts":[{"before","after"}]}]}
void writeDiffJson(std::ostream& out, const RulesetDiff& d);
// One page: both standards, the counts, then a table per group.
void writeDiffHtml(std::ostream& out, const RulesetDiff& d, Lang lang);

}  // namespace defen::diff
