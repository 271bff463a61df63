// What every handler of the API works with: the server's settings and
// registry (ApiContext) and one request's body and language (ApiRequest).
#pragma once

#include "cli/serve/api_error.h"
#include "compiler/core/diagnostics.h"
#include "defen/registry.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

namespace defen::serve {

using Json = nlohmann::ordered_json;

struct ApiContext {
  std::string rulesetsDir;  // canonical, absolute
  std::string webDir;       // the built page; may not exist
  std::size_t maxBody = 0;
  std::chrono::milliseconds timeLimit{30000};
  long maxRows = 200000;
  Registry registry;
  std::mutex saveMutex;  // one save (write, history, reload) at a time

  ApiContext(std::string dir, std::string web, std::size_t maxBody, std::chrono::milliseconds limit, long rows);
};

// One API request: a JSON body, or the fields of a multipart upload.
class ApiRequest {
 public:
  // Parses the JSON body (400 bad_json with line and column when it is not
  // JSON, or not an object); a multipart body is kept as its parts.
  ApiRequest(const httplib::Request& http, const ApiContext& ctx);

  const httplib::Request& http;
  const Json& body() const { return body_; }
  bool multipart() const { return multipart_; }
  Lang lang() const { return lang_; }
  const Deadline& deadline() const { return deadline_; }

  // A text field: a string member of the JSON body, or a multipart part.
  // 400 bad_request when present with the wrong type.
  std::optional<std::string> text(const std::string& name) const;
  // The same inside a nested object ("old"/"new"); multipart: "old_text".
  std::optional<std::string> text(const std::string& group, const std::string& name) const;
  // The uploaded file named `name` (multipart), with its file name.
  const httplib::MultipartFormData* upload(const std::string& name) const;

 private:
  Json body_ = Json::object();
  bool multipart_ = false;
  Lang lang_ = Lang::Zh;
  Deadline deadline_;
};

// A missing required field: 400 bad_request naming it.
[[noreturn]] void missingField(const std::string& name);

}  // namespace defen::serve
