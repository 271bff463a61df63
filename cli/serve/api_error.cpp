#include "cli/serve/api_error.h"

#include <fmt/format.h>

namespace defen::serve {

nlohmann::ordered_json errorBody(const ApiError& e) {
  nlohmann::ordered_json body;
  body["error"] = {{"code", e.code}, {"message", e.message}, {"messageEn", e.messageEn}};
  if (e.extra.is_object())
    for (const auto& [key, value] : e.extra.items()) body[key] = value;
  return body;
}

void Deadline::check(const char* phaseZh, const char* phaseEn) const {
  if (std::chrono::steady_clock::now() <= end_) return;
  expired(phaseZh, phaseEn);
}

void Deadline::expired(const char* phaseZh, const char* phaseEn) const {
  throw ApiError(503, "timeout",
                 fmt::format("请求超过时间限制（{} 毫秒），停在{}；请减少数据或放宽 --time-limit", limit_.count(), phaseZh),
                 fmt::format("the request exceeded the time limit ({} ms) while {}; send less data or raise --time-limit",
                             limit_.count(), phaseEn));
}

}  // namespace defen::serve
