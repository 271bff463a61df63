// `defen serve`: every endpoint of the API (docs/api.md) against a real
// server on loopback, with the figures the CLI gives for the same input.
#include "tests/serve/serve_support.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

namespace {

using namespace defen::servetest;

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new Server(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static Server* server;
  static Json data() { return Json::parse(readFile(src("examples/zhanjiang-2022/data.json"))); }
  static std::string rules(const std::string& stem) { return readFile(src("rulesets/" + stem + ".rules")); }
};
Server* Api::server = nullptr;

// 1-based code-point column of byte offset `at` in `line`, as diagnostics count.
int codePointColumn(const std::string& line, size_t at) {
  int column = 1;
  for (size_t i = 0; i < at; ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) column++;
  return column;
}

TEST_F(Api, FirstLineNamesTheLoopbackAddressAndPort) {
  EXPECT_EQ(server->firstLine(), "defen serve: http://127.0.0.1:" + std::to_string(server->port()) + "/\n");
  auto r = server->client().Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  Json j = Json::parse(r->body);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["version"], "0.1.0");
  EXPECT_EQ(j["rulesetsDir"], fs::canonical(server->rulesets()).string());
}

TEST_F(Api, CheckPutsATypoAtItsLineAndColumn) {
  std::string text = rules("zhanjiang-2022-dept");
  const std::string right = "(收入决算数 - 收入预算数)", typo = "(收入决算树 - 收入预算数)";
  size_t at = text.find(right);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, right.size(), typo);
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  size_t lineStart = text.rfind('\n', at) + 1;
  int column = codePointColumn(text.substr(lineStart), at - lineStart) + 1;  // the name, after "("
  ASSERT_EQ(line, 117);
  Json j = parse(postJson(*server, "/api/check", {{"text", text}, {"file", "zhanjiang-2022-dept.rules"}}));
  ASSERT_GE(j["errors"].get<int>(), 1) << j.dump(2);
  Json d;
  for (const auto& x : j["diagnostics"])
    if (x["severity"] == "error" && d.is_null()) d = x;
  EXPECT_EQ(d["file"], "zhanjiang-2022-dept.rules");
  EXPECT_EQ(d["line"], 117);
  EXPECT_EQ(d["column"], column);
  EXPECT_EQ(d["severity"], "error");
  EXPECT_NE(d["message"].get<std::string>().find("收入决算树"), std::string::npos) << d.dump();
  EXPECT_TRUE(j["inputs"].empty());
  EXPECT_TRUE(j["indicators"].empty());
  // In English on request.
  Json en = parse(postJson(*server, "/api/check", {{"text", text}, {"lang", "en"}}));
  bool sawEnglish = false;
  for (const auto& x : en["diagnostics"])
    if (x["code"] == d["code"]) {
      sawEnglish = true;
      EXPECT_EQ(x["file"], "未命名.rules");
      EXPECT_EQ(x["line"], 117);
      EXPECT_NE(x["message"].get<std::string>(), d["message"].get<std::string>());
    }
  EXPECT_TRUE(sawEnglish);
}

TEST_F(Api, CheckOfAClean2022StandardListsInputsIndicatorsAndTotal) {
  Json j = parse(postJson(*server, "/api/check", {{"path", "zhanjiang-2022-dept.rules"}}));
  EXPECT_EQ(j["errors"], 0) << j.dump(2);
  EXPECT_EQ(j["based"], false);
  EXPECT_TRUE(j["effective"].is_null());
  EXPECT_EQ(j["total"], "100");
  const Json& first = j["inputs"][0];
  EXPECT_EQ(first["name"], "收入预算数");
  EXPECT_EQ(first["type"], "金额");
  EXPECT_EQ(first["unit"], "元");
  EXPECT_EQ(first["line"], 23);
  bool sawEnum = false;
  for (const auto& in : j["inputs"])
    if (in["name"] == "下属单位预算批复") {
      sawEnum = true;
      EXPECT_EQ(in["values"], Json::array({"按时", "超时", "未批复"}));
    }
  EXPECT_TRUE(sawEnum);
  ASSERT_FALSE(j["indicators"].empty());
  EXPECT_EQ(j["indicators"][0]["level"], 1);
  EXPECT_FALSE(j["indicators"][0]["children"].empty());
}

