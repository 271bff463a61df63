// One compiled ruleset scored from many threads at once gives every thread
// the same score cards as a single thread does (include/defen/ruleset.hpp
// promises this; a service shares one Ruleset between request threads).
#include "defen/defen.hpp"
#include "tests/unit/lib/lib_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace {

using defen::libtest::readText;
using defen::libtest::src;

// Everything a score card says, as one string to compare.
std::string fingerprint(const defen::BatchResult& batch) {
  std::string out;
  for (const auto& card : batch.scorecards) {
    out += card.id + " " + card.total.text + " " + card.grade + "\n";
    for (const auto& i : card.indicators) out += i.name + "=" + i.score.text + " " + i.statusName + " " + i.explanation + "\n";
  }
  return out;
}

void scoreFromManyThreads(defen::EngineType engine) {
  defen::LoadOptions options;
  options.engine = engine;
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), options);
  ASSERT_TRUE(loaded.ok()) << loaded.errorText();
  const defen::Ruleset rules = *loaded.ruleset;
  const std::string data = readText(src("examples/zhanjiang-departments/data.json"));
  const std::string expected = fingerprint(rules.evaluateJson(data));
  ASSERT_NE(expected.find("湛江市社会科学界联合会 86.5 良"), std::string::npos) << expected;
  ASSERT_NE(expected.find("示例单位甲（虚构） 90.15 优"), std::string::npos) << expected;

  constexpr int kThreads = 8, kRounds = 40;
  std::atomic<int> same{0}, different{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t) {
    pool.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        // Alternate whole batches and single records so both paths overlap.
        if ((round + t) % 2 == 0) {
          (fingerprint(rules.evaluateJson(data)) == expected ? same : different)++;
        } else {
          defen::Scorecard card = rules.evaluate(defen::Inputs{{"名称", "线程"}});  // required inputs absent
          (!card.ok && !card.errors.empty() ? same : different)++;
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  EXPECT_EQ(different.load(), 0);
  EXPECT_EQ(same.load(), kThreads * kRounds);
}

TEST(Concurrency, EightThreadsShareOneInterpretedRuleset) { scoreFromManyThreads(defen::EngineType::Interpreter); }

TEST(Concurrency, EightThreadsShareOneJitCompiledRuleset) { scoreFromManyThreads(defen::EngineType::Jit); }

TEST(Concurrency, BatchThreadsGiveTheSameCardsInTheSameOrder) {
  defen::LoadOptions one, many;
  one.engine = many.engine = defen::EngineType::Interpreter;
  many.batchThreads = 4;
  auto a = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), one);
  auto b = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), many);
  ASSERT_TRUE(a.ok() && b.ok());
  // 300 records: enough for evaluateTable to split the batch between threads.
  defen::BatchResult base = a.ruleset->evaluateJson(readText(src("examples/zhanjiang-departments/data.json")));
  ASSERT_EQ(base.scorecards.size(), 3u);
  std::string data = readText(src("examples/zhanjiang-departments/data.json"));
  std::string big = "[";
  for (int i = 0; i < 100; ++i) big += (i ? "," : "") + data.substr(data.find('[') + 1, data.rfind(']') - data.find('[') - 1);
  big += "]";
  defen::BatchResult x = a.ruleset->evaluateJson(big), y = b.ruleset->evaluateJson(big);
  ASSERT_EQ(x.scorecards.size(), 300u);
  EXPECT_EQ(fingerprint(x), fingerprint(y));
  EXPECT_EQ(y.scorecards[298].total, base.scorecards[1].total);
}

}  // namespace
