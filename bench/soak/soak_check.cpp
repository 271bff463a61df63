// The soak run's checker: reads `defen eval … --format csv` output from
// standard input as it streams and checks that no result was lost, repeated,
// reordered or altered, and that defen's memory stayed flat.
//
//   defen_soak_check --rows N --expected FILE [--pid PID] [--margin PERCENT] [--label TEXT]
//
// Per row: 名称 ends in the id the generator gave it (1..N), 行 equals that id,
// ids arrive in order; the checksum (soak_digest.h) of id, total and grade is
// compared with the one the generator computed with the hand-written scorer.
// With --pid, defen's VmRSS/VmHWM are sampled every second and at every
// step (1M rows, or N/10 for a small N); the table goes to standard output,
// and the run fails if RSS or HWM at the end exceed those at the first step by
// more than --margin percent (default 20). Exit 0 only if every check holds.
#include "bench/soak/proc_memory.h"
#include "bench/soak/report_rows.h"
#include "bench/soak/soak_digest.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace defen::soak {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::uint64_t rows = 0;
  std::string expectedPath;
  pid_t pid = 0;
  double margin = 20;
  std::string label;
};

bool parseOptions(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const char* v = argv[i + 1];
    if (!std::strcmp(argv[i], "--rows")) o.rows = std::strtoull(v, nullptr, 10);
    else if (!std::strcmp(argv[i], "--expected")) o.expectedPath = v;
    else if (!std::strcmp(argv[i], "--pid")) o.pid = static_cast<pid_t>(std::atol(v));
    else if (!std::strcmp(argv[i], "--margin")) o.margin = std::atof(v);
    else if (!std::strcmp(argv[i], "--label")) o.label = v;
    else return false;
  }
  return argc % 2 == 1 && o.rows > 0 && !o.expectedPath.empty();
}

bool readExpected(const std::string& path, Expected& e) {
  std::ifstream in(path);
  std::string key, checksum;
  in >> key >> e.rows >> key >> e.errorRows >> key >> checksum;
  if (!in) return false;
  e.checksum = std::strtoull(checksum.c_str(), nullptr, 16);
  return true;
}

// "87.5" → 8750; false for anything that is not a score with at most 2 places.
bool hundredths(const std::string& s, std::int64_t& out) {
  if (s.empty()) return false;
  std::int64_t whole = 0, frac = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) whole = whole * 10 + (s[i] - '0');
  if (i == 0) return false;
  int places = 0;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++places) frac = frac * 10 + (s[i] - '0');
  if (i != s.size() || places > 2) return false;
  out = whole * 100 + frac * (places == 1 ? 10 : 1);
  return true;
}

