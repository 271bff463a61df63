// defen::Ruleset and defen::Inputs (include/defen/ruleset.hpp) over
// lib/driver/driver.h: records become a Table, so a record built in code is
// bound and checked exactly like a row of a data file.
#include "defen/defen.hpp"
#include "lib/convert.h"

#include "lib/driver/batch.h"
#include "compiler/io/data_chunks.h"
#include "compiler/io/readers.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_set>

namespace defen {

const char* libraryVersion() { return DEFEN_VERSION; }

const LoadedRuleset& loadedRuleset(const Ruleset& ruleset) { return RulesetAccess::state(ruleset); }

// --- Inputs ---------------------------------------------------------------

Inputs::Inputs(std::initializer_list<std::pair<std::string, std::string>> texts) {
  for (const auto& [name, value] : texts) text(name, value);
}

Inputs::Inputs(const std::map<std::string, std::string>& texts) {
  for (const auto& [name, value] : texts) text(name, value);
}

Inputs& Inputs::put(std::string name, Field::Kind kind, std::string value) {
  auto same = std::find_if(fields_.begin(), fields_.end(), [&](const Field& f) { return f.name == name; });
  if (same != fields_.end()) {
    same->kind = kind;
    same->value = std::move(value);
  } else {
    fields_.push_back(Field{std::move(name), kind, std::move(value)});
  }
  return *this;
}

Inputs& Inputs::text(std::string name, std::string value) { return put(std::move(name), Field::Kind::Text, std::move(value)); }
Inputs& Inputs::number(std::string name, std::string exactDecimal) {
  return put(std::move(name), Field::Kind::Number, std::move(exactDecimal));
}
Inputs& Inputs::number(std::string name, long long value) { return put(std::move(name), Field::Kind::Number, std::to_string(value)); }
Inputs& Inputs::flag(std::string name, bool value) { return put(std::move(name), Field::Kind::Flag, value ? "true" : "false"); }

namespace {

Cell cellOf(const Inputs::Field& f) {
  switch (f.kind) {
    case Inputs::Field::Kind::Number: return Cell{Cell::Kind::Number, f.value};
    case Inputs::Field::Kind::Flag: return Cell{Cell::Kind::Bool, f.value};
    case Inputs::Field::Kind::Text: break;
  }
  return Cell{Cell::Kind::Text, f.value};
}

// Records → one table whose columns are every field name, in order of first use.
Table tableOf(const std::vector<const Inputs*>& records) {
  Table table;
  for (const Inputs* in : records)
    for (const auto& f : in->fields())
      if (!table.columnIndex(f.name)) table.columns.push_back(f.name);
  int row = 0;
  for (const Inputs* in : records) {
    Record record;
    record.row = ++row;
    record.cells.resize(table.columns.size());
    for (const auto& f : in->fields()) record.cells[*table.columnIndex(f.name)] = cellOf(f);
    table.records.push_back(std::move(record));
  }
  return table;
}

bool isCsvPath(const std::string& path) {
  const std::string ext = path.size() >= 4 ? path.substr(path.size() - 4) : std::string();
  return ext == ".csv" || ext == ".CSV";  // as openRecordChunks tells a CSV
}

BatchResult batchOf(const Ruleset::State& s, const Table& table) {
  EvalOptions options;
  options.threads = s.options.batchThreads;
  Evaluation ev = evaluateTable(*s.program, table, *s.engine, options);
  BatchResult out;
  out.fileErrors = std::move(ev.fileErrors);
  out.warnings = std::move(ev.warnings);
  for (const auto& r : ev.results) out.scorecards.push_back(scorecardOf(s.schema, r));
  return out;
}

}  // namespace

// --- Ruleset --------------------------------------------------------------

LoadResult Ruleset::load(const std::string& path, const LoadOptions& options) { return finishLoad(compileFile(path), options); }

LoadResult Ruleset::fromText(std::string text, std::string path, const LoadOptions& options) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // as compileFile does for files from Windows editors
  return finishLoad(compileSource(std::move(path), std::move(text)), options);
}

