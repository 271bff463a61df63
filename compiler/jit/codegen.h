// Checked IR → one LLVM module whose one external function runs the whole
// plan of the ruleset (compiler/ir/plan/plan.h) over a frame:
// `void defen_plan(ptr frame)`. Every step means what it means to the
// interpreter; each step's expression work is an internal function
// `i32 defen_step_<i>(ptr frame, ptr out)` returning an eval::KernelStatus,
// called once and inlined, and every 令 `i32 defen_let_<slot>(ptr frame)`
// computes and memoises it in the frame. The plan is emitted as parts of a
// bounded number of indicators, and a very large expression is cut into
// internal `defen_part_<expr>` functions, so compile time grows linearly.
#pragma once

#include "compiler/ir/ir.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace defen::jit {

// The name of the plan function.
const char* planName();
std::string rowExprName(int index);  // `i32 defen_row_<i>(ptr frame, ptr out)`: Program::rowExprs[i]

// `irNodes`, when given, receives the number of IR nodes emitted (the size of
// the code, for choosing how hard to optimise it).
std::unique_ptr<llvm::Module> lowerProgram(const ir::Program& program, llvm::LLVMContext& context, int* irNodes = nullptr);

// A hash of the sources that shape the generated code (compiler/CMakeLists.txt
// lists them) and the LLVM version: equal across rebuilds of the same sources,
// so the code cache survives a rebuild, and different after any change to the
// code generator, so cached machine code from an older one is never reused.
const char* codegenFingerprint();

}  // namespace defen::jit
