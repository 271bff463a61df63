// How a request fails: an ApiError thrown anywhere in a handler becomes the
// documented error body {"error":{"code","message","messageEn"}} with its
// HTTP status (docs/api.md). Thrown only inside cli/serve/, caught by the
// route wrapper in server.cpp, so a bad request never reaches httplib.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

namespace defen::serve {

struct ApiError : std::runtime_error {
  int status;
  std::string code;       // bad_json too_large bad_path not_found bad_request timeout unsupported internal ruleset_errors
  std::string message;    // Chinese, for people
  std::string messageEn;  // English
  nlohmann::ordered_json extra;  // more members of the body beside "error" (e.g. diagnostics)

  ApiError(int status, std::string code, std::string zh, std::string en, nlohmann::ordered_json extra = nullptr)
      : std::runtime_error(en), status(status), code(std::move(code)), message(std::move(zh)), messageEn(std::move(en)),
        extra(std::move(extra)) {}
};

// {"error":{…}} plus the extra members.
nlohmann::ordered_json errorBody(const ApiError& e);

// The per-request time limit (--time-limit): checked between phases and
// between chunks of records; past it, the request ends with 503 timeout.
class Deadline {
 public:
  Deadline(std::chrono::milliseconds limit, std::chrono::steady_clock::time_point start) : end_(start + limit), limit_(limit) {}
  // Throws ApiError 503 timeout naming what was under way.
  void check(const char* phaseZh, const char* phaseEn) const;
  // The same, without looking at the clock: the caller waited until end().
  [[noreturn]] void expired(const char* phaseZh, const char* phaseEn) const;
  std::chrono::steady_clock::time_point end() const { return end_; }

 private:
  std::chrono::steady_clock::time_point end_;
  std::chrono::milliseconds limit_;
};

}  // namespace defen::serve
