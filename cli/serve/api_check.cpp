// GET /api/health, POST /api/check, POST /api/format.
#include "cli/check_output.h"
#include "cli/serve/router.h"
#include "cli/serve/standard.h"
#include "compiler/tools/format/formatter.h"
#include "compiler/core/source.h"

#include <filesystem>

namespace defen::serve {

namespace {

const char* kindName(InputKind kind) {
  switch (kind) {
    case InputKind::Money: return "金额";
    case InputKind::Ratio: return "比率";
    case InputKind::Count: return "数量";
    case InputKind::Number: return "数值";
    case InputKind::Bool: return "是否";
    case InputKind::Enum: return "枚举";
    case InputKind::Review: return "评审分";
    case InputKind::Text: return "文字";
    case InputKind::Target: return "指标值";
    case InputKind::Achieved: return "完成值";
    case InputKind::RowSet: return "行集";
  }
  return "数值";
}

const char* missingName(ir::Input::Missing missing) {
  switch (missing) {
    case ir::Input::Missing::Required: return nullptr;
    case ir::Input::Missing::Full: return "满分";
    case ir::Input::Missing::Zero: return "0分";
    case ir::Input::Missing::NotApplicable: return "不考核";
    case ir::Input::Missing::Error: return "报错";
  }
  return nullptr;
}

std::string boundText(const ir::Bound& b, bool lower) {
  if (b.infinite) return lower ? "(-∞" : "+∞)";
  return lower ? (b.closed ? "[" : "(") + toString(b.value) : toString(b.value) + (b.closed ? "]" : ")");
}

// The line a person wrote it on: in this file, or in a base standard.
Json lineOf(const ir::Program& p, const SourceRange& range, const std::string& file) {
  SourceLocation where = p.locate(range);
  if (std::filesystem::path(where.path).filename() == file) return where.range.line;
  return Json{{"file", std::filesystem::path(where.path).filename().string()}, {"line", where.range.line}};
}

Json inputsOf(const ir::Program& p, const std::string& file) {
  Json list = Json::array();
  for (const auto& in : p.inputs) {
    if (in.implicit) continue;  // reviewer scores the compiler creates
    Json j;
    j["name"] = in.spec.name;
    j["type"] = kindName(in.spec.kind);
    j["unit"] = in.spec.kind == InputKind::Money ? (in.spec.unit == MoneyUnit::WanYuan ? "万元" : "元")
                : in.spec.kind == InputKind::Ratio ? "%" : "";
    j["values"] = in.spec.kind == InputKind::Enum ? Json(in.spec.enumValues)
                  : in.spec.kind == InputKind::Bool ? Json::array({"是", "否"}) : Json(nullptr);
    j["range"] = in.range ? Json(boundText(in.range->lower, true) + ", " + boundText(in.range->upper, false)) : Json(nullptr);
    j["usual"] = in.usual ? Json(boundText(in.usual->lower, true) + ", " + boundText(in.usual->upper, false)) : Json(nullptr);
    const char* missing = missingName(in.missing);
    j["missing"] = missing ? Json(missing) : Json(nullptr);
    j["description"] = describeKind(in.spec);
    j["line"] = lineOf(p, in.range_, file);
    list.push_back(std::move(j));
  }
  return list;
}

Json indicatorOf(const ir::Program& p, int id, const std::string& file) {
  const ir::Node& n = p.nodes[id];
  Json children = Json::array();
  for (int child : n.children) children.push_back(indicatorOf(p, child, file));
  return Json{{"name", n.name}, {"level", n.path.size()}, {"points", toString(n.weight)},
              {"line", lineOf(p, n.range, file)}, {"children", std::move(children)}};
}

void check(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  Standard s = loadStandard(ctx, request);
  Json out;
  out["diagnostics"] = s.diagnostics(request.lang());
  out["errors"] = s.errors();
  out["warnings"] = s.warnings();
  const bool based = s.compilation && s.compilation->effective && s.compilation->effective != s.compilation->source;
  out["based"] = based;
  out["effective"] = based && s.program ? Json(cli::flatText(*s.compilation)) : Json(nullptr);
  Json inputs = Json::array(), indicators = Json::array();
  if (s.program) {
    inputs = inputsOf(*s.program, s.file);
    for (int root : s.program->roots) indicators.push_back(indicatorOf(*s.program, root, s.file));
  }
  out["inputs"] = std::move(inputs);
  out["indicators"] = std::move(indicators);
  out["total"] = s.program ? Json(toString(s.program->total)) : Json(nullptr);
  // The standard's 名称 and 年度 (the page names report downloads after them).
  out["name"] = s.program ? Json(s.program->name) : Json(nullptr);
  out["year"] = s.program ? Json(s.program->year) : Json(nullptr);
  sendJson(res, out);
}

void format(ApiContext&, const ApiRequest& request, httplib::Response& res) {
  std::optional<std::string> text = request.text("text");
  if (!text) missingField("text");
  std::optional<std::string> file = request.text("file");
  SourceFile source(file ? *file : "未命名.rules", *text);
  Diagnostics diags;
  std::optional<std::string> formatted = formatRuleset(source, diags);
  if (!formatted) {
    Compilation c{std::make_shared<SourceFile>(source), nullptr, std::move(diags), nullptr};
    throw ApiError(422, "ruleset_errors", "规则有语法错误，无法排版", "the ruleset has syntax errors and cannot be formatted",
                   Json{{"diagnostics", cli::diagnosticsJson(c, request.lang(), source.path())}});
  }
  sendJson(res, Json{{"text", *formatted}, {"changed", *formatted != *text}});
}

}  // namespace

void addCheckRoutes(Router& router) {
  router.get("/api/health", [](ApiContext& ctx, const ApiRequest&, httplib::Response& res) {
    sendJson(res, Json{{"ok", true}, {"version", DEFEN_VERSION}, {"rulesetsDir", ctx.rulesetsDir}});
  });
  router.post("/api/check", check);
  router.post("/api/format", format);
}

}  // namespace defen::serve
