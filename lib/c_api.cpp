// The C ABI (include/defen/defen.h) over the C++ API. Every entry point
// catches everything: no exception may unwind into a C or Python caller.
#include "defen/defen.h"
#include "defen/defen.hpp"

#include "lib/driver/driver.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <string>

struct defen_ruleset {
  defen::Ruleset ruleset;
};

namespace {

thread_local std::string lastError;

void setError(std::string message) { lastError = std::move(message); }

char* copyOut(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!out) {
    setError("内存不足");
    return nullptr;
  }
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

int parseEngine(int engine, defen::LoadOptions& options) {
  if (engine == DEFEN_ENGINE_JIT) options.engine = defen::EngineType::Jit;
  else if (engine == DEFEN_ENGINE_INTERPRETER) options.engine = defen::EngineType::Interpreter;
  else return -1;
  return 0;
}

template <class Load>
defen_ruleset* loadWith(int engine, Load load) {
  lastError.clear();
  try {
    defen::LoadOptions options;
    if (parseEngine(engine, options) != 0) {
      setError("未知的引擎编号 " + std::to_string(engine) + "（应为 DEFEN_ENGINE_JIT 或 DEFEN_ENGINE_INTERPRETER）");
      return nullptr;
    }
    defen::LoadResult loaded = load(options);
    if (!loaded.ok()) {
      setError(loaded.errorText());
      return nullptr;
    }
    return new defen_ruleset{std::move(*loaded.ruleset)};
  } catch (const std::exception& e) {
    setError(std::string("内部错误：") + e.what());
  } catch (...) {
    setError("内部错误");
  }
  return nullptr;
}

// JSON text written by hand rather than through nlohmann::json, whose
// numbers are int64 or double: a score of 2^63 points would not fit
// (std::stoll threw) and 12345678901234567.5 would come out as
// 1.2345678901234568e+16. Here a number is the exact decimal's text, digit
// for digit, which is a valid JSON number; strings go through nlohmann's
// escaping (invalid UTF-8 replaced, as before).
std::string quoted(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string number(const defen::Points& p) { return p.text; }

std::string orNull(bool present, const std::string& json) { return present ? json : "null"; }

std::string stringArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + quoted(items[i]);
  return out + "]";
}

std::string scorecardJson(const defen::Scorecard& card) {
  const bool total = card.ok || card.incomplete;
  std::string j = "{\"id\":" + orNull(!card.id.empty(), quoted(card.id));
  j += ",\"ok\":" + std::string(card.ok ? "true" : "false");
  j += ",\"total\":" + orNull(total, number(card.total));
  j += ",\"grade\":" + orNull(card.ok && !card.grade.empty(), quoted(card.grade));
  j += ",\"bonus\":" + orNull(total, number(card.bonus));
  j += ",\"penalty\":" + orNull(total, number(card.penalty));
  if (card.incomplete) j += ",\"incomplete\":true,\"incompleteReasons\":" + stringArray(card.incompleteReasons);
  j += ",\"indicators\":[";
  for (size_t k = 0; k < card.indicators.size(); ++k) {
    const auto& i = card.indicators[k];
    j += (k ? ",{" : "{");
    j += "\"path\":" + stringArray(i.path) + ",\"name\":" + quoted(i.name);
    j += ",\"score\":" + orNull(i.counted && i.status != defen::ScoreStatus::Failed, number(i.score)) + ",\"max\":" + number(i.max);
    j += ",\"status\":" + quoted(i.statusName) + ",\"statusLabel\":" + quoted(i.statusLabel);
    j += ",\"explanation\":" + quoted(i.explanation);
    if (i.incomplete) j += ",\"incomplete\":true";
    if (!i.errors.empty()) j += ",\"errors\":" + stringArray(i.errors);
    j += "}";
  }
  j += "],\"errors\":" + stringArray(card.errors) + ",\"warnings\":" + stringArray(card.warnings) + "}";
  return j;
}

}  // namespace

extern "C" {

defen_ruleset* defen_load_file(const char* path, int engine) {
  if (!path) {
    setError("defen_load_file：path 为 NULL");
    return nullptr;
  }
  return loadWith(engine, [&](const defen::LoadOptions& o) { return defen::Ruleset::load(path, o); });
}

defen_ruleset* defen_load_text(const char* text, const char* path, int engine) {
  if (!text) {
    setError("defen_load_text：text 为 NULL");
    return nullptr;
  }
  return loadWith(engine, [&](const defen::LoadOptions& o) {
    return defen::Ruleset::fromText(text, path ? path : "<text>.rules", o);
  });
}

defen_ruleset* defen_load_registered(const char* directory, const char* selector, int engine) {
  if (!directory || !selector) {
    setError("defen_load_registered：directory 或 selector 为 NULL");
    return nullptr;
  }
  // Only the chosen file is loaded into the handle (with the engine asked
  // for); the others are checked just to read their headers.
  return loadWith(engine, [&](const defen::LoadOptions& o) {
    std::string path, error;
    if (defen::findRulesetFile(selector, directory, path, error)) return defen::Ruleset::load(path, o);
    defen::LoadResult failed;
    defen::Message m;
    m.rendered = error + "\n";
    m.text = error;
    failed.messages.push_back(std::move(m));
    return failed;
  });
}

char* defen_evaluate(const defen_ruleset* ruleset, const char* record_json) {
  lastError.clear();
  if (!ruleset || !record_json) {
    setError("defen_evaluate：ruleset 或 record_json 为 NULL");
    return nullptr;
  }
  try {
    std::string_view text(record_json);
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || text[first] != '{') {
      setError("记录应为一个 JSON 对象（{\"输入名\": 值, …}）");
      return nullptr;
    }
    defen::BatchResult batch = ruleset->ruleset.evaluateJson(text);
    if (!batch.fileErrors.empty() || batch.scorecards.size() != 1) {
      std::string message = "记录不是有效的 JSON 对象";
      for (const auto& e : batch.fileErrors) message += "：" + e;
      setError(message);
      return nullptr;
    }
    defen::Scorecard card = std::move(batch.scorecards.front());
    card.warnings = std::move(batch.warnings);
    return copyOut(scorecardJson(card));
  } catch (const std::exception& e) {
    setError(std::string("内部错误：") + e.what());
  } catch (...) {
    setError("内部错误");
  }
  return nullptr;
}

char* defen_ruleset_info(const defen_ruleset* ruleset) {
  lastError.clear();
  if (!ruleset) {
    setError("defen_ruleset_info：ruleset 为 NULL");
    return nullptr;
  }
  try {
    const defen::Ruleset& r = ruleset->ruleset;
    std::string j = "{\"name\":" + quoted(r.name()) + ",\"region\":" + quoted(r.region()) +
                    ",\"year\":" + std::to_string(r.year()) + ",\"version\":" + quoted(r.version()) +
                    ",\"total\":" + number(r.total()) + ",\"path\":" + quoted(r.path()) +
                    ",\"inputs\":" + stringArray(r.inputNames()) + "}";
    return copyOut(j);
  } catch (const std::exception& e) {
    setError(std::string("内部错误：") + e.what());
  } catch (...) {
    setError("内部错误");
  }
  return nullptr;
}

void defen_ruleset_free(defen_ruleset* ruleset) { delete ruleset; }

void defen_free_string(char* text) { std::free(text); }

const char* defen_last_error(void) { return lastError.c_str(); }

const char* defen_version(void) { return DEFEN_VERSION; }

}  // extern "C"
