// A real `defen serve` on loopback for the API tests: started as a child
// process on a copy of rulesets/ (and examples/, which the shipped .tests
// files read), its port read from the first line it prints.
#pragma once

#include "tests/unit/lib/lib_support.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace defen::servetest {

namespace fs = std::filesystem;
using Json = nlohmann::json;

using libtest::src;
inline std::string readFile(const std::string& path) { return libtest::readText(path); }

class Server {
 public:
  explicit Server(const std::vector<std::string>& extraArgs = {}) {
    static int serial = 0;
    root_ = fs::temp_directory_path() / ("defen_serve_" + std::to_string(::getpid()) + "_" + std::to_string(serial++));
    fs::remove_all(root_);
    fs::create_directories(root_);
    fs::copy(src("rulesets"), root_ / "rulesets", fs::copy_options::recursive);
    fs::copy(src("examples"), root_ / "examples", fs::copy_options::recursive);
    std::vector<std::string> args{DEFEN_CLI, "serve", "--port", "0", "--rulesets", (root_ / "rulesets").string()};
    if (std::find(extraArgs.begin(), extraArgs.end(), "--web") == extraArgs.end())
      args.insert(args.end(), {"--web", (root_ / "no-page").string()});
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // a crashed test leaves no server behind
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
    char line[256] = {0};
    if (!fgets(line, sizeof line, stdout_)) throw std::runtime_error("defen serve printed nothing");
    firstLine_ = line;
    auto colon = firstLine_.rfind(':');
    port_ = std::stoi(firstLine_.substr(colon + 1));
  }
  ~Server() {
    stop();
    fs::remove_all(root_);
  }
  // SIGTERM, then the exit status (0 after a clean stop).
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    fclose(stdout_);
    pid_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return status_;
  }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& firstLine() const { return firstLine_; }
  fs::path rulesets() const { return root_ / "rulesets"; }
  fs::path root() const { return root_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    c.set_default_headers({{"X-Defen", "1"}});  // as the page sends it (docs/api.md, Security)
    return c;
  }

 private:
  fs::path root_;
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  std::string firstLine_;
  int port_ = 0;
  int status_ = -1;
};

inline Json parse(const httplib::Result& r) {
  if (!r) throw std::runtime_error("no response");
  return Json::parse(r->body);
}

inline httplib::Result postJson(const Server& s, const std::string& path, const Json& body) {
  return s.client().Post(path.c_str(), body.dump(), "application/json");
}

// The server still answers after whatever came before.
inline bool healthy(const Server& s) {
  auto r = s.client().Get("/api/health");
  return r && r->status == 200 && Json::parse(r->body)["ok"] == true;
}

}  // namespace defen::servetest
