#include "cli/serve/server.h"

#include "cli/serve/request_guard.h"
#include "cli/serve/router.h"
#include "cli/serve/standard.h"
#include "cli/serve/static_files.h"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <malloc.h>
#include <pthread.h>
#include <thread>

namespace defen::serve {

namespace fs = std::filesystem;

namespace {

// httplib's default is max(8, cores - 1): 8 trickling clients took them all.
constexpr std::size_t kWorkers = 32;

// "16MB", "512KB", "1GB", "1048576" → bytes; nullopt for anything else.
std::optional<std::size_t> parseSize(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) digits++;
  if (digits == 0 || digits > 12) return std::nullopt;
  std::size_t n = std::stoull(text.substr(0, digits));
  std::string unit = text.substr(digits);
  for (auto& ch : unit) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (unit.empty() || unit == "B") return n;
  if (unit == "K" || unit == "KB") return n << 10;
  if (unit == "M" || unit == "MB") return n << 20;
  if (unit == "G" || unit == "GB") return n << 30;
  return std::nullopt;
}

// "30s", "500ms", "2m", "30" (seconds) → milliseconds.
std::optional<std::chrono::milliseconds> parseDuration(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) digits++;
  if (digits == 0 || digits > 9) return std::nullopt;
  long n = std::stol(text.substr(0, digits));
  std::string unit = text.substr(digits);
  if (unit == "ms") return std::chrono::milliseconds(n);
  if (unit.empty() || unit == "s") return std::chrono::milliseconds(n * 1000);
  if (unit == "m" || unit == "min") return std::chrono::milliseconds(n * 60000);
  return std::nullopt;
}

// httplib's own refusals (413 before the body is read, 404 for no route, 400
// for a request it cannot parse) in the API's error shape.
void describeFailure(const Router& router, const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;  // a handler already wrote the error
  // (Form-encoded bodies, which httplib caps at 8 KB, never get here: the
  // guard refuses any POST or PUT body that is not JSON or multipart.)
  if (res.status == 413) {
    sendError(res, ApiError(413, "too_large", "请求体过大，超过 --max-body 限制", "the request body exceeds the --max-body limit"));
  } else if (res.status == 404) {
    std::vector<std::string> methods = router.methodsFor(req.path);
    if (!methods.empty()) {
      std::string allowed;
      for (const auto& m : methods) allowed += (allowed.empty() ? "" : ", ") + m;
      res.set_header("Allow", allowed);
      sendError(res, ApiError(405, "unsupported", fmt::format("{} 不接受 {} 请求，只接受 {}", req.path, req.method, allowed),
                              fmt::format("{} does not accept {}; allowed: {}", req.path, req.method, allowed)));
    } else {
      sendError(res, ApiError(404, "not_found", "没有这个接口或文件：" + req.path, "no such endpoint or file: " + req.path));
    }
  } else if (res.status >= 500) {
    sendError(res, ApiError(res.status, "internal", "服务器内部错误", "internal error"));
  } else {
    sendError(res, ApiError(res.status, "bad_request", "无法处理的请求", "the request could not be handled"));
  }
}

}  // namespace

int runServe(const ServeOptions& o) {
  auto maxBody = parseSize(o.maxBody);
  auto timeLimit = parseDuration(o.timeLimit);
  if (!maxBody || *maxBody == 0 || !timeLimit || timeLimit->count() == 0 || o.maxRows <= 0 || o.port < 0 || o.port > 65535) {
    std::cerr << "defen serve: --max-body（如 16MB）、--time-limit（如 30s、500ms）、--max-rows、--port 须为正的合法值 / "
                 "bad --max-body, --time-limit, --max-rows or --port\n";
    return 2;
  }
  std::error_code ec;
  if (!fs::is_directory(o.rulesets, ec)) {
    std::cerr << "defen serve: 规则目录不存在：" << o.rulesets << " / no rulesets directory " << o.rulesets << "\n";
    return 1;
  }
  std::string rulesetsDir = fs::canonical(o.rulesets).string();
  std::string webDir = o.web.empty() ? defaultWebDir() : o.web;
  if (!webDir.empty() && fs::is_directory(webDir, ec)) webDir = fs::canonical(webDir).string();

  // SIGINT/SIGTERM are taken by one thread with sigwait (blocked everywhere
  // else, so httplib's workers never see them), which stops the server.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  ApiContext ctx(rulesetsDir, webDir, *maxBody, *timeLimit, o.maxRows);
  httplib::Server server;
  server.set_payload_max_length(*maxBody);
  // Slow clients: a connection silent for 2 s is dropped (a client sending a
  // byte every 3 s no longer holds a worker), one request per connection (a
  // refused body is never read as the next request), and enough workers that
  // a few trickling clients leave /api/health answering.
  server.set_read_timeout(2, 0);
  server.set_keep_alive_timeout(2);  // also the wait for a connection's first byte
  server.set_write_timeout(10, 0);
  server.set_keep_alive_max_count(1);
  server.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  GuardPolicy policy{o.host, 0, *maxBody, o.requireToken || !isLoopbackHost(o.host) ? newToken() : ""};
  server.set_pre_routing_handler([&policy](const httplib::Request& req, httplib::Response& res) {
    markRequestStart();
    if (auto refused = refusal(policy, req, res)) {
      sendError(res, *refused);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // A large request leaves freed pages in malloc's arenas; give them back so
  // the server's size returns to its idle size (2.77 GB stayed before).
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response&) { malloc_trim(0); });
  Router router(server, ctx);
  addCheckRoutes(router);
  addEvaluateRoutes(router);
  addComparisonRoutes(router);
  addTestRoutes(router);
  addRulesetRoutes(router);
  addPageRoutes(server, webDir);
  server.set_error_handler([&router](const httplib::Request& req, httplib::Response& res) { describeFailure(router, req, res); });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    sendError(res, ApiError(500, "internal", "服务器内部错误", "internal error"));
  });

  int port = o.port == 0 ? server.bind_to_any_port(o.host) : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    std::cerr << fmt::format("defen serve: 无法监听 {}:{}（端口被占用或地址无效）/ cannot listen on {}:{}\n", o.host, o.port, o.host, o.port);
    return 1;
  }
  policy.port = port;
  std::string shownHost = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::cout << fmt::format("defen serve: http://{}:{}/{}", shownHost, port, policy.token.empty() ? "" : "?token=" + policy.token)
            << std::endl;
  std::cerr << fmt::format("defen serve: 规则目录 {}；页面 {}；Ctrl-C 停止 / rulesets {}; page {}; Ctrl-C stops\n",
                           rulesetsDir, webDir, rulesetsDir, webDir);

  std::atomic<bool> signalled{false};
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stopSignals, &signal);
    signalled = true;
    server.stop();
  });
  bool listened = server.listen_after_bind();
  // listen ended without a signal (it failed): wake the stopper to join it.
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  waitForBackgroundCompiles(std::chrono::seconds(30));
  std::cerr << "defen serve: 已停止 / stopped\n";
  return listened ? 0 : 1;
}

}  // namespace defen::serve
