// Reading a CSV in chunks must give exactly what reading it whole gives:
// the same records, row numbers, line numbers, cells and row errors.
#include "compiler/io/csv_chunks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace defen {
namespace {

std::string writeTemp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("defen_chunks_" + std::to_string(::getpid()) + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

Table readAllChunks(const std::string& path, size_t perChunk, int& chunks) {
  CsvChunks reader(path, Encoding::Auto, perChunk);
  Table all, chunk;
  chunks = 0;
  while (reader.next(chunk)) {
    ++chunks;
    if (all.columns.empty()) all.columns = chunk.columns;
    for (auto& r : chunk.records) all.records.push_back(r);
    for (auto& e : chunk.errors) all.errors.push_back(e);
  }
  return all;
}

TEST(CsvChunks, SameAsReadingWhole) {
  std::string text = "\xEF\xBB\xBF名称,金额,说明\n";
  for (int i = 1; i <= 23; ++i) {
    if (i == 7) text += "甲7,\"1,000.00\",\"两行\n说明\"\n";          // a quoted newline
    else if (i == 11) text += "甲11,1,2,3,4\n";                       // too many cells
    else if (i == 15) text += "\n";                                   // a blank line
    else text += "甲" + std::to_string(i) + "," + std::to_string(i * 100) + ".5,好\n";
  }
  std::string path = writeTemp("a.csv", text);
  Table whole = readCsv(text);
  for (size_t per : {1u, 2u, 3u, 5u, 8u, 100u}) {
    int chunks = 0;
    Table chunked = readAllChunks(path, per, chunks);
    SCOPED_TRACE("records per chunk " + std::to_string(per));
    EXPECT_EQ(chunked.columns, whole.columns);
    ASSERT_EQ(chunked.records.size(), whole.records.size());
    for (size_t i = 0; i < whole.records.size(); ++i) {
      EXPECT_EQ(chunked.records[i].row, whole.records[i].row);
      EXPECT_EQ(chunked.records[i].line, whole.records[i].line);
      ASSERT_EQ(chunked.records[i].cells.size(), whole.records[i].cells.size());
      for (size_t c = 0; c < whole.records[i].cells.size(); ++c)
        EXPECT_EQ(chunked.records[i].cells[c].text, whole.records[i].cells[c].text);
    }
    ASSERT_EQ(chunked.errors.size(), whole.errors.size());
    for (size_t i = 0; i < whole.errors.size(); ++i) {
      EXPECT_EQ(chunked.errors[i].row, whole.errors[i].row);
      EXPECT_EQ(chunked.errors[i].line, whole.errors[i].line);
    }
    if (per == 5) {
      EXPECT_GE(chunks, 4);
    }
  }
}

TEST(CsvChunks, BytesReadReachTheFileSize) {
  std::string text = "a,b\n1,2\n3,4\n5,6";  // no newline at the end
  std::string path = writeTemp("p.csv", text);
  CsvChunks reader(path, Encoding::Auto, 2);
  Table chunk;
  EXPECT_EQ(reader.fileSize(), text.size());
  ASSERT_TRUE(reader.next(chunk));
  EXPECT_EQ(reader.bytesRead(), 12u);  // header and two records
  while (reader.next(chunk)) {}
  EXPECT_EQ(reader.bytesRead(), text.size());
}

TEST(CsvChunks, MissingFileIsOneError) {
  CsvChunks reader("/nonexistent/x.csv", Encoding::Auto);
  Table chunk;
  ASSERT_TRUE(reader.next(chunk));
  ASSERT_EQ(chunk.errors.size(), 1u);
  EXPECT_NE(chunk.errors[0].message.find("无法打开数据文件"), std::string::npos);
  EXPECT_FALSE(reader.next(chunk));
}

TEST(CsvChunks, HeaderOnlyFileHasNoRecords) {
  std::string path = writeTemp("h.csv", "名称,金额\n");
  CsvChunks reader(path, Encoding::Auto);
  Table chunk;
  size_t records = 0;
  while (reader.next(chunk)) records += chunk.records.size();
  EXPECT_EQ(records, 0u);
}

// A quote that never closes used to make one chunk of the rest of the file.
// Now a quote open for 1,000 lines (or 1 MiB) ends the chunk: the row where it
// opened is the error, and every line after it is a row again, numbered as
// if the file had been read whole.
TEST(CsvChunks, UnclosedQuoteEndsTheChunkAfterAThousandLines) {
  std::string text = "名称,金额\n甲1,1\n乙,\"100\n";
  for (int i = 3; i <= 3000; ++i) text += "甲" + std::to_string(i) + "," + std::to_string(i) + "\n";
  std::string path = writeTemp("q.csv", text);
  CsvChunks reader(path, Encoding::Auto, 512);
  Table chunk;
  size_t largest = 0, records = 0;
  std::vector<ReadError> errors;
  int lastRow = 0;
  while (reader.next(chunk)) {
    largest = std::max(largest, chunk.records.size() + chunk.errors.size());
    for (const auto& r : chunk.records) {
      EXPECT_EQ(r.row, lastRow + 1);
      EXPECT_EQ(r.line, r.row + 1);
      EXPECT_EQ(r.cells[0].text, "甲" + std::to_string(r.row));
      lastRow = r.row + (r.row == 1);  // row 2 is the error
      ++records;
    }
    for (const auto& e : chunk.errors) errors.push_back(e);
  }
  EXPECT_EQ(records, 2999u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 2);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_NE(errors[0].message.find("第3行开始的引号没有结束"), std::string::npos) << errors[0].message;
  // 1,000 lines from the quote to the cut, not the 2,998 to the end.
  EXPECT_LE(largest, 1001u);
}

TEST(CsvChunks, UnclosedQuoteEndsTheChunkAfterAMebibyte) {
  const std::string wide(100 * 1024, 'x');  // 100 KiB lines: the byte bound comes first
  std::string text = "名称,说明\n乙,\"" + wide + "\n";
  for (int i = 2; i <= 40; ++i) text += "甲" + std::to_string(i) + "," + wide + "\n";
  std::string path = writeTemp("w.csv", text);
  CsvChunks reader(path, Encoding::Auto, 512);
  Table chunk;
  int chunks = 0;
  size_t records = 0, errors = 0;
  while (reader.next(chunk)) {
    ++chunks;
    records += chunk.records.size();
    errors += chunk.errors.size();
  }
  EXPECT_EQ(errors, 1u);
  EXPECT_EQ(records, 39u);
  EXPECT_GE(chunks, 2);  // cut about 11 lines after the quote, not at the end of the file
}

TEST(CsvChunks, ReadsAStreamThatCannotSeek) {
  std::istringstream in("名称,金额\n甲,1\n乙,2\n丙,3\n");
  CsvChunks reader(in, "标准输入", Encoding::Auto, 2);
  Table chunk;
  std::vector<std::string> names;
  while (reader.next(chunk))
    for (const auto& r : chunk.records) names.push_back(r.cells[0].text);
  EXPECT_EQ(names, (std::vector<std::string>{"甲", "乙", "丙"}));
  EXPECT_EQ(reader.fileSize(), 0u);  // unknown: the progress line shows the count alone
}

}  // namespace
}  // namespace defen
