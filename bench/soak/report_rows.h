// Reading `defen eval --format csv` output as it streams in: one RFC 4180
// record at a time (quoted cells may hold commas, quotes and line breaks),
// from a file descriptor read as data arrives (read(2), not fread, which would
// wait for a whole block and so run behind defen), one record in memory.
#pragma once

#include <cerrno>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

namespace defen::soak {

class ReportRows {
 public:
  explicit ReportRows(int fd) : fd_(fd), buf_(1 << 16) {}

  // The next record's cells; false at the end of the input.
  bool next(std::vector<std::string>& cells) {
    cells.clear();
    int c = get();
    if (c == EOF) return false;
    std::string cell;
    bool quoted = false;
    for (;; c = get()) {
      if (quoted) {
        if (c == EOF) break;  // an unclosed quote at the end: the cell as read
        if (c == '"') {
          if (peek() == '"') {
            get();
            cell += '"';
          } else {
            quoted = false;
          }
        } else {
          cell += static_cast<char>(c);
        }
        continue;
      }
      if (c == EOF || c == '\n') break;
      if (c == ',') {
        cells.push_back(std::move(cell));
        cell.clear();
      } else if (c == '"' && cell.empty()) {
        quoted = true;
      } else if (c != '\r') {
        cell += static_cast<char>(c);
      }
    }
    cells.push_back(std::move(cell));
    return true;
  }

 private:
  int fd_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;

  bool refill() {
    pos_ = end_ = 0;
    ssize_t n;
    do n = ::read(fd_, buf_.data(), buf_.size());
    while (n < 0 && errno == EINTR);
    if (n <= 0) return false;
    end_ = static_cast<size_t>(n);
    return true;
  }
  int get() {
    if (pos_ == end_ && !refill()) return EOF;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  int peek() {
    if (pos_ == end_ && !refill()) return EOF;
    return static_cast<unsigned char>(buf_[pos_]);
  }
};

}  // namespace defen::soak
