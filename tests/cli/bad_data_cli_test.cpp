// Bad data, nothing lost (issue 6): each bad input sits between two good rows
// in CSV, JSON and XLSX. The bad row is an error naming its row and column,
// the rows around it are scored, the report has exactly one entry per input
// row, and the exit code says errors occurred. Then overflow in both engines,
// and reports that are renamed into place so a failing run leaves the old one
// intact. (The language's own limits: limits_cli_test.cpp.)
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <vector>

namespace {

using namespace defen::clitest;
namespace fs = std::filesystem;

// 支出 multiplies the amount by a million, so an amount near the top of the
// decimal range overflows there and only there.
const char* kRules = R"(名称 "坏数据"
年度 2024
总分 10分
舍入 四舍五入 2位

输入 {
  支出金额：金额（元），范围 [0, +∞)
  执行率：比率，范围 [0, +∞)
  问题个数：数量
  批复情况：枚举｛按时、超时、未批复｝
}

指标 执行 4分 {
  得分 = 分值 × 最小(1, 执行率)
}

指标 规范 2分 {
  扣分 { 问题个数 每 1个 扣 0.5分 }
}

指标 批复 2分 {
  分段 批复情况 {
    按时 → 2分
    超时 → 1分
    未批复 → 0分
  }
}

指标 支出 2分 {
  令 放大 = 支出金额 × 1000000
  得分 = 若 放大 > 0 则 分值 否则 0分
}
)";

const std::vector<std::string> kColumns = {"名称", "支出金额", "执行率", "问题个数", "批复情况"};
// Row 1 scores 3.6 + 1.5 + 2 + 2 = 9.1; row 3 scores 3.2 + 2 + 1 + 2 = 8.2.
const std::vector<std::string> kGood1 = {"甲", "100", "90%", "1", "按时"};
const std::vector<std::string> kGood3 = {"丙", "100", "80%", "0", "超时"};

std::string rulesFile() {
  static const std::string path = tempFile("bad_data.rules", kRules);
  return path;
}

nlohmann::json evalJson(const std::string& data, int& exit, const std::string& extra = "") {
  CliRun r = runStdout("eval --format json " + extra + " " + rulesFile() + " " + data);
  exit = r.exit;
  return nlohmann::json::parse(r.out, nullptr, false);
}

// The contract for one bad row between two good ones: the rows around it
// are scored, it has no grade and its errors name the row and the column.
// A bad value in a cell (faulted ≥ 0) faults only the indicators reading it
// (status failed, score null, its own errors): the others are scored and
// the total is incomplete (issue 17). A row the reader could not read whole
// has no total and no scores.
void expectOnlyRowTwoFails(const nlohmann::json& j, int exit, const std::string& where, const std::string& mention,
                           const std::string& label, int faulted = -1) {
  EXPECT_EQ(exit, 1) << label;
  ASSERT_TRUE(j.is_object()) << label << ": no JSON report";
  const auto& res = j["results"];
  ASSERT_EQ(res.size(), 3u) << label << ": " << res.dump();
  EXPECT_EQ(res[0]["total"].dump(), "9.1") << label;
  EXPECT_EQ(res[2]["total"].dump(), "8.2") << label;
  EXPECT_EQ(res[1]["row"], 2) << label;
  EXPECT_TRUE(res[1]["grade"].is_null()) << label;
  if (faulted < 0) {
    EXPECT_TRUE(res[1]["total"].is_null()) << label;
    EXPECT_TRUE(res[1]["indicators"].empty()) << label;
  } else {
    EXPECT_EQ(res[1]["incomplete"], true) << label << ": " << res[1].dump();
    EXPECT_TRUE(res[1]["total"].is_number()) << label;
  }
  int failed = 0;
  for (const auto& n : res[1]["indicators"]) {
    if (n["status"] != "failed") {
      EXPECT_TRUE(n["score"].is_number()) << label << ": " << n.dump();
      continue;
    }
    ++failed;
    EXPECT_TRUE(n["score"].is_null()) << label;
    EXPECT_FALSE(n["errors"].empty()) << label;
  }
  if (faulted >= 0) {
    EXPECT_EQ(failed, faulted) << label << ": " << res[1].dump();
  }
  std::string errors;
  for (const auto& e : res[1]["errors"]) errors += e.get<std::string>() + "\n";
  EXPECT_NE(errors.find("第2行"), std::string::npos) << label << ": " << errors;
  EXPECT_NE(errors.find(where), std::string::npos) << label << ": " << errors;
  EXPECT_NE(errors.find(mention), std::string::npos) << label << ": " << errors;
}