TEST_F(Api, CheckListsHowARatioReadsAndTheUsualRange) {
  const std::string text = "名称 \"读法\"\n年度 2024\n总分 2分\n输入 {\n  执行率：比率（百分数），范围 [0%, 200%]，通常 [50%, 120%]\n}\n"
                           "指标 执行 2分 { 得分 = 分值 × 最小(1, 执行率) }\n";
  Json j = parse(postJson(*server, "/api/check", {{"text", text}, {"file", "读法-2024.rules"}}));
  EXPECT_EQ(j["errors"], 0) << j.dump(2);
  const Json& in = j["inputs"][0];
  EXPECT_EQ(in["type"], "比率");
  EXPECT_EQ(in["description"], "比率（百分数）");
  EXPECT_EQ(in["range"], "[0, 2]");
  EXPECT_EQ(in["usual"], "[0.5, 1.2]");
  EXPECT_TRUE(j["inputs"].size() == 1u);
}

TEST_F(Api, CheckOfA2023StandardBasedOn2022GivesTheEffectiveText) {
  Json j = parse(postJson(*server, "/api/check", {{"text", rules("zhanjiang-2023-dept")}, {"file", "zhanjiang-2023-dept.rules"}}));
  EXPECT_EQ(j["errors"], 0) << j.dump(2);
  EXPECT_EQ(j["based"], true);
  ASSERT_TRUE(j["effective"].is_string());
  EXPECT_NE(j["effective"].get<std::string>().find("年度 2023"), std::string::npos);
}

TEST_F(Api, EvaluateRecordsWithEachKindOfRulesetReference) {
  for (Json ref : {Json{{"ruleset", "zhanjiang-dept@2022"}}, Json{{"path", "zhanjiang-2022-dept.rules"}},
                   Json{{"text", rules("zhanjiang-2022-dept")}, {"file", "zhanjiang-2022-dept.rules"}}}) {
    Json body = ref;
    body["records"] = Json::array({data()});
    auto r = postJson(*server, "/api/evaluate", body);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    Json j = Json::parse(r->body);
    ASSERT_EQ(j["results"].size(), 1u);
    EXPECT_EQ(j["results"][0]["total"].dump(), "86.5") << ref.dump().substr(0, 60);
    EXPECT_EQ(j["results"][0]["grade"], "良");
    EXPECT_EQ(j["summary"]["rows"], 1);
    EXPECT_EQ(j["summary"]["errors"], 0);
    EXPECT_EQ(j["summary"]["averageTotal"].dump(), "86.5");
  }
}

// A bad cell faults only the indicator reading it (issue 17): the JSON is the
// CLI's (incomplete, a failed indicator with its errors), the summary counts
// the row as incomplete and keeps its provisional total out of the average.
TEST_F(Api, EvaluateReportsAFaultedIndicatorAndAnIncompleteTotal) {
  Json bad = data();
  bad["收入预算数"] = "两百万";
  Json j = parse(postJson(*server, "/api/evaluate", {{"ruleset", "zhanjiang-dept@2022"}, {"records", Json::array({data(), bad})}}));
  ASSERT_EQ(j["results"].size(), 2u) << j.dump().substr(0, 300);
  const Json& row = j["results"][1];
  EXPECT_EQ(row["incomplete"], true);
  EXPECT_EQ(row["total"].dump(), "84");
  EXPECT_TRUE(row["grade"].is_null());
  bool failed = false;
  for (const auto& n : row["indicators"])
    if (n["status"] == "failed") {
      failed = true;
      EXPECT_EQ(n["path"].back(), "财政拨款收入预决算差异率");
      EXPECT_NE(n["errors"][0].get<std::string>().find("两百万"), std::string::npos);
    }
  EXPECT_TRUE(failed);
  EXPECT_EQ(j["summary"]["rows"], 2);
  EXPECT_EQ(j["summary"]["errors"], 1);
  EXPECT_EQ(j["summary"]["incomplete"], 1);
  EXPECT_EQ(j["summary"]["averageTotal"].dump(), "86.5");
}

TEST_F(Api, EvaluateWithTheJitGivesTheSameScore) {
  Json j = parse(postJson(*server, "/api/evaluate",
                          {{"ruleset", "zhanjiang-dept@2022"}, {"engine", "jit"}, {"records", Json::array({data()})}}));
  EXPECT_EQ(j["results"][0]["total"].dump(), "86.5") << j.dump().substr(0, 300);
}

