// GET /api/rulesets, GET /api/rulesets/{file}, PUT /api/rulesets/{file}: the
// rulesets directory as the workbench edits it. A save is atomic, keeps the
// previous text in .history/, and reloads the registry, which takes in a
// file only when it checks clean (a broken save does not stop the old
// version from serving).
#include "cli/check_output.h"
#include "cli/serve/router.h"
#include "cli/serve/safe_paths.h"
#include "lib/driver/driver.h"
#include "compiler/core/atomic_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <tuple>
#include <sstream>

namespace defen::serve {

namespace {

namespace fs = std::filesystem;

std::string fileName(const std::string& path) { return fs::path(path).filename().string(); }

void listRulesets(ApiContext& ctx, const ApiRequest&, httplib::Response& res) {
  ctx.registry.reload();  // files edited outside the workbench show as they are now
  Json list = Json::array();
  for (const auto& e : ctx.registry.entries())
    list.push_back(Json{{"file", fileName(e.file)}, {"stem", e.stem}, {"name", e.name}, {"region", e.region},
                        {"year", e.year}, {"version", e.version}, {"clean", e.clean}, {"serving", e.serving},
                        {"errors", e.errors}, {"warnings", e.warnings}});
  sendJson(res, Json{{"rulesets", list}});
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string requireExisting(const ApiContext& ctx, const std::string& name) {
  std::string path = rulesetPath(ctx.rulesetsDir, name);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw ApiError(404, "not_found", fmt::format("规则目录中没有文件 {}", name), fmt::format("no file {} in the rulesets directory", name));
  return path;
}

void readRuleset(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  std::string name = request.http.matches[1];
  sendJson(res, Json{{"file", name}, {"text", readFile(requireExisting(ctx, name))}});
}

void writeAtomically(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  std::string error;
  if (file.create(error)) {
    file.stream() << text;
    if (file.commit(error)) return;
  }
  throw ApiError(500, "internal", "保存失败：" + error, "could not save: " + error);
}

// .history/{file}.{YYYYMMDD-HHMMSS}, with -2, -3 … for saves within one second.
std::string historyName(const std::string& directory, const std::string& name) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  std::string base = ".history/" + name + "." + stamp, candidate = base;
  std::error_code ec;
  for (int n = 2; fs::exists(fs::path(directory) / candidate, ec); ++n) candidate = base + "-" + std::to_string(n);
  return candidate;
}

// Each save keeps the text it replaced; the oldest go once a file has more
// than kHistoryKept (a session of autosaves would otherwise fill the disk).
constexpr std::size_t kHistoryKept = 20;

void pruneHistory(const std::string& directory, const std::string& name) {
  // NAME.YYYYMMDD-HHMMSS[-N] (historyName): ordered by stamp, then N. Only
  // these: not the history of "NAME.x.rules".
  static const std::regex stamped(R"((\d{8}-\d{6})(?:-(\d{1,9}))?)");
  std::vector<std::tuple<std::string, long, fs::path>> versions;
  std::error_code ec;
  const std::string prefix = name + ".";
  for (fs::directory_iterator it(fs::path(directory) / ".history", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    std::smatch m;
    std::string rest = file.size() > prefix.size() ? file.substr(prefix.size()) : "";
    std::error_code e;
    if (file.rfind(prefix, 0) == 0 && std::regex_match(rest, m, stamped) && it->is_regular_file(e))
      versions.emplace_back(m[1].str(), m[2].matched ? std::stol(m[2].str()) : 1, it->path());
  }
  if (versions.size() <= kHistoryKept) return;
  std::sort(versions.begin(), versions.end());  // oldest first
  for (std::size_t i = 0; i + kHistoryKept < versions.size(); ++i) fs::remove(std::get<2>(versions[i]), ec);
}

Json messagesJson(const std::vector<Message>& messages, Lang lang) {
  Json list = Json::array();
  for (const auto& m : messages)
    list.push_back(Json{{"severity", m.error ? "error" : "warning"}, {"code", m.code}, {"file", fileName(m.file)},
                        {"line", m.line}, {"column", m.column}, {"message", lang == Lang::En ? m.textEn : m.text}});
  return list;
}

Json reloadJson(const ReloadReport& r, Lang lang) {
  auto names = [](const std::vector<std::string>& paths) {
    Json list = Json::array();
    for (const auto& p : paths) list.push_back(fileName(p));
    return list;
  };
  Json rejected = Json::array();
  for (const auto& x : r.rejected)
    rejected.push_back(Json{{"file", fileName(x.file)}, {"stillServing", x.stillServing}, {"messages", messagesJson(x.messages, lang)}});
  return Json{{"added", names(r.added)}, {"updated", names(r.updated)}, {"removed", names(r.removed)}, {"rejected", rejected}};
}

void saveRuleset(ApiContext& ctx, const ApiRequest& request, httplib::Response& res) {
  std::string name = request.http.matches[1];
  std::string path = rulesetPath(ctx.rulesetsDir, name);
  std::optional<std::string> text = request.text("text");
  if (!text) missingField("text");
  std::lock_guard lock(ctx.saveMutex);
  Json previous = nullptr;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    std::string history = historyName(ctx.rulesetsDir, name);
    fs::create_directories(fs::path(ctx.rulesetsDir) / ".history", ec);
    writeAtomically((fs::path(ctx.rulesetsDir) / history).string(), readFile(path));
    previous = history;
    pruneHistory(ctx.rulesetsDir, name);
  }
  writeAtomically(path, *text);
  ReloadReport reload = ctx.registry.reload();
  Compilation c = compileFile(path);
  sendJson(res, Json{{"file", name}, {"saved", true}, {"previous", previous},
                     {"diagnostics", cli::diagnosticsJson(c, request.lang(), name)},
                     {"errors", c.diags.errorCount()}, {"warnings", c.diags.warningCount()},
                     {"reload", reloadJson(reload, request.lang())}});
}

}  // namespace

void addRulesetRoutes(Router& router) {
  router.get("/api/rulesets", listRulesets);
  router.get("/api/rulesets/(.+)", readRuleset);
  router.put("/api/rulesets/(.+)", saveRuleset);
}

}  // namespace defen::serve
