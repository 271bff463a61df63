#include "cli/diff_command.h"

#include "cli/ruleset_loading.h"
#include "compiler/tools/diff/writers.h"
#include "compiler/core/atomic_file.h"

#include <fstream>
#include <iostream>

namespace defen::cli {

int runDiff(const DiffOptions& o) {
  const Lang lang = o.lang;
  // Both are compiled (and both reported) before stopping; warnings of a
  // standard that checks are `defen check`'s business.
  std::optional<Compilation> before = compileOrReport(o.before, lang), after = compileOrReport(o.after, lang);
  if (!before || !after) return kFailed;

  diff::RulesetDiff d = diff::diffPrograms(*before->program, *after->program);
  // -o: renamed into place once complete (compiler/core/atomic_file.h).
  AtomicFile file(o.output);
  std::string error;
  if (!o.output.empty() && !file.create(error)) {
    std::cerr << (lang == Lang::En ? "defen diff: " : "defen diff：") << error << "\n";
    return kFailed;
  }
  std::ostream& out = o.output.empty() ? std::cout : file.stream();
  if (o.format == DiffFormat::Json) diff::writeDiffJson(out, d);
  else if (o.format == DiffFormat::Html) diff::writeDiffHtml(out, d, lang);
  else diff::writeDiffText(out, d, lang);
  out.flush();
  if (!o.output.empty() && !file.commit(error)) {
    std::cerr << (lang == Lang::En ? "defen diff: " : "defen diff：") << error << "\n";
    return kFailed;
  }
  return o.exitCode && !d.changes.empty() ? kDiffersExit : kOk;
}

Command addDiffCommand(CLI::App& app) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* diff = app.add_subcommand("diff", "两套评分标准的差异（按含义比较，不计排版与注释）：指标增删改名移动、分值、分段、公式、等级、措辞 / what changed between two standards");
  diff->add_option("OLD", o->before, "旧标准规则文件 / the old ruleset")->required()->check(CLI::ExistingFile);
  diff->add_option("NEW", o->after, "新标准规则文件 / the new ruleset")->required()->check(CLI::ExistingFile);
  addChoice(*diff, "--format", o->format, Choices<DiffFormat>{{"text", DiffFormat::Text}, {"json", DiffFormat::Json}, {"html", DiffFormat::Html}},
            "输出格式 text|json|html / output format");
  addOutput(*diff, o->output);
  addLang(*diff, o->lang, "输出与诊断语言 zh|en / language");
  diff->add_flag("--exit-code", o->exitCode, "有差异时退出码为 3（无差异为 0）/ exit 3 when the standards differ, 0 when not");
  return {diff, [o] { return runDiff(*o); }};
}

}  // namespace defen::cli