// The id at the end of the 名称 cell (湛江市合成预算单位00000042 → 42), or 0.
std::uint64_t trailingId(const std::string& s) {
  size_t start = s.size();
  while (start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9') --start;
  return start == s.size() ? 0 : std::strtoull(s.c_str() + start, nullptr, 10);
}

struct Sample {
  double seconds = 0;
  std::uint64_t rows = 0;
  ProcMemory memory;
};

// Samples defen's memory every second on its own thread.
class Sampler {
 public:
  Sampler(pid_t pid, Clock::time_point t0, const std::atomic<std::uint64_t>& rows) : pid_(pid), t0_(t0), rows_(rows) {
    if (pid_) thread_ = std::thread([this] { loop(); });
  }
  ~Sampler() { stop(); }
  void stop() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
  }
  // Reads now; false when the process has gone.
  bool take(Sample& s) {
    s.seconds = std::chrono::duration<double>(Clock::now() - t0_).count();
    s.rows = rows_.load();
    if (!pid_ || !readProcMemory(pid_, s.memory)) return false;
    std::lock_guard lock(mutex_);
    last_ = s;
    peakRss_ = std::max(peakRss_, s.memory.rssKb);
    ++count_;
    return true;
  }
  Sample last() {
    std::lock_guard lock(mutex_);
    return last_;
  }
  long peakRssKb() {
    std::lock_guard lock(mutex_);
    return peakRss_;
  }
  int count() {
    std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  pid_t pid_;
  Clock::time_point t0_;
  const std::atomic<std::uint64_t>& rows_;
  std::atomic<bool> done_{false};
  std::thread thread_;
  std::mutex mutex_;
  Sample last_;
  long peakRss_ = 0;
  int count_ = 0;

  void loop() {
    for (int tick = 0; !done_; ++tick) {
      if (tick % 10 == 0) {
        Sample s;
        if (!take(s)) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
};

std::string grouped(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

int run(int argc, char** argv) {
  Options o;
  if (!parseOptions(argc, argv, o)) {
    std::fprintf(stderr, "usage: defen_soak_check --rows N --expected FILE [--pid PID] [--margin PERCENT] [--label TEXT]\n");
    return 2;
  }
  const auto t0 = Clock::now();
  const std::uint64_t step = std::max<std::uint64_t>(1, std::min<std::uint64_t>(1'000'000, o.rows / 10));
  std::atomic<std::uint64_t> rowsDone{0};
  Sampler sampler(o.pid, t0, rowsDone);

  ReportRows input(STDIN_FILENO);
  std::vector<std::string> cells;
  if (!input.next(cells) || cells.size() < 5 || cells[0] != "行" || cells[1] != "名称" || cells[2] != "总分" ||
      cells[3] != "等级" || cells.back() != "错误") {
    std::fprintf(stderr, "soak: FAILED: the report does not start with defen's CSV header (行,名称,总分,等级,…,错误)\n");
    return 1;
  }
  const size_t width = cells.size();

  RowDigest digest;
  std::vector<bool> seen(o.rows + 1);
  std::uint64_t count = 0, errorRows = 0, duplicates = 0, reordered = 0, unknown = 0, mislabelled = 0, malformed = 0;
  std::uint64_t highest = 0;
  std::vector<Sample> steps;
  std::printf("%12s %10s %10s %10s %10s\n", "rows", "elapsed s", "rows/s", "RSS MiB", "HWM MiB");
  double lastSeconds = 0;
  std::uint64_t lastRows = 0;
  while (input.next(cells)) {
    ++count;
    rowsDone.store(count, std::memory_order_relaxed);
    const std::uint64_t id = cells.size() >= 2 ? trailingId(cells[1]) : 0;
    std::int64_t total = kNoScore;
    const bool error = cells.size() == width && !cells.back().empty();
    if (cells.size() != width || (!error && !hundredths(cells[2], total))) ++malformed;
    errorRows += error;
    if (error) total = kNoScore;
    if (id == 0 || id > o.rows) {
      ++unknown;
    } else {
      if (seen[id]) ++duplicates;
      seen[id] = true;
      if (id < highest) ++reordered;  // an id smaller than one already seen arrived late
      highest = std::max(highest, id);
      if (std::strtoull(cells[0].c_str(), nullptr, 10) != id) ++mislabelled;  // 行 is the input row
    }
    digest.add(id, total, error || cells.size() < 4 ? "" : cells[3]);
    if (count % step == 0) {
      Sample s;
      bool alive = sampler.take(s);
      if (!alive) s = sampler.last();
      s.rows = count;
      const double rate = s.seconds > lastSeconds ? static_cast<double>(count - lastRows) / (s.seconds - lastSeconds) : 0;
      std::printf("%12s %10.1f %10.0f %10.1f %10.1f%s\n", grouped(count).c_str(), s.seconds, rate, mib(s.memory.rssKb),
                  mib(s.memory.hwmKb), alive ? "" : "  (defen had exited: last sample)");
      std::fflush(stdout);
      if (o.pid && s.memory.rssKb) steps.push_back(s);
      lastSeconds = s.seconds;
      lastRows = count;
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  sampler.stop();

  Expected expected;
  const bool haveExpected = readExpected(o.expectedPath, expected);
  std::uint64_t lost = 0;
  for (std::uint64_t id = 1; id <= o.rows; ++id) lost += !seen[id];

  std::vector<std::string> failures;
  if (!haveExpected) failures.push_back("no expected figures in " + o.expectedPath + " (the generator did not finish)");
  else if (expected.rows != o.rows) failures.push_back("the generator made " + grouped(expected.rows) + " rows");
  if (count != o.rows) failures.push_back(grouped(count) + " result rows for " + grouped(o.rows) + " input rows");
  if (duplicates) failures.push_back(grouped(duplicates) + " repeated");
  if (unknown) failures.push_back(grouped(unknown) + " rows with no id in 1..N");
  if (mislabelled) failures.push_back(grouped(mislabelled) + " rows whose 行 is not their id");
  if (malformed) failures.push_back(grouped(malformed) + " malformed rows");
  if (haveExpected && errorRows != expected.errorRows)
    failures.push_back(grouped(errorRows) + " error rows, expected " + grouped(expected.errorRows));
  const bool checksumOk = haveExpected && digest.value() == expected.checksum;
  char checksum[24];
  std::snprintf(checksum, sizeof checksum, "%016llx", static_cast<unsigned long long>(digest.value()));
  if (haveExpected && !checksumOk) {
    char both[128];
    std::snprintf(both, sizeof both, "checksum %s, expected %016llx", checksum, static_cast<unsigned long long>(expected.checksum));
    failures.push_back(both);
  }

  std::string memory = "memory not sampled";
  if (o.pid) {
    if (steps.size() < 2) {
      failures.push_back("memory: fewer than two samples at the steps (defen ended too early to measure)");
    } else {
      const Sample& base = steps.front();
      const Sample& end = steps.back();
      const double limit = 1 + o.margin / 100;
      char text[200];
      std::snprintf(text, sizeof text, "peak RSS %.1f MiB (at %s: %.1f MiB; at the end %.1f MiB, HWM %.1f MiB)",
                    mib(std::max(sampler.peakRssKb(), end.memory.hwmKb)), grouped(base.rows).c_str(), mib(base.memory.rssKb),
                    mib(end.memory.rssKb), mib(end.memory.hwmKb));
      memory = text;
      if (static_cast<double>(end.memory.rssKb) > limit * static_cast<double>(base.memory.rssKb) ||
          static_cast<double>(end.memory.hwmKb) > limit * static_cast<double>(base.memory.hwmKb)) {
        std::snprintf(text, sizeof text, "memory grew more than %.0f%%: RSS %.1f → %.1f MiB, HWM %.1f → %.1f MiB", o.margin,
                      mib(base.memory.rssKb), mib(end.memory.rssKb), mib(base.memory.hwmKb), mib(end.memory.hwmKb));
        failures.push_back(text);
      }
    }
    std::printf("memory samples: %d (every second and at every step)\n", sampler.count());
  }

  std::printf("soak%s: %s rows, %s lost, %s reordered, %s error rows, checksum %s (%s), %s, %.0f rows/s, %.1f s\n",
              o.label.empty() ? "" : (" " + o.label).c_str(), grouped(count).c_str(), grouped(lost).c_str(),
              grouped(reordered).c_str(), grouped(errorRows).c_str(), checksumOk ? "OK" : "MISMATCH", checksum, memory.c_str(),
              seconds > 0 ? static_cast<double>(count) / seconds : 0.0, seconds);
  if (lost) failures.insert(failures.begin(), grouped(lost) + " lost");
  if (reordered) failures.insert(failures.begin(), grouped(reordered) + " reordered");
  for (const auto& f : failures) std::printf("soak: FAILED: %s\n", f.c_str());
  return failures.empty() ? 0 : 1;
}

}  // namespace
}  // namespace defen::soak

int main(int argc, char** argv) { return defen::soak::run(argc, argv); }
