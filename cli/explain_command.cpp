#include "cli/explain_command.h"

#include "lib/driver/driver.h"
#include "compiler/report/explain/trace_report.h"
#include "compiler/io/readers.h"

#include <iostream>

namespace defen::cli {

int runExplain(const ExplainOptions& o) {
  Lang lang = o.lang == "en" ? Lang::En : Lang::Zh;
  Compilation c = compileFile(o.rules);
  if (!c.program) {
    for (const auto& d : c.diags.all()) std::cerr << renderDiagnostic(d, *c.source, lang);
    return 1;
  }
  int only = -1;
  if (!o.indicator.empty() && (only = c.program->findNode(o.indicator)) < 0) {
    std::cerr << "defen explain: 规则中没有指标“" << o.indicator << "”\n";
    return 2;
  }
  Encoding enc = o.encoding == "utf8" ? Encoding::Utf8 : o.encoding == "gb18030" ? Encoding::Gb18030 : Encoding::Auto;
  Table table = readDataFile(o.data, enc, o.sheet);
  std::string error;
  auto engine = makeEngine(o.engine == "interp" ? EngineKind::Interpreter : EngineKind::Jit, *c.program, error);
  if (!engine) {
    std::cerr << "defen: 内部错误：无法编译规则（" << error << "）\n";
    return 1;
  }
  Evaluation ev = evaluateTable(*c.program, table, *engine, EvalOptions{1, true});
  for (const auto& e : ev.fileErrors) std::cerr << o.data << "：" << e << "\n";
  std::vector<RecordResult> chosen;
  for (auto& r : ev.results)
    if (o.row == 0 || r.row == o.row) chosen.push_back(std::move(r));
  if (o.row > 0 && chosen.empty()) {
    std::cerr << "defen explain: 数据中没有第" << o.row << "行\n";
    return 2;
  }
  if (o.format == "json") {
    writeTraceJson(std::cout, *c.program, chosen, only);
  } else {
    for (const auto& r : chosen) {
      writeTraceText(std::cout, *c.program, r, only);
      std::cout << "\n";
    }
  }
  bool anyErrors = !ev.fileErrors.empty();
  for (const auto& r : chosen) anyErrors |= !r.errors.empty();
  return anyErrors ? 1 : 0;
}

}  // namespace defen::cli