httplib::Result upload(const Server& s, const std::string& path, const std::string& fileName, const std::string& bytes,
                       httplib::MultipartFormDataItems extra = {}) {
  extra.push_back({"data", bytes, fileName, "application/octet-stream"});
  return s.client().Post(path.c_str(), extra);
}

std::string csvOf(const Json& record) {
  std::string header, row;
  for (const auto& [name, value] : record.items()) {
    header += (header.empty() ? "" : ",") + name;
    std::string cell = value.is_string() ? value.get<std::string>() : value.is_boolean() ? (value.get<bool>() ? "是" : "否") : value.dump();
    row += (row.empty() && header.find(',') == std::string::npos ? "" : ",") + ("\"" + cell + "\"");
  }
  return header + "\n" + row + "\n";
}

TEST_F(Api, EvaluateUploadedJsonCsvAndXlsx) {
  httplib::MultipartFormDataItems ruleset{{"ruleset", "zhanjiang-dept@2022", "", ""}};
  auto json = upload(*server, "/api/evaluate", "data.json", data().dump(), ruleset);
  ASSERT_TRUE(json);
  ASSERT_EQ(json->status, 200) << json->body;
  EXPECT_EQ(Json::parse(json->body)["results"][0]["total"].dump(), "86.5");

  auto csv = upload(*server, "/api/evaluate", "data.csv", csvOf(data()), ruleset);
  ASSERT_EQ(csv->status, 200) << csv->body;
  Json c = Json::parse(csv->body);
  EXPECT_EQ(c["results"][0]["total"].dump(), "86.5") << csv->body.substr(0, 500);
  EXPECT_EQ(c["results"][0]["grade"], "良");

  // A workbook as Excel saves it: the header row, then the department.
  std::string path = (server->root() / "data.xlsx").string();
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "数据");
  int col = 0;
  const Json record = data();
  for (const auto& [name, value] : record.items()) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(col), name.c_str(), nullptr);
    if (value.is_number()) worksheet_write_number(sheet, 1, static_cast<lxw_col_t>(col), value.get<double>(), nullptr);
    else if (value.is_boolean()) worksheet_write_string(sheet, 1, static_cast<lxw_col_t>(col), value.get<bool>() ? "是" : "否", nullptr);
    else if (value.is_string()) worksheet_write_string(sheet, 1, static_cast<lxw_col_t>(col), value.get<std::string>().c_str(), nullptr);
    col++;
  }
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
  httplib::MultipartFormDataItems withSheet{{"path", "zhanjiang-2022-dept.rules", "", ""}, {"sheet", "数据", "", ""}};
  auto xlsx = upload(*server, "/api/evaluate", "data.xlsx", readFile(path), withSheet);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(Json::parse(xlsx->body)["results"][0]["total"].dump(), "86.5") << xlsx->body.substr(0, 500);

  auto other = upload(*server, "/api/evaluate", "data.txt", "x", ruleset);
  EXPECT_EQ(other->status, 415);
  EXPECT_EQ(Json::parse(other->body)["error"]["code"], "unsupported");
}

TEST_F(Api, EvaluateDownloadsHtmlXlsxAndMarkdownReports) {
  Json body{{"ruleset", "zhanjiang-dept@2022"}, {"records", Json::array({data()})}};
  body["format"] = "html";
  auto html = postJson(*server, "/api/evaluate", body);
  ASSERT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(html->body.rfind("<!DOCTYPE", 0), 0u) << html->body.substr(0, 100);
  EXPECT_NE(html->body.find("86.50"), std::string::npos);
  EXPECT_EQ(html->get_header_value("Content-Disposition"), "attachment; filename=\"defen-report.html\"");
  body["format"] = "xlsx";
  auto xlsx = postJson(*server, "/api/evaluate", body);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  EXPECT_EQ(xlsx->get_header_value("Content-Disposition"), "attachment; filename=\"defen-report.xlsx\"");
  body["format"] = "md";
  auto md = postJson(*server, "/api/evaluate", body);
  EXPECT_EQ(md->get_header_value("Content-Type"), "text/markdown; charset=utf-8");
  EXPECT_NE(md->body.find("## 湛江市社会科学界联合会：86.50分，良"), std::string::npos) << md->body.substr(0, 300);
}

