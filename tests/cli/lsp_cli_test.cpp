// `defen lsp`: a scripted editor session over stdio — initialize, open a file
// with an error, hover, go to definition, the indicator tree, formatting,
// shutdown — and the replies checked field by field.
#include "cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace defen::clitest {
namespace {

using Json = nlohmann::json;

std::string frame(const Json& message) {
  std::string body = message.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::vector<Json> unframe(const std::string& out) {
  std::vector<Json> messages;
  size_t at = 0;
  while ((at = out.find("Content-Length: ", at)) != std::string::npos) {
    size_t length = std::stoul(out.substr(at + 16));
    size_t body = out.find("\r\n\r\n", at) + 4;
    messages.push_back(Json::parse(out.substr(body, length)));
    at = body + length;
  }
  return messages;
}

Json request(int id, const std::string& method, Json params) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}
Json notification(const std::string& method, Json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}
Json at(const std::string& uri, int line, int character) {
  return {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}};
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const Json* reply(const std::vector<Json>& messages, int id) {
  for (const auto& m : messages)
    if (m.contains("id") && m["id"] == id) return &m;
  return nullptr;
}

constexpr const char* kRules = R"(名称 "编辑器示例"
年度 2024
总分 10分
输入 {
  实际支出：金额（元）
  预算数：金额（元），范围 (0元, +∞)
}
指标 执行 10分 {
  说明 "执行率≥90%得满分"
  令 执行率 = 实际支出 ÷ 预算数
  分段 执行率 { 结果 ≥ 90% → 满分；结果 ＜ 90% → 0分 }
}
)";

TEST(Lsp, AScriptedSessionGetsDiagnosticsHoverDefinitionSymbolsAndFormatting) {
  std::string path = tempFile("lsp-session.rules", kRules);
  std::string uri = "file://" + path;
  // The same file as typed with a misspelt input on line 10 (0-based 9) and sloppy layout.
  std::string broken = std::string(kRules);
  broken.replace(broken.find("实际支出 ÷"), std::string("实际支出").size(), "实际支付");
  std::string sloppy = "名称 \"编辑器示例\"\n年度 2024\n总分 10分\n输入 { 完成：是否 }\n指标 甲 10分 {\n得分=若 完成 则 满分 否则 0分\n}\n";

  std::string session =
      frame(request(1, "initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", Json::object()}})) +
      frame(notification("initialized", Json::object())) +
      frame(notification("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "defen"}, {"version", 1}, {"text", broken}}}})) +
      frame(notification("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", Json::array({{{"text", kRules}}})}})) +
      frame(request(2, "textDocument/hover", at(uri, 7, 4))) +       // 指标 执行
      frame(request(3, "textDocument/hover", at(uri, 9, 12))) +      // 实际支出 in the 令
      frame(request(4, "textDocument/definition", at(uri, 10, 6))) + // 执行率 in 分段 执行率
      frame(request(5, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}})) +
      frame(notification("textDocument/didOpen", {{"textDocument", {{"uri", uri + ".2"}, {"languageId", "defen"}, {"version", 1}, {"text", sloppy}}}})) +
      frame(request(6, "textDocument/formatting", {{"textDocument", {{"uri", uri + ".2"}}}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})) +
      frame(request(7, "workspace/symbol", {{"query", ""}})) +
      frame(request(8, "shutdown", nullptr)) + frame(notification("exit", nullptr));
  std::string input = tempFile("lsp-session.in", session);
  CliRun r = runStdout("lsp < " + input);
  EXPECT_EQ(r.exit, 0);
  std::vector<Json> messages = unframe(r.out);

  const Json* init = reply(messages, 1);
  ASSERT_TRUE(init) << r.out;
  EXPECT_EQ((*init)["result"]["capabilities"]["hoverProvider"], true);
  EXPECT_EQ((*init)["result"]["capabilities"]["documentFormattingProvider"], true);

  // didOpen: the misspelt name, at its line and UTF-16 columns; didChange: clean again.
  std::vector<Json> published;
  for (const auto& m : messages)
    if (m.value("method", "") == "textDocument/publishDiagnostics") published.push_back(m["params"]);
  ASSERT_GE(published.size(), 2u);
  // The typo, and the input it leaves unused; nothing cascades from it.
  ASSERT_EQ(published[0]["diagnostics"].size(), 2u) << published[0].dump();
  EXPECT_EQ(published[0]["diagnostics"][0]["code"], "W270");
  const Json& d = published[0]["diagnostics"][1];
  EXPECT_EQ(d["code"], "E201");
  EXPECT_EQ(d["severity"], 1);
  EXPECT_EQ(d["range"]["start"], (Json{{"line", 9}, {"character", 10}}));
  EXPECT_EQ(d["range"]["end"], (Json{{"line", 9}, {"character", 14}}));
  EXPECT_NE(d["message"].get<std::string>().find("实际支付"), std::string::npos);
  EXPECT_TRUE(published[1]["diagnostics"].empty()) << published[1].dump();

  const Json* indicatorHover = reply(messages, 2);
  ASSERT_TRUE(indicatorHover);
  std::string shown = (*indicatorHover)["result"]["contents"]["value"];
  EXPECT_NE(shown.find("**指标 执行** · 分值 10分"), std::string::npos) << shown;
  EXPECT_NE(shown.find("分段 执行率"), std::string::npos) << shown;
  EXPECT_NE(shown.find("评分标准：执行率≥90%得满分"), std::string::npos) << shown;
  const Json* inputHover = reply(messages, 3);
  ASSERT_TRUE(inputHover);
  EXPECT_EQ((*inputHover)["result"]["contents"]["value"], "**输入** `实际支出：金额（元）`");

  const Json* definition = reply(messages, 4);
  ASSERT_TRUE(definition);
  EXPECT_EQ((*definition)["result"]["uri"], uri);
  EXPECT_EQ((*definition)["result"]["range"]["start"], (Json{{"line", 9}, {"character", 2}}));  // 令 执行率 = …

  const Json* symbols = reply(messages, 5);
  ASSERT_TRUE(symbols);
  ASSERT_EQ((*symbols)["result"].size(), 3u);  // two inputs and the indicator
  EXPECT_EQ((*symbols)["result"][2]["name"], "执行");
  EXPECT_EQ((*symbols)["result"][2]["detail"], "10分");

  const Json* formatted = reply(messages, 6);
  ASSERT_TRUE(formatted);
  ASSERT_EQ((*formatted)["result"].size(), 1u);
  EXPECT_EQ((*formatted)["result"][0]["newText"],
            "名称 \"编辑器示例\"\n年度 2024\n总分 10分\n输入 { 完成：是否 }\n指标 甲 10分 {\n  得分 = 若 完成 则 满分 否则 0分\n}\n");

  const Json* unknown = reply(messages, 7);
  ASSERT_TRUE(unknown);
  EXPECT_EQ((*unknown)["error"]["code"], -32601);
  const Json* shutdown = reply(messages, 8);
  ASSERT_TRUE(shutdown);
  EXPECT_TRUE((*shutdown)["result"].is_null());
}

