#include "compiler/jit/codegen.h"

#include "compiler/eval/frame.h"
#include "codegen_fingerprint.h"  // generated: DEFEN_CODEGEN_FINGERPRINT

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <stdexcept>

namespace defen::jit {

std::string naName(int node, int rule) { return "defen_na_" + std::to_string(node) + "_" + std::to_string(rule); }
std::string leafName(int node) { return "defen_leaf_" + std::to_string(node); }
std::string bonusName(int bonus, int line) { return "defen_bonus_" + std::to_string(bonus) + "_" + std::to_string(line); }
std::string rowExprName(int index) { return "defen_row_" + std::to_string(index); }

namespace {

using ir::Op;
using llvm::BasicBlock;
using llvm::Value;

// Frame field indices; the static_asserts tie them to eval::Frame's layout.
enum FrameField { kInputs, kPresent, kLets, kLetDone, kFired, kItemMet, kDeducted, kSteps, kErrorKind, kErrorExpr, kMissingSlot, kReserved, kErrorValue };
static_assert(offsetof(eval::Frame, inputs) == 0 && offsetof(eval::Frame, steps) == 56);
static_assert(offsetof(eval::Frame, errorKind) == 64 && offsetof(eval::Frame, missingSlot) == 72);
static_assert(offsetof(eval::Frame, errorValue) == 80 && sizeof(eval::Frame) == 96);

// LLVM's optimiser and code generator take time that grows faster than
// linearly with the size of one function (GVN, register coalescing, block
// placement): a 10,000-term sum took 106 s and 2,000 令 summed by one
// indicator 54 s, where the interpreter needs 0.1 s (docs/reliability.md,
// "Huge rulesets"). So no generated function grows past a fixed size, and
// compile time grows about linearly with the ruleset:
// - a subtree larger than kPartNodes IR nodes (after its own large subtrees are
//   split off) becomes a function of its own, `defen_part_<expr>`, never inlined;
// - a function inlines the 令 it calls only while they total kInlineNodes
//   nodes or fewer; past that, the calls stay calls.
// The shipped rulesets have expressions of a few dozen nodes and short 令
// chains (the largest stays inlined at half the budget), so neither applies.
constexpr int kPartNodes = 128;
constexpr int kInlineNodes = 64;

class Lowering {
 public:
  Lowering(const ir::Program& p, llvm::LLVMContext& ctx) : p_(p), ctx_(ctx), b_(ctx) {
    module_ = std::make_unique<llvm::Module>("defen", ctx);
    i1_ = b_.getInt1Ty();
    i8_ = b_.getInt8Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    i128_ = b_.getInt128Ty();
    ptr_ = b_.getPtrTy();
    frameTy_ = llvm::StructType::create(ctx, {ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, i32_, i32_, i32_, i32_, i128_}, "defen.frame");
    auto* binary = llvm::FunctionType::get(i32_, {i128_, i128_, ptr_}, false);
    auto* unary = llvm::FunctionType::get(i32_, {i128_, ptr_}, false);
    mul_ = declare("defen_rt_mul", binary);
    div_ = declare("defen_rt_div", binary);
    round_ = declare("defen_rt_round", llvm::FunctionType::get(i32_, {i128_, i32_, ptr_}, false));
    ceil_ = declare("defen_rt_ceil", unary);
    floor_ = declare("defen_rt_floor", unary);
  }

