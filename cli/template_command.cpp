#include "cli/template_command.h"

#include "compiler/data_template.h"
#include "compiler/driver.h"
#include "runtime/template_sheet.h"

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
  const DataTemplate tmpl = dataTemplate(*c.program);

  if (format == "xlsx") {
    if (o.output.empty()) {
      std::cerr << "defen template: --format xlsx 需要用 -o 指定文件 / --format xlsx needs -o FILE\n";
      return 2;
    }
    std::string error;
    if (!writeTemplateXlsx(o.output, tmpl, error)) {
      std::cerr << "defen template: " << error << "\n";
      return 1;
    }
    return 0;
  }

  // CSV has no room for notes: the header goes to the file (or standard
  // output), the notes to standard error where the person running it reads them.
  std::unique_ptr<std::ofstream> file;
  if (!o.output.empty()) {
    file = std::make_unique<std::ofstream>(o.output, std::ios::binary);
    if (!*file) {
      std::cerr << "defen template: 无法写入 " << o.output << "\n";
      return 1;
    }
  }
  std::ostream& out = file ? *file : std::cout;
  writeTemplateCsv(out, tmpl);
  out.flush();
  if (!out) {
    std::cerr << "defen template: 写入失败 " << o.output << "\n";
    return 1;
  }
  writeTemplateNotes(std::cerr, tmpl);
  return 0;
}

}  // namespace defen::cli
