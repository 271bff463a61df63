// Tests for the CSV and JSON readers and readDataFile.
#include "compiler/io/readers.h"
#include "compiler/core/value.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

namespace defen {
namespace {

using Kind = Cell::Kind;

// Asserts a cell's kind and text in one line.
void expectCell(const Cell& cell, Kind kind, const std::string& text) {
  EXPECT_EQ(cell.kind, kind) << "text: " << cell.text;
  EXPECT_EQ(cell.text, text);
}

void expectMissing(const Cell& cell) {
  EXPECT_EQ(cell.kind, Kind::Missing) << "text: " << cell.text;
}

// UTF-8 → GB18030 bytes, via ICU, so the test data stays readable.
std::string toGb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<size_t>(n));
  return out;
}

// ---------------------------------------------------------------------------
// CSV

TEST(CsvReader, BomCrlfQuotesAndEmbeddedCommaAndNewline) {
  const std::string csv =
      "\xEF\xBB\xBF单位名称,预算金额,备注\r\n"
      "\"财政局\",\"3,974,522.77\",\"含\"\"引号\"\"\"\r\n"
      "教育局, 100 ,\"第一行\r\n第二行\"\r\n";
  const Table t = readCsv(csv);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.columns, (std::vector<std::string>{"单位名称", "预算金额", "备注"}));
  ASSERT_EQ(t.records.size(), 2u);

  EXPECT_EQ(t.records[0].row, 1);
  EXPECT_EQ(t.records[0].line, 2);
  expectCell(t.records[0].cells[0], Kind::Text, "财政局");
  expectCell(t.records[0].cells[1], Kind::Text, "3,974,522.77");
  expectCell(t.records[0].cells[2], Kind::Text, "含\"引号\"");

  EXPECT_EQ(t.records[1].row, 2);
  EXPECT_EQ(t.records[1].line, 3);
  expectCell(t.records[1].cells[1], Kind::Text, "100");  // unquoted: spaces trimmed
  expectCell(t.records[1].cells[2], Kind::Text, "第一行\n第二行");  // CRLF inside quotes → \n
}

TEST(CsvReader, LineNumbersCountPhysicalLinesAfterMultilineCells) {
  const Table t = readCsv("a,b\n1,\"x\ny\nz\"\n2,w\n");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].line, 2);
  EXPECT_EQ(t.records[1].row, 2);
  EXPECT_EQ(t.records[1].line, 5);
}

TEST(CsvReader, EmptyAndShortCellsAreMissingAndQuotedSpacesKept) {
  const Table t = readCsv("a,b,c,d\n1,,\"\",\"  x \"\n2\n");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.records.size(), 2u);
  const auto& r1 = t.records[0].cells;
  ASSERT_EQ(r1.size(), 4u);
  expectCell(r1[0], Kind::Text, "1");
  expectMissing(r1[1]);
  expectMissing(r1[2]);
  expectCell(r1[3], Kind::Text, "  x ");
  const auto& r2 = t.records[1].cells;
  ASSERT_EQ(r2.size(), 4u);
  expectCell(r2[0], Kind::Text, "2");
  expectMissing(r2[1]);
  expectMissing(r2[2]);
  expectMissing(r2[3]);
}

TEST(CsvReader, BlankLinesAndCommaOnlyRowsAreSkippedAndNotCounted) {
  const Table t = readCsv("\n\na,b\n\n1,2\n   \n,,\n3,4\n\n");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].row, 1);
  EXPECT_EQ(t.records[0].line, 5);
  EXPECT_EQ(t.records[1].row, 2);
  EXPECT_EQ(t.records[1].line, 8);
  expectCell(t.records[1].cells[1], Kind::Text, "4");
}

TEST(CsvReader, LfOnlyAndNoFinalNewline) {
  const Table t = readCsv("a,b\n1,2\n3,4");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.records.size(), 2u);
  expectCell(t.records[1].cells[1], Kind::Text, "4");
}

