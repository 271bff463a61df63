// Peak memory of the library's batch call over a data file, in a process of
// its own (docs/benchmarks.md): Ruleset::evaluateFile as an embedder calls it.
//
//   defen_lib_batch RULES DATA [--keep]
//
// Without --keep each score card goes to a callback and is dropped (the
// streaming overload); with --keep every card is kept in the BatchResult
// (the overload that returns them all). Prints records, seconds and the peak
// resident set size.
#include "defen/defen.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: defen_lib_batch RULES DATA [--keep]\n");
    return 2;
  }
  const bool keep = argc > 3 && std::strcmp(argv[3], "--keep") == 0;
  defen::LoadOptions options;
  options.batchThreads = 0;  // all cores, as defen eval
  defen::LoadResult loaded = defen::Ruleset::load(argv[1], options);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s", loaded.errorText().c_str());
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t records = 0, failed = 0;
  defen::BatchResult batch;
  if (keep) {
    batch = loaded.ruleset->evaluateFile(argv[2]);
    records = batch.scorecards.size();
    for (const auto& card : batch.scorecards) failed += !card.errors.empty();
  } else {
    batch = loaded.ruleset->evaluateFile(argv[2], [&](defen::Scorecard&& card) {
      ++records;
      failed += !card.errors.empty();
    });
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("mode=%s\nrecords=%zu\nfailed=%zu\nfile_errors=%zu\nseconds=%.2f\nrecords_per_second=%.0f\npeak_rss_kb=%ld\n",
              keep ? "keep" : "callback", records, failed, batch.fileErrors.size(), seconds, static_cast<double>(records) / seconds,
              usage.ru_maxrss);
  return batch.fileErrors.empty() ? 0 : 1;
}
