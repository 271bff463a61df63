// The JIT's object cache stays bounded (issue 17: every edit in the workbench
// is a new key, and the cache grew without end): after a compile it keeps the
// 200 most recently used objects and removes the rest.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <set>

namespace defen::clitest {
namespace {

namespace fs = std::filesystem;

TEST(JitCache, KeepsTheTwoHundredMostRecentlyUsedObjects) {
  const fs::path cache = fs::temp_directory_path() / ("defen_jit_cache_" + std::to_string(::getpid()));
  fs::remove_all(cache);
  fs::create_directories(cache);
  const auto now = fs::file_time_type::clock::now();
  for (int i = 0; i < 230; ++i) {
    const fs::path old = cache / ("old" + std::to_string(i) + ".o");
    std::ofstream(old) << std::string(1024, 'x');
    fs::last_write_time(old, now - std::chrono::hours(i + 1));  // old0 the most recent
  }
  std::ofstream(cache / "crashed.o.tmp123") << "half";
  fs::last_write_time(cache / "crashed.o.tmp123", now - std::chrono::hours(2));

  const char* previous = std::getenv("DEFEN_CACHE_DIR");
  const std::string saved = previous ? previous : "";
  setenv("DEFEN_CACHE_DIR", cache.c_str(), 1);
  std::string rules = tempFile("jitcache.rules", R"(名称 "缓存"
年度 2022
总分 10分
输入 { 执行率：比率 }
指标 执行 10分 { 分段 执行率 { 结果 ≥ 90% → 10分; 结果 < 90% → 0分 } }
)");
  CliRun r = runStdout("eval --format csv --engine jit " + rules + " " + tempFile("jitcache.csv", "执行率\n95%\n"));
  if (previous) setenv("DEFEN_CACHE_DIR", saved.c_str(), 1);
  else unsetenv("DEFEN_CACHE_DIR");
  EXPECT_EQ(r.exit, 0) << r.out;

  std::set<std::string> kept;
  for (const auto& e : fs::directory_iterator(cache)) kept.insert(e.path().filename().string());
  EXPECT_EQ(kept.size(), 200u);
  EXPECT_FALSE(kept.count("crashed.o.tmp123"));
  for (int i = 0; i < 199; ++i) EXPECT_TRUE(kept.count("old" + std::to_string(i) + ".o")) << i;
  for (int i = 199; i < 230; ++i) EXPECT_FALSE(kept.count("old" + std::to_string(i) + ".o")) << i;
  int fresh = 0;
  for (const auto& name : kept) fresh += name.rfind("old", 0) != 0;
  EXPECT_EQ(fresh, 1);  // the object just compiled
  fs::remove_all(cache);
}

}  // namespace
}  // namespace defen::clitest