  std::unique_ptr<llvm::Module> run() {
    auto* letTy = llvm::FunctionType::get(i32_, {ptr_}, false);
    for (size_t s = 0; s < p_.lets.size(); ++s)
      lets_.push_back(llvm::Function::Create(letTy, llvm::Function::InternalLinkage, "defen_let_" + std::to_string(s), *module_));
    outlined_.assign(p_.arena.size(), 0);
    measured_.assign(p_.arena.size(), -1);
    letNodes_.assign(p_.lets.size(), -1);
    for (size_t s = 0; s < p_.lets.size(); ++s)
      if (letNodes_[s] < 0) letBody(static_cast<int>(s));
    for (const auto& node : p_.nodes) {
      for (size_t r = 0; r < node.na.size(); ++r) {
        begin(naName(node.id, static_cast<int>(r)));
        Value* v = expr(node.na[r].when);
        b_.CreateStore(b_.CreateZExt(b_.CreateICmpNE(v, zero()), i8_), out_);
        b_.CreateRet(b_.getInt32(eval::kOk));
      }
      if (node.rule == ir::RuleKind::Formula || node.rule == ir::RuleKind::Checklist || node.rule == ir::RuleKind::Deductions)
        leaf(node);
    }
    for (size_t bi = 0; bi < p_.bonuses.size(); ++bi)
      for (size_t l = 0; l < p_.bonuses[bi].lines.size(); ++l) {
        begin(bonusName(static_cast<int>(bi), static_cast<int>(l)));
        b_.CreateStore(expr(p_.bonuses[bi].lines[l].points), out_);
        b_.CreateRet(b_.getInt32(eval::kOk));
      }
    for (size_t i = 0; i < p_.rowExprs.size(); ++i) {  // row sets: one kernel per expression
      begin(rowExprName(static_cast<int>(i)));
      b_.CreateStore(expr(p_.rowExprs[i]), out_);
      b_.CreateRet(b_.getInt32(eval::kOk));
    }
    std::string problems;
    llvm::raw_string_ostream os(problems);
    if (llvm::verifyModule(*module_, &os)) throw std::runtime_error("generated LLVM IR is invalid: " + os.str());
    return std::move(module_);
  }

 private:
  const ir::Program& p_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<> b_;
  std::unique_ptr<llvm::Module> module_;
  llvm::Type *i1_, *i8_, *i32_, *i64_, *i128_, *ptr_;
  llvm::StructType* frameTy_;
  llvm::Function *mul_, *div_, *round_, *ceil_, *floor_;
  std::vector<llvm::Function*> lets_;
  // The function being emitted, its frame argument, its out pointer, and the
  // frame's array pointers loaded once at entry.
  llvm::Function* fn_ = nullptr;
  Value* frame_ = nullptr;
  Value* out_ = nullptr;
  Value* base_[8] = {};
  llvm::AllocaInst* tmp_ = nullptr;  // out-slot for runtime helper and part calls
  const ir::Expr* root_ = nullptr;   // the expression a part function computes (not split again)
  int nodes_ = 0;                    // IR nodes emitted into fn_, counting the 令 it inlines
 public:
  int emitted = 0;                   // IR nodes emitted into the whole module
 private:
  BasicBlock* fail_ = nullptr;       // the function's fault exit, made on first use
  llvm::PHINode *failKind_ = nullptr, *failExpr_ = nullptr, *failValue_ = nullptr;

  // Per expression id: 1 if it becomes a part function; its size once measured.
  std::vector<char> outlined_;
  std::vector<int> measured_;
  std::vector<int> letNodes_;  // per 令: nodes of its function (with what it inlines); -1 before it is emitted

  // The size of `e` as it will be emitted inline, marking the subtrees to split
  // off on the way (bottom-up, so a long chain is cut every kPartNodes nodes).
  int measure(const ir::Expr* e) {
    if (measured_[e->id] >= 0) return measured_[e->id];
    int size = 1;
    for (const auto* a : e->args) size += measure(a);
    if (e->op == Op::Bands)
      for (const auto& c : p_.tables[e->table].cases) size += 1 + measure(c.value);
    if (size > kPartNodes) {
      outlined_[e->id] = 1;
      size = 1;
    }
    return measured_[e->id] = size;
  }

