// Tests for the .xlsx reader: workbooks written by libxlsxwriter (as Excel
// writes them) and hand-assembled packages (the odd spellings other writers
// use). libxlsxwriter and libzip reach this executable through defen_runtime,
// a static library that links them.
#include "compiler/io/readers.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace defen {
namespace {

using Kind = Cell::Kind;

void expectCell(const Cell& cell, Kind kind, const std::string& text) {
  EXPECT_EQ(cell.kind, kind) << "text: " << cell.text;
  EXPECT_EQ(cell.text, text);
}

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("defen_xlsx_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // A package from part name → content, stored with libzip.
  std::string package(const std::string& name, const std::map<std::string, std::string>& parts) {
    const std::string p = path(name);
    int err = 0;
    zip_t* z = zip_open(p.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(z, nullptr);
    for (const auto& [part, text] : parts) {
      zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
      EXPECT_GE(zip_file_add(z, part.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
    }
    EXPECT_EQ(zip_close(z), 0);
    return p;
  }

  // The minimal parts of a one-sheet workbook around `sheetXml`, with the
  // spellings of a non-Excel writer: prefixed elements, an absolute target.
  std::string oddPackage(const std::string& name, const std::string& sheetXml, const std::string& sharedXml) {
    const std::string ns = "http://schemas.openxmlformats.org/";
    std::map<std::string, std::string> parts{
        {"_rels/.rels", "<Relationships xmlns=\"" + ns + "package/2006/relationships\"><Relationship Id=\"r1\" Type=\"" + ns +
                            "officeDocument/2006/relationships/officeDocument\" Target=\"book/wb.xml\"/></Relationships>"},
        {"book/wb.xml", "<x:workbook xmlns:x=\"" + ns + "spreadsheetml/2006/main\" xmlns:r=\"" + ns +
                            "officeDocument/2006/relationships\"><x:sheets><x:sheet name=\"数据\" sheetId=\"1\" r:id=\"s1\"/></x:sheets></x:workbook>"},
        {"book/_rels/wb.xml.rels", "<Relationships xmlns=\"" + ns + "package/2006/relationships\"><Relationship Id=\"s1\" Type=\"" + ns +
                                       "officeDocument/2006/relationships/worksheet\" Target=\"/book/sheets/one.xml\"/>"
                                       "<Relationship Id=\"s2\" Type=\"" + ns +
                                       "officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/></Relationships>"},
        {"book/sheets/one.xml", "<x:worksheet xmlns:x=\"" + ns + "spreadsheetml/2006/main\"><x:sheetData>" + sheetXml +
                                    "</x:sheetData></x:worksheet>"},
        {"book/strings.xml", "<sst xmlns=\"" + ns + "spreadsheetml/2006/main\">" + sharedXml + "</sst>"}};
    return package(name, parts);
  }

  std::filesystem::path dir_;
};

// Two sheets as Excel users make them: strings, numbers, booleans, a gap, a
// blank row, a title-less header in row 1.
std::string writeTwoSheets(const std::string& file, bool constantMemory) {
  lxw_workbook_options options{};
  options.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;  // inline strings instead of shared ones
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  lxw_worksheet* a = workbook_add_worksheet(wb, "甲表");
  const char* header[] = {"名称", "年度实际支出", "比率", "有下属单位", "备注"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(a, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_write_string(a, 1, 0, "湛江市社科联", nullptr);
  worksheet_write_number(a, 1, 1, 3974522.77, nullptr);
  worksheet_write_number(a, 1, 2, 0.3574, nullptr);
  worksheet_write_boolean(a, 1, 3, 1, nullptr);
  worksheet_write_string(a, 1, 4, "第一行\n第二行", nullptr);
  // Row 3 (index 2) left blank; row 4 has a gap in column B.
  worksheet_write_string(a, 3, 0, "市教育局", nullptr);
  worksheet_write_number(a, 3, 2, 1, nullptr);
  worksheet_write_boolean(a, 3, 3, 0, nullptr);
  lxw_worksheet* b = workbook_add_worksheet(wb, "乙表");
  worksheet_write_string(b, 0, 0, "id", nullptr);
  worksheet_write_string(b, 1, 0, "B1", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return file;
}

void expectFirstSheet(const Table& t) {
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"名称", "年度实际支出", "比率", "有下属单位", "备注"}));
  ASSERT_EQ(t.records.size(), 2u);  // the blank row is skipped
  const Record& r1 = t.records[0];
  EXPECT_EQ(r1.row, 1);
  EXPECT_EQ(r1.line, 2);  // the Excel row number
  expectCell(r1.cells[0], Kind::Text, "湛江市社科联");
  expectCell(r1.cells[1], Kind::Number, "3974522.77");
  expectCell(r1.cells[2], Kind::Number, "0.3574");
  expectCell(r1.cells[3], Kind::Bool, "true");
  expectCell(r1.cells[4], Kind::Text, "第一行\n第二行");
  const Record& r2 = t.records[1];
  EXPECT_EQ(r2.row, 2);
  EXPECT_EQ(r2.line, 4);
  expectCell(r2.cells[0], Kind::Text, "市教育局");
  EXPECT_EQ(r2.cells[1].kind, Kind::Missing);  // the gap stays in its column
  expectCell(r2.cells[2], Kind::Number, "1");
  expectCell(r2.cells[3], Kind::Bool, "false");
  EXPECT_EQ(r2.cells[4].kind, Kind::Missing);
}

TEST_F(XlsxReaderTest, FirstSheetWithSharedStrings) {
  expectFirstSheet(readXlsx(writeTwoSheets(path("shared.xlsx"), false)));
}

TEST_F(XlsxReaderTest, FirstSheetWithInlineStrings) {
  expectFirstSheet(readXlsx(writeTwoSheets(path("inline.xlsx"), true)));
}

TEST_F(XlsxReaderTest, SheetChosenByName) {
  const std::string file = writeTwoSheets(path("two.xlsx"), false);
  const Table t = readXlsx(file, "乙表");
  ASSERT_TRUE(t.errors.empty());
  EXPECT_EQ(t.columns, std::vector<std::string>{"id"});
  ASSERT_EQ(t.records.size(), 1u);
  expectCell(t.records[0].cells[0], Kind::Text, "B1");
  // readDataFile passes --sheet on.
  EXPECT_EQ(readDataFile(file, Encoding::Auto, "乙表").columns, std::vector<std::string>{"id"});
  expectFirstSheet(readDataFile(file));
}

TEST_F(XlsxReaderTest, MissingSheetListsTheSheets) {
  const std::string file = writeTwoSheets(path("two.xlsx"), false);
  const Table t = readXlsx(file, "丙表");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "Excel 文件（" + file + "）中没有名为“丙表”的工作表；现有工作表：“甲表”、“乙表”");
}

TEST_F(XlsxReaderTest, NumbersKeepTheirTextRichTextAndEscapes) {
  const std::string sheet =
      "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v></x:c>"
      "<x:c r=\"D1\" t=\"inlineStr\"><x:is><x:t>说明</x:t></x:is></x:c></x:row>"
      "<x:row r=\"3\"><x:c r=\"A3\"><x:v>0.35740000000000005</x:v></x:c><x:c r=\"B3\"><x:v>3.97E+06</x:v></x:c>"
      "<x:c r=\"D3\" t=\"s\"><x:v>2</x:v></x:c></x:row>"
      "<x:row r=\"4\"><x:c r=\"A4\" t=\"str\"><x:f>A3*2</x:f><x:v>0.7148</x:v></x:c><x:c r=\"B4\" t=\"e\"><x:v>#DIV/0!</x:v></x:c>"
      "<x:c r=\"C4\" s=\"1\"/><x:c r=\"D4\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\"> </x:t></x:is></x:c></x:row>";
  const std::string shared =
      "<si><t>比率</t></si><si><r><t>金</t></r><r><rPr><b/></rPr><t>额</t></r><rPh><t>きん</t></rPh></si>"
      "<si><t>甲_x000D_乙_x005F_x</t></si>";
  const Table t = readXlsx(oddPackage("odd.xlsx", sheet, shared));
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"比率", "金额", "", "说明"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].line, 3);
  expectCell(t.records[0].cells[0], Kind::Number, "0.35740000000000005");
  expectCell(t.records[0].cells[1], Kind::Number, "3.97E+06");
  expectCell(t.records[0].cells[3], Kind::Text, "甲\r乙_x");
  expectCell(t.records[1].cells[0], Kind::Text, "0.7148");
  expectCell(t.records[1].cells[1], Kind::Text, "#DIV/0!");
  EXPECT_EQ(t.records[1].cells[2].kind, Kind::Missing);  // formatting only
  EXPECT_EQ(t.records[1].cells[3].kind, Kind::Missing);  // a space only
}

TEST_F(XlsxReaderTest, ValueRightOfTheHeaderIsAnErrorForItsRow) {
  const std::string sheet =
      "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c></x:row>"
      "<x:row r=\"2\"><x:c r=\"A2\"><x:v>1</x:v></x:c><x:c r=\"C2\"><x:v>9</x:v></x:c></x:row>"
      "<x:row r=\"3\"><x:c r=\"A3\"><x:v>2</x:v></x:c></x:row>"
      "<x:row r=\"4\"><x:c r=\"A4\" t=\"s\"><x:v>7</x:v></x:c></x:row>"
      "<x:row r=\"5\"><x:c r=\"A5\"><x:f>1+1</x:f></x:c></x:row>";
  const Table t = readXlsx(oddPackage("wide.xlsx", sheet, "<si><t>数量</t></si>"));
  ASSERT_EQ(t.errors.size(), 3u);
  EXPECT_EQ(t.errors[0].row, 1);
  EXPECT_EQ(t.errors[0].line, 2);
  EXPECT_EQ(t.errors[0].message, "单元格 C2 有值，但表头只有1列（A～A）");
  EXPECT_EQ(t.errors[1].row, 3);
  EXPECT_EQ(t.errors[1].message, "单元格 A4 引用的共享字符串不存在，文件可能已损坏");
  EXPECT_EQ(t.errors[2].row, 4);
  EXPECT_EQ(t.errors[2].message, "单元格 A5 是公式但文件中没有保存计算结果；请在 Excel 中打开并保存后再读取");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].row, 2);
  expectCell(t.records[0].cells[0], Kind::Number, "2");
}

