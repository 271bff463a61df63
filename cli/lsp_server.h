// `defen lsp`: a language server over stdio for editors (VS Code, Neovim, …).
// It answers from the same library the CLI uses: diagnostics from `defen check`,
// formatting from `defen fmt`, hover / go to definition / the indicator tree
// from the parsed and checked ruleset.
#pragma once

#include "compiler/core/source.h"

#include <nlohmann/json.hpp>

#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>

namespace defen::cli {

class LspServer {
 public:
  using Json = nlohmann::json;

  // One JSON-RPC message in; the messages to send back (responses and
  // notifications), in order.
  std::vector<Json> handle(const Json& message);
  bool exitRequested() const { return exit_; }
  int exitCode() const { return shutdown_ ? 0 : 1; }

 private:
  std::map<std::string, std::string> documents_;  // uri → text
  bool shutdown_ = false;
  bool exit_ = false;

  // A name in a document and where it is defined (hover, definition).
  struct Symbol {
    std::string markdown;
    SourceLocation where;
    SourceFile file;  // the document as edited
  };
  std::optional<Symbol> symbolAt(const std::string& uri, const Json& position) const;

  Json diagnosticsOf(const std::string& uri) const;
  Json hover(const std::string& uri, const Json& position) const;
  Json definition(const std::string& uri, const Json& position) const;
  Json symbols(const std::string& uri) const;
  Json formatting(const std::string& uri) const;
};

// Reads Content-Length framed messages from `in` until `exit` or end of input,
// writes the replies to `out`. Returns the process exit code (0 after shutdown).
int runLsp(std::istream& in, std::ostream& out);

}  // namespace defen::cli
