// Reading a JSON file in chunks must give exactly what readJson gives for the
// whole text: the same records, rows, lines, cells and errors (messages with
// their line and column), whatever the read size (a record split across
// reads) and the records per chunk. Then: what it does differently on
// purpose (nesting found late), and that memory does not follow the file.
#include "compiler/io/json_chunks.h"
#include "compiler/io/json_nesting.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace defen {
namespace {

// Records with their cells by column name, so tables whose columns are
// numbered differently (a chunk knows only the columns seen so far) compare.
std::string describe(const Table& t) {
  std::string out;
  for (const Record& r : t.records) {
    out += "record row=" + std::to_string(r.row) + " line=" + std::to_string(r.line) + ":";
    for (size_t c = 0; c < r.cells.size(); ++c) {
      if (r.cells[c].kind == Cell::Kind::Missing) continue;
      out += " " + t.columns.at(c) + "=" + std::to_string(static_cast<int>(r.cells[c].kind)) + "|" + r.cells[c].text;
    }
    out += "\n";
  }
  for (const ReadError& e : t.errors)
    out += "error row=" + std::to_string(e.row) + " line=" + std::to_string(e.line) + " col=" + e.column + ": " + e.message + "\n";
  return out;
}

// Every chunk's records and errors, in order, as one table.
Table readChunked(const std::string& text, size_t perChunk, size_t block, int* chunks = nullptr) {
  std::istringstream in(text);
  JsonChunks reader(in, "test.json", perChunk, block);
  Table all, chunk;
  int n = 0;
  while (reader.next(chunk)) {
    ++n;
    all.columns = chunk.columns;  // a chunk's columns extend the previous chunk's
    for (auto& r : chunk.records) all.records.push_back(std::move(r));
    for (auto& e : chunk.errors) all.errors.push_back(std::move(e));
  }
  if (chunks) *chunks = n;
  return all;
}

void expectSameAsWhole(const std::string& text, const std::vector<size_t>& perChunks = {1, 2, 3, 100},
                       const std::vector<size_t>& blocks = {1, 7, 64, 1 << 20}) {
  const std::string whole = describe(readJson(text));
  for (size_t per : perChunks)
    for (size_t block : blocks) {
      SCOPED_TRACE("records per chunk " + std::to_string(per) + ", read " + std::to_string(block) + " bytes at a time");
      ASSERT_EQ(describe(readChunked(text, per, block)), whole) << text;
    }
}

// Eight records with what a real file holds: exact numbers, Chinese text with
// commas and brackets in strings, escapes, null, booleans, NaN, a number past
// double range, a nested value, a non-object element, a duplicate key, a
// column first seen late, records on one line and across lines.
const char* const kCorpus =
    "\xEF\xBB\xBF[\n"
    "  {\"名称\": \"财政局\", \"金额\": 3974522.77, \"说明\": \"含逗号, 和括号]}[{\"},\n"
    "  {\"名称\": \"教育局\", \"金额\": -0, \"说明\": \"转义 \\\" \\\\ \\n \\u4e2d\", \"是否\": true},\n"
    "  {\"名称\": \"卫健委\", \"金额\": null, \"比率\": NaN, \"大数\": 1e400}, {\"名称\": \"环保局\", \"x\": {\"a\": [1, 2]}},\n"
    "  5,\n"
    "  {\"名称\": \"水利局\", \"名称\": \"重复\"},\n"
    "  {\n    \"名称\": \"交通局\",\n    \"新列\": 12.50\n  },\n"
    "  {\"名称\": \"末尾\", \"金额\": 1E+2}\n"
    "]\n";

TEST(JsonChunks, SameAsReadingWholeForEveryChunkAndReadSize) {
  expectSameAsWhole(kCorpus);
  // The records really come in several chunks.
  int chunks = 0;
  const Table t = readChunked(kCorpus, 2, 7, &chunks);
  EXPECT_EQ(chunks, 4);
  ASSERT_EQ(t.records.size(), 7u);
  EXPECT_EQ(t.records[6].row, 8);
  EXPECT_EQ(t.records[6].line, 11);
}

TEST(JsonChunks, AColumnKeepsItsIndexFromChunkToChunk) {
  std::istringstream in("[{\"a\": 1}, {\"b\": 2, \"a\": 3}, {\"c\": 4}]");
  JsonChunks reader(in, "t.json", 1, 5);
  Table chunk;
  ASSERT_TRUE(reader.next(chunk));
  EXPECT_EQ(chunk.columns, (std::vector<std::string>{"a"}));
  ASSERT_TRUE(reader.next(chunk));
  EXPECT_EQ(chunk.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(chunk.records.at(0).cells.at(0).text, "3");
  EXPECT_EQ(chunk.records.at(0).cells.at(1).text, "2");
  ASSERT_TRUE(reader.next(chunk));
  EXPECT_EQ(chunk.columns, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(chunk.records.at(0).cells.size(), 3u);
  EXPECT_EQ(chunk.records.at(0).cells.at(2).text, "4");
  EXPECT_FALSE(reader.next(chunk));
}

TEST(JsonChunks, SameAsReadingWholeForTheReaderTests) {
  // readers_test.cpp's JSON inputs, and what a file of one object or of no
  // array at all gives.
  for (const char* text : {
           "{\"单位\":\"财政局\",\"金额\":3974522.77}", "[{\"金额\": 1e400, \"x\": \"1e400\"}, {\"金额\": -2E+999}]",
           "[{\"a\": 1, \"b\": {\"x\": [1, {\"y\": 2}]}, \"c\": [3], \"d\": 4}]", "[{\"a\": 1},\n 5,\n [1, 2],\n {\"a\": 2}]",
           "{\"a\": 1, \"a\": 2}", "42", " [ ] ", "{\n  \"a\": 1,\n  \"名称\": tru\n}", "[{\"a\": 1,}]",
           "[{\"a\": 1},\n {\"a\": 2}\n {\"a\": 3}, {\"a\": 4}]", "[{\"a\": NaN, \"b\": -Infinity, \"c\": Infinity, \"d\": \"NaN\"}]",
           "{\"a\": 1.}", "{\"a\": nul }", "{\"a\": 01}", "{\"a\": true]", "{\"a\": 1} x", "{\"a\": \"x\ny\"}",
           "{\"a\": \"\\q\"}", "{\"a\": \"\xFF\"}", "\xEF\xBB\xBF[{\"a\": -0}]", "[{\"a\": 1}", "  \n", "",
           "[1, 2, 3, \"x\", null, true]", "[[], [{}], {}]", "[{\"a\": 1}] [{\"b\": 2}, {\"c\": 3}]",
           "[{\"a\": 1},, {\"a\": 2}, {\"a\": 3}]", "[{\"a\": 1}, {\"a\": 2}, ]", "[{\"a\": 1} {\"a\": 2}, {\"a\": 3}]",
           "[{\"a\": 1}, {\"a\": 2}, {\"a\": 3}]]", "[{\"a\": 1}, {\"a\": 2}, {\"a\": \"3]", "[{\"a\": 1}, {\"a\": 2}, {\"a\": 3}] ,"})
    expectSameAsWhole(text);
  // Numbers readJson must rewrite before nlohmann sees them, in a piece after
  // the first (where JsonChunks decides whether that pass is needed).
  const std::string huge = "1" + std::string(400, '0');
  expectSameAsWhole("[{\"a\": 1}, {\"a\": " + huge + "}, {\"a\": -" + huge + ".5}]");
  expectSameAsWhole("[{\"a\": 1}, {\"a\": 1.5E3, \"b\": 2e-999}, {\"N\": \"NaN\", \"I\": Infinity}, {\"a\": NaN}]");
}

// A file cut off anywhere (a failed upload), or with a stray byte anywhere:
// the same records, row errors and message (line and column) as read whole.
TEST(JsonChunks, SameAsReadingWholeWhereverTheFileIsCutOrDamaged) {
  const std::string text = kCorpus;
  for (size_t cut = 0; cut <= text.size(); ++cut) expectSameAsWhole(text.substr(0, cut), {1, 3}, {7});
  for (const char* junk : {",", "]", "[", "}", "{", "\"", "x", "\n", ":", "1"})
    for (size_t at = 0; at <= text.size(); at += 3) {
      std::string damaged = text;
      damaged.insert(at, junk);
      expectSameAsWhole(damaged, {1, 2}, {7});
    }
}

TEST(JsonChunks, ColumnOfAnErrorOnALongLineCountsFromTheLineStart) {
  // json.dump without indent: every record on line 1.
  std::string text = "[";
  for (int i = 0; i < 50; ++i) text += "{\"名称\": \"单位" + std::to_string(i) + "\", \"金额\": " + std::to_string(i) + ".5}, ";
  text += "{\"名称\": \"坏\", \"金额\": 1.}]";
  expectSameAsWhole(text, {1, 7, 64}, {7, 4096});
  const Table t = readChunked(text, 4, 7);
  ASSERT_FALSE(t.errors.empty());
  EXPECT_EQ(t.records.size(), 50u);
  EXPECT_NE(t.errors[0].message.find("第1行第"), std::string::npos) << t.errors[0].message;
}

TEST(JsonChunks, NestingTooDeepInTheFirstChunkRefusesTheFileAsReadJsonDoes) {
  const std::string deep = "[{\"a\": 1}, {\"b\": " + std::string(kMaxJsonNesting, '[') + std::string(kMaxJsonNesting, ']') + "}]";
  expectSameAsWhole(deep, {100}, {7, 4096});
  EXPECT_TRUE(readChunked(deep, 100, 4096).records.empty());
}

TEST(JsonChunks, NestingTooDeepInALaterChunkStopsThereAfterTheRecordsBefore) {
  std::string text = "[{\"a\": 1}, {\"a\": 2},\n {\"b\": " + std::string(kMaxJsonNesting, '[') + std::string(kMaxJsonNesting, ']') +
                     "}, {\"a\": 4}]";
  const Table t = readChunked(text, 1, 64);
  ASSERT_EQ(t.records.size(), 2u);  // read whole, none: the file is refused before any record
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 0);
  EXPECT_EQ(t.errors[0].message, "JSON 嵌套超过 512 层（第2行），文件无法读取");
}

TEST(JsonChunks, AFileThatCannotBeOpenedIsOneChunkWithTheError) {
  JsonChunks reader("/nonexistent/defen/data.json");
  Table chunk;
  ASSERT_TRUE(reader.next(chunk));
  ASSERT_EQ(chunk.errors.size(), 1u);
  EXPECT_EQ(chunk.errors[0].message, "无法打开数据文件 /nonexistent/defen/data.json");
  EXPECT_FALSE(reader.next(chunk));
}

TEST(JsonChunks, ReadsAFileByPathAndReportsProgress) {
  const auto path = std::filesystem::temp_directory_path() / ("defen_json_chunks_" + std::to_string(::getpid()) + ".json");
  std::string text = "[";
  for (int i = 1; i <= 1000; ++i) text += std::string(i > 1 ? "," : "") + "\n {\"名称\": \"单位" + std::to_string(i) + "\", \"金额\": " + std::to_string(i) + "}";
  text += "\n]\n";
  std::ofstream(path, std::ios::binary) << text;
  auto reader = openDataChunks(path.string(), Encoding::Auto, "", 100);
  Table chunk;
  int chunks = 0, records = 0, lastRow = 0;
  std::uint64_t lastBytes = 0;
  while (reader->next(chunk)) {
    ++chunks;
    records += static_cast<int>(chunk.records.size());
    EXPECT_TRUE(chunk.errors.empty());
    for (const auto& r : chunk.records) {
      EXPECT_EQ(r.row, lastRow + 1);
      EXPECT_EQ(r.line, r.row + 1);
      lastRow = r.row;
    }
    EXPECT_GT(reader->bytesRead(), lastBytes);
    lastBytes = reader->bytesRead();
  }
  EXPECT_EQ(chunks, 10);
  EXPECT_EQ(records, 1000);
  EXPECT_EQ(reader->fileSize(), text.size());
  EXPECT_EQ(reader->bytesRead(), text.size());
  std::filesystem::remove(path);
}

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(JsonChunks, ManyRecordsAreReadInLittleMemory) {
  // 300,000 records (about 30 MB) on one line, as json.dump writes them:
  // read whole, the text and every record are held at once.
  const auto path = std::filesystem::temp_directory_path() / ("defen_json_many_" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(path, std::ios::binary);
    out << "[";
    for (int i = 1; i <= 300'000; ++i)
      out << (i > 1 ? ", " : "") << "{\"名称\": \"单位" << i << "\", \"金额\": " << i << ".25, \"说明\": \"按时完成，无问题\"}";
    out << "]";
  }
  const long before = peakRssKb();
  JsonChunks reader(path.string());
  Table chunk;
  size_t records = 0;
  while (reader.next(chunk)) {
    ASSERT_TRUE(chunk.errors.empty()) << chunk.errors[0].message;
    records += chunk.records.size();
  }
  const long grownKb = peakRssKb() - before;
  EXPECT_EQ(records, 300'000u);
  EXPECT_EQ(reader.bytesRead(), std::filesystem::file_size(path));
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(grownKb, 16 * 1024) << "the peak grew by " << grownKb << " KB";
#endif
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace defen
