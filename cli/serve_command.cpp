#include "cli/serve_command.h"

#include "cli/serve/server.h"

namespace defen::cli {

Command addServeCommand(CLI::App& app) {
  auto o = std::make_shared<serve::ServeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "工作台：在浏览器中编辑、检查、计分的网页及其 JSON 接口（默认只监听本机）/ the workbench: a page and JSON API over HTTP (loopback by default)");
  serve->add_option("--host", o->host, "监听地址（默认 127.0.0.1）/ address to listen on");
  serve->add_option("--port", o->port, "端口，0 为任选空闲端口（默认 8080）/ port, 0 picks a free one")->check(CLI::Range(0, 65535));
  serve->add_option("--rulesets", o->rulesets, "规则目录（默认 rulesets）/ the rulesets directory");
  serve->add_option("--web", o->web, "构建好的页面目录 / the built page");
  serve->add_option("--max-body", o->maxBody, "请求体上限（默认 16MB）/ request body limit");
  serve->add_option("--time-limit", o->timeLimit, "每个请求的编译与计分时限（默认 30s，可写 500ms）/ per-request time limit");
  serve->add_flag("--require-token", o->requireToken, "即使只监听本机也要求启动时打印的令牌（监听其他地址时总是要求）/ require the printed token even on loopback (always required off loopback)");
  serve->add_option("--max-rows", o->maxRows, "一次计分的行数上限（默认 200000）/ rows per evaluation")->check(CLI::PositiveNumber);
  return {serve, [o] { return serve::runServe(*o); }};
}

}  // namespace defen::cli
