// Reports written under a temporary name beside the destination and renamed
// over it only once complete: a run that fails or is interrupted leaves the
// previous report (or none), never half of one. People open yesterday's
// report while today's run is scoring; a truncated file there is worse than
// an old one.
//
// A destination that is not a regular file (a FIFO, a terminal, /dev/null,
// /proc/self/fd/1) is written in place instead: renaming over it would
// replace the device or link with a file. A symbolic link to a regular file
// stays a link; the file at its end is replaced. A write error (ENOSPC) is
// an error from commit() either way.
#pragma once

#include <fstream>
#include <string>

namespace defen {

class AtomicFile {
 public:
  // `path` is the report's final name. Nothing is touched until create().
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // not committed: the temporary file is removed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Creates the temporary file in the destination's directory (so the rename
  // cannot cross file systems). False with `error` naming the path when the
  // directory cannot be written.
  bool create(std::string& error);

  // For writers that take a path (libxlsxwriter); the file exists and is empty.
  const std::string& tempPath() const { return temp_; }
  // For writers that take a stream; opened on tempPath() at the first call.
  std::ofstream& stream();

  // Closes the stream and renames the temporary file over the destination.
  // False with `error` set (and the temporary file removed) when anything
  // written failed or the rename did.
  bool commit(std::string& error);

 private:
  std::string path_;    // where the report goes (a symbolic link's target)
  std::string temp_;    // empty until create()
  std::ofstream out_;
  bool opened_ = false;
  bool direct_ = false;  // the destination is no regular file: written in place
  int slot_ = -1;       // in the table of files removed on SIGINT/SIGTERM
  void discard();
};

}  // namespace defen
