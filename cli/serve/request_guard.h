// Who may talk to `defen serve`, checked before a request's body is read
// (httplib's pre-routing handler). The server is for the person at this
// machine: a web page they visit must not drive it (cross-origin posts, DNS
// rebinding), and a body must not grow past --max-body however it is sent.
#pragma once

#include "cli/serve/api_error.h"

#include <httplib.h>

#include <chrono>
#include <optional>
#include <string>

namespace defen::serve {

// The header every POST and PUT must carry. A page on another origin cannot
// add it without a CORS preflight, which the server never approves.
inline constexpr const char* kClientHeader = "X-Defen";

struct GuardPolicy {
  std::string boundHost;  // as given to --host
  int port = 0;
  std::size_t maxBody = 0;
  std::string token;      // empty: none needed (loopback); else required on every request
};

// 127.0.0.0/8, ::1 or localhost: reachable from this machine only.
bool isLoopbackHost(const std::string& host);

// A fresh random token (32 hex digits from /dev/urandom).
std::string newToken();

// nullopt when the request may go on; else the refusal to send. May add a
// Set-Cookie to `res` (a valid ?token= becomes a cookie for the page's calls).
std::optional<ApiError> refusal(const GuardPolicy& policy, const httplib::Request& req, httplib::Response& res);

// When the request this worker thread is handling arrived (its headers read,
// its body not yet): --time-limit counts from here, so reading the body counts.
void markRequestStart();
std::chrono::steady_clock::time_point requestStart();

}  // namespace defen::serve
