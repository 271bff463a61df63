// Generated departments (bench/generate.h) as a CSV file on standard output,
// for timing `defen eval` end to end (scripts/bench):
//
//   defen_csv_generate N [--narrow | --wide] [--seed S] > FILE.csv
//
// --narrow: the inputs and reviewer scores with a one-word 说明 (~500 bytes
// a row); --wide: each 说明 a paragraph (~4 KB a row, as real files have);
// neither: one sentence each (~1.9 KB).
#include "bench/generate.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  using namespace defen::bench;
  if (argc < 2) {
    std::fprintf(stderr, "usage: defen_csv_generate N [--narrow | --wide] [--seed S]\n");
    return 2;
  }
  const unsigned long long n = std::strtoull(argv[1], nullptr, 10);
  Reasons reasons = Reasons::Sentence;
  std::uint64_t seed = 2022;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--narrow")) reasons = Reasons::Word;
    else if (!std::strcmp(argv[i], "--wide")) reasons = Reasons::Paragraph;
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else {
      std::fprintf(stderr, "defen_csv_generate: unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  writeCsvHeader(std::cout);
  std::ostringstream text;
  constexpr std::size_t kBatch = 4096;
  for (std::size_t first = 0; first < n; first += kBatch) {
    const std::size_t count = static_cast<std::size_t>(std::min<unsigned long long>(kBatch, n - first));
    text.str("");
    writeCsvRows(text, generateDepartments(count, seed, first), first, reasons);
    std::cout << text.view();
  }
  std::cout.flush();
  return std::cout ? 0 : 1;
}