TEST(CsvReader, TooManyCellsIsAnErrorForThatRowOnly) {
  const Table t = readCsv("a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 2);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].column, "");
  EXPECT_EQ(t.errors[0].message, "该行有4个值，但表头只有3列");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].row, 1);
  EXPECT_EQ(t.records[1].row, 3);
  expectCell(t.records[1].cells[0], Kind::Text, "8");
}

TEST(CsvReader, TrailingEmptyCellsBeyondHeaderAreTolerated) {
  const Table t = readCsv("a,b\n1,2,,\"\"\n");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].cells.size(), 2u);
}

TEST(CsvReader, DuplicateHeaderIsAFileLevelError) {
  const Table t = readCsv("单位,金额,单位\nx,1,y\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].column, "单位");
  EXPECT_EQ(t.errors[0].message, "表头中“单位”列出现了不止一次");
}

TEST(CsvReader, UnterminatedQuoteNamesItsLine) {
  const Table t = readCsv("a,b\n1,2\n3,\"abc\n4,5\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 2);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].message, "第3行开始的引号没有结束（缺少配对的 \"）");
  // Only the quote's own line is lost: the row after it is read as usual.
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].row, 3);
  EXPECT_EQ(t.records[1].line, 4);
  expectCell(t.records[1].cells[0], Kind::Text, "4");
  expectCell(t.records[1].cells[1], Kind::Text, "5");
}

TEST(CsvReader, StrayBytesInUtf8FileFailOnlyTheirRow) {
  // A UTF-8 file with one cell pasted from a GBK document (C3 FB is “名” in
  // GBK): that row is an error naming its column, the others are read.
  const Table t = readCsv("单位,金额\n甲,1\n\xC3\xFB,2\n丙,3\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 2);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].column, "单位");
  EXPECT_EQ(t.errors[0].message, "有不是 UTF-8 的字节（文件损坏，或混入了其他编码的文字），该行不计分");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].row, 1);
  EXPECT_EQ(t.records[1].row, 3);
  expectCell(t.records[1].cells[0], Kind::Text, "丙");
}

TEST(CsvReader, FileCutInsideACharacterFailsOnlyTheLastRow) {
  const std::string whole = "单位,金额\n甲,1\n乙,2\n丁";
  const Table t = readCsv(whole.substr(0, whole.size() - 1));  // the last byte of 丁 missing
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 3);
  EXPECT_EQ(t.errors[0].column, "单位");
  ASSERT_EQ(t.records.size(), 2u);
}

TEST(CsvReader, DamagedHeaderIsAFileLevelError) {
  const Table t = readCsv("单位,\xC3\xFB额\n甲,1\n乙,2\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "表头（第1行）有不是 UTF-8 的字节，列名无法识别");
}

TEST(CsvReader, EmptyFileIsAnError) {
  const Table t = readCsv("\n\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "数据文件是空的（没有表头）");
}

TEST(CsvReader, HardCodedGbkBytesAreConverted) {
  // "名称,金额\n财政局,12万元\n" in GBK.
  const std::string gbk =
      "\xC3\xFB\xB3\xC6,\xBD\xF0\xB6\xEE\n"
      "\xB2\xC6\xD5\xFE\xBE\xD6,12\xCD\xF2\xD4\xAA\n";
  for (Encoding enc : {Encoding::Auto, Encoding::Gb18030}) {
    const Table t = readCsv(gbk, enc);
    ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
    ASSERT_EQ(t.columns, (std::vector<std::string>{"名称", "金额"}));
    ASSERT_EQ(t.records.size(), 1u);
    expectCell(t.records[0].cells[0], Kind::Text, "财政局");
    expectCell(t.records[0].cells[1], Kind::Text, "12万元");
  }
}

TEST(CsvReader, Gb18030ProducedByIcuIncludingFourByteCharacters) {
  // 𠀀 (U+20000) needs a four-byte GB18030 sequence.
  const std::string utf8 = "单位名称,预算执行率,说明\r\n\"教育局\",\"95.5%\",\"𠀀，全角，逗号\"\r\n";
  const std::string gb = toGb18030(utf8);
  ASSERT_NE(gb, utf8);
  const Table t = readCsv(gb);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.records.size(), 1u);
  expectCell(t.records[0].cells[0], Kind::Text, "教育局");
  expectCell(t.records[0].cells[1], Kind::Text, "95.5%");
  expectCell(t.records[0].cells[2], Kind::Text, "𠀀，全角，逗号");
}

TEST(CsvReader, ForcedUtf8RejectsGbkBytesWithLine) {
  const Table t = readCsv("a,b\n\xC3\xFB,1\n", Encoding::Utf8);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].line, 2);
  EXPECT_EQ(t.errors[0].message, "数据文件不是有效的 UTF-8 编码（第2行有无法识别的字节）");
  EXPECT_TRUE(t.records.empty());
}