  // The state of the function being emitted, saved while another one is emitted
  // in the middle of it (a part, or a 令 on its first use).
  struct Emitting {
    llvm::Function* fn;
    Value* frame;
    Value* out;
    Value* base[8];
    llvm::AllocaInst* tmp;
    const ir::Expr* root;
    int nodes;
    BasicBlock* fail;
    llvm::PHINode *failKind, *failExpr, *failValue;
    llvm::IRBuilderBase::InsertPoint at;
  };
  Emitting save() {
    Emitting s{fn_, frame_, out_, {}, tmp_, root_, nodes_, fail_, failKind_, failExpr_, failValue_, b_.saveIP()};
    std::copy(std::begin(base_), std::end(base_), s.base);
    return s;
  }
  void restore(const Emitting& s) {
    fn_ = s.fn, frame_ = s.frame, out_ = s.out, tmp_ = s.tmp, root_ = s.root, nodes_ = s.nodes;
    fail_ = s.fail, failKind_ = s.failKind, failExpr_ = s.failExpr, failValue_ = s.failValue;
    std::copy(std::begin(s.base), std::end(s.base), base_);
    b_.restoreIP(s.at);
  }

  // `e` computed by its own function: i32 defen_part_<id>(ptr frame, ptr out).
  Value* part(const ir::Expr* e) {
    Emitting outer = save();
    auto* ty = llvm::FunctionType::get(i32_, {ptr_, ptr_}, false);
    auto* f = llvm::Function::Create(ty, llvm::Function::InternalLinkage, "defen_part_" + std::to_string(e->id), *module_);
    f->addFnAttr(llvm::Attribute::NoInline);
    enter(f, true);
    root_ = e;
    b_.CreateStore(expr(e), out_);
    b_.CreateRet(b_.getInt32(eval::kOk));
    restore(outer);
    ++nodes_;
    Value* status = b_.CreateCall(f, {frame_, tmp_});
    exitIf(b_.CreateICmpNE(status, b_.getInt32(eval::kOk)), [&] { b_.CreateRet(status); });
    return b_.CreateLoad(i128_, tmp_);
  }

  llvm::Function* declare(const char* name, llvm::FunctionType* ty) {
    auto* f = llvm::Function::Create(ty, llvm::Function::ExternalLinkage, name, *module_);
    f->addFnAttr(llvm::Attribute::NoUnwind);
    return f;
  }

  llvm::ConstantInt* raw(eval::Raw v) {
    unsigned __int128 u = static_cast<unsigned __int128>(v);
    uint64_t words[2] = {static_cast<uint64_t>(u), static_cast<uint64_t>(u >> 64)};
    return llvm::ConstantInt::get(ctx_, llvm::APInt(128, words));
  }
  llvm::ConstantInt* zero() { return raw(0); }
  llvm::ConstantInt* one() { return raw(1); }

  void enter(llvm::Function* f, bool hasOut) {
    fn_ = f;
    f->addFnAttr(llvm::Attribute::NoUnwind);
    b_.SetInsertPoint(BasicBlock::Create(ctx_, "entry", f));
    frame_ = f->getArg(0);
    out_ = hasOut ? f->getArg(1) : nullptr;
    root_ = nullptr;
    nodes_ = 0;
    fail_ = nullptr;
    for (int i = 0; i < 8; ++i) base_[i] = b_.CreateLoad(ptr_, b_.CreateStructGEP(frameTy_, frame_, i), "base");
    tmp_ = b_.CreateAlloca(i128_, nullptr, "tmp");
  }

  void begin(const std::string& name) {
    auto* ty = llvm::FunctionType::get(i32_, {ptr_, ptr_}, false);
    enter(llvm::Function::Create(ty, llvm::Function::ExternalLinkage, name, *module_), true);
  }

  Value* element(FrameField field, llvm::Type* ty, int index) { return b_.CreateConstInBoundsGEP1_64(ty, base_[field], index); }

