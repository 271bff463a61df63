#include "cli/serve/api_context.h"

#include "cli/serve/exact_json.h"
#include "cli/serve/request_guard.h"

#include <fmt/format.h>

namespace defen::serve {

namespace {

LoadOptions registryOptions() {
  LoadOptions o;
  // The registry serves through the interpreter: starting needs no native
  // compile of every standard, and a request may still ask for the JIT.
  o.engine = EngineType::Interpreter;
  o.cache = false;
  return o;
}

// 1-based line and column (in bytes) of byte offset `at` in `text`.
std::pair<int, int> lineColumn(const std::string& text, std::size_t at) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') line++, column = 1;
    else column++;
  }
  return {line, column};
}

}  // namespace

ApiContext::ApiContext(std::string dir, std::string web, std::size_t body, std::chrono::milliseconds limit, long rows)
    : rulesetsDir(std::move(dir)), webDir(std::move(web)), maxBody(body), timeLimit(limit), maxRows(rows),
      registry(rulesetsDir, registryOptions()) {}

ApiRequest::ApiRequest(const httplib::Request& request, const ApiContext& ctx)
    : http(request), multipart_(request.is_multipart_form_data()), deadline_(ctx.timeLimit, requestStart()) {
  if (!multipart_ && !request.body.empty()) {
    try {
      body_ = parseKeepingDecimals(request.body);
    } catch (const JsonTextError& e) {
      auto [line, column] = lineColumn(request.body, e.byte > 0 ? e.byte - 1 : 0);
      throw ApiError(400, "bad_json", fmt::format("请求体不是合法的 JSON：第{}行第{}列（字节 {}）：{}", line, column, e.byte, e.reasonZh),
                     fmt::format("the request body is not valid JSON: line {}, column {} (byte {}): {}", line, column,
                                 e.byte, e.reasonEn),
                     Json{{"line", line}, {"column", column}});
    }
    if (!body_.is_object())
      throw ApiError(400, "bad_json", "请求体须是 JSON 对象 {…}", "the request body must be a JSON object {…}");
  }
  std::optional<std::string> lang = text("lang");
  if (lang && *lang != "zh" && *lang != "en")
    throw ApiError(400, "bad_request", "lang 只能是 zh 或 en", "lang must be zh or en");
  lang_ = lang && *lang == "en" ? Lang::En : Lang::Zh;
}

std::optional<std::string> ApiRequest::text(const std::string& name) const {
  if (multipart_) {
    if (!http.has_file(name)) return std::nullopt;
    return http.get_file_value(name).content;
  }
  auto it = body_.find(name);
  if (it == body_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    throw ApiError(400, "bad_request", fmt::format("字段“{}”须是字符串", name), fmt::format("field `{}` must be a string", name));
  return it->get<std::string>();
}

std::optional<std::string> ApiRequest::text(const std::string& group, const std::string& name) const {
  if (multipart_) {
    std::string part = group + "_" + name;
    if (!http.has_file(part)) return std::nullopt;
    return http.get_file_value(part).content;
  }
  auto it = body_.find(group);
  if (it == body_.end() || it->is_null()) return std::nullopt;
  if (!it->is_object())
    throw ApiError(400, "bad_request", fmt::format("字段“{}”须是对象，如 {{\"ruleset\": \"名称@年度\"}}", group),
                   fmt::format("field `{}` must be an object such as {{\"ruleset\": \"NAME@YEAR\"}}", group));
  auto member = it->find(name);
  if (member == it->end() || member->is_null()) return std::nullopt;
  if (!member->is_string())
    throw ApiError(400, "bad_request", fmt::format("字段“{}.{}”须是字符串", group, name),
                   fmt::format("field `{}.{}` must be a string", group, name));
  return member->get<std::string>();
}

const httplib::MultipartFormData* ApiRequest::upload(const std::string& name) const {
  if (!multipart_ || !http.has_file(name)) return nullptr;
  return &http.files.find(name)->second;
}

void missingField(const std::string& name) {
  throw ApiError(400, "bad_request", fmt::format("缺少字段“{}”", name), fmt::format("missing field `{}`", name));
}

}  // namespace defen::serve