const std::string& Ruleset::name() const { return state_->program->name; }
const std::string& Ruleset::region() const { return state_->program->region; }
const std::string& Ruleset::version() const { return state_->program->version; }
int Ruleset::year() const { return state_->program->year; }
Points Ruleset::total() const { return pointsOf(state_->program->total, state_->program->places); }
const std::string& Ruleset::path() const { return state_->source->path(); }
const std::vector<Message>& Ruleset::warnings() const { return state_->warnings; }

std::vector<std::string> Ruleset::inputNames() const {
  std::vector<std::string> names;
  for (const auto& input : state_->program->inputs)
    if (!input.implicit) names.push_back(input.spec.name);  // implicit: reviewer scores the compiler made up
  return names;
}

Scorecard Ruleset::evaluate(const Inputs& inputs) const {
  BatchResult batch = batchOf(*state_, tableOf({&inputs}));
  Scorecard card = std::move(batch.scorecards.at(0));
  card.warnings = std::move(batch.warnings);
  return card;
}

BatchResult Ruleset::evaluate(const std::vector<Inputs>& records) const {
  std::vector<const Inputs*> all;
  for (const auto& r : records) all.push_back(&r);
  return batchOf(*state_, tableOf(all));
}

BatchResult Ruleset::evaluateFile(const std::string& path, const std::string& sheet) const {
  std::vector<Scorecard> cards;
  BatchResult out = evaluateFile(path, [&](Scorecard&& card) { cards.push_back(std::move(card)); }, sheet);
  out.scorecards = std::move(cards);
  return out;
}

BatchResult Ruleset::evaluateFile(const std::string& path, const std::function<void(Scorecard&&)>& each,
                                  const std::string& sheet) const {
  const State& s = *state_;
  BatchResult out;
  // A CSV header's problems and the columns that match nothing come with
  // every chunk: each is said once.
  std::unordered_set<std::string> said;
  auto once = [&](std::vector<std::string>& into, std::string& message) {
    if (said.insert(message).second) into.push_back(std::move(message));
  };
  // The pipeline `defen eval` runs (lib/driver/batch.h): chunks read
  // by one thread, scored on batchThreads workers, handed back here in file
  // order. A CSV is cut into pieces of whole records and parsed in place; a
  // CSV of row-set lines (grouped whole), JSON and XLSX come as chunks of records.
  BatchSettings settings{*s.program, *s.engine, s.schema};
  settings.output = BatchOutput::Results;
  settings.explain = true;  // a Scorecard carries the 评分说明
  std::ifstream csv;
  std::unique_ptr<ChunkSource> chunks;
  std::error_code ec;  // anything but a regular file gets readDataFile's word for it
  if (isCsvPath(path) && !hasRowSets(*s.program) && std::filesystem::is_regular_file(path, ec)) csv.open(path, std::ios::binary);
  // Pieces of 64 KB, as defen eval takes for score cards with their 评分说明 (tens of KB each):
  // the chunks in flight stay as small as the rows.
  if (csv.is_open()) chunks = csvChunkSource(csv, Encoding::Auto, settings, 64 * 1024);
  else chunks = tableChunkSource(openRecordChunks(*s.program, path, Encoding::Auto, sheet));
  runBatch(*chunks, settings, s.options.batchThreads, [&](ChunkResult& chunk) {
    for (auto& e : chunk.fileErrors) once(out.fileErrors, e);
    for (auto& w : chunk.columnWarnings) once(out.warnings, w);
    for (auto& w : chunk.warnings) once(out.warnings, w);
    for (const auto& r : chunk.results) each(scorecardOf(s.schema, r));
    return true;
  });
  return out;
}

BatchResult Ruleset::evaluateJson(std::string_view json) const { return batchOf(*state_, readJson(json)); }

}  // namespace defen
