#include "cli/template_command.h"

#include "cli/ruleset_loading.h"
#include "compiler/report/data_template.h"
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
  std::optional<Compilation> c = compileOrReport(o.rules, o.lang);
  if (!c) return kFailed;
  TemplateFormat format = o.format;
  if (format == TemplateFormat::FromOutput)
    format = std::filesystem::path(o.output).extension() == ".xlsx" ? TemplateFormat::Xlsx : TemplateFormat::Csv;
  if (o.year != 0 && !o.form) {
    std::cerr << "defen template: --year 只与 --form 同用 / --year goes with --form\n";
    return kUsage;
  }
  DataTemplate tmpl = dataTemplate(*c->program);
  if (o.form) {
    // The long form's header: the project's fields on every line, one line
    // per indicator row (compiler/io/long_form.h).
    tmpl.columns = longFormColumns();
    tmpl.remarks = {"每行写一个绩效指标；同一项目的各行连续排列，项目名称等项目信息每行重复（或只写在第一行）。",
                    "项目资金写作“来源.列”：年度资金总额.全年预算数、当年财政拨款.全年执行数……（万元）。"};
  }

  if (format == TemplateFormat::Xlsx) {
    if (o.outputEncoding != CsvEncoding::Utf8) {
      std::cerr << "defen template: --output-encoding 只用于 csv（xlsx 本身是 Unicode）/ --output-encoding applies to csv only\n";
      return kUsage;
    }
    if (o.output.empty()) {
      std::cerr << "defen template: --format xlsx 需要用 -o 指定文件 / --format xlsx needs -o FILE\n";
      return kUsage;
    }
    std::string error;
    AtomicFile file(o.output);  // renamed into place once complete (compiler/core/atomic_file.h)
    ProjectFormTemplate form;
    form.ruleset = c->program->name;
    form.year = o.year;
    auto write = [&] { return o.form ? writeProjectFormXlsx(file.tempPath(), form, error) : writeTemplateXlsx(file.tempPath(), tmpl, error); };
    if (!file.create(error) || !write() || !file.commit(error)) {
      std::cerr << "defen template: " << error << "\n";
      return kFailed;
    }
    return kOk;
  }

  // CSV has no room for notes: the header goes to the file (or standard
  // output), the notes to standard error where the person running it reads them.
  AtomicFile file(o.output);
  std::string error;
  if (!o.output.empty() && !file.create(error)) {
    std::cerr << "defen template: " << error << "\n";
    return kFailed;
  }
  std::ostream& plain = o.output.empty() ? std::cout : file.stream();
  // UTF-8 with a BOM in a file (so Excel and WPS read UTF-8), plain UTF-8 on
  // standard output, or GBK for old Excel (compiler/report/csv_encoding.h).
  std::unique_ptr<GbkWriter> gbk;
  std::unique_ptr<std::ostream> transcoded;
  if (o.outputEncoding == CsvEncoding::Gbk) {
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
    return kFailed;
  }
  if (!out || !plain.flush() || (!o.output.empty() && !file.commit(error))) {
    std::cerr << "defen template: 写入失败 " << o.output << (error.empty() ? "" : "（" + error + "）") << "\n";
    return kFailed;
  }
  writeTemplateNotes(std::cerr, tmpl);
  return kOk;
}

Command addTemplateCommand(CLI::App& app) {
  auto o = std::make_shared<TemplateOptions>();
  CLI::App* tmpl = app.add_subcommand("template", "生成空白数据填写表：每个输入一列，列注说明类型、单位、取值、是否必填 / write an empty data-entry sheet for a ruleset");
  tmpl->add_option("RULES", o->rules, "规则文件 / ruleset file")->required()->check(CLI::ExistingFile);
  addChoice(*tmpl, "--format", o->format, Choices<TemplateFormat>{{"xlsx", TemplateFormat::Xlsx}, {"csv", TemplateFormat::Csv}},
            "xlsx|csv（默认按 -o 的扩展名，否则 csv；csv 的填写说明写到标准错误）/ format (default: from -o, else csv)");
  addOutput(*tmpl, o->output, "写入文件（xlsx 必须）/ write to FILE (required for xlsx)");
  addCsvEncoding(*tmpl, o->outputEncoding,
                 "CSV 的编码 utf8|gbk（utf8 写入文件时带 BOM；gbk 供旧版 Excel）/ CSV encoding (utf8 with a BOM in files; gbk for old Excel)");
  tmpl->add_flag("--form", o->form,
                 "项目支出绩效自评表（财预〔2020〕10号）：xlsx 为全国自评表样式，一个工作表一个项目；csv 为每行一个指标的长表表头 / "
                 "the national project self-evaluation form: xlsx as the form itself (one sheet per project), csv as the long form's header");
  tmpl->add_option("--year", o->year, "与 --form 同用：表头“（YYYY年度）”的年度（默认留空由单位填写）/ with --form: the year in the title (default: left for the unit)")
      ->check(CLI::Range(1990, 2100));
  addLang(*tmpl, o->lang);
  return {tmpl, [o] { return runTemplate(*o); }};
}

}  // namespace defen::cli
