// Another process's memory as Linux reports it in /proc/<pid>/status:
// VmRSS (resident now) and VmHWM (the peak resident so far), in KiB.
#pragma once

#include <cstdio>
#include <cstring>
#include <string>
#include <sys/types.h>

namespace defen::soak {

struct ProcMemory {
  long rssKb = 0;
  long hwmKb = 0;
};

// False when the process has gone (or never was).
inline bool readProcMemory(pid_t pid, ProcMemory& out) {
  const std::string path = "/proc/" + std::to_string(pid) + "/status";
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return false;
  char line[256];
  ProcMemory m;
  bool rss = false, hwm = false;
  while (std::fgets(line, sizeof line, f)) {
    if (!std::strncmp(line, "VmRSS:", 6)) rss = std::sscanf(line + 6, "%ld", &m.rssKb) == 1;
    else if (!std::strncmp(line, "VmHWM:", 6)) hwm = std::sscanf(line + 6, "%ld", &m.hwmKb) == 1;
  }
  std::fclose(f);
  if (!rss || !hwm) return false;  // a zombie has no memory lines
  out = m;
  return true;
}

inline double mib(long kb) { return static_cast<double>(kb) / 1024.0; }

}  // namespace defen::soak
