// The API's routes: each handler gets a parsed ApiRequest, and whatever it
// throws becomes a JSON error with the documented code, never a dead server.
#pragma once

#include "cli/serve/api_context.h"

#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace defen::serve {

using ApiHandler = std::function<void(ApiContext&, const ApiRequest&, httplib::Response&)>;

class Router {
 public:
  struct Route {
    std::string method, pattern;  // pattern: a regular expression over the path
  };

  Router(httplib::Server& server, ApiContext& ctx) : server_(server), ctx_(ctx) {}
  void get(const std::string& pattern, ApiHandler handler) { add("GET", pattern, std::move(handler)); }
  void post(const std::string& pattern, ApiHandler handler) { add("POST", pattern, std::move(handler)); }
  void put(const std::string& pattern, ApiHandler handler) { add("PUT", pattern, std::move(handler)); }

  const std::vector<Route>& routes() const { return routes_; }
  // The methods registered for a path (for 405 instead of 404).
  std::vector<std::string> methodsFor(const std::string& path) const;

 private:
  void add(const std::string& method, const std::string& pattern, ApiHandler handler);
  httplib::Server& server_;
  ApiContext& ctx_;
  std::vector<Route> routes_;
};

void sendJson(httplib::Response& res, const Json& body, int status = 200);
void sendError(httplib::Response& res, const ApiError& error);

// One file per group of endpoints.
void addCheckRoutes(Router& router);       // health, check, format (api_check.cpp)
void addEvaluateRoutes(Router& router);    // evaluate, explain (api_evaluate.cpp)
void addComparisonRoutes(Router& router);  // diff, compare (api_compare.cpp)
void addTestRoutes(Router& router);        // test (api_test.cpp)
void addRulesetRoutes(Router& router);     // list, read, save (api_rulesets.cpp)

}  // namespace defen::serve
