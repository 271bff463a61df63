#include "cli/serve/router.h"

#include <iostream>

namespace defen::serve {

void sendJson(httplib::Response& res, const Json& body, int status) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

void sendError(httplib::Response& res, const ApiError& error) { sendJson(res, errorBody(error), error.status); }

void Router::add(const std::string& method, const std::string& pattern, ApiHandler handler) {
  routes_.push_back({method, pattern});
  auto wrapped = [this, handler = std::move(handler)](const httplib::Request& http, httplib::Response& res) {
    try {
      ApiRequest request(http, ctx_);
      handler(ctx_, request, res);
    } catch (const ApiError& e) {
      sendError(res, e);
    } catch (const std::exception& e) {
      std::cerr << "defen serve: " << http.method << " " << http.path << ": 内部错误 / internal error: " << e.what() << "\n";
      sendError(res, ApiError(500, "internal", std::string("服务器内部错误：") + e.what(), std::string("internal error: ") + e.what()));
    } catch (...) {
      std::cerr << "defen serve: " << http.method << " " << http.path << ": 内部错误 / internal error\n";
      sendError(res, ApiError(500, "internal", "服务器内部错误", "internal error"));
    }
  };
  if (method == "GET") server_.Get(pattern, wrapped);
  else if (method == "POST") server_.Post(pattern, wrapped);
  else server_.Put(pattern, wrapped);
}

std::vector<std::string> Router::methodsFor(const std::string& path) const {
  std::vector<std::string> methods;
  for (const auto& r : routes_)
    if (std::regex_match(path, std::regex(r.pattern))) methods.push_back(r.method);
  return methods;
}

}  // namespace defen::serve
