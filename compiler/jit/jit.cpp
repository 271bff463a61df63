// ORC LLJIT around the generated kernels, in the spirit of LLVM's
// KaleidoscopeJIT: one JIT per compiled ruleset; the runtime's helper
// functions are defined as absolute symbols; machine code is cached on disk
// keyed by the ruleset text, the compiler version and the host CPU, so a second
// run of the same ruleset skips IR generation, optimisation and codegen.
#include "compiler/jit/jit.h"

#include "compiler/jit/codegen.h"
#include "compiler/core/native_abi.h"

#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

namespace defen {

namespace {

namespace orc = llvm::orc;
using Clock = std::chrono::steady_clock;

double millisSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Bump when the generated code's meaning or the frame layout changes.
constexpr const char* kCodegenVersion = "defen-jit-3";  // 3: the whole plan in one function

// Past this many IR nodes (the Zhanjiang standard has 210), machine code is
// made with LLVM's fast instruction selector and register allocator
// (CodeGenOptLevel::None) after the usual -O2 IR optimisation: about 3× less
// code-generation time for generated or pasted rulesets of thousands of
// indicators or terms (docs/reliability.md, "Huge rulesets"); scoring a row
// of 2,000 indicators took under 10% longer, a cost only such rulesets pay.
constexpr int kFastCodegenNodes = 5000;

void initialiseLlvmOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

uint64_t fnv1a(const std::string& text, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::filesystem::path cacheDirectory(const JitOptions& o) {
  if (!o.cacheDir.empty()) return o.cacheDir;
  if (const char* d = std::getenv("DEFEN_CACHE_DIR")) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME")) return std::filesystem::path(x) / "defen";
  if (const char* home = std::getenv("HOME")) return std::filesystem::path(home) / ".cache" / "defen";
  return std::filesystem::temp_directory_path() / "defen-cache";
}

using PlanFn = void (*)(eval::Frame*);
using LeafFn = int32_t (*)(eval::Frame*, eval::Raw*);

// One call per record into the ruleset's native plan function.
class NativeKernels final : public eval::Kernels {
 public:
  PlanFn plan = nullptr;
  void run(eval::Frame& f) override { plan(&f); }
  std::vector<LeafFn> rowFns;  // [Program::rowExprs index]
  eval::KernelStatus rowExpr(int index, eval::Frame& f, eval::Raw& out) override {
    return static_cast<eval::KernelStatus>(rowFns[index](&f, &out));
  }
};

class JitProgramImpl final : public JitProgram {
 public:
  eval::Kernels& kernels() override { return kernels_; }
  const JitStats& stats() const override { return stats_; }

  bool build(const ir::Program& p, const std::string& source, const JitOptions& options, std::string& error) {
    initialiseLlvmOnce();
    auto jtmb = orc::JITTargetMachineBuilder::detectHost();
    if (!jtmb) { error = llvm::toString(jtmb.takeError()); return false; }
    jtmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
    std::string cpu = llvm::sys::getHostCPUName().str();
    auto jit = orc::LLJITBuilder().setJITTargetMachineBuilder(*jtmb).create();
    if (!jit) { error = llvm::toString(jit.takeError()); return false; }
    jit_ = std::move(*jit);
    if (!defineRuntime(error)) return false;

    std::ostringstream key;
    key << std::hex << fnv1a(source + '\0' + DEFEN_VERSION + '\0' + kCodegenVersion + '\0' + jit::codegenFingerprint() + '\0' +
                             jtmb->getTargetTriple().str() + '\0' + cpu);
    std::filesystem::path cached = cacheDirectory(options) / (key.str() + ".o");

    std::unique_ptr<llvm::MemoryBuffer> object;
    if (options.useCache) {
      if (auto buffer = llvm::MemoryBuffer::getFile(cached.string()); buffer) {
        object = std::move(*buffer);
        stats_.fromCache = true;
        // Used now: the pruning below removes the least recently used first.
        std::error_code ec;
        std::filesystem::last_write_time(cached, std::filesystem::file_time_type::clock::now(), ec);
      }
    }
    if (!object) {
      object = compileObject(p, *jtmb, error);
      if (!object) return false;
      if (options.useCache) store(cached, *object);
    }
    auto linkStart = Clock::now();
    if (auto e = jit_->addObjectFile(std::move(object))) { error = llvm::toString(std::move(e)); return false; }
    if (!resolve(p, error)) return false;
    stats_.linkMillis = millisSince(linkStart);
    return true;
  }

 private:
  std::unique_ptr<orc::LLJIT> jit_;
  NativeKernels kernels_;
  JitStats stats_;

  bool defineRuntime(std::string& error) {
    orc::SymbolMap symbols;
    auto add = [&](const char* name, auto* fn) {
      symbols[jit_->mangleAndIntern(name)] =
          llvm::orc::ExecutorSymbolDef(llvm::orc::ExecutorAddr::fromPtr(fn), llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
    };
    add("defen_rt_mul", &defen_rt_mul);
    add("defen_rt_div", &defen_rt_div);
    add("defen_rt_round", &defen_rt_round);
    add("defen_rt_ceil", &defen_rt_ceil);
    add("defen_rt_floor", &defen_rt_floor);
    if (auto e = jit_->getMainJITDylib().define(orc::absoluteSymbols(std::move(symbols)))) {
      error = llvm::toString(std::move(e));
      return false;
    }
    return true;
  }

  std::unique_ptr<llvm::MemoryBuffer> compileObject(const ir::Program& p, orc::JITTargetMachineBuilder jtmb, std::string& error) {
    auto irStart = Clock::now();
    llvm::LLVMContext context;
    // Block and value names are for reading IR; making each unique ("ok1234")
    // is work that grows with the function.
    context.setDiscardValueNames(true);
    std::unique_ptr<llvm::Module> module;
    int irNodes = 0;
    try {
      module = jit::lowerProgram(p, context, &irNodes);
    } catch (const std::exception& ex) {
      error = ex.what();
      return nullptr;
    }
    stats_.fastCodegen = irNodes > kFastCodegenNodes;
    if (stats_.fastCodegen) jtmb.setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
    auto tm = jtmb.createTargetMachine();
    if (!tm) { error = llvm::toString(tm.takeError()); return nullptr; }
    module->setDataLayout((*tm)->createDataLayout());
    module->setTargetTriple((*tm)->getTargetTriple().str());
    {
      llvm::LoopAnalysisManager lam;
      llvm::FunctionAnalysisManager fam;
      llvm::CGSCCAnalysisManager cgam;
      llvm::ModuleAnalysisManager mam;
      llvm::PassBuilder pb(tm->get());
      pb.registerModuleAnalyses(mam);
      pb.registerCGSCCAnalyses(cgam);
      pb.registerFunctionAnalyses(fam);
      pb.registerLoopAnalyses(lam);
      pb.crossRegisterProxies(lam, fam, cgam, mam);
      pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(*module, mam);
    }
    stats_.irMillis = millisSince(irStart);
    auto codegenStart = Clock::now();
    llvm::SmallVector<char, 0> bytes;
    llvm::raw_svector_ostream os(bytes);
    llvm::legacy::PassManager pm;
    if ((*tm)->addPassesToEmitFile(pm, os, nullptr, llvm::CodeGenFileType::ObjectFile)) {
      error = "the target cannot emit object files";
      return nullptr;
    }
    pm.run(*module);
    stats_.codegenMillis = millisSince(codegenStart);
    return llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(bytes.data(), bytes.size()), "defen-ruleset");
  }

  // Written to a temporary name and renamed, so a concurrent reader never sees half a file.
  static void store(const std::filesystem::path& path, const llvm::MemoryBuffer& object) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return;  // no cache is not an error
    auto tmp = path;
    tmp += ".tmp" + std::to_string(::getpid());
    {
      std::ofstream out(tmp, std::ios::binary);
      out.write(object.getBufferStart(), static_cast<std::streamsize>(object.getBufferSize()));
      if (!out) return;
    }
    std::filesystem::rename(tmp, path, ec);
    if (!ec) pruneCache(path.parent_path());
  }

  // Every edit of a ruleset is a new key, so a workbench session (or a test
  // run) would fill the cache without end: keep the most recently used
  // kMaxCachedObjects objects within kMaxCacheBytes, and drop temporaries a
  // crashed writer left behind more than an hour ago.
  static constexpr std::size_t kMaxCachedObjects = 200;
  static constexpr std::uintmax_t kMaxCacheBytes = 256ull << 20;
  static void pruneCache(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    struct Entry {
      fs::path path;
      fs::file_time_type used;
      std::uintmax_t size;
    };
    std::vector<Entry> objects;
    std::error_code ec;
    const auto now = fs::file_time_type::clock::now();
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code e;
      const auto used = fs::last_write_time(p, e);
      if (e || !it->is_regular_file(e)) continue;
      if (p.extension() == ".o") objects.push_back({p, used, it->file_size(e)});
      else if (p.filename().string().find(".o.tmp") != std::string::npos && now - used > std::chrono::hours(1)) fs::remove(p, e);
    }
    std::sort(objects.begin(), objects.end(), [](const Entry& a, const Entry& b) { return a.used > b.used; });
    std::uintmax_t bytes = 0;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      bytes += objects[i].size;
      if (i >= kMaxCachedObjects || bytes > kMaxCacheBytes) fs::remove(objects[i].path, ec);
    }
  }

  template <class Fn>
  bool lookup(const std::string& name, Fn& out, std::string& error) {
    auto addr = jit_->lookup(name);
    if (!addr) { error = llvm::toString(addr.takeError()); return false; }
    out = addr->toPtr<Fn>();
    return true;
  }

  bool resolve(const ir::Program& p, std::string& error) {
    if (!lookup(jit::planName(), kernels_.plan, error)) return false;
    kernels_.rowFns.assign(p.rowExprs.size(), nullptr);
    for (size_t i = 0; i < p.rowExprs.size(); ++i)
      if (!lookup(jit::rowExprName(static_cast<int>(i)), kernels_.rowFns[i], error)) return false;
    return true;
  }
};

}  // namespace

std::unique_ptr<JitProgram> JitProgram::compile(const ir::Program& program, const std::string& sourceText,
                                                const JitOptions& options, std::string& error) {
  auto jit = std::make_unique<JitProgramImpl>();
  if (!jit->build(program, sourceText, options, error)) return nullptr;
  return jit;
}

}  // namespace defen
