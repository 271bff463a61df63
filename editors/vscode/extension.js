// Starts `defen lsp` for *.rules files: diagnostics as you type, hover,
// go to definition, the indicator tree (outline) and formatting.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("defen").get("path", "defen");
  client = new LanguageClient(
    "defen",
    "defen 评分规则",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "defen" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
