// POST /api/evaluate and POST /api/explain: score records or an uploaded data
// file with a ruleset, as `defen eval` and `defen explain` do.
#include "cli/serve/request_data.h"
#include "cli/serve/router.h"
#include "cli/serve/standard.h"
#include "compiler/report/explain/trace_report.h"
#include "compiler/report/report_schema.h"
#include "compiler/report/documents.h"
#include "compiler/report/report.h"
#include "compiler/report/xlsx_report.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace defen::serve {

namespace {

// A writer's output, parsed back: the API returns exactly what the CLI prints.
template <class Write>
Json jsonOf(Write write) {
  std::ostringstream out;
  write(out);
  return Json::parse(out.str());
}

// Rows with errors, of which `incomplete` have a provisional total (some
// indicators faulted); the average is over final totals only.
Json summaryOf(const std::vector<RecordResult>& results, int places) {
  int errors = 0, scored = 0, incomplete = 0;
  Decimal sum;
  for (const auto& r : results) {
    if (!r.errors.empty()) errors++;
    incomplete += r.incomplete;
  }
  for (const auto& r : results) {
    if (!r.ok) continue;
    if (checkedAdd(sum, r.total, sum) != DecimalStatus::Ok)
      return Json{{"rows", results.size()}, {"errors", errors}, {"incomplete", incomplete}, {"averageTotal", nullptr}};
    scored++;
  }
  Json average = nullptr;
  Decimal mean, rounded;
  if (scored > 0 && checkedDiv(sum, Decimal::fromInt(scored), mean) == DecimalStatus::Ok &&
      roundHalfAway(mean, places, rounded) == DecimalStatus::Ok)
    average = Json::parse(toString(rounded));
  return Json{{"rows", results.size()}, {"errors", errors}, {"incomplete", incomplete}, {"averageTotal", average}};
}

// A workbook or Word file: the writers write files, so through a private
// temporary file (`extension` with its dot, five characters), removed at once.
std::string fileReportBytes(const ReportSchema& schema, const std::vector<RecordResult>& results, const std::string& extension) {
  std::string path = "/tmp/defen-serve-report-XXXXXX" + extension;
  int fd = mkstemps(path.data(), static_cast<int>(extension.size()));
  if (fd < 0) throw ApiError(500, "internal", "无法创建临时文件", "cannot create a temporary file");
  ::close(fd);
  std::string error;
  const bool word = extension == ".docx";
  bool ok = word ? writeDocxReport(path, schema, results, error) : writeXlsxReport(path, schema, results, error);
  std::ostringstream bytes;
  if (ok) bytes << std::ifstream(path, std::ios::binary).rdbuf();
  std::remove(path.c_str());
  if (!ok)
    throw ApiError(500, "internal", std::string(word ? "无法生成 Word 报告：" : "无法生成 Excel 报告：") + error,
                   std::string(word ? "could not write the Word report: " : "could not write the Excel report: ") + error);
  return bytes.str();
}

void sendDownload(httplib::Response& res, std::string bytes, const std::string& type, const std::string& extension) {
  res.set_header("Content-Disposition", "attachment; filename=\"defen-report." + extension + "\"");
  res.set_content(std::move(bytes), type);
}

void evaluate(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  std::string format = request.text("format").value_or("json");
  if (format != "json" && format != "html" && format != "xlsx" && format != "docx" && format != "md")
    throw ApiError(400, "bad_request", "format 只能是 json、html、xlsx、docx 或 md", "format must be json, html, xlsx, docx or md");
  Standard standard = loadStandard(ctx, request);
  const ir::Program& program = requireProgram(standard, request);
  RequestData data = readRequestData(ctx, request);
  EngineChoice engine(standard, request);
  Evaluation ev = evaluateWithDeadline(program, data.table, engine.engine(), request, true);
  ReportSchema schema = reportSchema(program);
  if (format == "json") {
    Json doc = jsonOf([&](std::ostream& out) { writeJson(out, schema, ev.results, ev.warnings); });
    sendJson(res, Json{{"results", doc["results"]}, {"summary", summaryOf(ev.results, program.places)},
                       {"warnings", ev.warnings}, {"fileErrors", ev.fileErrors}});
  } else if (format == "xlsx") {
    sendDownload(res, fileReportBytes(schema, ev.results, ".xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
  } else if (format == "docx") {
    // The Word 评分表 (a 自评表 as the national form), as `defen eval --format docx` writes it.
    sendDownload(res, fileReportBytes(schema, ev.results, ".docx"),
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
  } else {
    std::ostringstream out;
    if (format == "html") writeHtmlReport(out, schema, ev.results);
    else writeMarkdownReport(out, schema, ev.results);
    sendDownload(res, out.str(), format == "html" ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8", format);
  }
}

// The row asked for, 0 for every row. A row past int's range (4294967297)
// is refused, never wrapped round to another row.
int rowOf(const ApiRequest& request) {
  const ApiError bad(400, "bad_request", "row 须是正整数（不超过 2147483647）", "row must be a positive integer (at most 2147483647)");
  if (request.multipart()) {
    auto text = request.text("row");
    if (!text) return 0;
    int row = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), row);
    if (ec != std::errc() || end != text->data() + text->size() || row < 1) throw bad;
    return row;
  }
  auto it = request.body().find("row");
  if (it == request.body().end() || it->is_null()) return 0;
  if (it->is_number_unsigned() && it->get<std::uint64_t>() >= 1 && it->get<std::uint64_t>() <= std::numeric_limits<int>::max())
    return static_cast<int>(it->get<std::uint64_t>());
  if (it->is_number_integer() && !it->is_number_unsigned() && it->get<std::int64_t>() >= 1 &&
      it->get<std::int64_t>() <= std::numeric_limits<int>::max())
    return static_cast<int>(it->get<std::int64_t>());
  throw bad;
}

void explain(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  Standard standard = loadStandard(ctx, request);
  const ir::Program& program = requireProgram(standard, request);
  int only = -1;
  if (auto indicator = request.text("indicator"); indicator && (only = program.findNode(*indicator)) < 0)
    throw ApiError(404, "not_found", fmt::format("规则中没有指标“{}”", *indicator), fmt::format("no indicator `{}` in the ruleset", *indicator));
  const int row = rowOf(request);
  RequestData data = readRequestData(ctx, request);
  EngineChoice engine(standard, request);
  Evaluation ev = evaluateWithDeadline(program, data.table, engine.engine(), request, true);
  std::vector<RecordResult> chosen;
  for (auto& r : ev.results)
    if (row == 0 || r.row == row) chosen.push_back(std::move(r));
  if (row > 0 && chosen.empty())
    throw ApiError(404, "not_found", fmt::format("数据中没有第{}行", row), fmt::format("the data has no row {}", row));
  Json doc = jsonOf([&](std::ostream& out) { writeTraceJson(out, program, chosen, only); });
  sendJson(res, Json{{"ruleset", doc["ruleset"]}, {"explanations", doc["results"]}, {"fileErrors", ev.fileErrors}});
}

}  // namespace

void addEvaluateRoutes(Router& router) {
  router.post("/api/evaluate", evaluate);
  router.post("/api/explain", explain);
}

}  // namespace defen::serve
