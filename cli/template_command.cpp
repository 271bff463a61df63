#include "cli/template_command.h"

#include "compiler/report/data_template.h"
#include "lib/driver/driver.h"
#include "compiler/core/atomic_file.h"
#include "compiler/report/csv_encoding.h"
#include "compiler/report/project_form_template.h"
#include "compiler/report/template_sheet.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace defen::cli {

int runTemplate(const TemplateOptions& o) {
  Compilation c = compileFile(o.rules);
  if (!c.program) {
    for (const auto& d : c.diags.all()) std::cerr << renderDiagnostic(d, *c.source, o.lang == "en" ? Lang::En : Lang::Zh);
    return 1;
  }
  std::string format = o.format;
  if (format.empty()) format = std::filesystem::path(o.output).extension() == ".xlsx" ? "xlsx" : "csv";
  if (o.year != 0 && !o.form) {
    std::cerr << "defen template: --year 只与 --form 同用 / --year goes with --form\n";
    return 2;
  }
  DataTemplate tmpl = dataTemplate(*c.program);
  if (o.form) {
    // The long form's header: the project's fields on every line, one line
    // per indicator row (compiler/io/long_form.h).
    tmpl.columns = longFormColumns();
    tmpl.remarks = {"每行写一个绩效指标；同一项目的各行连续排列，项目名称等项目信息每行重复（或只写在第一行）。",
                    "项目资金写作“来源.列”：年度资金总额.全年预算数、当年财政拨款.全年执行数……（万元）。"};
  }

  if (format == "xlsx") {
    if (o.outputEncoding != "utf8") {
      std::cerr << "defen template: --output-encoding 只用于 csv（xlsx 本身是 Unicode）/ --output-encoding applies to csv only\n";
      return 2;
    }
    if (o.output.empty()) {
      std::cerr << "defen template: --format xlsx 需要用 -o 指定文件 / --format xlsx needs -o FILE\n";
      return 2;
    }
    std::string error;
    AtomicFile file(o.output);  // renamed into place once complete (compiler/core/atomic_file.h)
    ProjectFormTemplate form;
    form.ruleset = c.program->name;
    form.year = o.year;
    auto write = [&] { return o.form ? writeProjectFormXlsx(file.tempPath(), form, error) : writeTemplateXlsx(file.tempPath(), tmpl, error); };
    if (!file.create(error) || !write() || !file.commit(error)) {
      std::cerr << "defen template: " << error << "\n";
      return 1;
    }
    return 0;
  }

  // CSV has no room for notes: the header goes to the file (or standard
  // output), the notes to standard error where the person running it reads them.
  AtomicFile file(o.output);
  std::string error;
  if (!o.output.empty() && !file.create(error)) {
    std::cerr << "defen template: " << error << "\n";
    return 1;
  }
  std::ostream& plain = o.output.empty() ? std::cout : file.stream();
  // UTF-8 with a BOM in a file (so Excel and WPS read UTF-8), plain UTF-8 on
  // standard output, or GBK for old Excel (compiler/report/csv_encoding.h).
  std::unique_ptr<GbkWriter> gbk;
  std::unique_ptr<std::ostream> transcoded;
  if (o.outputEncoding == "gbk") {
    gbk = std::make_unique<GbkWriter>(plain);
    transcoded = std::make_unique<std::ostream>(gbk.get());
  } else if (!o.output.empty()) {
    plain << kUtf8Bom;
  }
  std::ostream& out = transcoded ? *transcoded : plain;
  writeTemplateCsv(out, tmpl);
  out.flush();
  if (gbk && !gbk->finish()) {
    std::cerr << "defen template: " << gbk->error() << "\n";
    return 1;
  }
  if (!out || !plain.flush() || (!o.output.empty() && !file.commit(error))) {
    std::cerr << "defen template: 写入失败 " << o.output << (error.empty() ? "" : "（" + error + "）") << "\n";
    return 1;
  }
  writeTemplateNotes(std::cerr, tmpl);
  return 0;
}

}  // namespace defen::cli
