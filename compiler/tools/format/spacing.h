// How many spaces go between two tokens on one line of a formatted ruleset.
#pragma once

#include "compiler/syntax/lexer.h"

namespace defen::format {

// 0 or 1. The rules, in order (docs/formatter.md shows examples):
//  - nothing after a unary sign: -15%, -∞;
//  - one space around a binary operator (→ = ≥ ＜ + - × ÷ …), full-width or not;
//  - nothing before a separator (，, 、 ： ; ；) or a closing ) ] ）, and nothing
//    after an opening ( [ （;
//  - ASCII , : ; { and } are spaced like English text ({ a }, [90分, 100分]);
//    full-width punctuation carries its own space and gets none
//    (收入预算数：金额（元）, 枚举｛按时、超时｝, 比率，缺失时 报错);
//  - a call's ( and a money unit's ( hug the word before: 最小(1, x), 金额(元);
//  - one space between words (keywords, names, numbers, strings) and around
//    comments inside a line.
int spacesBetween(const Token& before, const Token& after);

// A binary + - × ÷ that starts a continuation line; such a line hangs the
// operator left of the operands it continues.
bool isArithmeticOperator(const Token& token);

}  // namespace defen::format
