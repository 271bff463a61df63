#include "cli/serve/request_guard.h"

#include <fmt/format.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <fstream>

namespace defen::serve {

namespace {

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string hostForUrl(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

// The Host values a browser sends for this server: the bound name and the
// loopback names, each with the port. A DNS-rebound name (evil.example
// resolving to 127.0.0.1) is not among them.
bool acceptedHost(const GuardPolicy& p, const std::string& host) {
  const std::string port = ":" + std::to_string(p.port);
  std::string h = lower(host);
  for (const std::string& name : {hostForUrl(lower(p.boundHost)), std::string("localhost"), std::string("127.0.0.1"), std::string("[::1]")})
    if (h == name + port) return true;
  return false;
}

std::string cookieValue(const std::string& cookies, const std::string& name) {
  std::size_t at = 0;
  while (at < cookies.size()) {
    std::size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string pair = cookies.substr(at, end - at);
    pair.erase(0, pair.find_first_not_of(' '));
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

// Compared in constant time: the token is a password.
bool sameToken(const std::string& given, const std::string& token) {
  if (given.size() != token.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ token[i]);
  return diff == 0;
}

thread_local std::chrono::steady_clock::time_point startOfRequest = std::chrono::steady_clock::now();

ApiError forbidden(const std::string& zh, const std::string& en) { return ApiError(403, "forbidden", zh, en); }

}  // namespace

void markRequestStart() { startOfRequest = std::chrono::steady_clock::now(); }
std::chrono::steady_clock::time_point requestStart() { return startOfRequest; }

bool isLoopbackHost(const std::string& host) {
  if (lower(host) == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::string newToken() {
  unsigned char bytes[16] = {0};
  std::ifstream random("/dev/urandom", std::ios::binary);
  random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  if (random.gcount() != sizeof bytes) throw std::runtime_error("cannot read /dev/urandom");
  std::string token;
  for (unsigned char b : bytes) token += fmt::format("{:02x}", b);
  return token;
}

std::optional<ApiError> refusal(const GuardPolicy& p, const httplib::Request& req, httplib::Response& res) {
  // Bodies: only with a Content-Length within the limit. httplib 0.11 reads a
  // chunked body without any limit, and skips an oversized one by reading it.
  if (req.has_header("Transfer-Encoding"))
    return ApiError(411, "bad_request", "请求体须带 Content-Length，不接受分块传输（Transfer-Encoding）",
                    "send the body with a Content-Length; Transfer-Encoding (chunked) is not accepted");
  if (req.has_header("Content-Length")) {
    const std::string length = req.get_header_value("Content-Length");
    const bool digits = !length.empty() && length.size() <= 18 &&
                        std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return ApiError(400, "bad_request", "Content-Length 无效", "invalid Content-Length");
    if (std::stoull(length) > p.maxBody)
      return ApiError(413, "too_large", "请求体过大，超过 --max-body 限制", "the request body exceeds the --max-body limit");
  }

  const std::string host = req.get_header_value("Host");
  if (p.token.empty() && !acceptedHost(p, host))
    return forbidden(fmt::format("不接受主机名“{}”：请以 http://127.0.0.1:{}/ 或 http://localhost:{}/ 访问", host.substr(0, 100), p.port, p.port),
                     fmt::format("Host “{}” is not accepted: use http://127.0.0.1:{}/ or http://localhost:{}/", host.substr(0, 100),
                                 p.port, p.port));
  // A browser names the page that sent a request; only the server's own page may.
  if (req.has_header("Origin") && req.get_header_value("Origin") != "http://" + host)
    return forbidden("不接受其他网页发来的请求（Origin: " + req.get_header_value("Origin").substr(0, 100) + "）",
                     "requests from other web pages are refused (Origin: " + req.get_header_value("Origin").substr(0, 100) + ")");
  const bool api = req.path.rfind("/api/", 0) == 0;
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  if (api && (site == "cross-site" || site == "same-site"))
    return forbidden("不接受其他网站发来的请求", "requests from other sites are refused");

  if (!p.token.empty()) {
    std::string given = req.get_param_value("token");
    const bool fromQuery = !given.empty();
    if (given.empty()) {
      const std::string auth = req.get_header_value("Authorization");
      if (auth.rfind("Bearer ", 0) == 0) given = auth.substr(7);
    }
    if (given.empty()) given = cookieValue(req.get_header_value("Cookie"), "defen_token");
    if (!sameToken(given, p.token))
      return ApiError(401, "unauthorized", "需要启动时打印的令牌：打开启动时打印的网址（含 ?token=），或带上 Authorization: Bearer 令牌",
                      "the token printed at start is needed: open the address printed at start (with ?token=), or send "
                      "Authorization: Bearer TOKEN");
    // The page's own calls then carry it as a cookie no other site can send.
    if (fromQuery) res.set_header("Set-Cookie", "defen_token=" + p.token + "; Path=/; HttpOnly; SameSite=Strict");
  }

  if (req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS") {
    if (!req.has_header(kClientHeader))
      return forbidden(fmt::format("写入和计算的请求须带请求头 {}: 1（网页无法跨站发送它）", kClientHeader),
                       fmt::format("POST and PUT requests must carry the header {}: 1 (a page on another site cannot send it)",
                                   kClientHeader));
    const std::string type = lower(req.get_header_value("Content-Type"));
    if (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0" &&
        type.rfind("application/json", 0) != 0 && type.rfind("multipart/form-data", 0) != 0)
      return ApiError(415, "unsupported", "请求体须是 application/json 或 multipart/form-data",
                      "the body must be application/json or multipart/form-data");
  }
  return std::nullopt;
}

}  // namespace defen::serve
