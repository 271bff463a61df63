#include "cli/lsp_server.h"

#include "cli/lsp_text.h"
#include "lib/driver/driver.h"
#include "compiler/tools/format/formatter.h"
#include "lib/driver/outline.h"
#include "compiler/core/number_text.h"

#include <fmt/format.h>

namespace defen::cli {

using Json = LspServer::Json;

namespace {

// JSON-RPC error codes the protocol defines.
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidRequest = -32600;

Json response(const Json& id, Json result) { return Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}; }
Json failure(const Json& id, int code, const std::string& message) {
  return Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

// What hover and definition say of a name, from the checked ruleset (which
// includes what a base standard defines, for a file written with 基于).
struct Found {
  std::string markdown;
  SourceLocation where;
};

std::optional<Found> lookUp(const Compilation& c, const std::string& name) {
  if (!c.program) return std::nullopt;
  const ir::Program& p = *c.program;
  if (int id = p.findNode(name); id >= 0) {
    const ir::Node& n = p.nodes[id];
    std::string path;
    for (const auto& part : n.path) path += (path.empty() ? "" : " › ") + part;
    std::string md = fmt::format("**指标 {}** · 分值 {}", path, writtenScore(n.weight));
    if (!n.ruleText.empty()) md += "\n\n```defen\n" + n.ruleText + "\n```";
    else if (!n.children.empty()) md += fmt::format("\n\n下级指标{}项，得分为其合计", n.children.size());
    if (n.note) md += "\n\n评分标准：" + *n.note;
    return Found{md, p.locate(n.range)};
  }
  if (int slot = p.findInput(name); slot >= 0 && !p.inputs[slot].implicit) {
    const ir::Input& in = p.inputs[slot];
    return Found{"**输入** `" + p.text(in.range_) + "`", p.locate(in.range_)};
  }
  for (const auto& let : p.lets)
    if (let.name == name) {
      std::string scope = let.node >= 0 ? "指标“" + p.nodes[let.node].name + "”中的令" : "令";
      return Found{"**" + scope + "** `" + p.text(let.range) + "`", p.locate(let.range)};
    }
  return std::nullopt;
}

// A DocumentSymbol. LSP kinds: 13 Variable for an input; 23 Struct for an
// indicator (it holds parts and sub-indicators) and for a change to one.
Json symbolOf(const SourceFile& file, const OutlineItem& item) {
  Json symbol{{"name", item.name}, {"detail", item.kind == OutlineItem::Kind::Input ? "输入"
                                              : item.kind == OutlineItem::Kind::Change ? "修改"
                                                                                       : item.weight},
              {"kind", item.kind == OutlineItem::Kind::Input ? 13 : 23},
              {"range", lspRange(file, item.range)},
              {"selectionRange", lspRange(file, item.nameRange)}};
  if (item.kind != OutlineItem::Kind::Indicator) return symbol;
  Json children = Json::array();
  for (const auto& child : item.children) children.push_back(symbolOf(file, child));
  symbol["children"] = children;
  return symbol;
}

}  // namespace

std::vector<Json> LspServer::handle(const Json& message) {
  std::vector<Json> out;
  if (!message.is_object() || !message.contains("method")) {
    if (message.is_object() && message.contains("id")) out.push_back(failure(message["id"], kInvalidRequest, "没有 method"));
    return out;
  }
  const std::string method = message["method"].get<std::string>();
  const Json params = message.value("params", Json::object());
  const bool isRequest = message.contains("id");
  const Json id = isRequest ? message["id"] : Json();
  auto uriOf = [&]() { return params.at("textDocument").at("uri").get<std::string>(); };

  if (method == "initialize") {
    out.push_back(response(id, {{"capabilities",
                                 {{"textDocumentSync", 1},  // the whole text on every change
                                  {"hoverProvider", true},
                                  {"definitionProvider", true},
                                  {"documentSymbolProvider", true},
                                  {"documentFormattingProvider", true}}},
                                {"serverInfo", {{"name", "defen"}}}}));
  } else if (method == "textDocument/didOpen") {
    documents_[uriOf()] = params["textDocument"]["text"].get<std::string>();
    out.push_back(diagnosticsOf(uriOf()));
  } else if (method == "textDocument/didChange") {
    const Json& changes = params.at("contentChanges");
    if (!changes.empty()) documents_[uriOf()] = changes.back().at("text").get<std::string>();
    out.push_back(diagnosticsOf(uriOf()));
  } else if (method == "textDocument/didClose") {
    documents_.erase(uriOf());
    out.push_back(Json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
                       {"params", {{"uri", uriOf()}, {"diagnostics", Json::array()}}}});
  } else if (method == "textDocument/hover") {
    out.push_back(response(id, hover(uriOf(), params.at("position"))));
  } else if (method == "textDocument/definition") {
    out.push_back(response(id, definition(uriOf(), params.at("position"))));
  } else if (method == "textDocument/documentSymbol") {
    out.push_back(response(id, symbols(uriOf())));
  } else if (method == "textDocument/formatting") {
    out.push_back(response(id, formatting(uriOf())));
  } else if (method == "shutdown") {
    shutdown_ = true;
    out.push_back(response(id, nullptr));
  } else if (method == "exit") {
    exit_ = true;
  } else if (isRequest) {
    out.push_back(failure(id, kMethodNotFound, "不支持的请求 " + method));
  }  // other notifications (initialized, $/…) need no answer
  return out;
}