std::string csvLine(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
  return out + "\n";
}

// One bad value, written as each format would carry it.
struct BadValue {
  const char* label;
  const char* column;
  const char* text;       // CSV cell, XLSX string cell
  const char* json;       // JSON value as written in the file
  const char* where;      // the column (or indicator) the error must name
  const char* mention;    // and what it must say
};

const BadValue kBadValues[] = {
    {"text in a money column", "支出金额", "abc", "\"abc\"", "列“支出金额”", "实际为“abc”"},
    {"text in a ratio column", "执行率", "九成", "\"九成\"", "列“执行率”", "实际为“九成”"},
    {"NaN", "支出金额", "NaN", "NaN", "列“支出金额”", "实际为“NaN”"},
    {"inf", "支出金额", "inf", "\"inf\"", "列“支出金额”", "实际为“inf”"},
    {"-Infinity", "支出金额", "-Infinity", "-Infinity", "列“支出金额”", "实际为“-Infinity”"},
    {"1e400", "支出金额", "1e400", "1e400", "列“支出金额”", "1e400"},
    {"27 digits", "支出金额", "999999999999999999999999999", "999999999999999999999999999", "列“支出金额”",
     "超出可表示的范围"},
    {"negative money where 范围 forbids it", "支出金额", "-100", "-100", "列“支出金额”", "超出规定范围"},
    {"percent where money is expected", "支出金额", "50%", "\"50%\"", "列“支出金额”", "实际为“50%”"},
    {"enum value not in the list", "批复情况", "已批复", "\"已批复\"", "列“批复情况”", "实际为“已批复”"},
    {"fraction in a count", "问题个数", "2.5", "2.5", "列“问题个数”", "2.5"},
    {"negative count", "问题个数", "-1", "-1", "列“问题个数”", "-1"},
    {"missing required value", "批复情况", "", "null", "指标“批复”", "缺少必填数据“批复情况”"},
    {"overflow while scoring", "支出金额", "100000000000000000", "100000000000000000", "指标“支出”", "计算溢出"},
};

std::vector<std::string> badRow(const BadValue& v) {
  std::vector<std::string> row = kGood1;
  row[0] = "乙";
  for (size_t i = 0; i < kColumns.size(); ++i)
    if (kColumns[i] == v.column) row[i] = v.text;
  return row;
}

TEST(BadData, EachBadValueInCsvFailsOnlyItsRow) {
  for (const auto& v : kBadValues) {
    std::string csv = tempFile("bad_value.csv", csvLine(kColumns) + csvLine(kGood1) + csvLine(badRow(v)) + csvLine(kGood3));
    int exit = 0;
    auto j = evalJson(csv, exit);
    expectOnlyRowTwoFails(j, exit, v.where, v.mention, std::string("CSV ") + v.label, 1);
  }
}

std::string jsonObject(const std::vector<std::string>& cells, const BadValue* bad) {
  std::string out = "{";
  for (size_t i = 0; i < kColumns.size(); ++i) {
    std::string value = "\"" + cells[i] + "\"";
    if (bad && kColumns[i] == bad->column) value = bad->json;
    out += (i ? ", \"" : "\"") + kColumns[i] + "\": " + value;
  }
  return out + "}";
}

TEST(BadData, EachBadValueInJsonFailsOnlyItsRow) {
  for (const auto& v : kBadValues) {
    std::vector<std::string> bad = kGood1;
    bad[0] = "乙";
    std::string json = "[" + jsonObject(kGood1, nullptr) + ",\n" + jsonObject(bad, &v) + ",\n" + jsonObject(kGood3, nullptr) + "]";
    int exit = 0;
    auto j = evalJson(tempFile("bad_value.json", json), exit);
    expectOnlyRowTwoFails(j, exit, v.where, v.mention, std::string("JSON ") + v.label, 1);
  }
}

