// Checked IR → one LLVM module of kernel functions.
//
// For every node: `i32 defen_na_<node>_<rule>(ptr frame, ptr out)` per 不考核
// clause and `i32 defen_leaf_<node>(ptr frame, ptr out)` for its rule; for every
// 加减分 line `i32 defen_bonus_<b>_<l>(ptr frame, ptr out)`; and for every 令
// `i32 defen_let_<slot>(ptr frame)`, which computes and memoises it in the frame.
// The return value is an eval::KernelStatus; on a fault the function fills
// the frame's error fields exactly as the interpreter does. A very large
// expression is cut into internal `defen_part_<expr>(ptr frame, ptr out)`
// functions of bounded size, so compile time grows linearly (codegen.cpp).
#pragma once

#include "compiler/ir/ir.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace defen::jit {

std::string naName(int node, int rule);
std::string leafName(int node);
std::string bonusName(int bonus, int line);
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
