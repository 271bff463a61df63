#include "compiler/core/atomic_file.h"

#include <array>
#include <atomic>
#include <csignal>
#include <pthread.h>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace defen {
namespace fs = std::filesystem;

namespace {

// Temporary files of reports in progress, removed if the run is stopped with
// Ctrl-C or kill (SIGINT, SIGTERM, SIGHUP): fixed storage, because a signal
// handler may only call async-signal-safe functions (unlink, raise).
constexpr int kSlots = 8;
constexpr size_t kPathMax = 4096;
std::array<std::array<char, kPathMax>, kSlots> pendingPaths;
std::array<std::atomic<bool>, kSlots> pendingUsed;
std::once_flag handlersInstalled;

extern "C" void removePendingAndDie(int sig) {
  for (int i = 0; i < kSlots; ++i)
    if (pendingUsed[i].load()) ::unlink(pendingPaths[i].data());
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void installHandlers() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    // A handler someone else installed (an embedding program) is left alone.
    struct sigaction old {};
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_DFL) std::signal(sig, removePendingAndDie);
  }
}

int registerPending(const std::string& path) {
  if (path.size() >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    if (pendingUsed[i].load()) continue;
    std::memcpy(pendingPaths[i].data(), path.c_str(), path.size() + 1);
    pendingUsed[i].store(true);
    return i;
  }
  return -1;  // more reports at once than slots: still atomic, just not cleaned on a signal
}

// The mode a newly created file would get (0666 less the umask), so a report
// does not come out private just because mkstemp creates files 0600. Reading
// the umask means setting it; done once, before any report is written.
mode_t newFileMode() {
  static const mode_t mode = [] {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  // What the path leads to decides how it is written. Something that is not
  // a regular file (a FIFO, a terminal, /dev/null, /proc/self/fd/1 leading to
  // a pipe) is written in place: renaming a file over it would replace the
  // device or the link with a plain file and the reader would get nothing.
  struct stat target {};
  if (::stat(path_.c_str(), &target) == 0 && !S_ISREG(target.st_mode)) {
    direct_ = true;
    return;
  }
  // A symbolic link to a regular file (or to where one will be) stays a
  // link: the file at the end of the chain is replaced.
  std::error_code ec;
  if (fs::is_symlink(path_, ec)) {
    fs::path resolved = fs::weakly_canonical(path_, ec);
    if (!ec) path_ = resolved.string();
  }
}

AtomicFile::~AtomicFile() { discard(); }

bool AtomicFile::create(std::string& error) {
  if (direct_) {
    temp_ = path_;
    return true;
  }
  fs::path dest(path_);
  fs::path dir = dest.parent_path();
  std::string pattern = (dir / ("." + dest.filename().string() + ".defen-XXXXXX")).string();
  const mode_t mode = newFileMode();
  std::call_once(handlersInstalled, installHandlers);
  // A signal between creating the file and registering it would leave the
  // file behind: hold the stop signals until it is registered.
  sigset_t stops, previous;
  sigemptyset(&stops);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stops, sig);
  pthread_sigmask(SIG_BLOCK, &stops, &previous);
  int fd = ::mkstemp(pattern.data());
  if (fd >= 0) slot_ = registerPending(pattern);
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (fd < 0) {
    error = "无法写入 " + path_ + "（" + std::strerror(errno) + "）";
    return false;
  }
  struct stat existing {};
  ::fchmod(fd, ::stat(path_.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : mode);
  ::close(fd);
  temp_ = pattern;
  return true;
}

std::ofstream& AtomicFile::stream() {
  if (!opened_) {
    // In place, a device or FIFO is opened for writing as it is (no
    // truncation: there is nothing to truncate and a FIFO cannot seek).
    out_.open(temp_, direct_ ? std::ios::binary | std::ios::out : std::ios::binary | std::ios::trunc);
    opened_ = true;
  }
  return out_;
}

bool AtomicFile::commit(std::string& error) {
  if (opened_) {
    out_.flush();
    const bool wrote = static_cast<bool>(out_);
    out_.close();  // a write error (ENOSPC on /dev/full) may show only here
    if (!wrote || out_.fail()) {
      error = "写入 " + path_ + " 失败 / could not write " + path_;
      discard();
      return false;
    }
  }
  if (direct_) {
    temp_.clear();
    return true;
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    error = "无法写入 " + path_ + "（" + std::strerror(errno) + "）";
    discard();
    return false;
  }
  if (slot_ >= 0) pendingUsed[slot_].store(false);
  slot_ = -1;
  temp_.clear();
  return true;
}

void AtomicFile::discard() {
  if (opened_ && out_.is_open()) out_.close();
  if (!temp_.empty() && !direct_) ::unlink(temp_.c_str());
  if (slot_ >= 0) pendingUsed[slot_].store(false);
  slot_ = -1;
  temp_.clear();
}

}  // namespace defen
