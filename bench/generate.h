// Deterministic synthetic departments for the Zhanjiang 2022 standard.
//
// Every input of rulesets/zhanjiang-2022-dept.rules is filled with realistic
// values (money with cents, ratios, counts, 是/否, enum labels, reviewer scores
// with their 说明), spread so that every band of every table fires (支出完成率
// from 60% to 105%, 结转结余率 from 0 to 40%, …), every 不考核 rule applies to
// some departments, optional inputs are sometimes absent (督查得分 → 满分;
// 转移支付提前下达比例 and 下属单位预算批复 when no rule reads them), and a few
// rows carry a 核定分. The same seed always gives the same departments, on
// every platform (own PRNG, no <random> distributions).
#pragma once

#include "bench/zhanjiang_handwritten.h"
#include "compiler/core/table.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace defen::bench {

// Departments [first, first + count) of the sequence for `seed`: department i
// depends only on (seed, i), so a large data set can be produced in chunks.
std::vector<zj::Department> generateDepartments(std::size_t count, std::uint64_t seed = 2022, std::size_t first = 0);

// The data file's columns: 名称, every input, every 评审 indicator with its
// 说明, and the 核定分 columns used by the generator.
std::vector<std::string> dataColumns();

// The departments as the raw table a reader would produce from a data file
// (text cells; absent inputs are Missing). Rows are numbered from first + 1.
Table toTable(const std::vector<zj::Department>& departments, std::size_t first = 0);

// The same data as CSV text (header and one line per department).
void writeCsvHeader(std::ostream& out);
void writeCsvRows(std::ostream& out, const std::vector<zj::Department>& departments, std::size_t first = 0);
// How long the reviewers' 说明 are: a word ("符合要求。", narrow rows of about
// 500 bytes), a sentence (the default, about 1.9 KB a row) or a paragraph of
// several sentences (about 4 KB a row, as real files have).
enum class Reasons { Word, Sentence, Paragraph };
void writeCsvRows(std::ostream& out, const std::vector<zj::Department>& departments, std::size_t first, Reasons reasons);
std::string toCsv(const std::vector<zj::Department>& departments);

}  // namespace defen::bench
