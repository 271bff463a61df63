#include "cli/compare_command.h"

#include "lib/driver/driver.h"
#include "compiler/report/report_schema.h"
#include "compiler/core/atomic_file.h"
#include "compiler/report/comparison.h"
#include "compiler/io/readers.h"

#include <fstream>
#include <iostream>

namespace defen::cli {
namespace {

struct Scored {
  ReportSchema schema;
  Evaluation evaluation;
};

// Compiles one standard and scores the table with it; false (diagnostics
// printed) when the standard has errors.
bool score(const std::string& rules, const Table& table, const CompareOptions& o, Scored& out) {
  Lang lang = o.lang == "en" ? Lang::En : Lang::Zh;
  Compilation c = compileFile(rules);
  if (!c.program) {
    for (const auto& d : c.diags.all()) std::cerr << renderDiagnostic(d, *c.source, lang);
    return false;
  }
  std::string error;
  auto engine = makeEngine(o.engine == "interp" ? EngineKind::Interpreter : EngineKind::Jit, *c.program, error);
  if (!engine) {
    std::cerr << "defen: 内部错误：无法编译规则（" << error << "）\n";
    return false;
  }
  out.schema = reportSchema(*c.program);
  out.evaluation = evaluateTable(*c.program, table, *engine, EvalOptions{0, false});
  for (const auto& w : out.evaluation.warnings) std::cerr << o.data << "：警告（" << rules << "）：" << w << "\n";
  return true;
}

}  // namespace

int runCompare(const CompareOptions& o) {
  Encoding enc = o.encoding == "utf8" ? Encoding::Utf8 : o.encoding == "gb18030" ? Encoding::Gb18030 : Encoding::Auto;
  Table table = readDataFile(o.data, enc, o.sheet);
  Scored before, after;
  if (!score(o.before, table, o, before) || !score(o.after, table, o, after)) return 1;
  for (const auto& e : after.evaluation.fileErrors) std::cerr << o.data << "：" << e << "\n";
  if (!after.evaluation.fileErrors.empty() && after.evaluation.results.empty()) return 1;

  Comparison c = compareStandards(before.schema, before.evaluation.results, after.schema, after.evaluation.results);
  // -o: renamed into place once complete (compiler/core/atomic_file.h).
  AtomicFile file(o.output);
  std::string error;
  if (!o.output.empty() && !file.create(error)) {
    std::cerr << "defen compare: " << error << "\n";
    return 1;
  }
  std::ostream& out = o.output.empty() ? std::cout : file.stream();
  if (o.format == "json") writeComparisonJson(out, c);
  else if (o.format == "html") writeComparisonHtml(out, c);
  else writeComparisonText(out, c, o.all);
  out.flush();
  if (!o.output.empty() && !file.commit(error)) {
    std::cerr << "defen compare: " << error << "\n";
    return 1;
  }
  return before.evaluation.anyErrors() || after.evaluation.anyErrors() ? 1 : 0;
}

}  // namespace defen::cli
