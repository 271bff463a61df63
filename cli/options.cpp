#include "cli/options.h"

namespace defen::cli {

CLI::Option* addLang(CLI::App& cmd, Lang& lang, const std::string& description) {
  return addChoice(cmd, "--lang", lang, Choices<Lang>{{"zh", Lang::Zh}, {"en", Lang::En}}, description);
}

CLI::Option* addEngine(CLI::App& cmd, EngineKind& engine, const std::string& description) {
  return addChoice(cmd, "--engine", engine, Choices<EngineKind>{{"jit", EngineKind::Jit}, {"interp", EngineKind::Interpreter}},
                   description);
}

CLI::Option* addEncoding(CLI::App& cmd, Encoding& encoding) {
  return addChoice(cmd, "--encoding", encoding,
                   Choices<Encoding>{{"auto", Encoding::Auto}, {"utf8", Encoding::Utf8}, {"gb18030", Encoding::Gb18030}},
                   "CSV 编码 auto|utf8|gb18030 / CSV encoding");
}

CLI::Option* addSheet(CLI::App& cmd, std::string& sheet) {
  return cmd.add_option("--sheet", sheet, "Excel 工作表名（默认第一张）/ Excel sheet (default: the first)");
}

void addDataReading(CLI::App& cmd, DataReading& reading) {
  addEncoding(cmd, reading.encoding);
  addSheet(cmd, reading.sheet);
}

CLI::Option* addCsvEncoding(CLI::App& cmd, CsvEncoding& encoding, const std::string& description) {
  return addChoice(cmd, "--output-encoding", encoding, Choices<CsvEncoding>{{"utf8", CsvEncoding::Utf8}, {"gbk", CsvEncoding::Gbk}},
                   description);
}

CLI::Option* addOutput(CLI::App& cmd, std::string& output, const std::string& description) {
  return cmd.add_option("-o,--output", output, description);
}

}  // namespace defen::cli
