// What scores a compiled program: the interpreter or native code from the
// JIT, behind one interface. Made once per program and shared by every
// thread (the kernels are thread-safe).
#pragma once

#include "compiler/ir/kernels.h"
#include "compiler/ir/ir.h"

#include <memory>
#include <string>

namespace defen {

enum class EngineKind { Interpreter, Jit };

// Something that hands out kernels for one compiled program.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual eval::Kernels& kernels() = 0;
};

// Creates the engine; for the JIT this compiles (or loads cached) native code.
// Null with `error` set if compilation fails.
std::unique_ptr<Engine> makeEngine(EngineKind kind, const ir::Program& program, std::string& error, bool useCache = true);

}  // namespace defen