TEST(CsvReader, BytesThatAreNeitherEncodingAreAFileLevelError) {
  // 0xFF is not a GB18030 lead byte, and not UTF-8 either.
  const Table t = readCsv("a,b\n1,2\nx\xFF,3\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].message, "数据文件既不是 UTF-8 也不是 GB18030 编码（第3行有无法识别的字节）");
}

TEST(CsvReader, UnquotedCellsAreTrimmedButInnerQuotesKeptLiterally) {
  const Table t = readCsv("a,b\n  x y  ,ab\"c\n");
  ASSERT_TRUE(t.errors.empty());
  expectCell(t.records[0].cells[0], Kind::Text, "x y");
  expectCell(t.records[0].cells[1], Kind::Text, "ab\"c");
}

// ---------------------------------------------------------------------------
// JSON

TEST(JsonReader, SingleObjectKeepsExactNumberText) {
  const Table t = readJson(R"({"单位":"财政局","金额":3974522.77,"项目数":142,"大数":123456789012345678901234567890,
"比率":-0.3574,"科学":1.5E-2,"是否":true,"否":false,"空":null})");
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.columns.size(), 9u);
  ASSERT_EQ(t.records.size(), 1u);
  const Record& r = t.records[0];
  EXPECT_EQ(r.row, 1);
  EXPECT_EQ(r.line, 1);
  expectCell(r.cells[0], Kind::Text, "财政局");
  expectCell(r.cells[1], Kind::Number, "3974522.77");
  expectCell(r.cells[2], Kind::Number, "142");
  expectCell(r.cells[3], Kind::Number, "123456789012345678901234567890");
  expectCell(r.cells[4], Kind::Number, "-0.3574");
  expectCell(r.cells[5], Kind::Number, "1.5E-2");
  expectCell(r.cells[6], Kind::Bool, "true");
  expectCell(r.cells[7], Kind::Bool, "false");
  expectMissing(r.cells[8]);
}

TEST(JsonReader, NumbersBeyondDoubleRangeStayAsTextAndFailCleanlyLater) {
  const Table t = readJson("[{\"金额\": 1e400, \"x\": \"1e400\"}, {\"金额\": -2E+999}]");
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.records.size(), 2u);
  expectCell(t.records[0].cells[0], Kind::Number, "1e400");
  expectCell(t.records[0].cells[1], Kind::Text, "1e400");  // strings are untouched
  expectCell(t.records[1].cells[0], Kind::Number, "-2E+999");

  InputSpec money{"金额", InputKind::Money, MoneyUnit::Yuan, {}};
  const Conversion c = convertCell(t.records[0].cells[0], money);
  ASSERT_TRUE(std::holds_alternative<std::string>(c));
  EXPECT_EQ(std::get<std::string>(c),
            "应为金额（元），但“1e400”超出可表示的范围（绝对值应小于 10的20次方，小数最多 18 位）");
}

TEST(JsonReader, ArrayColumnsInOrderOfFirstAppearanceAndLines) {
  const std::string text =
      "[\n"
      "  {\"a\": 1, \"b\": \"x\"},\n"
      "  {\"c\": 2.50,\n"
      "   \"a\": 3}\n"
      "]\n";
  const Table t = readJson(text);
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.columns, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].row, 1);
  EXPECT_EQ(t.records[0].line, 2);
  EXPECT_EQ(t.records[1].row, 2);
  EXPECT_EQ(t.records[1].line, 3);
  ASSERT_EQ(t.records[0].cells.size(), 3u);  // padded to every column
  expectCell(t.records[0].cells[0], Kind::Number, "1");
  expectCell(t.records[0].cells[1], Kind::Text, "x");
  expectMissing(t.records[0].cells[2]);
  expectCell(t.records[1].cells[0], Kind::Number, "3");
  expectMissing(t.records[1].cells[1]);
  expectCell(t.records[1].cells[2], Kind::Number, "2.50");  // trailing zero kept
}

