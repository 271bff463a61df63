// The 附件1 grid: one row per leaf, ancestors spanning their leaves' rows.
#include "compiler/report/attachment_layout.h"

#include <gtest/gtest.h>

namespace defen {
namespace {

ReportNode node(std::vector<std::string> path, int max, bool leaf) {
  return ReportNode{std::move(path), Decimal::fromInt(max), leaf, ""};
}

TEST(AttachmentLayout, ParentsSpanTheirLeavesAndShallowLeavesLeaveBlanks) {
  ReportSchema s;
  s.nodes = {node({"A"}, 20, false),           node({"A", "A1"}, 12, false), node({"A", "A1", "x"}, 3, true),
             node({"A", "A1", "y"}, 9, true),  node({"A", "A2"}, 8, true),   node({"B"}, 10, false),
             node({"B", "B1"}, 10, false),     node({"B", "B1", "z"}, 10, true)};
  AttachmentLayout l = attachmentLayout(s);
  ASSERT_EQ(l.depth, 3);
  ASSERT_EQ(l.rows.size(), 4u);
  EXPECT_EQ(l.rows[0].leaf, 2);
  EXPECT_EQ(l.rows[0].levels, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(l.rows[0].spans, (std::vector<int>{3, 2, 1}));
  EXPECT_EQ(l.rows[1].spans, (std::vector<int>{0, 0, 1}));
  // A2 is a leaf at level 2: its 三级 cell is blank.
  EXPECT_EQ(l.rows[2].levels, (std::vector<int>{0, 4, -1}));
  EXPECT_EQ(l.rows[2].spans, (std::vector<int>{0, 1, 1}));
  EXPECT_EQ(l.rows[3].levels, (std::vector<int>{5, 6, 7}));
  EXPECT_EQ(l.rows[3].spans, (std::vector<int>{1, 1, 1}));
}

TEST(AttachmentLayout, DeeperTreesGetMoreLevelColumns) {
  ReportSchema s;
  s.nodes = {node({"A"}, 10, false), node({"A", "B"}, 10, false), node({"A", "B", "C"}, 10, false),
             node({"A", "B", "C", "D"}, 10, true)};
  AttachmentLayout l = attachmentLayout(s);
  EXPECT_EQ(l.depth, 4);
  EXPECT_EQ(levelHeader(0), "一级指标");
  EXPECT_EQ(levelHeader(3), "四级指标");
}

}  // namespace
}  // namespace defen