// JSON numbers with a fraction would pass through a double and lose the cent
// at 17 digits: 12345678901234567.88 would read as …568 and meet the band.
TEST_F(Api, EvaluateKeepsEveryDigitOfAJsonNumber) {
  const std::string rules = "名称 \"精确金额\"\n年度 2024\n总分 1分\n输入 {\n  支出：金额（元）\n}\n"
                            "指标 精确 1分 {\n  分段 支出 {\n    结果 ≥ 12345678901234567.89元 → 1分\n"
                            "    结果 ＜ 12345678901234567.89元 → 0分\n  }\n}\n";
  // Written by hand, not by Json::dump, so the numbers are the client's text.
  const std::string body = "{\"text\": " + Json(rules).dump() +
                           ", \"records\": [{\"名称\": \"甲\", \"支出\": 12345678901234567.88},"
                           " {\"名称\": \"乙\", \"支出\": 12345678901234567.89}]}";
  auto r = server->client().Post("/api/evaluate", body, "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  Json j = Json::parse(r->body);
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["results"][0]["total"].dump(), "0") << r->body.substr(0, 400);
  EXPECT_EQ(j["results"][1]["total"].dump(), "1");
}

TEST_F(Api, EvaluateWithABrokenRulesetAnswers422WithItsDiagnostics) {
  auto r = postJson(*server, "/api/evaluate", {{"text", "名称 \"x\"\n总分 100分\n指标 甲 ：\n"}, {"records", Json::array({data()})}});
  ASSERT_EQ(r->status, 422);
  Json j = Json::parse(r->body);
  EXPECT_EQ(j["error"]["code"], "ruleset_errors");
  EXPECT_FALSE(j["diagnostics"].empty());
  EXPECT_EQ(j["diagnostics"][0]["line"], 3);
}

TEST_F(Api, ExplainOneIndicatorOfOneRow) {
  Json j = parse(postJson(*server, "/api/explain", {{"ruleset", "zhanjiang-dept@2022"}, {"records", Json::array({data()})},
                                                    {"row", 1}, {"indicator", "财政拨款收入预决算差异率"}}));
  ASSERT_EQ(j["explanations"].size(), 1u) << j.dump(2);
  const Json& row = j["explanations"][0];
  EXPECT_EQ(row["total"], "86.5");  // JSON: exact, as eval --format json
  ASSERT_EQ(row["indicators"].size(), 1u);
  EXPECT_EQ(row["indicators"][0]["score"], "2.5");
  EXPECT_EQ(row["indicators"][0]["max"], "3");
  auto missing = postJson(*server, "/api/explain", {{"ruleset", "zhanjiang-dept@2022"}, {"records", Json::array({data()})}, {"row", 2}});
  EXPECT_EQ(missing->status, 404);
}

TEST_F(Api, DiffFrom2022To2023Finds18Differences) {
  Json j = parse(postJson(*server, "/api/diff", {{"old", {{"ruleset", "zhanjiang-dept@2022"}}}, {"new", {{"path", "zhanjiang-2023-dept.rules"}}}}));
  EXPECT_EQ(j["summary"]["changes"], 18) << j.dump().substr(0, 400);
  auto text = postJson(*server, "/api/diff", {{"old", {{"ruleset", "zhanjiang-dept@2022"}}}, {"new", {{"ruleset", "zhanjiang-dept@2023"}}}, {"format", "text"}});
  EXPECT_NE(text->body.find("共18处差异：文件头2处，评分规则11处，措辞5处。"), std::string::npos) << text->body.substr(0, 400);
}

TEST_F(Api, CompareScoresTheSameDepartmentsUnderBothStandards) {
  Json records = Json::parse(readFile(src("examples/zhanjiang-departments/data.json")));
  Json j = parse(postJson(*server, "/api/compare", {{"old", {{"ruleset", "zhanjiang-dept@2022"}}}, {"new", {{"ruleset", "zhanjiang-dept@2023"}}},
                                                    {"records", records}}));
  ASSERT_EQ(j["departments"].size(), 3u) << j.dump().substr(0, 400);
  const Json& a = j["departments"][1];
  EXPECT_EQ(a["before"]["total"].dump(), "90.15");
  EXPECT_EQ(a["after"]["total"].dump(), "89.6");
  EXPECT_EQ(a["change"].dump(), "-0.55");
  EXPECT_TRUE(a["gradeChanged"].get<bool>());
}