Json LspServer::diagnosticsOf(const std::string& uri) const {
  const std::string& text = documents_.at(uri);
  Compilation c = compileSource(pathOfUri(uri), text);
  Json list = Json::array();
  for (const auto& d : c.diags.all()) {
    std::string message = d.zh;
    for (const auto& n : d.notes) message += "\n注：" + n.zh;
    SourceRange r = d.range.valid() ? d.range : SourceRange{1, 1, 1, 1};
    list.push_back(Json{{"range", lspRange(*c.source, r)},
                        {"severity", d.severity == Severity::Error ? 1 : 2},
                        {"code", d.code},
                        {"source", "defen"},
                        {"message", message}});
  }
  return Json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", {{"uri", uri}, {"diagnostics", list}}}};
}

// The name under the cursor, and what the checked ruleset says of it.
std::optional<LspServer::Symbol> LspServer::symbolAt(const std::string& uri, const Json& position) const {
  auto doc = documents_.find(uri);
  if (doc == documents_.end()) return std::nullopt;
  SourceFile file(pathOfUri(uri), doc->second);
  auto [line, col] = fromLspPosition(file, position);
  auto name = nameAt(file, line, col);
  if (!name) return std::nullopt;
  auto found = lookUp(compileSource(file.path(), doc->second), *name);
  if (!found) return std::nullopt;
  return Symbol{found->markdown, found->where, std::move(file)};
}

Json LspServer::hover(const std::string& uri, const Json& position) const {
  auto symbol = symbolAt(uri, position);
  if (!symbol) return nullptr;
  return Json{{"contents", {{"kind", "markdown"}, {"value", symbol->markdown}}}};
}

Json LspServer::definition(const std::string& uri, const Json& position) const {
  auto symbol = symbolAt(uri, position);
  if (!symbol) return nullptr;
  // In this document (as edited, maybe unsaved), or in a base standard on disk.
  const SourceLocation& where = symbol->where;
  if (where.path == symbol->file.path()) return Json{{"uri", uri}, {"range", lspRange(symbol->file, where.range)}};
  auto base = readSourceFile(where.path);
  if (!base) return nullptr;
  return Json{{"uri", uriOfPath(where.path)}, {"range", lspRange(*base, where.range)}};
}

Json LspServer::symbols(const std::string& uri) const {
  auto doc = documents_.find(uri);
  if (doc == documents_.end()) return Json::array();
  SourceFile file(pathOfUri(uri), doc->second);
  Json list = Json::array();
  for (const auto& item : outlineOf(file)) list.push_back(symbolOf(file, item));
  return list;
}

Json LspServer::formatting(const std::string& uri) const {
  auto doc = documents_.find(uri);
  if (doc == documents_.end()) return Json::array();
  SourceFile file(pathOfUri(uri), doc->second);
  Diagnostics diags;
  std::optional<std::string> formatted = formatRuleset(file, diags);
  if (!formatted || *formatted == doc->second) return Json::array();
  int lines = static_cast<int>(std::count(doc->second.begin(), doc->second.end(), '\n')) + 1;
  return Json::array({Json{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", lines}, {"character", 0}}}}},
                           {"newText", *formatted}}});
}

}  // namespace defen::cli