  // Leaves the current block on `bad` through a block that ends the kernel.
  template <class Fill>
  void exitIf(Value* bad, Fill&& fill) {
    BasicBlock* fault = BasicBlock::Create(ctx_, "fault", fn_);
    BasicBlock* cont = BasicBlock::Create(ctx_, "ok", fn_);
    b_.CreateCondBr(bad, fault, cont, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    b_.SetInsertPoint(fault);
    fill();
    b_.SetInsertPoint(cont);
  }

  // Every fault of a function goes to one block that fills the error fields
  // from phis: three stores per function instead of per operation, which keeps
  // huge functions smaller for the code generator.
  void faultIf(Value* bad, int32_t kind, const ir::Expr* e, Value* value = nullptr) {
    if (!fail_) {
      auto at = b_.saveIP();
      fail_ = BasicBlock::Create(ctx_, "fault", fn_);
      b_.SetInsertPoint(fail_);
      failKind_ = b_.CreatePHI(i32_, 4);
      failExpr_ = b_.CreatePHI(i32_, 4);
      failValue_ = b_.CreatePHI(i128_, 4);
      b_.CreateStore(failKind_, b_.CreateStructGEP(frameTy_, frame_, kErrorKind));
      b_.CreateStore(failExpr_, b_.CreateStructGEP(frameTy_, frame_, kErrorExpr));
      b_.CreateStore(failValue_, b_.CreateStructGEP(frameTy_, frame_, kErrorValue));
      b_.CreateRet(b_.getInt32(eval::kError));
      b_.restoreIP(at);
    }
    BasicBlock* from = b_.GetInsertBlock();
    BasicBlock* cont = BasicBlock::Create(ctx_, "ok", fn_);
    b_.CreateCondBr(bad, fail_, cont, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    failKind_->addIncoming(b_.getInt32(kind), from);
    failExpr_->addIncoming(b_.getInt32(e->id), from);
    failValue_->addIncoming(value ? value : zero(), from);
    b_.SetInsertPoint(cont);
  }

  // Checked add/sub: overflow, or the one value (INT128_MIN) the runtime never produces.
  Value* checked(llvm::Intrinsic::ID id, Value* a, Value* c, const ir::Expr* e) {
    Value* pair = b_.CreateBinaryIntrinsic(id, a, c);
    Value* result = b_.CreateExtractValue(pair, 0);
    Value* bad = b_.CreateOr(b_.CreateExtractValue(pair, 1), b_.CreateICmpEQ(result, raw(static_cast<eval::Raw>(static_cast<unsigned __int128>(1) << 127))));
    faultIf(bad, eval::kOverflow, e);
    return result;
  }

  // A runtime helper: status 1 overflow, 2 division by zero, named after `e`.
  Value* helper(llvm::Function* f, std::vector<Value*> args, const ir::Expr* e) {
    args.push_back(tmp_);
    Value* status = b_.CreateCall(f, args);
    faultIf(b_.CreateICmpEQ(status, b_.getInt32(1)), eval::kOverflow, e);
    faultIf(b_.CreateICmpEQ(status, b_.getInt32(2)), eval::kDivisionByZero, e);
    return b_.CreateLoad(i128_, tmp_);
  }

  Value* truth(Value* v) { return b_.CreateZExt(v, i128_); }

  void letBody(int slot) {
    enter(lets_[slot], false);
    letNodes_[slot] = 0;  // emitting: a 令 never uses itself (E221)
    Value* v = expr(p_.lets[slot].value);
    b_.CreateStore(v, element(kLets, i128_, slot));
    b_.CreateStore(b_.getInt8(1), element(kLetDone, i8_, slot));
    b_.CreateRet(b_.getInt32(eval::kOk));
    letNodes_[slot] = nodes_;
  }

  Value* letValue(int slot) {
    Value* done = b_.CreateLoad(i8_, element(kLetDone, i8_, slot));
    BasicBlock* compute = BasicBlock::Create(ctx_, "let.compute", fn_);
    BasicBlock* ready = BasicBlock::Create(ctx_, "let.ready", fn_);
    b_.CreateCondBr(b_.CreateICmpNE(done, b_.getInt8(0)), ready, compute);
    b_.SetInsertPoint(compute);
    if (letNodes_[slot] < 0) {  // emitted before its first user, so its size is known here
      Emitting outer = save();
      letBody(slot);
      restore(outer);
    }
    auto* call = b_.CreateCall(lets_[slot], {frame_});
    if (nodes_ + letNodes_[slot] <= kInlineNodes) nodes_ += letNodes_[slot];
    else call->setIsNoInline();
    Value* status = call;
    exitIf(b_.CreateICmpNE(status, b_.getInt32(eval::kOk)), [&] { b_.CreateRet(status); });
    b_.CreateBr(ready);
    b_.SetInsertPoint(ready);
    return b_.CreateLoad(i128_, element(kLets, i128_, slot));
  }

  Value* input(int slot) {
    Value* present = b_.CreateLoad(i8_, element(kPresent, i8_, slot));
    exitIf(b_.CreateICmpEQ(present, b_.getInt8(0)), [&] {
      b_.CreateStore(b_.getInt32(slot), b_.CreateStructGEP(frameTy_, frame_, kMissingSlot));
      b_.CreateRet(b_.getInt32(eval::kMissing));
    });
    return b_.CreateLoad(i128_, element(kInputs, i128_, slot));
  }

  Value* compare(ir::Cmp c, Value* a, Value* v) {
    switch (c) {
      case ir::Cmp::Ge: return b_.CreateICmpSGE(a, v);
      case ir::Cmp::Gt: return b_.CreateICmpSGT(a, v);
      case ir::Cmp::Le: return b_.CreateICmpSLE(a, v);
      case ir::Cmp::Lt: return b_.CreateICmpSLT(a, v);
      case ir::Cmp::Eq: return b_.CreateICmpEQ(a, v);
      case ir::Cmp::Ne: return b_.CreateICmpNE(a, v);
    }
    return b_.getFalse();
  }

  Value* inInterval(Value* v, const sema::Interval& iv) {
    Value* ok = b_.getTrue();
    if (!iv.lower.infinite)
      ok = b_.CreateAnd(ok, iv.lower.closed ? b_.CreateICmpSGE(v, raw(iv.lower.value.raw())) : b_.CreateICmpSGT(v, raw(iv.lower.value.raw())));
    if (!iv.upper.infinite)
      ok = b_.CreateAnd(ok, iv.upper.closed ? b_.CreateICmpSLE(v, raw(iv.upper.value.raw())) : b_.CreateICmpSLT(v, raw(iv.upper.value.raw())));
    return ok;
  }

  // if/else on `cond` producing an i128 from each arm.
  template <class Then, class Else>
  Value* choose(Value* cond, Then&& thenArm, Else&& elseArm) {
    BasicBlock* t = BasicBlock::Create(ctx_, "then", fn_);
    BasicBlock* f = BasicBlock::Create(ctx_, "else", fn_);
    BasicBlock* join = BasicBlock::Create(ctx_, "join", fn_);
    b_.CreateCondBr(cond, t, f);
    b_.SetInsertPoint(t);
    Value* tv = thenArm();
    BasicBlock* tEnd = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(f);
    Value* fv = elseArm();
    BasicBlock* fEnd = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    auto* phi = b_.CreatePHI(i128_, 2);
    phi->addIncoming(tv, tEnd);
    phi->addIncoming(fv, fEnd);
    return phi;
  }

  Value* bands(const ir::Expr* e) {
    const ir::BandTable& t = p_.tables[e->table];
    Value* subject = expr(e->args[0]);
    BasicBlock* join = BasicBlock::Create(ctx_, "bands.join", fn_);
    std::vector<std::pair<Value*, BasicBlock*>> incoming;
    for (size_t i = 0; i < t.cases.size(); ++i) {
      const ir::BandCase& c = t.cases[i];
      Value* match = c.kind == ir::BandCase::Kind::Else ? b_.getTrue()
                     : c.kind == ir::BandCase::Kind::Label ? b_.CreateICmpEQ(subject, raw(c.label))
                                                           : inInterval(subject, c.interval);
      BasicBlock* hit = BasicBlock::Create(ctx_, "band.hit", fn_);
      BasicBlock* miss = BasicBlock::Create(ctx_, "band.miss", fn_);
      b_.CreateCondBr(match, hit, miss);
      b_.SetInsertPoint(hit);
      b_.CreateStore(b_.getInt32(static_cast<int32_t>(i)), element(kFired, i32_, e->table));
      Value* v = expr(c.value);
      incoming.emplace_back(v, b_.GetInsertBlock());
      b_.CreateBr(join);
      b_.SetInsertPoint(miss);
    }
    faultIf(b_.getTrue(), eval::kNoBand, e, subject);
    b_.CreateUnreachable();
    b_.SetInsertPoint(join);
    auto* phi = b_.CreatePHI(i128_, static_cast<unsigned>(incoming.size()));
    for (auto& [v, bb] : incoming) phi->addIncoming(v, bb);
    return phi;
  }

  Value* expr(const ir::Expr* e) {
    measure(e);
    if (outlined_[e->id] && e != root_) return part(e);
    ++nodes_;
    ++emitted;
    switch (e->op) {
      case Op::Const: return e->type.kind == ir::Type::Kind::Bool ? (e->boolean ? one() : zero()) : raw(e->number.raw());
      case Op::Input: return input(e->slot);
      case Op::HasValue: return truth(b_.CreateICmpNE(b_.CreateLoad(i8_, element(kPresent, i8_, e->slot)), b_.getInt8(0)));
      case Op::Let: return letValue(e->slot);
      case Op::Neg: return checked(llvm::Intrinsic::ssub_with_overflow, zero(), expr(e->args[0]), e);
      case Op::Not: return truth(b_.CreateICmpEQ(expr(e->args[0]), zero()));
      case Op::Add: { Value* a = expr(e->args[0]); Value* c = expr(e->args[1]); return checked(llvm::Intrinsic::sadd_with_overflow, a, c, e); }
      case Op::Sub: { Value* a = expr(e->args[0]); Value* c = expr(e->args[1]); return checked(llvm::Intrinsic::ssub_with_overflow, a, c, e); }
      case Op::Mul: { Value* a = expr(e->args[0]); Value* c = expr(e->args[1]); return helper(mul_, {a, c}, e); }
      case Op::Div: { Value* a = expr(e->args[0]); Value* c = expr(e->args[1]); return helper(div_, {a, c}, e); }
      case Op::And: case Op::Or: {
        bool isAnd = e->op == Op::And;
        Value* a = b_.CreateICmpNE(expr(e->args[0]), zero());
        return choose(a, [&]() -> Value* { return isAnd ? truth(b_.CreateICmpNE(expr(e->args[1]), zero())) : one(); },
                      [&]() -> Value* { return isAnd ? zero() : truth(b_.CreateICmpNE(expr(e->args[1]), zero())); });
      }
      case Op::Compare: {
        // a op b op c …: each operand once, stop at the first false.
        BasicBlock* done = BasicBlock::Create(ctx_, "cmp.done", fn_);
        std::vector<std::pair<Value*, BasicBlock*>> incoming;
        Value* left = expr(e->args[0]);
        for (size_t i = 0; i < e->cmps.size(); ++i) {
          Value* right = expr(e->args[i + 1]);
          Value* holds = compare(e->cmps[i], left, right);
          if (i + 1 == e->cmps.size()) {
            incoming.emplace_back(truth(holds), b_.GetInsertBlock());
            b_.CreateBr(done);
            break;
          }
          BasicBlock* next = BasicBlock::Create(ctx_, "cmp.next", fn_);
          incoming.emplace_back(zero(), b_.GetInsertBlock());
          b_.CreateCondBr(holds, next, done);
          b_.SetInsertPoint(next);
          left = right;
        }
        b_.SetInsertPoint(done);
        auto* phi = b_.CreatePHI(i128_, static_cast<unsigned>(incoming.size()));
        for (auto& [v, bb] : incoming) phi->addIncoming(v, bb);
        return phi;
      }
      case Op::If: {
        Value* c = b_.CreateICmpNE(expr(e->args[0]), zero());
        return choose(c, [&] { return expr(e->args[1]); }, [&] { return expr(e->args[2]); });
      }
      case Op::Min: case Op::Max: {
        Value* best = expr(e->args[0]);
        for (size_t i = 1; i < e->args.size(); ++i) {
          Value* v = expr(e->args[i]);
          Value* better = e->op == Op::Min ? b_.CreateICmpSLT(v, best) : b_.CreateICmpSGT(v, best);
          best = b_.CreateSelect(better, v, best);
        }
        return best;
      }
      case Op::Clamp: {
        Value* x = expr(e->args[0]);
        Value* lo = expr(e->args[1]);
        Value* hi = expr(e->args[2]);
        Value* capped = b_.CreateSelect(b_.CreateICmpSLT(hi, x), hi, x);
        return b_.CreateSelect(b_.CreateICmpSLT(capped, lo), lo, capped);
      }
      case Op::Ceil: return helper(ceil_, {expr(e->args[0])}, e);
      case Op::Floor: return helper(floor_, {expr(e->args[0])}, e);
      case Op::Round: return helper(round_, {expr(e->args[0]), b_.getInt32(e->places)}, e);
      case Op::Abs: {
        Value* v = expr(e->args[0]);
        return b_.CreateSelect(b_.CreateICmpSLT(v, zero()), b_.CreateSub(zero(), v), v);
      }
      case Op::Avg: {
        Value* sum = zero();
        for (const auto* a : e->args) sum = checked(llvm::Intrinsic::sadd_with_overflow, sum, expr(a), e);
        return helper(div_, {sum, raw(Decimal::fromInt(static_cast<int64_t>(e->args.size())).raw())}, e);
      }
      case Op::CountTrue: {
        Value* n = zero();
        for (const auto* a : e->args) n = b_.CreateAdd(n, truth(b_.CreateICmpNE(expr(a), zero())));
        return b_.CreateMul(n, raw(Decimal::kOne));
      }
      case Op::EnumIs: return truth(b_.CreateICmpEQ(expr(e->args[0]), raw(e->slot)));
      case Op::Bands: return bands(e);
    }
    throw std::runtime_error("unknown IR operation");
  }

  void leaf(const ir::Node& node) {
    begin(leafName(node.id));
    switch (node.rule) {
      case ir::RuleKind::Formula: b_.CreateStore(expr(node.formula), out_); break;
      case ir::RuleKind::Checklist:
        for (const auto& item : node.items)
          b_.CreateStore(b_.CreateZExt(b_.CreateICmpNE(expr(item.condition), zero()), i8_), element(kItemMet, i8_, item.index));
        break;
      case ir::RuleKind::Deductions:
        for (const auto& d : node.deductions) deduction(d);
        break;
      default: break;
    }
    b_.CreateRet(b_.getInt32(eval::kOk));
  }

  void deduction(const ir::Deduction& d) {
    Value* amount;
    Value* steps = zero();
    if (d.kind == ir::Deduction::Kind::Plain) {
      amount = expr(d.points);
    } else {
      Value* measured = expr(d.subject);
      steps = choose(
          b_.CreateICmpSGT(measured, zero()),
          [&] {
            Value* s = helper(div_, {measured, raw(d.step.raw())}, d.subject);
            if (d.partial == ir::Partial::Ceil) s = helper(ceil_, {s}, d.subject);
            else if (d.partial == ir::Partial::Floor) s = helper(floor_, {s}, d.subject);
            return s;
          },
          [&]() -> Value* { return zero(); });
      Value* points = expr(d.points);
      amount = helper(mul_, {steps, points}, d.points);
    }
    b_.CreateStore(amount, element(kDeducted, i128_, d.index));
    b_.CreateStore(steps, element(kSteps, i128_, d.index));
  }
};

}  // namespace

std::unique_ptr<llvm::Module> lowerProgram(const ir::Program& program, llvm::LLVMContext& context, int* irNodes) {
  Lowering lowering(program, context);
  auto module = lowering.run();
  if (irNodes) *irNodes = lowering.emitted;
  return module;
}

const char* codegenFingerprint() { return DEFEN_CODEGEN_FINGERPRINT; }

}  // namespace defen::jit