TEST(Lsp, GoToDefinitionOfAChangedIndicatorOpensTheBaseStandard) {
  std::string base = src("rulesets/zhanjiang-2022-dept.rules");
  std::string uri = "file://" + src("rulesets/zhanjiang-2023-dept.rules");
  std::string text = readAll(src("rulesets/zhanjiang-2023-dept.rules"));
  size_t line = 0, column = 0;
  {
    std::istringstream lines(text);
    std::string l;
    for (size_t n = 0; std::getline(lines, l); ++n)
      if (l.rfind("修改 指标 政府采购执行率", 0) == 0) { line = n; column = 6; }
  }
  std::string session =
      frame(request(1, "initialize", {{"capabilities", Json::object()}})) +
      frame(notification("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "defen"}, {"version", 1}, {"text", text}}}})) +
      frame(request(2, "textDocument/definition", at(uri, static_cast<int>(line), static_cast<int>(column)))) +
      frame(request(3, "shutdown", nullptr)) + frame(notification("exit", nullptr));
  CliRun r = runStdout("lsp < " + tempFile("lsp-base.in", session));
  std::vector<Json> messages = unframe(r.out);
  const Json* definition = reply(messages, 2);
  ASSERT_TRUE(definition) << r.out;
  EXPECT_EQ((*definition)["result"]["uri"], "file://" + base);
  int expectedLine = -1;
  {
    std::istringstream lines(readAll(base));
    std::string l;
    for (int n = 0; std::getline(lines, l); ++n)
      if (l.find("指标 政府采购执行率 2分") != std::string::npos) expectedLine = n;
  }
  EXPECT_EQ((*definition)["result"]["range"]["start"]["line"], expectedLine);
}

TEST(Lsp, MalformedJsonGetsAParseErrorAndTheServerCarriesOn) {
  std::string body = "{not json";
  std::string session = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body +
                        frame(request(1, "shutdown", nullptr)) + frame(notification("exit", nullptr));
  CliRun r = runStdout("lsp < " + tempFile("lsp-bad.in", session));
  EXPECT_EQ(r.exit, 0);
  std::vector<Json> messages = unframe(r.out);
  ASSERT_EQ(messages.size(), 2u) << r.out;
  EXPECT_EQ(messages[0]["error"]["code"], -32700);
  EXPECT_TRUE(messages[1]["result"].is_null());
}

TEST(Lsp, AMessageNestedDeeperThan512IsAParseErrorAndTheServerCarriesOn) {
  std::string body = R"({"jsonrpc": "2.0", "id": 7, "method": "x", "params": )" + std::string(100000, '[') +
                     std::string(100000, ']') + "}";
  std::string session = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body +
                        frame(request(1, "shutdown", nullptr)) + frame(notification("exit", nullptr));
  CliRun r = runStdout("lsp < " + tempFile("lsp-deep.in", session));
  EXPECT_EQ(r.exit, 0);
  std::vector<Json> messages = unframe(r.out);
  ASSERT_EQ(messages.size(), 2u) << r.out.substr(0, 300);
  EXPECT_EQ(messages[0]["error"]["code"], -32700);
  EXPECT_EQ(messages[0]["error"]["message"], "JSON 嵌套超过 512 层");
  EXPECT_TRUE(messages[1]["result"].is_null());
}

}  // namespace
}  // namespace defen::clitest
