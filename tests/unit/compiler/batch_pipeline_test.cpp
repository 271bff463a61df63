// The CSV data path on several threads (lib/driver/batch.h) must write
// exactly the report of reading the file whole with readCsv, scoring it with
// evaluateTable and writing it with the report writers: the same rows in the
// same order, the same scores, errors and warnings, with both engines, at
// any piece size and thread count.
#include "lib/driver/batch.h"

#include "compiler/report/report_schema.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

namespace defen {
namespace {

using testing::sourceDir;

struct Zhanjiang {
  Compilation c = compileFile((sourceDir() / "rulesets" / "zhanjiang-2022-dept.rules").string());
  ReportSchema schema = reportSchema(*c.program);
};

std::string csvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// seed 001's department, 3,000 times, with what real files hold: bad cells,
// a ratio without %, a quoted line break, blank lines, a row with too many
// values, a quote that never closes, reviewer reasons with quotes.
std::string awkwardCsv(const Table& seed) {
  std::string text;
  for (size_t c = 0; c < seed.columns.size(); ++c) text += (c ? "," : "") + csvCell(seed.columns[c]);
  text += "\r\n";
  auto column = [&](const std::string& name) { return static_cast<size_t>(*seed.columnIndex(name)); };
  const size_t money = column("收入决算数"), name = column("名称");
  for (int i = 1; i <= 3000; ++i) {
    std::vector<std::string> cells;
    for (const Cell& cell : seed.records[0].cells) cells.push_back(cell.text);
    cells[name] = "单位" + std::to_string(i);
    if (i % 13 == 0) cells[money] = "x";
    if (i % 17 == 0) cells[money] = "12万元";
    if (i % 19 == 0) cells[name] = "两行\n名称" + std::to_string(i);
    if (i % 23 == 0) cells[money] = "-" + cells[money];
    if (i % 29 == 0) cells[money] = "３,974,522.77";
    for (size_t c = 0; c < cells.size(); ++c)
      if (seed.columns[c].ends_with(".说明") && i % 7 == 0) cells[c] = "他说\"好\"，" + cells[c];
    if (i == 2990) {  // a quote that never closes: the rest of the file has no quote
      text += "坏,\"1\n";
      continue;
    }
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) line += (c ? "," : "") + (i > 2990 ? cells[c] : csvCell(cells[c]));
    if (i > 2990 && line.find('"') != std::string::npos) line = "无引号" + std::to_string(i);
    if (i == 777) line += ",多,余";
    text += line + (i % 2 ? "\n" : "\r\n");
    if (i % 50 == 0) text += ",,,\n";
  }
  return text;
}

struct Report {
  std::string text;
  std::vector<std::string> warnings;
  bool anyErrors = false;
};

Report legacy(const Zhanjiang& z, Engine& engine, const std::string& csv, BatchOutput output, Encoding encoding = Encoding::Auto) {
  Table t = readCsv(csv, encoding);
  Evaluation ev = evaluateTable(*z.c.program, t, engine, EvalOptions{1, output != BatchOutput::Csv});
  std::ostringstream out;
  bool first = true;
  if (output == BatchOutput::Csv) writeCsvRows(out, z.schema, ev.results);
  else writeJsonResults(out, z.schema, ev.results, first);
  return {out.str(), ev.warnings, ev.anyErrors()};
}

Report pipeline(const Zhanjiang& z, Engine& engine, const std::string& csv, BatchOutput output, int threads, size_t pieceBytes,
                Encoding encoding = Encoding::Auto, bool fastRows = true) {
  BatchSettings settings{*z.c.program, engine, z.schema};
  settings.output = output;
  settings.explain = output != BatchOutput::Csv;
  settings.profile = true;
  std::istringstream in(csv);
  auto source = csvChunkSource(in, encoding, settings, pieceBytes);
  Report r;
  bool any = false;
  StageTimes times;
  EXPECT_TRUE(runBatch(*source, settings, threads, [&](ChunkResult& chunk) {
    EXPECT_TRUE(chunk.fileErrors.empty());
    r.warnings.insert(r.warnings.end(), chunk.columnWarnings.begin(), chunk.columnWarnings.end());
    r.warnings.insert(r.warnings.end(), chunk.warnings.begin(), chunk.warnings.end());
    if (chunk.records > 0 && any && output == BatchOutput::Json) r.text += ',';
    any |= chunk.records > 0;
    r.text += chunk.text;
    r.anyErrors |= chunk.anyErrors;
    return true;
  }, &times));
  // Most rows take the fast path; pieces with a row readCsv must judge do not.
  if (fastRows) {
    EXPECT_GT(times.score, 0);
  }
  EXPECT_GT(times.slow, 0);
  return r;
}

TEST(BatchPipeline, CsvReportEqualsReadingWholeWithBothEngines) {
  Zhanjiang z;
  ASSERT_TRUE(z.c.program);
  const Table seed = readDataFile((sourceDir() / "rulesets" / "testdata" / "zhanjiang-2022.json").string());
  ASSERT_EQ(seed.records.size(), 1u);
  const std::string csv = awkwardCsv(seed);
  std::string error;
  for (EngineKind kind : {EngineKind::Interpreter, EngineKind::Jit}) {
    auto engine = makeEngine(kind, *z.c.program, error);
    ASSERT_TRUE(engine) << error;
    const Report expected = legacy(z, *engine, csv, BatchOutput::Csv);
    // The data has every kind of row the fast path leaves to readCsv.
    EXPECT_NE(expected.text.find("第777行：该行有"), std::string::npos);
    EXPECT_NE(expected.text.find("第2990行：第"), std::string::npos);
    EXPECT_NE(expected.text.find("应为金额（元），实际为“x”"), std::string::npos);
    EXPECT_TRUE(expected.anyErrors);
    for (int threads : {1, 2, 3})
      for (size_t bytes : {size_t{1}, size_t{20000}, size_t{512 * 1024}}) {
        SCOPED_TRACE("threads " + std::to_string(threads) + ", piece bytes " + std::to_string(bytes));
        const Report got = pipeline(z, *engine, csv, BatchOutput::Csv, threads, bytes);
        EXPECT_EQ(got.text, expected.text);
        EXPECT_EQ(got.warnings, expected.warnings);
        EXPECT_EQ(got.anyErrors, expected.anyErrors);
      }
  }
}

TEST(BatchPipeline, JsonReportEqualsReadingWhole) {
  Zhanjiang z;
  const Table seed = readDataFile((sourceDir() / "rulesets" / "testdata" / "zhanjiang-2022.json").string());
  const std::string csv = awkwardCsv(seed).substr(0, 400000);  // cut inside a row: the last row is short
  std::string error;
  auto engine = makeEngine(EngineKind::Jit, *z.c.program, error);
  ASSERT_TRUE(engine) << error;
  const Report expected = legacy(z, *engine, csv, BatchOutput::Json);
  const Report got = pipeline(z, *engine, csv, BatchOutput::Json, 2, 30000);
  EXPECT_EQ(got.text, expected.text);
  EXPECT_EQ(got.warnings, expected.warnings);
}

TEST(BatchPipeline, ForcedGb18030ReadsBytesThatAreAlsoUtf8AsGb18030) {
  Zhanjiang z;
  // A GB18030 header (名称) and rows whose bytes are also UTF-8: "\xC3\xA9" is
  // é in UTF-8 and 茅 in GB18030, and --encoding gb18030 means the latter.
  std::string csv = "\xC3\xFB\xB3\xC6\n";
  for (int i = 0; i < 500; ++i) csv += "\xC3\xA9" + std::to_string(i) + "\n";
  std::string error;
  auto engine = makeEngine(EngineKind::Interpreter, *z.c.program, error);
  const Report expected = legacy(z, *engine, csv, BatchOutput::Csv, Encoding::Gb18030);
  EXPECT_NE(expected.text.find("\n2,茅1,"), std::string::npos) << expected.text.substr(0, 300);
  const Report got = pipeline(z, *engine, csv, BatchOutput::Csv, 2, 1000, Encoding::Gb18030, false);
  EXPECT_EQ(got.text, expected.text);
}

TEST(BatchPipeline, ScoreTextWithoutAllocating) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const auto raw = static_cast<Decimal::Raw>(static_cast<std::int64_t>(rng())) * static_cast<Decimal::Raw>(rng() % 1000 + 1);
    const Decimal v = Decimal::fromRaw(i % 3 ? raw / 1000000 : raw);
    for (int places : {0, 1, 2, 4, 18}) {
      std::string out = "x";
      appendScoreText(out, v, places);
      ASSERT_EQ(out, "x" + scoreText(v, places)) << toString(v) << " places " << places;
    }
  }
  for (const char* big : {"99999999.995", "4835703.2784", "-4835703.2784", "170141183460469231731.687303715884105727", "86.5"})
    for (int places : {0, 2, 3, 18, 19, -1}) {
      std::string out;
      appendScoreText(out, *Decimal::parse(big), places);
      EXPECT_EQ(out, scoreText(*Decimal::parse(big), places)) << big << " " << places;
    }
  std::string out;
  appendScoreText(out, *Decimal::parse("-0.004"), 2);
  EXPECT_EQ(out, "0.00");  // never "-0.00"
}

}  // namespace
}  // namespace defen
