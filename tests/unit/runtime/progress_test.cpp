#include "compiler/core/progress.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

TEST(Progress, BarFillsWithTheShareRead) {
  EXPECT_EQ(progressLine(0, 1000, 0), "[--------------------]   0%  已处理 0 行");
  EXPECT_EQ(progressLine(500, 1000, 120000), "[##########----------]  50%  已处理 120,000 行");
  EXPECT_EQ(progressLine(1000, 1000, 1234567), "[####################] 100%  已处理 1,234,567 行");
  EXPECT_EQ(progressLine(1500, 1000, 5, 4), "[####] 100%  已处理 5 行");  // never past 100%
  // Standard input or a pipe has no size: the count alone, never a bar stuck at 0% or 100%.
  EXPECT_EQ(progressLine(123456, 0, 1234567, 4), "已处理 1,234,567 行");
}

}  // namespace
}  // namespace defen
