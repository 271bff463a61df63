// Reading a CSV in chunks must give exactly what reading it whole gives:
// the same records, row numbers, line numbers, cells and row errors.
#include "runtime/csv_chunks.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace defen