// Cells typed in Excel: numbers as numbers, everything else as text.
std::string writeWorkbook(const std::string& name, const std::vector<std::vector<std::string>>& rows) {
  const std::string path = tempFile(name, "");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& s = rows[r][c];
      if (s.empty()) continue;
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      bool number = r > 0 && end && *end == '\0' && s.find_first_not_of("-0123456789.") == std::string::npos;
      if (number) worksheet_write_number(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), d, nullptr);
      else worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), s.c_str(), nullptr);
    }
  }
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

TEST(BadData, EachBadValueInXlsxFailsOnlyItsRow) {
  for (const auto& v : kBadValues) {
    // A 27-digit number typed in Excel is stored as a double (1E+27): as
    // text it is the same test as the CSV one.
    std::string xlsx = writeWorkbook("bad_value.xlsx", {kColumns, kGood1, badRow(v), kGood3});
    int exit = 0;
    auto j = evalJson(xlsx, exit);
    expectOnlyRowTwoFails(j, exit, v.where, v.mention, std::string("XLSX ") + v.label, 1);
  }
}

// Damage to the file rather than to one value.
struct BadFile {
  const char* label;
  const char* name;
  std::string bytes;
  const char* where;
  const char* mention;
  // Indicators faulted by a bad cell in a row the reader kept (the reader's
  // own cell errors included: a JSON object as a value, a key given twice);
  // -1: the reader refused the row, which then has no total and no scores.
  int faulted = -1;
};

std::string csvOf(const std::string& middle) {
  return csvLine(kColumns) + csvLine(kGood1) + middle + csvLine(kGood3);
}

std::string jsonOf(const std::string& middle) {
  return "[" + jsonObject(kGood1, nullptr) + ",\n" + middle + ",\n" + jsonObject(kGood3, nullptr) + "]";
}

TEST(BadData, DamagedRowsFailOnlyThemselves) {
  const BadFile files[] = {
      {"a cell pasted from a GBK document", "gbk_cell.csv", csvOf("\xD2\xD2,100,90%,1,按时\n"), "列“名称”",
       "不是 UTF-8 的字节"},
      {"a byte that is neither encoding", "ff.csv", csvOf("乙,100,90%,1,\xFF\n"), "列“批复情况”", "不是 UTF-8 的字节"},
      {"an unclosed quote", "quote.csv", csvOf("乙,\"100,90%,1,按时\n"), "第3行开始的引号没有结束", "缺少配对"},
      {"more values than columns", "wide.csv", csvOf("乙,100,90%,1,按时,多余\n"), "6个值", "表头只有5列"},
      {"a row cut short", "short.csv", csvOf("乙,100\n"), "指标“执行”", "缺少必填数据“执行率”", 3},
      {"NUL byte in a number", "nul.csv", csvOf(std::string("乙,1\0" "00,90%,1,按时\n", 22)), "列“支出金额”", "应为金额", 1},
      {"a nested object as a value", "nested.json",
       jsonOf("{\"名称\": \"乙\", \"支出金额\": {\"元\": 100}, \"执行率\": \"90%\", \"问题个数\": 1, \"批复情况\": \"按时\"}"),
       "列“支出金额”", "不能是对象", 1},
      {"an array element that is not an object", "number.json", jsonOf("42"), "第2行", "数组元素应为对象"},
      {"a key given twice", "dupkey.json",
       jsonOf("{\"名称\": \"乙\", \"支出金额\": 1, \"支出金额\": 2, \"执行率\": \"90%\", \"问题个数\": 1, \"批复情况\": \"按时\"}"),
       "列“支出金额”", "出现了不止一次", 1},
  };
  for (const auto& f : files) {
    int exit = 0;
    auto j = evalJson(tempFile(f.name, f.bytes), exit);
    expectOnlyRowTwoFails(j, exit, f.where, f.mention, f.label, f.faulted);
  }
}

