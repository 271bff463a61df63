// `defen eval --format md|html` and `--summary md|html|json` as a user runs them.
#include "tests/cli/cli_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

namespace {

using namespace defen::clitest;

const std::string kExample = src("rulesets/zhanjiang-2022-dept.rules") + " " + src("examples/zhanjiang-2022/data.json");

// One indicator, 总分10: a department with 执行率 r scores 10 × min(1, r).
const char* kTinyRules = R"(名称 "小标准"
年度 2023
总分 10分
等级 { 优 [9分, 10分]  良 [8分, 9分)  中 [6分, 8分)  差 [0分, 6分) }
输入 { 执行率：比率 }
指标 预算执行 10分 {
  得分 = 分值 × 最小(1, 执行率)
}
)";

// 9.5 (优), 7 (中), 8.5 (良) and a row that cannot be scored.
const char* kTinyData = R"([{"名称": "甲", "执行率": "95%"}, {"名称": "乙", "执行率": "70%"},
 {"名称": "丙", "执行率": "85%"}, {"名称": "丁", "执行率": "abc"}])";

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CliReports, MarkdownToStandardOutput) {
  CliRun r = runStdout("eval --format md " + kExample);
  EXPECT_EQ(r.exit, 0);
  EXPECT_NE(r.out.find("## 湛江市社会科学界联合会：86.50分，良"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| **合计** | | | | **100.00** |  | 等级：良 | **86.50** |"), std::string::npos);
}

TEST(CliReports, HtmlToAFile) {
  std::string path = tempFile("report.html", "");
  CliRun r = run("eval --format html -o " + path + " " + kExample);
  EXPECT_EQ(r.exit, 0) << r.out;
  EXPECT_EQ(r.out, "");
  std::string h = readFile(path);
  EXPECT_EQ(h.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(h.find("<span class=\"num\">86.50</span>"), std::string::npos);
  EXPECT_NE(h.find(">良</div>"), std::string::npos);
  EXPECT_NE(h.find("<td class=\"level\">预算编制情况</td><td class=\"num\">20.00</td>"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(CliReports, SummaryJsonOfASmallBatch) {
  std::string rules = tempFile("tiny.rules", kTinyRules), data = tempFile("tiny.json", kTinyData);
  CliRun r = runStdout("eval --summary json " + rules + " " + data);
  EXPECT_EQ(r.exit, 1);  // a row has an error; the summary is still written
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["records"], 4);
  EXPECT_EQ(j["scored"], 3);
  EXPECT_EQ(j["withErrors"], 1);
  EXPECT_EQ(j["totals"]["min"], "7");
  EXPECT_EQ(j["totals"]["max"], "9.5");
  EXPECT_EQ(j["totals"]["mean"], "8.33");  // 25 ÷ 3
  EXPECT_EQ(j["totals"]["median"], "8.5");
  EXPECT_EQ(j["grades"], nlohmann::json::parse(R"([{"grade":"优","count":1},{"grade":"良","count":1},{"grade":"中","count":1},{"grade":"差","count":0}])"));
  EXPECT_EQ(j["indicators"][0]["averageRate"], "0.8333");
  EXPECT_EQ(j["losses"][0]["path"], nlohmann::json::parse(R"(["预算执行"])"));
  EXPECT_EQ(j["losses"][0]["totalLoss"], "5");  // 0.5 + 3 + 1.5
  EXPECT_EQ(j["losses"][0]["averageLoss"], "1.67");
  EXPECT_EQ(j["errorRows"][0]["id"], "丁");
  std::filesystem::remove(rules);
  std::filesystem::remove(data);
}

TEST(CliReports, SummaryMarkdownAndHtml) {
  std::string rules = tempFile("tiny2.rules", kTinyRules), data = tempFile("tiny2.json", kTinyData);
  CliRun md = runStdout("eval --summary md " + rules + " " + data);
  EXPECT_NE(md.out.find("| 4 | 3 | 1 | 7.00 | 9.50 | 8.33 | 8.50 |"), std::string::npos) << md.out;
  std::string path = tempFile("summary.html", "");
  CliRun html = run("eval --summary html -o " + path + " " + rules + " " + data);
  EXPECT_EQ(html.exit, 1);
  std::string h = readFile(path);
  EXPECT_NE(h.find("<b>8.33</b>"), std::string::npos);
  EXPECT_NE(h.find("<svg"), std::string::npos);
  EXPECT_EQ(h.find("http"), std::string::npos);
  for (const auto& p : {rules, data, path}) std::filesystem::remove(p);
}

// examples/zhanjiang-departments: three departments ranked by total, each with
// the three indicators it lost most on, the same in JSON, Markdown and HTML.
TEST(CliReports, SummaryRanksTheDepartments) {
  const std::string batch = src("rulesets/zhanjiang-2022-dept.rules") + " " + src("examples/zhanjiang-departments/data.json");
  CliRun json = runStdout("eval --summary json " + batch);
  ASSERT_EQ(json.exit, 0) << json.out;
  nlohmann::json j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j["ranking"].size(), 3u);
  EXPECT_EQ(j["ranking"][0]["rank"], 1);
  EXPECT_EQ(j["ranking"][0]["id"], "示例单位甲（虚构）");
  EXPECT_EQ(j["ranking"][0]["total"], "90.15");
  EXPECT_EQ(j["ranking"][0]["grade"], "优");
  EXPECT_EQ(j["ranking"][0]["losses"][0], nlohmann::json::parse(R"({"path":["预算执行情况","资产管理","固定资产利用率"],"loss":"2"})"));
  EXPECT_EQ(j["ranking"][1]["id"], "示例单位乙（虚构）");
  EXPECT_EQ(j["ranking"][1]["total"], "88.4");
  EXPECT_EQ(j["ranking"][2]["rank"], 3);
  EXPECT_EQ(j["ranking"][2]["id"], "湛江市社会科学界联合会");
  EXPECT_EQ(j["ranking"][2]["total"], "86.5");
  // Three totals from 86.5 to 90.15: three 2分 buckets, one department each (no empty tail).
  EXPECT_EQ(j["histogram"], nlohmann::json::parse(R"([{"from":"86","to":"88","closed":false,"count":1},
    {"from":"88","to":"90","closed":false,"count":1},{"from":"90","to":"92","closed":false,"count":1}])"));

  CliRun md = runStdout("eval --summary md " + batch);
  EXPECT_NE(md.out.find("| 名次 | 单位 | 总分 | 等级 | 失分最多的三个指标 |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| 1 | 示例单位甲（虚构） | 90.15 | 优 | 固定资产利用率 −2.00、项目监管 −1.50、支出完成率 −1.00 |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| 3 | 湛江市社会科学界联合会 | 86.50 | 良 | 目标科学性 −3.00、主要指标体现履职效果 −3.00、项目监管 −2.00 |"), std::string::npos)
      << md.out;
  EXPECT_NE(md.out.find("| [86.00, 88.00) | 1 |"), std::string::npos) << md.out;

  CliRun html = runStdout("eval --summary html " + batch);
  EXPECT_NE(html.out.find("<tr><td class=\"num\">2</td><td>示例单位乙（虚构）</td><td class=\"num\">88.40</td>"
                          "<td><span class=\"grade tone-fair\">良</span></td><td>支出完成率 −2.00、项目监管 −2.00、财政拨款收入预决算差异率 −1.00</td></tr>"),
            std::string::npos)
      << html.out;
}

TEST(CliReports, UnknownSummaryFormatIsAUsageError) {
  CliRun r = run("eval --summary xml " + kExample);
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.out.find("--summary"), std::string::npos) << r.out;
}

}  // namespace
