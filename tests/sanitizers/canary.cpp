// Deliberately wrong on request, to prove the sanitized build is what it
// claims: if a change to the flags or options made ASan or UBSan silent, the
// sanitized run would pass over real bugs and still look green.
//
//   sanitizer_canary heap|overflow|leak
#include <climits>
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: sanitizer_canary heap|overflow|leak\n");
    return 2;
  }
  // volatile: the optimiser must not fold the bugs away at compile time.
  volatile int index = 4;
  if (std::strcmp(argv[1], "heap") == 0) {
    std::vector<int> v(4);
    return v.data()[index];  // one past the end
  }
  if (std::strcmp(argv[1], "overflow") == 0) {
    volatile int big = INT_MAX;
    return big + index > 0 ? 0 : 1;  // signed overflow
  }
  if (std::strcmp(argv[1], "leak") == 0) {
    int* lost = new int[index];
    lost[0] = 1;
    lost = nullptr;
    return 0;
  }
  return 2;
}