TEST_F(Api, TestRunsTheCasesBesideTheRulesetAndNamesAFailingLine) {
  Json j = parse(postJson(*server, "/api/test", {{"path", "zhanjiang-2022-dept.rules"}}));
  EXPECT_EQ(j["cases"], 45) << j.dump().substr(0, 400);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_EQ(j["passed"], 45);
  EXPECT_NE(j["coverage"]["summary"].get<std::string>().find("分段 22/22"), std::string::npos) << j["coverage"].dump();
  EXPECT_TRUE(j["coverage"]["unreached"].empty());

  // The first case expects 2.5 for 差异率; claim 3 instead.
  std::string tests = readFile(src("rulesets/zhanjiang-2022-dept.tests"));
  const std::string right = "  期望 财政拨款收入预决算差异率 2.5分";
  size_t at = tests.find(right);
  ASSERT_NE(at, std::string::npos);
  tests.replace(at, right.size(), "  期望 财政拨款收入预决算差异率 3分");
  int line = 1 + static_cast<int>(std::count(tests.begin(), tests.begin() + static_cast<long>(at), '\n'));
  Json f = parse(postJson(*server, "/api/test", {{"ruleset", "zhanjiang-dept@2022"}, {"tests", tests}}));
  EXPECT_EQ(f["failed"], 1) << f.dump().substr(0, 600);
  const Json& failed = f["results"][0];
  EXPECT_EQ(failed["passed"], false);
  EXPECT_EQ(failed["line"], 10);
  EXPECT_EQ(failed["mismatches"][0]["line"], line);
  EXPECT_EQ(failed["expected"], "3分");
  EXPECT_EQ(failed["actual"], "2.5分");
  EXPECT_EQ(failed["mismatches"][0]["rulesetFile"], "zhanjiang-2022-dept.rules");
  EXPECT_GT(failed["mismatches"][0]["rulesetLine"].get<int>(), 100);
}

TEST_F(Api, FormatGivesTheCanonicalLayout) {
  std::string canonical = rules("zhanjiang-2022-dept");
  std::string messy = canonical;
  size_t at = messy.find("  优 [90分, 100分]");
  ASSERT_NE(at, std::string::npos);
  messy.replace(at, 2, "       ");
  Json j = parse(postJson(*server, "/api/format", {{"text", messy}}));
  EXPECT_EQ(j["changed"], true);
  EXPECT_EQ(j["text"], canonical);
  Json same = parse(postJson(*server, "/api/format", {{"text", canonical}}));
  EXPECT_EQ(same["changed"], false);
  auto broken = postJson(*server, "/api/format", {{"text", "指标 (( 甲\n"}});
  EXPECT_EQ(broken->status, 422);
  EXPECT_FALSE(Json::parse(broken->body)["diagnostics"].empty());
}

TEST_F(Api, RulesetsListsTheDirectory) {
  Json j = parse(server->client().Get("/api/rulesets"));
  ASSERT_EQ(j["rulesets"].size(), 6u) << j.dump(2);
  bool found = false;
  for (const auto& r : j["rulesets"])
    if (r["file"] == "zhanjiang-2022-dept.rules") {
      found = true;
      EXPECT_EQ(r["stem"], "zhanjiang-2022-dept");
      EXPECT_EQ(r["name"], "湛江市市级部门整体支出绩效评价");
      EXPECT_EQ(r["region"], "湛江市");
      EXPECT_EQ(r["year"], 2022);
      EXPECT_EQ(r["version"], "2022.1");
      EXPECT_EQ(r["clean"], true);
      EXPECT_EQ(r["serving"], true);
    }
  EXPECT_TRUE(found);
  Json file = parse(server->client().Get("/api/rulesets/zhanjiang-2022-dept.rules"));
  EXPECT_EQ(file["text"], rules("zhanjiang-2022-dept"));
  auto missing = server->client().Get("/api/rulesets/nothing-here.rules");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(Json::parse(missing->body)["error"]["code"], "not_found");
}

TEST_F(Api, TheRootSaysThePageWasNotBuilt) {
  auto r = server->client().Get("/");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("页面尚未构建"), std::string::npos);
  EXPECT_NE(r->body.find("/api/health"), std::string::npos);
}

}  // namespace
