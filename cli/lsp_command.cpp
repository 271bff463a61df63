// The stdio transport of `defen lsp`: "Content-Length: N\r\n\r\n" then N bytes
// of JSON, both ways.
#include "cli/lsp_command.h"

#include "cli/lsp_server.h"
#include "compiler/io/json_nesting.h"

#include <iostream>

namespace defen::cli {

namespace {

// One framed message's body, or nullopt at the end of input.
std::optional<std::string> readMessage(std::istream& in) {
  size_t length = 0;
  bool sawLength = false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (sawLength) break;
      continue;  // stray blank lines between messages
    }
    const std::string header = "Content-Length:";
    if (line.rfind(header, 0) == 0) {
      length = std::stoul(line.substr(header.size()));
      sawLength = true;
    }
  }
  if (!sawLength) return std::nullopt;
  std::string body(length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(length));
  if (static_cast<size_t>(in.gcount()) != length) return std::nullopt;
  return body;
}

void writeMessage(std::ostream& out, const nlohmann::json& message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace

int runLsp(std::istream& in, std::ostream& out) {
  LspServer server;
  while (auto body = readMessage(in)) {
    // Too deep a message is refused before a tree is built (the handlers
    // copy and dump it recursively).
    const bool tooDeep = jsonNestingExceededAt(*body).has_value();
    nlohmann::json message = tooDeep ? nlohmann::json(nlohmann::json::value_t::discarded) : nlohmann::json::parse(*body, nullptr, false);
    if (message.is_discarded()) {
      std::string why = tooDeep ? "JSON 嵌套超过 " + std::to_string(kMaxJsonNesting) + " 层" : "无法解析的 JSON";
      writeMessage(out, {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32700}, {"message", why}}}});
      continue;
    }
    for (const auto& reply : server.handle(message)) writeMessage(out, reply);
    if (server.exitRequested()) return server.exitCode();
  }
  return server.exitCode();
}

Command addLspCommand(CLI::App& app) {
  CLI::App* lsp = app.add_subcommand("lsp", "编辑器的语言服务（标准输入输出）：诊断、悬停、跳转定义、指标树、格式化 / language server over stdio");
  return {lsp, [] { return runLsp(std::cin, std::cout); }};
}

}  // namespace defen::cli
