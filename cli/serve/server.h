// `defen serve`: the workbench's HTTP JSON API (docs/api.md) and its page.
#pragma once

#include <cstddef>
#include <string>

namespace defen::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (printed on the first line)
  std::string rulesets = "rulesets";
  std::string web;                 // the built page; empty: the default (server.cpp)
  std::string maxBody = "16MB";    // request bodies above it: 413
  std::string timeLimit = "30s";   // per request, compile and evaluation: 503 past it
  long maxRows = 200000;           // rows of one evaluation
  bool requireToken = false;       // a token even on loopback (always off loopback)
};

// Runs until SIGINT or SIGTERM. 0 after a clean stop; 1 when the server
// cannot start (port taken, rulesets directory missing); 2 for bad limits.
int runServe(const ServeOptions& options);

}  // namespace defen::serve