TEST(JsonReader, NestedValueIsAnErrorButTheRowIsKept) {
  const Table t = readJson(R"([{"a": 1, "b": {"x": [1, {"y": 2}]}, "c": [3], "d": 4}])");
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].row, 1);
  EXPECT_EQ(t.errors[0].column, "b");
  EXPECT_EQ(t.errors[0].message, "“b”的值不能是对象（只有由对象组成的列表可以嵌套，如“绩效指标”）");
  EXPECT_EQ(t.errors[1].column, "c");
  EXPECT_EQ(t.errors[1].message, "“c”应为由对象组成的列表，其中有数字");
  ASSERT_EQ(t.columns, (std::vector<std::string>{"a", "b", "c", "d"}));
  ASSERT_EQ(t.records.size(), 1u);
  expectCell(t.records[0].cells[0], Kind::Number, "1");
  expectMissing(t.records[0].cells[1]);
  expectMissing(t.records[0].cells[2]);
  expectCell(t.records[0].cells[3], Kind::Number, "4");
}

TEST(JsonReader, AListOfObjectsIsOneRowsCell) {
  const Table t = readJson("[{\"项目名称\": \"甲\",\n \"绩效指标\": [{\"三级指标\": \"数量\", \"分值\": \"8\"},\n"
                           "  {\"分值\": 12.50, \"三级指标\": \"质量\", \"得分\": \"12\"}], \"总分\": 90},\n"
                           " {\"项目名称\": \"乙\", \"绩效指标\": []}]");
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.columns, (std::vector<std::string>{"项目名称", "绩效指标", "总分"}));
  ASSERT_EQ(t.records.size(), 2u);
  const Cell& list = t.records[0].cells[1];
  ASSERT_EQ(list.kind, Kind::Rows);
  ASSERT_TRUE(list.rows);
  EXPECT_EQ(list.rows->columns, (std::vector<std::string>{"三级指标", "分值", "得分"}));
  ASSERT_EQ(list.rows->records.size(), 2u);
  EXPECT_EQ(list.rows->records[0].row, 1);
  EXPECT_EQ(list.rows->records[0].line, 2);
  expectCell(list.rows->records[0].cells[0], Kind::Text, "数量");
  expectMissing(list.rows->records[0].cells[2]);  // padded to the list's columns
  EXPECT_EQ(list.rows->records[1].row, 2);
  EXPECT_EQ(list.rows->records[1].line, 3);
  expectCell(list.rows->records[1].cells[1], Kind::Number, "12.50");
  expectCell(list.rows->records[1].cells[2], Kind::Text, "12");
  expectCell(t.records[0].cells[2], Kind::Number, "90");
  const Cell& empty = t.records[1].cells[1];
  ASSERT_EQ(empty.kind, Kind::Rows);
  EXPECT_TRUE(empty.rows->records.empty());
}

TEST(JsonReader, AListNestsOneLevelOnly) {
  const Table t = readJson(R"([{"a": [{"x": 1, "y": {"z": 2}}, {"x": [3]}, {"x": 4, "x": 5}], "b": 1}])");
  ASSERT_EQ(t.errors.size(), 3u);
  EXPECT_EQ(t.errors[0].message, "“a”第1行的“y”不能是对象");
  EXPECT_EQ(t.errors[1].message, "“a”第2行的“x”不能是数组");
  EXPECT_EQ(t.errors[2].message, "“a”第3行的“x”出现了不止一次");
  EXPECT_EQ(t.errors[0].column, "a");
  ASSERT_EQ(t.records.size(), 1u);
  ASSERT_EQ(t.records[0].cells[0].kind, Kind::Rows);  // the rows are kept, the bad cells Missing
  EXPECT_EQ(t.records[0].cells[0].rows->records.size(), 3u);
  expectCell(t.records[0].cells[1], Kind::Number, "1");
}