TEST(BadData, TruncatedFilesKeepTheRowsBeforeTheCut) {
  // CSV cut inside the last character: rows 1 and 2 score, row 3 is the error.
  std::string csv = csvLine(kColumns) + csvLine(kGood1) + csvLine(kGood3) + "丁";
  int exit = 0;
  auto j = evalJson(tempFile("cut.csv", csv.substr(0, csv.size() - 1)), exit);
  EXPECT_EQ(exit, 1);
  ASSERT_EQ(j["results"].size(), 3u) << j.dump();
  EXPECT_EQ(j["results"][0]["total"].dump(), "9.1");
  EXPECT_EQ(j["results"][1]["total"].dump(), "8.2");
  EXPECT_NE(j["results"][2]["errors"][0].get<std::string>().find("第3行，列“名称”"), std::string::npos) << j.dump();

  // JSON cut in the middle of the third record.
  std::string json = jsonOf(jsonObject(kGood1, nullptr));
  CliRun r = run("eval --format json " + rulesFile() + " " + tempFile("cut.json", json.substr(0, json.size() - 30)));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("内容不完整，文件意外结束；此后的内容无法读取"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"row\":3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("第3行：JSON 格式错误（第3行"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"row\":4"), std::string::npos) << r.out;
}

TEST(BadData, FileLevelProblemsAreClearErrors) {
  struct Case { const char* name; std::string bytes; const char* message; } cases[] = {
      {"empty.csv", "", "数据文件是空的（没有表头）"},
      {"empty.json", "  \n", "数据文件是空的"},
      // A GB18030 file read as UTF-8 by force: the first line is named.
      {"forced.csv", "\xC3\xFB\xB3\xC6,\xD6\xA7\n", "数据文件不是有效的 UTF-8 编码（第1行有无法识别的字节）"},
      {"header.csv", "名称,支出\xFF金额\n甲,1\n乙,2\n", "表头（第1行）有不是 UTF-8 的字节"},
      {"not_really.xlsx", "PK not a zip", "xlsx"},
  };
  for (const auto& c : cases) {
    std::string extra = std::string(c.name) == "forced.csv" ? "--encoding utf8 " : "";
    CliRun r = run("eval " + extra + rulesFile() + " " + tempFile(c.name, c.bytes));
    EXPECT_EQ(r.exit, 1) << c.name << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.name << ": " << r.out;
  }
}

TEST(BadData, Gb18030FileIsReadLikeUtf8) {
  // The same rows saved by WPS in GB18030 score the same.
  const std::string gb = "\xC3\xFB\xB3\xC6,\xD6\xA7\xB3\xF6\xBD\xF0\xB6\xEE,\xD6\xB4\xD0\xD0\xC2\xCA,"
                         "\xCE\xCA\xCC\xE2\xB8\xF6\xCA\xFD,\xC5\xFA\xB8\xB4\xC7\xE9\xBF\xF6\n"  // 名称,支出金额,执行率,问题个数,批复情况
                         "\xBC\xD7,100,90%,1,\xB0\xB4\xCA\xB1\n";                                   // 甲,100,90%,1,按时
  int exit = 0;
  auto j = evalJson(tempFile("gb.csv", gb), exit);
  EXPECT_EQ(exit, 0) << j.dump();
  ASSERT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["results"][0]["id"], "甲");
  EXPECT_EQ(j["results"][0]["total"].dump(), "9.1");
}

TEST(BadData, ColumnsMissingDuplicatedOrExtra) {
  // A duplicated column the ruleset reads: which one was meant is a guess,
  // so every row is an error naming it, and none is scored.
  std::string dup = "名称,支出金额,执行率,问题个数,批复情况,执行率\n甲,100,90%,1,按时,90%\n乙,100,90%,1,按时,80%\n";
  int exit = 0;
  auto j = evalJson(tempFile("dup.csv", dup), exit);
  EXPECT_EQ(exit, 1);
  ASSERT_EQ(j["results"].size(), 2u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(j["results"][i]["total"].is_null());
    EXPECT_EQ(j["results"][i]["errors"][0], "第" + std::to_string(i + 1) +
                                                 "行，列“执行率”：表头中“执行率”列出现了不止一次，无法确定用哪一列");
  }
  // A duplicated column nothing reads stays a file-level error; rows score.
  std::string unused = "名称,支出金额,执行率,问题个数,批复情况,备注,备注\n甲,100,90%,1,按时,a,b\n";
  CliRun r = run("eval --format json " + rulesFile() + " " + tempFile("dup_unused.csv", unused));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("表头中“备注”列出现了不止一次"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"total\":9.1"), std::string::npos) << r.out;

  // A missing column: every row names the data it lacks.
  j = evalJson(tempFile("nocol.csv", "名称,支出金额,执行率,问题个数\n甲,100,90%,1\n乙,100,90%,1\n"), exit);
  EXPECT_EQ(exit, 1);
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["results"][1]["errors"][0], "第2行，指标“批复”：缺少必填数据“批复情况”");

  // An extra column is a warning; blank rows and rows of bare commas are skipped.
  r = run("eval --format json " + rulesFile() + " " +
          tempFile("extra.csv", "名称,支出金额,执行率,问题个数,批复情况,备注\n甲,100,90%,1,按时,x\n\n,,,,,\n丙,100,80%,0,超时,y\n"));
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_NE(r.out.find("警告：数据列“备注”不对应任何输入或指标，已忽略"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"row\":2,\"id\":\"丙\",\"total\":8.2"), std::string::npos) << r.out;
}

