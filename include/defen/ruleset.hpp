// A compiled ruleset: load a .rules file (or text) once, then score records
// with it from any number of threads.
#pragma once

#include "defen/export.h"
#include "defen/scorecard.hpp"

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace defen {

// The data of one department: field name → value, exactly as a data file
// would give it. Names are the ruleset's 输入 names, plus the per-indicator
// fields `指标名.核定分`, `指标名.说明`, `指标名.档次`, and 名称 for the record's id.
class DEFEN_API Inputs {
 public:
  struct Field {
    enum class Kind { Text, Number, Flag };
    std::string name;
    Kind kind = Kind::Text;
    std::string value;  // Flag: "true" / "false"
  };

  Inputs() = default;
  Inputs(std::initializer_list<std::pair<std::string, std::string>> texts);
  explicit Inputs(const std::map<std::string, std::string>& texts);

  // Text as written in a data file: "3,974,522.77", "12万元", "35.74%", "是", "按时".
  Inputs& text(std::string name, std::string value);
  // An exact number, like a JSON number: "86.5", "3974522.77".
  Inputs& number(std::string name, std::string exactDecimal);
  Inputs& number(std::string name, long long value);
  // 是否 inputs.
  Inputs& flag(std::string name, bool value);

  const std::vector<Field>& fields() const { return fields_; }

 private:
  Inputs& put(std::string name, Field::Kind kind, std::string value);
  std::vector<Field> fields_;  // setting a name again replaces its value
};

enum class EngineType {
  Jit,          // native code (LLVM ORC); cached on disk unless LoadOptions::cache is false
  Interpreter,  // walks the checked program; no compile step
};

struct LoadOptions {
  EngineType engine = EngineType::Jit;
  // JIT only: reuse native code compiled earlier for the same text
  // ($DEFEN_CACHE_DIR, else $XDG_CACHE_HOME/defen, else ~/.cache/defen).
  bool cache = true;
  // Threads for one batch (evaluate of many records, evaluateFile); 0: all cores.
  int batchThreads = 1;
};

struct LoadResult;

// Immutable once loaded; copies share the compiled program. Every member is
// const and safe to call from many threads at once.
class DEFEN_API Ruleset {
 public:
  // Reads and checks a ruleset file. A file based on another (基于 NAME)
  // finds NAME.rules beside it.
  static LoadResult load(const std::string& path, const LoadOptions& options = {});
  // The same for text in memory; `path` names it in messages and locates a
  // 基于 base (beside that path).
  static LoadResult fromText(std::string text, std::string path = "<text>.rules", const LoadOptions& options = {});

  // 文件头.
  const std::string& name() const;
  const std::string& region() const;
  const std::string& version() const;
  int year() const;
  Points total() const;  // 总分
  const std::string& path() const;
  std::vector<std::string> inputNames() const;
  // The checker's warnings (a ruleset with errors never loads).
  const std::vector<Message>& warnings() const;

  // One record. Bad values are errors in the score card, naming the field.
  Scorecard evaluate(const Inputs& inputs) const;
  // Many records, in order.
  BatchResult evaluate(const std::vector<Inputs>& records) const;
  // A data file as `defen eval` reads it: .json, .csv (UTF-8 or GB18030) or
  // .xlsx (`sheet`, default the first). The file is read a chunk of records
  // at a time, but every score card is kept in the result (a few KB each,
  // with its 评分说明): for a file of any size use the overload below.
  BatchResult evaluateFile(const std::string& path, const std::string& sheet = "") const;
  // The same, handing each score card to `each` as soon as its chunk is
  // scored (in file order, on the calling thread) instead of keeping it:
  // memory stays bounded (a few chunks in flight) whatever the file's size.
  // Chunks are scored on LoadOptions::batchThreads threads, as `defen eval`
  // scores them; the cards are the same whatever the number of threads.
  // The result holds the file errors and warnings, each once; no score cards.
  BatchResult evaluateFile(const std::string& path, const std::function<void(Scorecard&&)>& each,
                           const std::string& sheet = "") const;
  // JSON text: one object (one record) or an array of objects.
  BatchResult evaluateJson(std::string_view json) const;

  struct State;

 private:
  explicit Ruleset(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
  friend struct RulesetAccess;
};

struct LoadResult {
  std::optional<Ruleset> ruleset;  // set when the ruleset checks without errors
  std::vector<Message> messages;   // errors and warnings, in source order

  bool ok() const { return ruleset.has_value(); }
  // Every message as `defen check` prints it, for a failing test's output.
  std::string errorText() const {
    std::string all;
    for (const auto& m : messages) all += m.rendered;
    return all;
  }
};

}  // namespace defen
