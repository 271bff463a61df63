#include "compiler/eval/engine.h"

#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit.h"

namespace defen {

namespace {

class InterpreterEngine final : public Engine {
 public:
  explicit InterpreterEngine(const ir::Program& p) : kernels_(p) {}
  eval::Kernels& kernels() override { return kernels_; }

 private:
  InterpreterKernels kernels_;
};

class JitEngine final : public Engine {
 public:
  explicit JitEngine(std::unique_ptr<JitProgram> jit) : jit_(std::move(jit)) {}
  eval::Kernels& kernels() override { return jit_->kernels(); }

 private:
  std::unique_ptr<JitProgram> jit_;
};

}  // namespace

std::unique_ptr<Engine> makeEngine(EngineKind kind, const ir::Program& program, std::string& error, bool useCache) {
  if (kind == EngineKind::Interpreter) return std::make_unique<InterpreterEngine>(program);
  JitOptions options;
  options.useCache = useCache;
  auto jit = JitProgram::compile(program, program.source ? program.source->text() : std::string(), options, error);
  if (!jit) return nullptr;
  return std::make_unique<JitEngine>(std::move(jit));
}

}  // namespace defen
