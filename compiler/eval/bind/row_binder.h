// Binding of 行集 and 文字 inputs: a Rows cell becomes the typed rows of its
// row set (columns matched by name, 指标值 parsed, 完成值 read in its target's
// unit); a 文字 cell becomes a code equal for equal texts (a literal's index
// in Program::texts, or −1−i for the record's i-th other text).
#pragma once

#include "compiler/eval/bind/binder.h"

namespace defen {

// Binds input `slot` from `cell` when it is a row set or a text; false for other kinds.
bool bindRowSetOrText(const ir::Program& program, int slot, const Cell& cell, BoundRecord& out);

// The text a 文字 value stands for.
std::string textOf(const ir::Program& program, const BoundRecord& record, Decimal code);

}  // namespace defen