TEST(BadData, OverflowIsAnErrorInBothEngines) {
  // 10^17 元 × 1,000,000 is past the decimal range (about 1.7 × 10^20):
  // an error naming the indicator, the rule and the row, never a wrapped value.
  std::string csv = tempFile("overflow.csv", csvOf("乙,100000000000000000,90%,1,按时\n"));
  for (const char* engine : {"interp", "jit"}) {
    int exit = 0;
    auto j = evalJson(csv, exit, std::string("--engine ") + engine);
    EXPECT_EQ(exit, 1) << engine;
    ASSERT_EQ(j["results"].size(), 3u) << engine;
    EXPECT_EQ(j["results"][1]["errors"][0], "第2行，指标“支出”：计算溢出（规则第30行“支出金额 × 1000000”）") << engine;
    EXPECT_EQ(j["results"][2]["total"].dump(), "8.2") << engine;
  }
}

TEST(BadData, ManyRowsWithBadOnesInterleavedKeepOneEntryEach) {
  // 5,000 rows, every 7th bad, through the chunked CSV reader and threads:
  // one entry per row, in order, and only the bad rows fail.
  std::string csv = csvLine(kColumns);
  for (int i = 1; i <= 5000; ++i) csv += i % 7 == 0 ? "坏" + std::to_string(i) + ",x,90%,1,按时\n" : csvLine(kGood1);
  int exit = 0;
  auto j = evalJson(tempFile("many.csv", csv), exit, "--threads 2");
  EXPECT_EQ(exit, 1);
  ASSERT_EQ(j["results"].size(), 5000u);
  int failed = 0;
  for (int i = 0; i < 5000; ++i) {
    const auto& r = j["results"][i];
    ASSERT_EQ(r["row"], i + 1);
    if ((i + 1) % 7 == 0) {
      ++failed;
      EXPECT_EQ(r["errors"][0], "第" + std::to_string(i + 1) + "行，列“支出金额”：应为金额（元），实际为“x”");
    } else {
      EXPECT_EQ(r["total"].dump(), "9.1");
    }
  }
  EXPECT_EQ(failed, 714);
}

TEST(BadData, UnclosedQuotesInALargeFileFailOnlyTheirRows) {
  // Two quotes that never close, on rows 2 and 2,000 of 3,000: the chunked
  // reader ends the chunk 1,000 lines after each (not at the end of the file),
  // and the report is still one entry per row, in order, naming each line.
  std::string csv = csvLine(kColumns);
  for (int i = 1; i <= 3000; ++i) csv += i == 2 || i == 2000 ? "乙" + std::to_string(i) + ",\"100,90%,1,按时\n" : csvLine(kGood1);
  int exit = 0;
  auto j = evalJson(tempFile("quotes.csv", csv), exit, "--threads 2");
  EXPECT_EQ(exit, 1);
  ASSERT_EQ(j["results"].size(), 3000u);
  for (int i = 0; i < 3000; ++i) {
    const auto& r = j["results"][i];
    ASSERT_EQ(r["row"], i + 1);
    if (i + 1 == 2 || i + 1 == 2000) {
      ASSERT_EQ(r["errors"].size(), 1u) << r.dump();
      EXPECT_NE(r["errors"][0].get<std::string>().find("第" + std::to_string(i + 2) + "行开始的引号没有结束"), std::string::npos)
          << r.dump();
    } else {
      EXPECT_EQ(r["total"].dump(), "9.1") << r.dump();
    }
  }
}

