// A change in words, for the text and HTML outputs: the group it is listed
// under and one self-contained line, in Chinese or English.
//   group: "预算执行情况 › 支出管理"
//   line:  "结转结余率：分值 3分 → 2分"
#pragma once

#include "compiler/core/diagnostics.h"
#include "compiler/tools/diff/diff.h"

#include <string>

namespace defen::diff {

// 文件头, 等级, 输入, 令, 加减分, or for an indicator its parent's path
// (a top-level indicator: its own name, so it heads its children's group).
std::string groupOf(const Change& c, Lang lang);
// The change without its place in the file.
std::string lineOf(const Change& c, Lang lang);
// "（旧第171行，新第176行）", "（新第12行）"; empty when neither side has a place.
std::string placeOf(const Change& c, Lang lang);
// A short label of the kind for a badge: 修改 新增 删除 改名 移动 措辞.
std::string badgeOf(const Change& c, Lang lang);
// What part changed, for a table column: 分值, 分段, 公式, 说明 …
std::string partOf(const Change& c, Lang lang);
// Whose change it is, for a table column: the indicator, header field, grade, input, 令 or 加减分 name.
std::string subjectOf(const Change& c);
// "湛江市…评价（2022年度，版本 2022.1）".
std::string standardTitle(const Standard& s, Lang lang);

}  // namespace defen::diff
