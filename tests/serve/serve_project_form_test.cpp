// The workbench scores a 项目支出绩效自评表 uploaded as the unit filled it in
// (issue 15): an Excel form, one sheet per project, read by its labels; the
// answer lists each 三级 line with the unit's 得分 and the rule's, and the
// warnings; the HTML report of the same upload is the national form.
#include "tests/serve/serve_support.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

namespace {

using namespace defen::servetest;

// One sheet laid out as the national form (财预〔2020〕10号): title, 项目名称,
// 主管部门/实施单位, the 项目资金 block, 年度总体目标, the 绩效指标 table, 总分.
// 预算执行率 10 + 产出 50 + 效益 30 + 满意度 10 = 100.
void writeForm(lxw_workbook* book, const char* sheetName) {
  lxw_worksheet* ws = workbook_add_worksheet(book, sheetName);
  auto put = [&](int row, int col, const char* text) { worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), text, nullptr); };
  auto num = [&](int row, int col, double v) { worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, nullptr); };
  put(0, 0, "项目支出绩效自评表");
  put(1, 0, "（2022年度）");
  put(2, 0, "项目名称");
  put(2, 1, "委托业务项目");
  put(3, 0, "主管部门");
  put(3, 1, "某市住房和城乡建设局");
  put(3, 4, "实施单位");
  put(3, 5, "某市建设工程服务中心");
  put(4, 0, "项目资金（万元）");
  const char* heads[] = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
  for (int c = 0; c < 6; ++c) put(4, 2 + c, heads[c]);
  put(5, 1, "年度资金总额");
  num(5, 2, 90), num(5, 3, 89.974), num(5, 4, 89.974);
  put(6, 1, "其中：当年财政拨款");
  num(6, 2, 90), num(6, 3, 89.974), num(6, 4, 89.974);
  put(7, 0, "年度总体目标");
  put(7, 1, "预期目标");
  put(7, 4, "实际完成情况");
  put(8, 1, "完成50个基建工程委托业务");
  put(8, 4, "完成50个");
  put(9, 0, "绩效指标");
  const char* cols[] = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
  for (int c = 0; c < 8; ++c) put(9, 1 + c, cols[c]);
  put(10, 1, "产出指标"), put(10, 2, "数量指标"), put(10, 3, "基建工程委托业务项目数量"), put(10, 4, "≥50个"), put(10, 5, "50");
  num(10, 6, 50), num(10, 7, 50);
  // The unit gives itself 24 of 30 where the rule gives 2 ÷ 3 × 30 = 20.
  put(11, 1, "效益指标"), put(11, 2, "可持续影响指标"), put(11, 3, "项目成果持续发挥作用年限"), put(11, 4, "≥3年"), put(11, 5, "2");
  num(11, 6, 30), num(11, 7, 24);
  put(11, 8, "部分成果尚在验证");
  // No 得分 filled in: the rule's 93 ÷ 95 × 10 = 9.79 stands.
  put(12, 1, "满意度指标"), put(12, 2, "服务对象满意度指标"), put(12, 3, "委托单位满意度"), put(12, 4, "≥95%"), put(12, 5, "93");
  num(12, 6, 10);
  put(12, 8, "部分委托单位对时效有意见");
  put(13, 0, "总分");
  num(13, 6, 100);
}

class ProjectFormUpload : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new Server(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static std::string formBytes() {
    const std::string path = (server->root() / "自评表.xlsx").string();
    lxw_workbook* book = workbook_new(path.c_str());
    writeForm(book, "委托业务项目");
    EXPECT_EQ(workbook_close(book), LXW_NO_ERROR);
    return readFile(path);
  }
  static httplib::Result upload(const std::string& format) {
    httplib::MultipartFormDataItems items{{"path", "project-self-2020.rules", "", ""}, {"format", format, "", ""}};
    items.push_back({"data", formBytes(), "自评表.xlsx", "application/octet-stream"});
    return server->client().Post("/api/evaluate", items);
  }
  static Server* server;
};
Server* ProjectFormUpload::server = nullptr;

TEST_F(ProjectFormUpload, TheRowsAreScoredWithTheUnitsScoreAndTheRules) {
  auto r = upload("json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Json j = Json::parse(r->body);
  ASSERT_EQ(j["results"].size(), 1u) << r->body;
  const Json& form = j["results"][0];
  EXPECT_EQ(form["id"], "委托业务项目");
  EXPECT_EQ(form["total"].dump(), "93.79");     // 10 + 50 + the unit's 24 + 9.79
  EXPECT_EQ(form["computed"].dump(), "89.79");  // with the rule's 20 instead
  EXPECT_EQ(form["grade"], "优");
  Json rows;
  for (const auto& n : form["indicators"])
    if (n.contains("rows")) rows = n["rows"];
  ASSERT_EQ(rows.size(), 3u) << form.dump(2);
  EXPECT_EQ(rows[1]["groups"], Json::array({"效益指标", "可持续影响指标"}));
  EXPECT_EQ(rows[1]["name"], "项目成果持续发挥作用年限");
  EXPECT_EQ(rows[1]["target"], "≥3年");
  EXPECT_EQ(rows[1]["score"].dump(), "24");
  EXPECT_EQ(rows[1]["computed"].dump(), "20");
  EXPECT_EQ(rows[1]["note"], "部分成果尚在验证");
  EXPECT_EQ(rows[2]["score"].dump(), "9.79");
  EXPECT_TRUE(rows[2]["self"].is_null());
  const std::string warnings = form["warnings"].dump();
  EXPECT_NE(warnings.find("第1行，绩效指标第2行（项目成果持续发挥作用年限）：自评得分24分高于按规则计算的20分"), std::string::npos) << warnings;
}

TEST_F(ProjectFormUpload, TheHtmlReportOfTheUploadIsTheNationalForm) {
  auto r = upload("html");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::string& html = r->body;
  EXPECT_NE(html.find("<p class=\"form-year\">（2022年度）</p>"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"label\">主管部门</th><td colspan=\"4\">某市住房和城乡建设局</td><th>实施单位</th><td colspan=\"4\">某市建设工程服务中心</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>项目成果持续发挥作用年限</td><td>≥3年</td><td>2</td><td class=\"num\">30.00</td><td class=\"num\">24.00</td>"
                      "<td class=\"num\">20.00</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">100.00</td><td class=\"num\">93.79</td><td class=\"num\">89.79</td><td>等级：优</td>"), std::string::npos);
}

TEST_F(ProjectFormUpload, TheWordReportOfTheUploadDownloads) {
  auto r = upload("docx");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(r->get_header_value("Content-Disposition"), "attachment; filename=\"defen-report.docx\"");
  EXPECT_EQ(r->body.substr(0, 2), "PK");
  EXPECT_NE(r->body.find("word/document.xml"), std::string::npos);  // a part name, stored as is in the zip's headers
  auto bad = upload("pdf");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("format 只能是 json、html、xlsx、docx 或 md"), std::string::npos) << bad->body;
}

}  // namespace