// A whole shell command line's standard output and exit code (runStdout
// puts defen first; a pipe needs it second).
CliRun shellStdout(const std::string& command) {
  CliRun r;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(BadData, StandardInputIsReadLikeACsvFile) {
  // `-` reads CSV from standard input a chunk at a time: redirected from a
  // file, through a pipe and from a FIFO, the report equals the file's.
  std::string csv = csvLine(kColumns);
  for (int i = 1; i <= 2000; ++i) csv += i % 7 == 0 ? "坏" + std::to_string(i) + ",x,90%,1,按时\n" : csvLine(kGood1);
  const std::string file = tempFile("stdin.csv", csv);
  CliRun fromFile = runStdout("eval --format csv --threads 2 " + rulesFile() + " " + file);
  CliRun redirected = runStdout("eval --format csv --threads 2 " + rulesFile() + " - < " + file);
  CliRun piped = shellStdout("cat " + file + " | " + DEFEN_CLI + " eval --format csv --threads 2 " + rulesFile() + " -");
  EXPECT_EQ(fromFile.exit, 1);  // every 7th row is bad
  EXPECT_EQ(std::count(fromFile.out.begin(), fromFile.out.end(), '\n'), 2001);
  // 支出金额 “x” faults 支出 only: the others are scored, the total is marked incomplete.
  EXPECT_NE(fromFile.out.find("7,坏7,7.10（不完整）,待定,3.60,1.50,2.00,出错,第7行，列“支出金额”"), std::string::npos) << fromFile.out.substr(0, 600);
  EXPECT_EQ(redirected.exit, 1);
  EXPECT_EQ(redirected.out, fromFile.out);
  EXPECT_EQ(piped.exit, 1);
  EXPECT_EQ(piped.out, fromFile.out);

  // A FIFO cannot seek: it used to read as empty.
  const std::string fifo = (fs::temp_directory_path() / ("defen_cli_" + std::to_string(::getpid()) + "_fifo.csv")).string();
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  CliRun fromFifo = runStdout("eval --format csv --threads 2 " + rulesFile() + " " + fifo + " & p=$!; cat " + file + " > " + fifo +
                              "; wait $p");
  fs::remove(fifo);
  EXPECT_EQ(fromFifo.exit, 1);
  EXPECT_EQ(fromFifo.out, fromFile.out);

  // Problems with the input name it as 标准输入.
  CliRun empty = run("eval --format csv " + rulesFile() + " - < /dev/null");
  EXPECT_EQ(empty.exit, 1);
  EXPECT_NE(empty.out.find("标准输入：数据文件是空的（没有表头）"), std::string::npos) << empty.out;
  CliRun help = run("eval --help");
  EXPECT_NE(help.out.find("- 为标准输入（CSV，逐块读取）"), std::string::npos) << help.out;
}

// ---------------------------------------------------------------------------
// Reports are renamed into place: a failing run leaves the old one intact.

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files in `dir` whose names say they are a report in progress.
int leftovers(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".defen-") != std::string::npos) ++n;
  return n;
}

