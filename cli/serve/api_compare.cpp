// POST /api/diff and POST /api/compare: two standards side by side, as
// `defen diff` and `defen compare` show them.
#include "cli/serve/request_data.h"
#include "cli/serve/router.h"
#include "cli/serve/standard.h"
#include "compiler/tools/diff/diff.h"
#include "compiler/tools/diff/writers.h"
#include "compiler/report/report_schema.h"
#include "compiler/report/comparison.h"

#include <sstream>

namespace defen::serve {

namespace {

std::string formatOf(const ApiRequest& request) {
  std::string format = request.text("format").value_or("json");
  if (format != "json" && format != "html" && format != "text")
    throw ApiError(400, "bad_request", "format 只能是 json、html 或 text", "format must be json, html or text");
  return format;
}

void sendDocument(httplib::Response& res, const std::string& format, const std::string& text) {
  if (format == "json") res.set_content(text, "application/json; charset=utf-8");
  else res.set_content(text, format == "html" ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
}

void diffRulesets(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  std::string format = formatOf(request);
  Standard before = loadStandard(ctx, request, "old"), after = loadStandard(ctx, request, "new");
  diff::RulesetDiff d = diff::diffPrograms(requireProgram(before, request), requireProgram(after, request));
  std::ostringstream out;
  if (format == "json") diff::writeDiffJson(out, d);
  else if (format == "html") diff::writeDiffHtml(out, d, request.lang());
  else diff::writeDiffText(out, d, request.lang());
  sendDocument(res, format, out.str());
}

struct Scored {
  ReportSchema schema;
  Evaluation evaluation;
};

Scored score(const Standard& standard, const Table& table, const ApiRequest& request, const std::string& group) {
  const ir::Program& program = requireProgram(standard, request);
  EngineChoice engine(standard, request, group);
  return Scored{reportSchema(program), evaluateWithDeadline(program, table, engine.engine(), request, false)};
}

void compareScores(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  std::string format = formatOf(request);
  Standard before = loadStandard(ctx, request, "old"), after = loadStandard(ctx, request, "new");
  requireProgram(before, request);
  requireProgram(after, request);
  RequestData data = readRequestData(ctx, request);
  Scored a = score(before, data.table, request, "old"), b = score(after, data.table, request, "new");
  Comparison c = compareStandards(a.schema, a.evaluation.results, b.schema, b.evaluation.results);
  std::ostringstream out;
  if (format == "json") writeComparisonJson(out, c);
  else if (format == "html") writeComparisonHtml(out, c);
  else writeComparisonText(out, c, true);
  sendDocument(res, format, out.str());
}

}  // namespace

void addComparisonRoutes(Router& router) {
  router.post("/api/diff", diffRulesets);
  router.post("/api/compare", compareScores);
}

}  // namespace defen::serve
