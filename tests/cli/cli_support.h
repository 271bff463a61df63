// Running `defen` as a user runs it, for the CLI tests.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace defen::clitest {

struct CliRun {
  int exit = -1;
  std::string out;  // stdout and stderr together
};

inline CliRun execute(const std::string& args, bool withStderr) {
  std::string cmd = std::string(DEFEN_CLI) + " " + args + (withStderr ? " 2>&1" : " 2>/dev/null");
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// stdout and stderr together / stdout only.
inline CliRun run(const std::string& args) { return execute(args, true); }
inline CliRun runStdout(const std::string& args) { return execute(args, false); }

// A path inside the source tree.
inline std::string src(const std::string& rel) { return std::string(DEFEN_SOURCE_DIR) + "/" + rel; }

// A file in the temporary directory, unique to this process.
inline std::string tempFile(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("defen_cli_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace defen::clitest
