// The soak run's input: N generated departments (bench/generate.h) streamed as
// CSV to standard output, ids 1..N in the 名称 column (…单位00000001), a
// batch at a time, so neither the data nor a file of it is ever held whole.
// Each department is also scored by the hand-written scorer
// (bench/zhanjiang_handwritten.h), independently of defen, and the expected
// row count, error rows and checksum (soak_digest.h) are written to
// --expected FILE before standard output is closed, so the file is complete
// by the time defen sees the end of its input.
//
//   defen_soak_generate N --expected FILE [--seed S]
#include "bench/generate.h"
#include "bench/soak/soak_digest.h"
#include "bench/zhanjiang_handwritten.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>

namespace defen::soak {
namespace {

constexpr std::size_t kBatch = 4096;
constexpr Decimal::Raw kHundredth = Decimal::kOne / 100;

int usage() {
  std::fprintf(stderr, "usage: defen_soak_generate N --expected FILE [--seed S]\n");
  return 2;
}

bool writeExpected(const std::string& path, const Expected& e) {
  const std::string temp = path + ".partial";
  FILE* f = std::fopen(temp.c_str(), "w");
  if (!f) return false;
  std::fprintf(f, "rows %llu\nerror_rows %llu\nchecksum %016llx\n", static_cast<unsigned long long>(e.rows),
               static_cast<unsigned long long>(e.errorRows), static_cast<unsigned long long>(e.checksum));
  return std::fclose(f) == 0 && std::rename(temp.c_str(), path.c_str()) == 0;
}

int run(int argc, char** argv) {
  if (argc < 2) return usage();
  char* end = nullptr;
  const unsigned long long n = std::strtoull(argv[1], &end, 10);
  if (*end || n == 0) return usage();
  std::string expectedPath;
  std::uint64_t seed = 2022;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--expected")) expectedPath = argv[i + 1];
    else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
    else return usage();
  }
  if (expectedPath.empty() || argc % 2 != 0) return usage();

  std::ios::sync_with_stdio(false);
  bench::writeCsvHeader(std::cout);
  RowDigest digest;
  Expected expected;
  bench::zj::Scores scores;
  std::ostringstream text;
  for (std::size_t first = 0; first < n; first += kBatch) {
    const std::size_t count = static_cast<std::size_t>(std::min<unsigned long long>(kBatch, n - first));
    auto departments = bench::generateDepartments(count, seed, first);
    text.str("");
    bench::writeCsvRows(text, departments, first);
    std::cout << text.view();
    if (!std::cout) {
      std::fprintf(stderr, "defen_soak_generate: standard output closed after %zu rows\n", first);
      return 1;
    }
    for (std::size_t i = 0; i < count; ++i) {
      bench::zj::score(departments[i], scores);
      const std::uint64_t id = first + i + 1;
      if (!scores.ok) {
        ++expected.errorRows;
        digest.add(id, kNoScore, "");
        continue;
      }
      // The ruleset rounds the total to 2 places, so hundredths are exact.
      if (scores.total.raw() % kHundredth != 0) {
        std::fprintf(stderr, "defen_soak_generate: row %llu: total %s has more than 2 places\n",
                     static_cast<unsigned long long>(id), toString(scores.total).c_str());
        return 1;
      }
      digest.add(id, static_cast<std::int64_t>(scores.total.raw() / kHundredth), bench::zj::kGradeNames[scores.grade]);
    }
  }
  expected.rows = n;
  expected.checksum = digest.value();
  if (!writeExpected(expectedPath, expected)) {
    std::fprintf(stderr, "defen_soak_generate: cannot write %s\n", expectedPath.c_str());
    return 1;
  }
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace
}  // namespace defen::soak

int main(int argc, char** argv) { return defen::soak::run(argc, argv); }