TEST(AtomicReports, FailingRunLeavesThePreviousReportUntouched) {
  fs::path dir = fs::temp_directory_path() / ("defen_atomic_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string good = tempFile("atomic.csv", csvLine(kColumns) + csvLine(kGood1));
  for (const char* format : {"table", "json", "csv", "md", "html", "xlsx"}) {
    const std::string report = (dir / (std::string("report.") + format)).string();
    CliRun r = run(std::string("eval --format ") + format + " -o " + report + " " + rulesFile() + " " + good);
    ASSERT_EQ(r.exit, 0) << format << r.out;
    const std::string before = readAll(report);
    ASSERT_FALSE(before.empty()) << format;
    // The data file is empty: the run fails before any report is complete.
    r = run(std::string("eval --format ") + format + " -o " + report + " " + rulesFile() + " " + tempFile("empty.json", " "));
    EXPECT_EQ(r.exit, 1) << format;
    EXPECT_EQ(readAll(report), before) << format;
  }
  const std::string summary = (dir / "summary.md").string();
  ASSERT_EQ(run("eval --summary md -o " + summary + " " + rulesFile() + " " + good).exit, 0);
  const std::string before = readAll(summary);
  EXPECT_EQ(run("eval --summary md -o " + summary + " " + rulesFile() + " " + tempFile("empty.csv", "")).exit, 1);
  EXPECT_EQ(readAll(summary), before);
  EXPECT_EQ(leftovers(dir), 0);
  fs::remove_all(dir);
}

TEST(AtomicReports, InterruptedRunLeavesThePreviousReportAndNoTemporaryFile) {
  fs::path dir = fs::temp_directory_path() / ("defen_kill_" + std::to_string(::getpid()));
  fs::remove_all(dir);  // a run killed earlier under a reused pid may have left one behind
  fs::create_directories(dir);
  const std::string report = (dir / "report.html").string();
  { std::ofstream(report) << "yesterday's report"; }
  // Enough rows that the HTML report is still being built when the signal comes.
  std::string csv = csvLine(kColumns);
  for (int i = 0; i < 300000; ++i) csv += csvLine(kGood1);
  const std::string data = tempFile("kill.csv", csv);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl(DEFEN_CLI, DEFEN_CLI, "eval", "--engine", "interp", "--format", "html", "-o", report.c_str(),
            rulesFile().c_str(), data.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait for the temporary file to appear, then stop the run as `kill` would.
  for (int i = 0; i < 2000 && leftovers(dir) == 0; ++i) ::usleep(5000);
  EXPECT_EQ(leftovers(dir), 1);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_EQ(readAll(report), "yesterday's report");
  EXPECT_EQ(leftovers(dir), 0);
  fs::remove_all(dir);
}

TEST(AtomicReports, UnwritableDirectoryIsAnErrorAndLeavesNothing) {
  // A directory that does not exist cannot be written even by root (CI runs
  // as root, where a read-only directory would not stop anything).
  fs::path dir = fs::temp_directory_path() / ("defen_gone_" + std::to_string(::getpid())) / "sub";
  const std::string good = tempFile("atomic_ro.csv", csvLine(kColumns) + csvLine(kGood1));
  const std::string report = (dir / "report.json").string();
  CliRun r = run("eval --format json -o " + report + " " + rulesFile() + " " + good);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.out.find("无法写入 " + report + "（No such file or directory）"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"results\""), std::string::npos) << r.out;  // nothing scored to standard output instead
  for (const std::string& args : {"template -o " + (dir / "t.xlsx").string() + " " + rulesFile(),
                                  "template --format csv -o " + (dir / "t.csv").string() + " " + rulesFile(),
                                  "diff -o " + (dir / "d.txt").string() + " " + rulesFile() + " " + rulesFile(),
                                  "compare -o " + (dir / "c.txt").string() + " " + rulesFile() + " " + rulesFile() + " " + good}) {
    r = run(args);
    EXPECT_EQ(r.exit, 1) << args;
    EXPECT_NE(r.out.find("无法写入"), std::string::npos) << args << r.out;
  }
  EXPECT_FALSE(fs::exists(dir));
}

TEST(AtomicReports, EveryWriterReplacesTheFileAndKeepsItsMode) {
  fs::path dir = fs::temp_directory_path() / ("defen_replace_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string good = tempFile("replace.csv", csvLine(kColumns) + csvLine(kGood1));
  const std::string out = (dir / "out").string();
  const std::string runs[] = {
      "eval --format json -o " + out + " " + rulesFile() + " " + good,
      "compare -o " + out + " " + rulesFile() + " " + rulesFile() + " " + good,
      "diff -o " + out + " " + rulesFile() + " " + rulesFile(),
      "template --format csv -o " + out + " " + rulesFile(),
  };
  for (const auto& args : runs) {
    { std::ofstream(out) << "old report"; }
    fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    CliRun r = run(args);
    EXPECT_EQ(r.exit, 0) << args << r.out;
    std::string text = readAll(out);
    EXPECT_FALSE(text.empty()) << args;
    EXPECT_EQ(text.find("old report"), std::string::npos) << args;
    EXPECT_EQ(fs::status(out).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read) << args;
  }
  EXPECT_EQ(leftovers(dir), 0);
  fs::remove_all(dir);
}

}  // namespace
