#include "cli/diff_command.h"

#include "compiler/tools/diff/writers.h"
#include "lib/driver/driver.h"
#include "compiler/core/atomic_file.h"

#include <fstream>
#include <iostream>

namespace defen::cli {

int runDiff(const DiffOptions& o) {
  Lang lang = o.lang == "en" ? Lang::En : Lang::Zh;
  Compilation before = compileFile(o.before), after = compileFile(o.after);
  bool failed = false;
  for (const Compilation* c : {&before, &after}) {
    if (c->program) continue;  // warnings of a standard that checks are `defen check`'s business
    for (const auto& d : c->diags.all()) std::cerr << renderDiagnostic(d, *c->source, lang);
    failed = true;
  }
  if (failed) return 1;

  diff::RulesetDiff d = diff::diffPrograms(*before.program, *after.program);
  // -o: renamed into place once complete (compiler/core/atomic_file.h).
  AtomicFile file(o.output);
  std::string error;
  if (!o.output.empty() && !file.create(error)) {
    std::cerr << (lang == Lang::En ? "defen diff: " : "defen diff：") << error << "\n";
    return 1;
  }
  std::ostream& out = o.output.empty() ? std::cout : file.stream();
  if (o.format == "json") diff::writeDiffJson(out, d);
  else if (o.format == "html") diff::writeDiffHtml(out, d, lang);
  else diff::writeDiffText(out, d, lang);
  out.flush();
  if (!o.output.empty() && !file.commit(error)) {
    std::cerr << (lang == Lang::En ? "defen diff: " : "defen diff：") << error << "\n";
    return 1;
  }
  return o.exitCode && !d.changes.empty() ? kDiffersExit : 0;
}

}  // namespace defen::cli
