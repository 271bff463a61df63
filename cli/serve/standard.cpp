#include "cli/serve/standard.h"

#include "cli/check_output.h"
#include "cli/serve/safe_paths.h"

#include <fmt/format.h>

#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

namespace defen::serve {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> field(const ApiRequest& request, const std::string& group, const std::string& name) {
  return group.empty() ? request.text(name) : request.text(group, name);
}

std::string fieldName(const std::string& group, const std::string& name) {
  return group.empty() ? name : group + "." + name;
}

// JIT compiles under way. A request that stops waiting leaves its compile
// running (LLVM cannot be interrupted) but holding a slot, so abandoned
// compiles never add up to more than kCompileSlots threads.
constexpr int kCompileSlots = 2;
struct {
  std::mutex mutex;
  std::condition_variable changed;
  int running = 0;
} compiles;

std::unique_ptr<Engine> compileBeforeDeadline(const Standard& standard, const ir::Program& program, const Deadline& deadline,
                                              std::string& error) {
  {
    std::unique_lock lock(compiles.mutex);
    if (!compiles.changed.wait_until(lock, deadline.end(), [] { return compiles.running < kCompileSlots; }))
      deadline.expired("等待生成本机代码", "waiting to compile native code");
    compiles.running++;
  }
  struct Outcome {
    std::unique_ptr<Engine> engine;
    std::string error;
  };
  auto outcome = std::make_shared<std::promise<Outcome>>();
  std::future<Outcome> done = outcome->get_future();
  // The thread keeps what the program lives in (the compilation, or the
  // registry's state) for as long as it runs.
  std::thread([&program, outcome, keepCompilation = standard.compilation, keepServed = standard.served] {
    (void)keepCompilation, (void)keepServed;  // held, not used
    Outcome o;
    try {
      o.engine = makeEngine(EngineKind::Jit, program, o.error);
    } catch (const std::exception& e) {  // nothing may escape a thread
      o.error = e.what();
    }
    outcome->set_value(std::move(o));
    std::lock_guard lock(compiles.mutex);
    compiles.running--;
    compiles.changed.notify_all();
  }).detach();
  if (done.wait_until(deadline.end()) != std::future_status::ready) deadline.expired("生成本机代码", "compiling native code");
  Outcome o = done.get();
  error = std::move(o.error);
  return std::move(o.engine);
}

}  // namespace

Json Standard::diagnostics(Lang lang) const {
  if (!compilation) return Json::array();
  return cli::diagnosticsJson(*compilation, lang, file);
}

Standard loadStandard(const ApiContext& ctx, const ApiRequest& request, const std::string& group) {
  Standard s;
  if (auto text = field(request, group, "text")) {
    auto file = field(request, group, "file");
    s.file = file ? *file : "未命名.rules";
    // The path places the text in the directory, so 基于 finds its base there.
    std::string path = file ? rulesetPath(ctx.rulesetsDir, *file) : ctx.rulesetsDir + "/" + s.file;
    s.compilation = std::make_shared<Compilation>(compileSource(path, std::move(*text)));
  } else if (auto selector = field(request, group, "ruleset")) {
    std::string error;
    s.served = ctx.registry.find(*selector, &error);
    if (!s.served) throw ApiError(404, "not_found", error, "no published standard matches " + *selector + ": " + error);
    s.file = fs::path(s.served->path()).filename().string();
    s.program = loadedRuleset(*s.served).program.get();
  } else if (auto name = field(request, group, "path")) {
    std::string path = rulesetPath(ctx.rulesetsDir, *name);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
      throw ApiError(404, "not_found", fmt::format("规则目录中没有文件 {}", *name), fmt::format("no file {} in the rulesets directory", *name));
    s.file = *name;
    s.compilation = std::make_shared<Compilation>(compileFile(path));
  } else {
    throw ApiError(400, "bad_request",
                   fmt::format("请指明规则：{} 、{} 或 {}", fieldName(group, "text"), fieldName(group, "ruleset"), fieldName(group, "path")),
                   fmt::format("name the ruleset with {}, {} or {}", fieldName(group, "text"), fieldName(group, "ruleset"),
                               fieldName(group, "path")));
  }
  if (s.compilation) {
    s.program = s.compilation->program.get();
    request.deadline().check("编译规则", "compiling the ruleset");
  }
  return s;
}

const ir::Program& requireProgram(const Standard& standard, const ApiRequest& request) {
  if (standard.program) return *standard.program;
  Json diagnostics = cli::diagnosticsJson(*standard.compilation, request.lang(), standard.file);
  throw ApiError(422, "ruleset_errors",
                 fmt::format("规则 {} 有{}个错误，不能计分", standard.file, standard.errors()),
                 fmt::format("the ruleset {} has {} error(s) and cannot score", standard.file, standard.errors()),
                 Json{{"diagnostics", diagnostics}});
}

EngineChoice::EngineChoice(const Standard& standard, const ApiRequest& request, const std::string& group) {
  std::optional<std::string> kind = field(request, group, "engine");
  if (!kind && !group.empty()) kind = request.text("engine");
  if (kind && *kind != "interp" && *kind != "jit")
    throw ApiError(400, "bad_request", "engine 只能是 interp 或 jit", "engine must be interp or jit");
  const ir::Program& program = requireProgram(standard, request);
  const bool jit = kind && *kind == "jit";
  if (standard.served && !jit) {
    engine_ = loadedRuleset(*standard.served).engine.get();
    return;
  }
  std::string error;
  owned_ = jit ? compileBeforeDeadline(standard, program, request.deadline(), error)
               : makeEngine(EngineKind::Interpreter, program, error);
  if (!owned_) throw ApiError(500, "internal", "无法编译规则：" + error, "could not compile the ruleset: " + error);
  engine_ = owned_.get();
  request.deadline().check("生成本机代码", "compiling native code");
}

void waitForBackgroundCompiles(std::chrono::milliseconds limit) {
  std::unique_lock lock(compiles.mutex);
  compiles.changed.wait_for(lock, limit, [] { return compiles.running == 0; });
}

}  // namespace defen::serve