TEST_F(XlsxReaderTest, DuplicatedHeaderAndEmptySheet) {
  const Table dup = readXlsx(oddPackage("dup.xlsx",
                                        "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B2\" t=\"s\"><x:v>0</x:v></x:c></x:row>",
                                        "<si><t>名称</t></si>"));
  ASSERT_EQ(dup.errors.size(), 1u);
  EXPECT_EQ(dup.errors[0].row, 0);
  EXPECT_EQ(dup.errors[0].message, "表头中“名称”列出现了不止一次");

  const Table empty = readXlsx(oddPackage("empty.xlsx", "", ""));
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].message, "工作表“数据”是空的（没有表头）");
}

TEST_F(XlsxReaderTest, FilesThatAreNotWorkbooks) {
  const std::string text = path("text.xlsx");
  std::ofstream(text) << "名称,金额\n甲,1\n";
  const Table notZip = readDataFile(text);
  ASSERT_EQ(notZip.errors.size(), 1u);
  EXPECT_EQ(notZip.errors[0].row, 0);
  EXPECT_EQ(notZip.errors[0].message.rfind("数据文件（" + text + "）不是有效的 Excel 文件", 0), 0u) << notZip.errors[0].message;

  const std::string ole = path("old.xlsx");
  std::ofstream(ole, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(512, '\0');
  EXPECT_EQ(readXlsx(ole).errors.at(0).message,
            "数据文件（" + ole + "）是旧版 .xls 或设置了密码的工作簿，无法读取；请在 Excel 中另存为不加密的 .xlsx");

  const std::string zipOnly = package("plain.xlsx", {{"readme.txt", "hello"}});
  EXPECT_EQ(readXlsx(zipOnly).errors.at(0).message, "数据文件（" + zipOnly + "）不是 Excel 工作簿（缺少 xl/workbook.xml）");

  const std::string badXml = package("bad.xlsx", {{"xl/workbook.xml", "<workbook><sheets>"}});
  EXPECT_EQ(readXlsx(badXml).errors.at(0).message.rfind("Excel 文件（" + badXml + "）中的 xl/workbook.xml 不是有效的 XML", 0), 0u);

  const std::string missing = path("nope.xlsx");
  EXPECT_EQ(readDataFile(missing).errors.at(0).message, "无法打开数据文件 " + missing);
}

}  // namespace
}  // namespace defen
