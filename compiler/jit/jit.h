// The native back end: lowers a checked program's kernels (the same IR the
// interpreter walks) to LLVM IR, optimises at -O2 and runs them with ORC LLJIT.
// Decimal arithmetic is emitted inline (128-bit adds, subtracts, compares,
// bands); × ÷ and rounding call the runtime's own functions (runtime/
// native_abi.h), so both engines compute every digit with the same code.
#pragma once

#include "compiler/ir/kernels.h"
#include "compiler/ir/ir.h"

#include <memory>
#include <string>

namespace defen {

struct JitOptions {
  bool useCache = true;  // reuse compiled code keyed by ruleset text and compiler version
  std::string cacheDir;  // default: $DEFEN_CACHE_DIR, else $XDG_CACHE_HOME/defen, else ~/.cache/defen
};

struct JitStats {
  double irMillis = 0;       // building and optimising LLVM IR (0 on a cache hit)
  double codegenMillis = 0;  // machine code (0 on a cache hit)
  double linkMillis = 0;     // loading into the JIT and resolving symbols
  bool fromCache = false;
  bool fastCodegen = false;  // a huge ruleset: machine code without LLVM's slower optimisations (jit.cpp)
};

class JitProgram {
 public:
  // Compiles `program` (checked from `sourceText`); returns null and sets
  // `error` if LLVM fails, which is a bug, never a user error.
  static std::unique_ptr<JitProgram> compile(const ir::Program& program, const std::string& sourceText,
                                             const JitOptions& options, std::string& error);
  virtual ~JitProgram() = default;
  // Thread-safe: kernels hold only function pointers; all state is in the Frame.
  virtual eval::Kernels& kernels() = 0;
  virtual const JitStats& stats() const = 0;
};

}  // namespace defen
