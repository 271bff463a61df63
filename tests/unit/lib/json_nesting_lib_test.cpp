// The library reads JSON through the runtime's reader: nesting past 512 is a
// file error for evaluateJson and a NULL with the reason for the C ABI, never
// a tree deep enough to overflow a stack (issue 17).
#include "defen/defen.h"
#include "defen/defen.hpp"
#include "tests/unit/lib/lib_support.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using defen::libtest::src;

const std::string kDeep = "{\"名称\": " + std::string(100000, '[') + std::string(100000, ']') + "}";

TEST(JsonNestingLib, EvaluateJsonNamesTheCap) {
  defen::LoadOptions options;
  options.engine = defen::EngineType::Interpreter;
  defen::LoadResult loaded = defen::Ruleset::load(src("rulesets/zhanjiang-2022-dept.rules"), options);
  ASSERT_TRUE(loaded.ruleset);
  defen::BatchResult batch = loaded.ruleset->evaluateJson(kDeep);
  EXPECT_TRUE(batch.scorecards.empty());
  ASSERT_EQ(batch.fileErrors.size(), 1u);
  EXPECT_NE(batch.fileErrors[0].find("JSON 嵌套超过 512 层（第1行），文件无法读取"), std::string::npos) << batch.fileErrors[0];
}

TEST(JsonNestingLib, TheCAbiReturnsNullWithTheReason) {
  defen_ruleset* ruleset = defen_load_file(src("rulesets/zhanjiang-2022-dept.rules").c_str(), DEFEN_ENGINE_INTERPRETER);
  ASSERT_NE(ruleset, nullptr) << defen_last_error();
  char* result = defen_evaluate(ruleset, kDeep.c_str());
  EXPECT_EQ(result, nullptr);
  EXPECT_NE(std::string(defen_last_error()).find("JSON 嵌套超过 512 层"), std::string::npos) << defen_last_error();
  defen_free_string(result);
  defen_ruleset_free(ruleset);
}

}  // namespace