TEST(JsonReader, NonObjectElementIsAnErrorAndNotARecord) {
  const Table t = readJson("[{\"a\": 1},\n 5,\n [1, 2],\n {\"a\": 2}]");
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].row, 2);
  EXPECT_EQ(t.errors[0].line, 2);
  EXPECT_EQ(t.errors[0].message, "数组元素应为对象，实际为数字");
  EXPECT_EQ(t.errors[1].row, 3);
  EXPECT_EQ(t.errors[1].line, 3);
  EXPECT_EQ(t.errors[1].message, "数组元素应为对象，实际为数组");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].row, 1);
  EXPECT_EQ(t.records[1].row, 4);
  EXPECT_EQ(t.records[1].line, 4);
}

TEST(JsonReader, DuplicateKeyLeavesCellMissing) {
  const Table t = readJson(R"({"a": 1, "a": 2})");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].column, "a");
  EXPECT_EQ(t.errors[0].message, "“a”在同一条记录中出现了不止一次");
  ASSERT_EQ(t.records.size(), 1u);
  expectMissing(t.records[0].cells[0]);
}

TEST(JsonReader, TopLevelScalarIsAFileLevelError) {
  const Table t = readJson("42");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "JSON 顶层应为一个对象或对象数组，实际为数字");
  EXPECT_TRUE(t.records.empty());
}

TEST(JsonReader, EmptyArrayIsNoRecords) {
  const Table t = readJson(" [ ] ");
  EXPECT_TRUE(t.errors.empty());
  EXPECT_TRUE(t.records.empty());
}

TEST(JsonReader, InvalidJsonReportsLineAndColumn) {
  const Table t = readJson("{\n  \"a\": 1,\n  \"名称\": tru\n}");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].line, 3);
  // Column in characters, pointing at the bad literal: `  "名称": tru`.
  EXPECT_EQ(t.errors[0].message, "JSON 格式错误（第3行第9列）：“tru”处有语法错误");
  EXPECT_TRUE(t.records.empty());
  EXPECT_TRUE(t.columns.empty());
}

TEST(JsonReader, TrailingCommaIsReportedAtTheBrace) {
  const Table t = readJson("[{\"a\": 1,}]");
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "JSON 格式错误（第1行第10列）：“}”处有语法错误；此后的内容无法读取");
  EXPECT_EQ(t.errors[1].row, 1);
  EXPECT_EQ(t.errors[1].message, "JSON 格式错误（第1行第10列）：“}”处有语法错误；这一条及其后的记录无法读取");
}

TEST(JsonReader, RecordsBeforeASyntaxErrorAreKept) {
  // A comma missing between the second and third record: the first two are
  // read, the third is the error, nothing after it is guessed at.
  const Table t = readJson("[{\"a\": 1},\n {\"a\": 2}\n {\"a\": 3}, {\"a\": 4}]");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].row, 2);
  expectCell(t.records[1].cells[0], Kind::Number, "2");
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[1].row, 3);
  EXPECT_EQ(t.errors[1].line, 3);
  EXPECT_EQ(t.errors[1].message, "JSON 格式错误（第3行第2列）：“{”处有语法错误；这一条及其后的记录无法读取");
}

TEST(JsonReader, NanAndInfinityAreCellsNotSyntaxErrors) {
  // Python's json.dump writes them; each is kept as its text for the cell's
  // own error, and the file is read.
  const Table t = readJson("[{\"a\": NaN, \"b\": -Infinity, \"c\": Infinity, \"d\": \"NaN\"}]");
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.records.size(), 1u);
  expectCell(t.records[0].cells[0], Kind::Number, "NaN");
  expectCell(t.records[0].cells[1], Kind::Number, "-Infinity");
  expectCell(t.records[0].cells[2], Kind::Number, "Infinity");
  expectCell(t.records[0].cells[3], Kind::Text, "NaN");
}

