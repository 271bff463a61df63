// Reading an .xlsx sheet in chunks must give what readXlsx gives for the
// whole sheet (records, rows, Excel row numbers, cells, row errors), with the
// sheet's XML parsed only as far as the next chunk needs.
#include "compiler/io/xlsx_chunks.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <map>
#include <string>

namespace defen {
namespace {

namespace fs = std::filesystem;

std::string describe(const Table& t) {
  std::string out;
  for (const auto& c : t.columns) out += "column " + c + "\n";
  for (const Record& r : t.records) {
    out += "record row=" + std::to_string(r.row) + " line=" + std::to_string(r.line) + ":";
    for (const Cell& c : r.cells) out += " " + std::to_string(static_cast<int>(c.kind)) + "|" + c.text;
    out += "\n";
  }
  for (const ReadError& e : t.errors)
    out += "error row=" + std::to_string(e.row) + " line=" + std::to_string(e.line) + " col=" + e.column + ": " + e.message + "\n";
  return out;
}

Table readChunked(const std::string& path, size_t perChunk, int* chunks = nullptr) {
  XlsxChunks reader(path, "", perChunk);
  Table all, chunk;
  int n = 0;
  while (reader.next(chunk)) {
    ++n;
    if (!chunk.columns.empty()) all.columns = chunk.columns;
    for (auto& r : chunk.records) all.records.push_back(std::move(r));
    for (auto& e : chunk.errors) all.errors.push_back(std::move(e));
  }
  if (chunks) *chunks = n;
  return all;
}

class XlsxChunksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("defen_xlsx_chunks_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A one-sheet workbook around `sheetData`, deflated.
  std::string workbook(const std::string& name, const std::string& sheetData) {
    const std::string ns = "http://schemas.openxmlformats.org/";
    const std::map<std::string, std::string> parts{
        {"_rels/.rels", "<Relationships xmlns=\"" + ns + "package/2006/relationships\"><Relationship Id=\"r1\" Type=\"" + ns +
                            "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", "<workbook xmlns=\"" + ns + "spreadsheetml/2006/main\" xmlns:r=\"" + ns +
                                "officeDocument/2006/relationships\"><sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + ns + "package/2006/relationships\"><Relationship Id=\"s1\" Type=\"" +
                                           ns + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml",
         "<worksheet xmlns=\"" + ns + "spreadsheetml/2006/main\"><sheetData>" + sheetData + "</sheetData></worksheet>"}};
    const std::string p = (dir_ / name).string();
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

  static std::string text(const std::string& ref, const std::string& s) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + s + "</t></is></c>";
  }
  static std::string number(const std::string& ref, const std::string& v) { return "<c r=\"" + ref + "\"><v>" + v + "</v></c>"; }

  void expectSameAsWhole(const std::string& path) {
    const std::string whole = describe(readXlsx(path));
    for (size_t per : {1u, 2u, 3u, 7u, 100u, 100000u}) {
      SCOPED_TRACE("records per chunk " + std::to_string(per));
      EXPECT_EQ(describe(readChunked(path, per)), whole);
    }
  }

  fs::path dir_;
};

// 300 rows, ~90 KB of XML (more than one 64 KB read), with a blank row, a
// gap in a row, a value right of the header, an invalid reference and a
// formula without its result.
std::string mixedSheet() {
  std::string s = "<row r=\"1\">" + std::string("<c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c>") +
                  "<c r=\"B1\" t=\"inlineStr\"><is><t>金额</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>说明</t></is></c></row>";
  for (int r = 2; r <= 301; ++r) {
    const std::string n = std::to_string(r);
    if (r == 10) continue;  // a row Excel never wrote
    s += "<row r=\"" + n + "\">";
    if (r == 20) s += "<c r=\"A20\" t=\"inlineStr\"><is><t>空隙</t></is></c><c r=\"C20\"><v>3</v></c>";
    else if (r == 30) s += "<c r=\"A30\"><v>1</v></c><c r=\"E30\"><v>2</v></c>";
    else if (r == 40) s += "<c r=\"Q\"><v>1</v></c>";
    else if (r == 50) s += "<c r=\"B50\"><f>1+1</f></c>";
    else if (r == 60) s += "<c r=\"A60\" s=\"1\"/>";  // formatting only: a blank row
    else
      s += "<c r=\"A" + n + "\" t=\"inlineStr\"><is><t>单位" + n + "</t></is></c><c r=\"B" + n + "\"><v>" + n + ".25</v></c>" +
           "<c r=\"C" + n + "\" t=\"inlineStr\"><is><t>" + std::string(200, 'x') + "</t></is></c>";
    s += "</row>";
  }
  return s;
}

TEST_F(XlsxChunksTest, SameAsReadingWholeForEveryChunkSize) {
  const std::string path = workbook("mixed.xlsx", mixedSheet());
  expectSameAsWhole(path);
  int chunks = 0;
  const Table t = readChunked(path, 100, &chunks);
  EXPECT_EQ(chunks, 3);
  EXPECT_EQ(t.records.size() + t.errors.size(), 298u);  // 301 rows: the header, two blank
  EXPECT_EQ(t.records.back().row, 298);
  EXPECT_EQ(t.records.back().line, 301);
  EXPECT_EQ(t.records.back().cells.at(1).text, "301.25");
}

TEST_F(XlsxChunksTest, HeaderErrorsEmptySheetsAndMissingSheetsAsReadingWhole) {
  expectSameAsWhole(workbook("empty.xlsx", ""));
  expectSameAsWhole(workbook("blank.xlsx", "<row r=\"3\"><c r=\"A3\" s=\"2\"/></row>"));
  expectSameAsWhole(workbook("badheader.xlsx", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>9</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"));
  expectSameAsWhole(workbook("dupheader.xlsx", "<row r=\"1\">" + text("A1", "a") + text("B1", "a") + "</row><row r=\"2\">" +
                                                   number("A2", "1") + "</row>"));
  XlsxChunks reader(workbook("one.xlsx", "<row r=\"1\">" + text("A1", "a") + "</row>"), "没有这张表");
  Table chunk;
  ASSERT_TRUE(reader.next(chunk));
  ASSERT_EQ(chunk.errors.size(), 1u);
  EXPECT_NE(chunk.errors[0].message.find("中没有名为“没有这张表”的工作表；现有工作表：“数据”"), std::string::npos) << chunk.errors[0].message;
  EXPECT_FALSE(reader.next(chunk));
}

TEST_F(XlsxChunksTest, DamagedXmlLateInTheSheetEndsTheReadingAfterTheChunksBefore) {
  std::string sheet = mixedSheet();
  sheet.insert(sheet.find("<row r=\"250\">"), "<row><c><v>1</v></row>");  // </c> missing
  const std::string path = workbook("damaged.xlsx", sheet);
  const Table whole = readXlsx(path);
  ASSERT_EQ(whole.errors.size(), 1u);
  EXPECT_TRUE(whole.records.empty());
  EXPECT_EQ(describe(readChunked(path, 100000)), describe(whole));  // one chunk: the same
  const Table chunked = readChunked(path, 100);
  ASSERT_FALSE(chunked.errors.empty());
  EXPECT_EQ(chunked.errors.back().row, 0);
  EXPECT_EQ(chunked.errors.back().message, whole.errors[0].message);
  // The first chunk (100 rows, records and row errors) was handed out before
  // the damage was read; the rows of the chunk it fell in are dropped.
  EXPECT_EQ(chunked.records.size() + chunked.errors.size() - 1, 100u);
  EXPECT_LT(chunked.records.back().line, 250);
}

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

TEST_F(XlsxChunksTest, ManyRowsAreReadInLittleMemory) {
  // 200,000 rows of 4 cells: ~30 MB of XML. readXlsx holds every row; the
  // chunks hold one chunk.
  std::string path;
  {
    std::string sheet = "<row r=\"1\">" + text("A1", "名称") + text("B1", "金额") + text("C1", "比率") + text("D1", "说明") + "</row>";
    sheet.reserve(200'000 * 170);
    for (int r = 2; r <= 200'001; ++r) {
      const std::string n = std::to_string(r);
      sheet += "<row r=\"" + n + "\">" + text("A" + n, "单位" + n) + number("B" + n, n + ".5") + number("C" + n, "0.35") +
               text("D" + n, "按时完成") + "</row>";
    }
    path = workbook("tall.xlsx", sheet);
  }
  const long before = peakRssKb();
  XlsxChunks reader(path);
  Table chunk;
  size_t records = 0;
  while (reader.next(chunk)) {
    ASSERT_TRUE(chunk.errors.empty()) << chunk.errors[0].message;
    records += chunk.records.size();
  }
  const long grownKb = peakRssKb() - before;
  EXPECT_EQ(records, 200'000u);
  EXPECT_EQ(reader.bytesRead(), reader.fileSize());
  if (!kSanitized) {
    EXPECT_LT(grownKb, 16 * 1024) << "the peak grew by " << grownKb << " KB";
  }
}

}  // namespace
}  // namespace defen
