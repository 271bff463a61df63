// Cutting a CSV into pieces for the threads (compiler/io/csv_split.h): every
// piece read with the header before it must give exactly the rows, row
// numbers, line numbers, cells and row errors of reading the file whole, at
// any piece size; and the in-place row parser must see the cells readCsv sees.
#include "compiler/io/csv_split.h"
#include "compiler/io/readers.h"
#include "compiler/core/utf8.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace defen {
namespace {

struct Split {
  std::string header;
  int headerLines = 0;
  std::vector<CsvPiece> pieces;
};

Split split(const std::string& text, size_t pieceBytes) {
  std::istringstream in(text);
  CsvSplitter splitter(in, pieceBytes);
  Split s;
  splitter.header(s.header, s.headerLines);
  CsvPiece piece;
  while (splitter.next(piece)) s.pieces.push_back(piece);
  EXPECT_EQ(splitter.bytesRead(), text.size());
  return s;
}

// The pieces read as the pipeline reads a piece it leaves to readCsv.
Table readPieces(const Split& s) {
  Table all = readCsv(s.header);
  for (const CsvPiece& p : s.pieces) {
    std::string text = s.header;
    if (!text.empty() && text.back() != '\n' && text.back() != '\r') text += '\n';
    text += p.bytes;
    const int offset = p.firstLine - (std::max(1, s.headerLines) + 1);
    Table t = readCsv(text, Encoding::Auto, offset);
    int rows = 0;
    for (auto& r : t.records) {
      r.row += p.rowsBefore;
      all.records.push_back(r);
      ++rows;
    }
    for (auto& e : t.errors)
      if (e.row > 0) {
        e.row += p.rowsBefore;
        all.errors.push_back(e);
        ++rows;
      }
    EXPECT_EQ(rows, p.rows) << "rows counted by the splitter, piece at line " << p.firstLine;
  }
  return all;
}

void expectSame(const Table& whole, const Table& pieces) {
  EXPECT_EQ(pieces.columns, whole.columns);
  ASSERT_EQ(pieces.records.size(), whole.records.size());
  for (size_t i = 0; i < whole.records.size(); ++i) {
    EXPECT_EQ(pieces.records[i].row, whole.records[i].row) << i;
    EXPECT_EQ(pieces.records[i].line, whole.records[i].line) << i;
    ASSERT_EQ(pieces.records[i].cells.size(), whole.records[i].cells.size());
    for (size_t c = 0; c < whole.records[i].cells.size(); ++c) {
      EXPECT_EQ(pieces.records[i].cells[c].kind, whole.records[i].cells[c].kind);
      EXPECT_EQ(pieces.records[i].cells[c].text, whole.records[i].cells[c].text) << "row " << i << " cell " << c;
    }
  }
  ASSERT_EQ(pieces.errors.size(), whole.errors.size());
  for (size_t i = 0; i < whole.errors.size(); ++i) {
    EXPECT_EQ(pieces.errors[i].row, whole.errors[i].row);
    EXPECT_EQ(pieces.errors[i].line, whole.errors[i].line);
    EXPECT_EQ(pieces.errors[i].message, whole.errors[i].message);
  }
}

std::string awkwardFile() {
  std::string t = "\n ,, \n\xEF\xBB\xBF名称,金额,说明\r\n";
  for (int i = 1; i <= 40; ++i) {
    switch (i % 10) {
      case 1: t += "甲" + std::to_string(i) + ",\"1,000.00\",\"两行\r\n说明\"\r\n"; break;  // quoted CRLF inside
      case 2: t += "\n"; break;                                                            // a blank line
      case 3: t += ",,\n"; break;                                                          // bare commas
      case 4: t += "乙" + std::to_string(i) + ",5,\"他说\"\"好\"\"\"\n"; break;            // escaped quotes
      case 5: t += "丙" + std::to_string(i) + ",5,ab\"c\n"; break;                         // a quote inside a value
      case 6: t += "丁" + std::to_string(i) + ",  \"7\"  ,x\r"; break;                     // spaces around a quote, lone CR
      case 7: t += "戊" + std::to_string(i) + ",1,2,3,4\n"; break;                         // too many values
      case 8: t += "\"\",,\n"; break;                                                      // a quoted empty cell: a row
      case 9: t += "己" + std::to_string(i) + ",\"a\"b c,\"\"\n"; break;                   // text after a closing quote
      default: t += "庚" + std::to_string(i) + "," + std::to_string(i * 100) + ".5,好\n";
    }
  }
  return t + "辛,1,末行没有换行";
}

TEST(CsvSplit, PiecesReadLikeTheWholeFile) {
  const std::string text = awkwardFile();
  const Table whole = readCsv(text);
  ASSERT_GT(whole.records.size(), 25u);
  for (size_t bytes : {1u, 2u, 7u, 33u, 100u, 1000u, 1u << 20}) {
    SCOPED_TRACE("piece bytes " + std::to_string(bytes));
    Split s = split(text, bytes);
    std::string joined = s.header;
    for (const auto& p : s.pieces) joined += p.bytes;
    EXPECT_EQ(joined, text);
    if (bytes == 1) {
      EXPECT_GT(s.pieces.size(), 30u);
    }
    expectSame(whole, readPieces(s));
  }
}

TEST(CsvSplit, AQuoteThatNeverClosesEndsItsPieceAtItsOwnLine) {
  std::string text = "名称,金额\n";
  for (int i = 1; i <= 2500; ++i) text += i == 2 || i == 2400 ? "乙,\"100\n" : "甲,1\n";
  Split s = split(text, 4096);
  Table pieces = readPieces(s);
  ASSERT_EQ(pieces.records.size() + pieces.errors.size(), 2500u);
  ASSERT_EQ(pieces.errors.size(), 2u);
  EXPECT_EQ(pieces.errors[0].row, 2);
  EXPECT_EQ(pieces.errors[0].message, "第3行开始的引号没有结束（缺少配对的 \"）");
  EXPECT_EQ(pieces.errors[1].row, 2400);
  EXPECT_EQ(pieces.errors[1].message, "第2401行开始的引号没有结束（缺少配对的 \"）");
  int unclosed = 0;
  for (const auto& p : s.pieces) unclosed += p.unclosedQuote;
  EXPECT_EQ(unclosed, 2);
  // Within 1,000 lines of the end the rule is readCsv's own: the quote's
  // line is the bad row, and the lines after it are read as rows.
  std::string near = "名称,金额\n";
  for (int i = 1; i <= 150; ++i) near += i == 100 ? "乙,\"100\n" : "甲,1\n";
  for (size_t bytes : {16u, 1u << 20}) expectSame(readCsv(near), readPieces(split(near, bytes)));
}

TEST(CsvSplit, HeaderOnlyAndEmptyInputs) {
  Split s = split("", 100);
  EXPECT_EQ(s.header, "");
  EXPECT_TRUE(s.pieces.empty());
  s = split("\n\n名称,金额", 100);
  EXPECT_EQ(s.header, "\n\n名称,金额");
  EXPECT_EQ(s.headerLines, 2);
  EXPECT_TRUE(s.pieces.empty());
  s = split("名称\n\n", 100);
  ASSERT_EQ(s.pieces.size(), 1u);
  EXPECT_EQ(s.pieces[0].rows, 0);
}

TEST(CsvPieceRows, FieldsAreReadCsvCells) {
  const std::string text = awkwardFile();
  Split s = split(text, 1u << 20);
  ASSERT_EQ(s.pieces.size(), 1u);
  const Table whole = readCsv(text);
  std::string arena;
  CsvPieceRows rows(s.pieces[0].bytes, s.pieces[0].firstLine, arena);
  std::vector<std::string_view> fields;
  int line = 0;
  size_t record = 0;
  int rowsSeen = 0;
  while (rows.next(fields, line) == CsvPieceRows::Next::Row) {
    ++rowsSeen;
    size_t used = fields.size();
    while (used > whole.columns.size() && fields[used - 1].empty()) --used;
    if (used > whole.columns.size()) continue;  // readCsv's error row (戊)
    ASSERT_LT(record, whole.records.size());
    const Record& r = whole.records[record++];
    EXPECT_EQ(line, r.line);
    for (size_t c = 0; c < r.cells.size(); ++c)
      EXPECT_EQ(c < used ? std::string(fields[c]) : "", r.cells[c].text) << "line " << line << " cell " << c;
  }
  EXPECT_EQ(record, whole.records.size());
  EXPECT_EQ(rowsSeen, s.pieces[0].rows);
}

}  // namespace
}  // namespace defen

namespace defen {
namespace {

// Whether a piece is plain UTF-8 decides its path: the fast steps of
// firstInvalidUtf8 (eight ASCII bytes, a three-byte character) must agree
// with the character-by-character check that replaceInvalidUtf8 makes.
TEST(CsvSplit, Utf8CheckAgreesWithTheSlowCheck) {
  const std::vector<std::string> parts = {"a", "12345678", ",", "中", "\xE4\xB8", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\xC2\xA0",
                                          "\xFF", "\xE0\x80\x80", "\xEF\xBF\xBD", "\x80", "ab\xE5"};
  std::uint64_t state = 99;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (int k = 0; k < 12; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      s += parts[(state >> 33) % parts.size()];
    }
    const size_t bad = firstInvalidUtf8(s);
    if (bad == std::string_view::npos) {
      ASSERT_EQ(replaceInvalidUtf8(s), s) << i;
      continue;
    }
    ASSERT_EQ(replaceInvalidUtf8(s.substr(0, bad)), s.substr(0, bad)) << i;
    ASSERT_TRUE(replaceInvalidUtf8(s.substr(bad)).starts_with("\xEF\xBF\xBD")) << i;
  }
}

}  // namespace
}  // namespace defen