TEST(JsonReader, SyntaxErrorMessagesQuoteTheSource) {
  const std::pair<const char*, const char*> cases[] = {
      {"{\"a\": 1.}", "JSON 格式错误（第1行第7列）：“1.”处有语法错误"},
      {"{\"a\": nul }", "JSON 格式错误（第1行第7列）：“nul”处有语法错误"},
      {"{\"a\": 01}", "JSON 格式错误（第1行第7列）：“01”处有语法错误"},
      {"{\"a\": true]", "JSON 格式错误（第1行第11列）：“]”处有语法错误"},
      {"{\"a\": 1} x", "JSON 格式错误（第1行第10列）：“x”处有语法错误"},
      {"{\"a\": \"x\ny\"}", "JSON 格式错误（第1行第9列）：字符串中有未转义的控制字符（如换行）"},
      {"{\"a\": \"\\q\"}", "JSON 格式错误（第1行第9列）：字符串中有无效的转义序列"},
      {"{\"a\": \"\xFF\"}", "JSON 格式错误（第1行第8列）：字符串中有无效的 UTF-8 字节"},
  };
  for (const auto& [json, message] : cases) {
    const Table t = readJson(json);
    ASSERT_EQ(t.errors.size(), 1u) << json;
    EXPECT_EQ(t.errors[0].row, 0) << json;
    EXPECT_EQ(t.errors[0].message, message) << json;
  }
}

TEST(JsonReader, BomIsSkippedAndNegativeZeroKept) {
  const Table t = readJson("\xEF\xBB\xBF[{\"a\": -0}]");
  ASSERT_TRUE(t.errors.empty());
  expectCell(t.records.at(0).cells.at(0), Kind::Number, "-0");
}

TEST(JsonReader, TruncatedInputAndEmptyInput) {
  const Table t = readJson("[{\"a\": 1}");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].message, "JSON 格式错误（第1行第10列）：内容不完整，文件意外结束；此后的内容无法读取");
  ASSERT_EQ(t.records.size(), 1u);  // the record completed before the end

  const Table e = readJson("  \n");
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].message, "数据文件是空的");
}

// ---------------------------------------------------------------------------
// readDataFile

class DataFileTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& content) {
    const std::filesystem::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("defen_readers_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(DataFileTest, ChoosesReaderByExtensionCaseInsensitively) {
  const Table csv = readDataFile(write("data.CSV", "a\n1\n"));
  ASSERT_TRUE(csv.errors.empty());
  expectCell(csv.records.at(0).cells.at(0), Kind::Text, "1");

  const Table json = readDataFile(write("data.Json", "{\"a\": 1}"));
  ASSERT_TRUE(json.errors.empty());
  expectCell(json.records.at(0).cells.at(0), Kind::Number, "1");
}

TEST_F(DataFileTest, EncodingIsPassedToTheCsvReader) {
  const Table t = readDataFile(write("gbk.csv", "\xC3\xFB\xB3\xC6\n1\n"), Encoding::Utf8);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
}

TEST_F(DataFileTest, UnknownExtensionIsAFileLevelError) {
  const std::string path = write("data.xls", "");
  const Table t = readDataFile(path);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "不支持的数据文件类型“.xls”：应为 .csv、.json 或 .xlsx 文件（" + path + "）");
}

TEST_F(DataFileTest, MissingFileOrDirectoryNamesThePath) {
  const std::string missing = (dir_ / "nope.csv").string();
  const Table t = readDataFile(missing);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "无法打开数据文件 " + missing);

  std::filesystem::create_directories(dir_ / "dir.json");
  const Table d = readDataFile((dir_ / "dir.json").string());
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].message, "无法打开数据文件 " + (dir_ / "dir.json").string());
}

// ---------------------------------------------------------------------------
// Table

TEST(Table, ColumnIndex) {
  Table t;
  t.columns = {"a", "b", "a"};
  EXPECT_EQ(t.columnIndex("b"), 1u);
  EXPECT_EQ(t.columnIndex("a"), 0u);  // first of a duplicated name
  EXPECT_FALSE(t.columnIndex("c").has_value());
}

}  // namespace
}  // namespace defen
