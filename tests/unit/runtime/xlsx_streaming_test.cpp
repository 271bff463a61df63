// The .xlsx reader streams the sheet (issue 17: small files inflated to
// 6.5–9.4 GB while the sheet XML was built into a tree), stops at its caps
// with a message, and reads a number shown as a percentage as Excel shows it.
#include "compiler/io/readers.h"
#include "compiler/io/xlsx_package.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <map>
#include <string>

namespace defen {
namespace {

namespace fs = std::filesystem;

class XlsxStreamingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("defen_xlsx_stream_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // A one-sheet workbook (the usual part names) around `sheetData`, deflated.
  std::string workbook(const std::string& name, const std::string& sheetData, const std::string& prolog = "") {
    const std::string ns = "http://schemas.openxmlformats.org/";
    const std::map<std::string, std::string> parts{
        {"_rels/.rels", "<Relationships xmlns=\"" + ns + "package/2006/relationships\"><Relationship Id=\"r1\" Type=\"" + ns +
                            "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", "<workbook xmlns=\"" + ns + "spreadsheetml/2006/main\" xmlns:r=\"" + ns +
                                "officeDocument/2006/relationships\"><sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + ns + "package/2006/relationships\"><Relationship Id=\"s1\" Type=\"" +
                                           ns + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml", prolog + "<worksheet xmlns=\"" + ns + "spreadsheetml/2006/main\"><sheetData>" + sheetData +
                                         "</sheetData></worksheet>"}};
    const std::string p = path(name);
    int err = 0;
    zip_t* z = zip_open(p.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(z, nullptr);
    for (const auto& [part, text] : parts) {
      zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
      EXPECT_GE(zip_file_add(z, part.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
    }
    EXPECT_EQ(zip_close(z), 0);  // the sources are read here, while `parts` lives
    return p;
  }

  fs::path dir_;
};

// Under ASan freed memory waits in a quarantine: the peak says nothing.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST_F(XlsxStreamingTest, FourMillionEmptyCellsAreReadInLittleMemory) {
  // 4 million formatting-only cells (a whole sheet styled by hand): 44 MB
  // of XML that deflates to 79 KB. Built into a tree, `defen eval` of it
  // peaked at 549 MB; streamed, at 79 MB.
  std::string file;
  {
    std::string sheet = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>金额</t></is></c></row>"
                        "<row r=\"2\"><c r=\"A2\"><v>12.5</v></c>";
    sheet.reserve(4'000'000 * 11 + 200);
    for (int i = 0; i < 4'000'000; ++i) sheet += "<c s=\"0\"/>";
    sheet += "</row>";
    file = workbook("styled.xlsx", sheet);
  }
  EXPECT_LT(fs::file_size(file), 1u << 20);
  const long before = peakRssKb();
  const Table t = readXlsx(file);
  const long grownKb = peakRssKb() - before;
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].cells[0].text, "12.5");
  if (!kSanitized) {
    EXPECT_LT(grownKb, 32 * 1024) << "the peak grew by " << grownKb << " KB";
  }
}

TEST_F(XlsxStreamingTest, MoreCellsThanTheCapStopWithAMessage) {
  std::string sheet;
  sheet.reserve(64u << 20);
  const std::string row = [] {
    std::string r = "<row>";
    for (int c = 0; c < 1000; ++c) r += "<c><v>1</v></c>";
    return r + "</row>";
  }();
  for (std::size_t cells = 0; cells <= xlsx::kMaxGridCells; cells += 1000) sheet += row;
  const Table t = readXlsx(workbook("many.xlsx", sheet));
  sheet.clear();
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "工作表中有值的单元格超过 5000000 个，不予读取；请拆分数据");
  EXPECT_TRUE(t.records.empty());
}

TEST_F(XlsxStreamingTest, MoreRowsThanExcelHoldsStopWithAMessage) {
  std::string sheet;
  sheet.reserve(30u << 20);
  for (int r = 0; r <= xlsx::kMaxGridRows; ++r) sheet += "<row><c><v>1</v></c></row>";
  const Table t = readXlsx(workbook("tall.xlsx", sheet));
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].message, "工作表超过 1048576 行，不予读取");
}

TEST_F(XlsxStreamingTest, ADoctypeIsRefused) {
  // Entities that expand (the "billion laughs") need a DTD; no Excel part has one.
  const Table t = readXlsx(workbook("dtd.xlsx", "<row><c t=\"inlineStr\"><is><t>&a;</t></is></c></row>",
                                    "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>"));
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].message, "Excel 文件中含有 DTD（<!DOCTYPE>），不是 Excel 写出的文件，不予读取");
}

TEST_F(XlsxStreamingTest, MalformedSheetXmlNamesThePartAndTheByte) {
  const std::string file = workbook("bad.xlsx", "<row><c><v>1</v></row>");
  const Table t = readXlsx(file);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].message.rfind("Excel 文件（" + file + "）中的 xl/worksheets/sheet1.xml 不是有效的 XML（第 ", 0), 0u)
      << t.errors[0].message;
  EXPECT_NE(t.errors[0].message.find("mismatched tag"), std::string::npos) << t.errors[0].message;
}

TEST_F(XlsxStreamingTest, PercentCellsReadAsExcelShowsThem) {
  const std::string file = path("percent.xlsx");
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "数据");
  lxw_format* whole = workbook_add_format(wb);
  format_set_num_format_index(whole, 9);  // 0%
  lxw_format* hundredths = workbook_add_format(wb);
  format_set_num_format_index(hundredths, 10);  // 0.00%
  lxw_format* custom = workbook_add_format(wb);
  format_set_num_format(custom, "0.0%;[Red]-0.0%");
  lxw_format* quoted = workbook_add_format(wb);
  format_set_num_format(quoted, "0\"%\"");  // a literal sign: the value is not scaled
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  const char* header[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚"};
  for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_write_number(ws, 1, 0, 0.95, whole);
  worksheet_write_number(ws, 1, 1, 0.0575, hundredths);
  worksheet_write_number(ws, 1, 2, -0.123, custom);
  worksheet_write_number(ws, 1, 3, 50, quoted);
  worksheet_write_number(ws, 1, 4, 1234.5, money);
  worksheet_write_number(ws, 1, 5, 1.5e-7, whole);
  worksheet_write_number(ws, 1, 6, 12, hundredths);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  const Table t = readXlsx(file);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.records.size(), 1u);
  const auto& cells = t.records[0].cells;
  auto expectCell = [](const Cell& cell, Cell::Kind kind, const std::string& text) {
    EXPECT_EQ(cell.kind, kind) << cell.text;
    EXPECT_EQ(cell.text, text);
  };
  expectCell(cells[0], Cell::Kind::Text, "95%");
  expectCell(cells[1], Cell::Kind::Text, "5.75%");
  expectCell(cells[2], Cell::Kind::Text, "-12.3%");
  expectCell(cells[3], Cell::Kind::Number, "50");
  expectCell(cells[4], Cell::Kind::Number, "1234.5");
  expectCell(cells[5], Cell::Kind::Text, "0.000015%");  // stored as 1.5E-7
  expectCell(cells[6], Cell::Kind::Text, "1200%");
}

}  // namespace
}  // namespace defen
