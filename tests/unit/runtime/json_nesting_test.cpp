// JSON nesting is capped before any reader builds a tree (issue 17: 100k '['
// in a 190 KB body crashed the server through a recursive dump).
#include "compiler/io/json_nesting.h"
#include "compiler/io/readers.h"

#include <gtest/gtest.h>

#include <string>

namespace defen {
namespace {

TEST(JsonNesting, FindsTheBracketThatGoesTooDeep) {
  EXPECT_FALSE(jsonNestingExceededAt(R"({"a": [[1, 2], {"b": [3]}]})", 4));
  EXPECT_EQ(jsonNestingExceededAt(R"({"a": [[1, 2], {"b": [3]}]})", 3), 21u);  // [3] is level 4
  EXPECT_EQ(jsonNestingExceededAt(R"({"a": [[[1]]]})", 3), 8u);
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_FALSE(jsonNestingExceededAt(R"({"a": "[[[[\"[[[["})", 1));
  // Siblings do not add up: depth, not count.
  EXPECT_FALSE(jsonNestingExceededAt("[[]] [[]] [[]]", 2));
  EXPECT_FALSE(jsonNestingExceededAt(std::string(512, '[') + std::string(512, ']')));
  EXPECT_EQ(jsonNestingExceededAt(std::string(513, '[')), 512u);
}

TEST(JsonNesting, ADataFileNestedDeeperThanTheCapIsOneFileError) {
  std::string deep = "[{\"金额\": " + std::string(100000, '[') + std::string(100000, ']') + "}]";
  const Table t = readJson(deep);
  EXPECT_TRUE(t.records.empty());
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].line, 1);
  EXPECT_EQ(t.errors[0].message, "JSON 嵌套超过 512 层（第1行），文件无法读取");
  // A nested value within the cap is still one cell's error, the row kept.
  const Table ok = readJson(R"([{"金额": [[1]], "单位": "甲"}])");
  ASSERT_EQ(ok.records.size(), 1u);
  ASSERT_EQ(ok.errors.size(), 1u);
  EXPECT_EQ(ok.errors[0].column, "金额");
}

}  // namespace
}  // namespace defen
