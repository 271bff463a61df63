#include "cli/rulesets_command.h"

#include "lib/driver/driver.h"
#include "compiler/tools/registry/catalog.h"
#include "compiler/report/report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace defen::cli {
namespace {

struct Row {
  registry::Listing listing;
  int errors = 0, warnings = 0;
};

std::string checkText(const Row& r) {
  if (r.errors > 0) return fmt::format("{}个错误", r.errors);
  return r.warnings > 0 ? fmt::format("通过（{}个警告）", r.warnings) : "通过";
}

void writeText(const std::string& directory, const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> cells{{"名称@年度", "名称", "地区", "年度", "版本", "文件", "检查"}};
  for (const auto& r : rows) {
    const auto& h = r.listing.header;
    cells.push_back({registry::selectorOf(r.listing), h.name, h.region, h.year ? std::to_string(h.year) : "?", h.version,
                     r.listing.path, checkText(r)});
  }
  std::vector<int> widths(cells.front().size(), 0);
  for (const auto& line : cells)
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], terminalWidth(line[i]));
  std::cout << fmt::format("{}：{}套评分标准\n", directory, rows.size());
  for (const auto& line : cells) {
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) out += (i + 1 < line.size() ? padRight(line[i], widths[i]) + "  " : line[i]);
    std::cout << out << "\n";
  }
}

void writeJson(const std::vector<Row>& rows) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : rows) {
    const auto& h = r.listing.header;
    list.push_back({{"selector", registry::selectorOf(r.listing)}, {"name", h.name}, {"region", h.region},
                    {"year", h.year}, {"version", h.version}, {"file", r.listing.path}, {"clean", r.errors == 0},
                    {"errors", r.errors}, {"warnings", r.warnings}});
  }
  std::cout << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// Every file in the directory, checked: the registry as `defen eval --ruleset` sees it.
bool readDirectory(const std::string& directory, std::vector<Row>& rows, std::string& error) {
  std::vector<std::string> paths;
  if (!registry::listRulesFiles(directory, paths, error)) return false;
  for (const auto& path : paths) {
    Compilation c = compileFile(path);
    rows.push_back({{path, registry::stemOf(path), registry::headerOf(c.program.get(), *c.source)}, c.diags.errorCount(), c.diags.warningCount()});
  }
  return true;
}

}  // namespace

int runRulesets(const RulesetsOptions& o) {
  std::vector<Row> rows;
  std::string error;
  if (!readDirectory(o.directory, rows, error)) {
    std::cerr << "defen rulesets: " << error << "\n";
    return kFailed;
  }
  if (o.format == RulesetsOptions::Format::Json) writeJson(rows);
  else writeText(o.directory, rows);
  bool anyErrors = std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.errors > 0; });
  return anyErrors ? kFailed : kOk;
}

Command addRulesetsCommand(CLI::App& app) {
  auto o = std::make_shared<RulesetsOptions>();
  CLI::App* rulesets = app.add_subcommand("rulesets", "列出规则目录中的评分标准（名称、地区、年度、版本）及能否通过检查，有错误则退出码 1 / list a rulesets directory and whether each checks clean");
  rulesets->add_option("DIR", o->directory, "规则目录（默认 rulesets）/ the directory (default: rulesets)");
  using Format = RulesetsOptions::Format;
  addChoice(*rulesets, "--format", o->format, Choices<Format>{{"text", Format::Text}, {"json", Format::Json}}, "输出格式 text|json / output format");
  return {rulesets, [o] { return runRulesets(*o); }};
}


}  // namespace defen::cli
