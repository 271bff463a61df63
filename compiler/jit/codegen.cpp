#include "compiler/jit/codegen.h"

#include "compiler/ir/frame.h"
#include "compiler/ir/plan/plan.h"
#include "compiler/core/result.h"
#include "codegen_fingerprint.h"  // generated: DEFEN_CODEGEN_FINGERPRINT

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <stdexcept>

namespace defen::jit {

const char* planName() { return "defen_plan"; }
std::string rowExprName(int index) { return "defen_row_" + std::to_string(index); }

namespace {

using ir::Op;
using llvm::BasicBlock;
using llvm::Value;

// Frame field indices; the static_asserts tie them to eval::Frame's layout.
enum FrameField { kInputs, kPresent, kLets, kLetDone, kFired, kItemMet, kDeducted, kSteps, kErrorKind, kErrorExpr, kMissingSlot, kReserved, kErrorValue };
static_assert(offsetof(eval::Frame, inputs) == 0 && offsetof(eval::Frame, steps) == 56);
static_assert(offsetof(eval::Frame, errorKind) == 64 && offsetof(eval::Frame, missingSlot) == 72);
static_assert(offsetof(eval::Frame, errorValue) == 80 && offsetof(eval::Frame, nodes) == 96);
// The scorecard's fields past errorValue are addressed by byte offset (offsetof), as are NodeSlot, NodeInput and BonusSlot.
enum ScorecardBase { kNodes = 13, kNodeData = 14, kBonusLines = 15, kFaultLog = 16 };

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
    frameTy_ = llvm::StructType::create(ctx, {ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_, i32_, i32_, i32_, i32_, i128_, ptr_, ptr_, ptr_, ptr_}, "defen.frame");
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
    plan_ = plan::lowerPlan(p_);
    kernels_.assign(plan_.steps.size(), nullptr);
    for (size_t i = 0; i < plan_.steps.size(); ++i) kernel(i);
    emitPlan();
    // Row sets: one external kernel per expression, called by eval::Scorer
    // once per row before the plan runs (compiler/eval/row_sets.cpp).
    for (size_t i = 0; i < p_.rowExprs.size(); ++i) {
      auto* ty = llvm::FunctionType::get(i32_, {ptr_, ptr_}, false);
      enter(llvm::Function::Create(ty, llvm::Function::ExternalLinkage, rowExprName(static_cast<int>(i)), *module_), true);
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
  Value* base_[12] = {};
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
    Value* base[12];
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
  [[gnu::noinline]] Value* part(const ir::Expr* e) {
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
    for (int i = 0; i < 4; ++i) base_[8 + i] = b_.CreateLoad(ptr_, b_.CreateStructGEP(frameTy_, frame_, kNodes + i), "base");
    tmp_ = b_.CreateAlloca(i128_, nullptr, "tmp");
  }

  void begin(const std::string& name) {
    auto* ty = llvm::FunctionType::get(i32_, {ptr_, ptr_}, false);
    enter(llvm::Function::Create(ty, llvm::Function::InternalLinkage, name, *module_), true);
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
  [[gnu::noinline]] Value* checked(llvm::Intrinsic::ID id, Value* a, Value* c, const ir::Expr* e) {
    Value* pair = b_.CreateBinaryIntrinsic(id, a, c);
    Value* result = b_.CreateExtractValue(pair, 0);
    Value* bad = b_.CreateOr(b_.CreateExtractValue(pair, 1), b_.CreateICmpEQ(result, raw(static_cast<eval::Raw>(static_cast<unsigned __int128>(1) << 127))));
    faultIf(bad, eval::kOverflow, e);
    return result;
  }

  // A runtime helper: status 1 overflow, 2 division by zero, named after `e`.
  [[gnu::noinline]] Value* helper(llvm::Function* f, std::vector<Value*> args, const ir::Expr* e) {
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

  [[gnu::noinline]] Value* letValue(int slot) {
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

  [[gnu::noinline]] Value* input(int slot) {
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

  Value* inInterval(Value* v, const ir::Interval& iv) {
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

  [[gnu::noinline]] Value* bands(const ir::Expr* e) {
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
    // The operators a long chain recurses through (a+a+…+a) are emitted here;
    // every other one in compound(), never inlined into this function, so
    // each level of the recursion takes a small frame (it took 8 KB under
    // AddressSanitizer with everything inlined, and 2,000 levels overflowed).
    switch (e->op) {
      case Op::Const: return e->type.kind == ir::Type::Kind::Bool ? (e->boolean ? one() : zero()) : raw(e->number.raw());
      case Op::Input: return input(e->slot);
      case Op::Let: return letValue(e->slot);
      case Op::Add: { Value* a = expr(e->args[0]); Value* c = expr(e->args[1]); return checked(llvm::Intrinsic::sadd_with_overflow, a, c, e); }
      case Op::Sub: { Value* a = expr(e->args[0]); Value* c = expr(e->args[1]); return checked(llvm::Intrinsic::ssub_with_overflow, a, c, e); }
      default: return compound(e);
    }
  }

  [[gnu::noinline]] Value* compound(const ir::Expr* e) {
    switch (e->op) {
      case Op::Const: case Op::Input: case Op::Let: case Op::Add: case Op::Sub: break;  // expr()
      case Op::HasValue: return truth(b_.CreateICmpNE(b_.CreateLoad(i8_, element(kPresent, i8_, e->slot)), b_.getInt8(0)));
      case Op::Neg: return checked(llvm::Intrinsic::ssub_with_overflow, zero(), expr(e->args[0]), e);
      case Op::Not: return truth(b_.CreateICmpEQ(expr(e->args[0]), zero()));
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

  // The expression work of one plan step, as an internal function
  // i32 defen_step_<i>(ptr frame, ptr out) returning an eval::KernelStatus;
  // the plan function calls it once, so LLVM inlines it.
  void kernel(size_t i) {
    const plan::Step& st = plan_.steps[i];
    using plan::Op;
    if (st.op != Op::NaWhen && st.op != Op::Formula && st.op != Op::Item && st.op != Op::Deduct && st.op != Op::BonusLine) return;
    begin("defen_step_" + std::to_string(i));
    kernels_[i] = fn_;
    switch (st.op) {
      case Op::Item: {
        const ir::CheckItem& item = p_.nodes[st.node].items[st.index];
        b_.CreateStore(b_.CreateZExt(b_.CreateICmpNE(expr(st.expr), zero()), i8_), element(kItemMet, i8_, item.index));
        break;
      }
      case Op::Deduct: deduction(p_.nodes[st.node].deductions[st.index]); break;
      default: b_.CreateStore(expr(st.expr), out_); break;
    }
    b_.CreateRet(b_.getInt32(eval::kOk));
  }

  // ── The plan: one native function for the whole scorecard ────────────────
  // Each step means exactly what it means to the interpreter (compiler/
  // interp/interpreter.cpp, Runner); the scorecard's decimal + − and
  // comparisons are inline, × ÷ and rounding call the runtime.

  // Node groups per plan function: a ruleset of thousands of indicators
  // becomes a chain of functions of bounded size (see kPartNodes); a small
  // one is inlined into defen_plan whole.
  static constexpr int kGroupsPerPart = 48;
  static constexpr size_t kInlinedParts = 8;  // up to ~190 indicators: one function

  plan::Plan plan_;
  std::vector<llvm::Function*> kernels_;  // per step: its expression work, or null
  std::vector<BasicBlock*> targets_;      // per step index: the block a jump to it enters (in the part being emitted)
  llvm::AllocaInst* exact_ = nullptr;     // the node's exact score, from its rule to Check
  BasicBlock* nodeFail_ = nullptr;        // the group's fault exit
  llvm::PHINode *nfCode_ = nullptr, *nfExpr_ = nullptr, *nfArg_ = nullptr, *nfValue_ = nullptr;
  int group_ = -1;                         // the node of the group being emitted
  int groupEnd_ = -1, groupSettle_ = -1;
  llvm::GlobalVariable* policies_ = nullptr;  // per input: its missing-data policy

  static uint8_t statusByte(NodeStatus s) { return static_cast<uint8_t>(s); }
  Value* i8c(int v) { return b_.getInt8(static_cast<uint8_t>(v)); }
  Value* i32c(int v) { return b_.getInt32(static_cast<uint32_t>(v)); }

  Value* at(Value* base, size_t offset) { return b_.CreateConstInBoundsGEP1_64(i8_, base, offset); }
  Value* node(int id, size_t field) { return at(base_[8], id * sizeof(eval::NodeSlot) + field); }
  Value* nodeData(int id, size_t field) { return at(base_[9], id * sizeof(eval::NodeInput) + field); }
  Value* line(int g, size_t field) { return at(base_[10], g * sizeof(eval::BonusSlot) + field); }
  Value* frameField(size_t offset) { return at(frame_, offset); }
  Value* load(llvm::Type* ty, Value* ptr) { return b_.CreateLoad(ty, ptr); }
  void store(Value* v, Value* ptr) { b_.CreateStore(v, ptr); }

  BasicBlock* block(const char* name) { return BasicBlock::Create(ctx_, name, fn_); }
  BasicBlock* target(int step) {
    if (!targets_[step]) targets_[step] = block("step");
    return targets_[step];
  }
  // Continues in `next` when the current block is still open.
  void moveTo(BasicBlock* next) {
    if (!b_.GetInsertBlock()->getTerminator()) b_.CreateBr(next);
    b_.SetInsertPoint(next);
  }
  void branchTo(int step) { b_.CreateBr(target(step)); }
  void branchIf(Value* cond, BasicBlock* yes) {
    BasicBlock* no = block("on");
    b_.CreateCondBr(cond, yes, no);
    b_.SetInsertPoint(no);
  }

  // A fault of the group's node: its code and operands, no score; on to the group's end.
  void nodeFaultIf(Value* bad, int code, Value* expr = nullptr, Value* arg = nullptr, Value* value = nullptr) {
    nodeFaultIf(bad, i32c(code), expr, arg, value);
  }
  void nodeFaultIf(Value* bad, Value* code, Value* expr, Value* arg, Value* value) {
    if (!nodeFail_) {
      auto ip = b_.saveIP();
      nodeFail_ = block("node.fault");
      b_.SetInsertPoint(nodeFail_);
      nfCode_ = b_.CreatePHI(i32_, 4);
      nfExpr_ = b_.CreatePHI(i32_, 4);
      nfArg_ = b_.CreatePHI(i32_, 4);
      nfValue_ = b_.CreatePHI(i128_, 4);
      const int id = group_;
      store(i8c(1), node(id, offsetof(eval::NodeSlot, failed)));
      store(i8c(0), node(id, offsetof(eval::NodeSlot, incomplete)));
      store(zero(), node(id, offsetof(eval::NodeSlot, score)));
      store(zero(), node(id, offsetof(eval::NodeSlot, computed)));
      store(nfCode_, node(id, offsetof(eval::NodeSlot, fault)));
      store(nfExpr_, node(id, offsetof(eval::NodeSlot, faultExpr)));
      store(nfArg_, node(id, offsetof(eval::NodeSlot, faultArg)));
      store(nfValue_, node(id, offsetof(eval::NodeSlot, faultValue)));
      Value* count = load(i32_, frameField(offsetof(eval::Frame, faultCount)));
      store(i32c(id), b_.CreateInBoundsGEP(i32_, base_[11], {b_.CreateSExt(count, i64_)}));
      store(b_.CreateAdd(count, i32c(1)), frameField(offsetof(eval::Frame, faultCount)));
      store(i32c(1), frameField(offsetof(eval::Frame, anyFault)));
      branchTo(groupEnd_);
      b_.restoreIP(ip);
    }
    BasicBlock* from = b_.GetInsertBlock();
    BasicBlock* cont = block("ok");
    b_.CreateCondBr(bad, nodeFail_, cont, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    nfCode_->addIncoming(code, from);
    nfExpr_->addIncoming(expr ? expr : i32c(-1), from);
    nfArg_->addIncoming(arg ? arg : i32c(-1), from);
    nfValue_->addIncoming(value ? value : zero(), from);
    b_.SetInsertPoint(cont);
  }
  void nodeFault(Value* code, Value* expr = nullptr, Value* arg = nullptr, Value* value = nullptr) {
    nodeFaultIf(b_.getTrue(), code, expr, arg, value);
    b_.CreateUnreachable();  // the caller moves on to another block
  }

  // A fault of the row: no total; the plan stops.
  void rowFaultIf(Value* bad, int code, int arg = -1) {
    exitIf(bad, [&] {
      store(i32c(code), frameField(offsetof(eval::Frame, rowFault)));
      store(i32c(arg), frameField(offsetof(eval::Frame, rowFaultArg)));
      b_.CreateRet(b_.getInt32(1));
    });
  }

  // The scorecard's checked + and − (the same test as the runtime's checkedAdd).
  Value* addOverflows(llvm::Intrinsic::ID id, Value* a, Value* c, Value*& result) {
    Value* pair = b_.CreateBinaryIntrinsic(id, a, c);
    result = b_.CreateExtractValue(pair, 0);
    return b_.CreateOr(b_.CreateExtractValue(pair, 1), b_.CreateICmpEQ(result, raw(static_cast<eval::Raw>(static_cast<unsigned __int128>(1) << 127))));
  }
  Value* nodeAdd(Value* a, Value* c) {
    Value* r;
    nodeFaultIf(addOverflows(llvm::Intrinsic::sadd_with_overflow, a, c, r), eval::kFaultArithmetic);
    return r;
  }
  // A runtime helper's result; a non-zero status is the node's fault `code`.
  Value* nodeHelper(llvm::Function* f, std::vector<Value*> args, int code) {
    args.push_back(tmp_);
    Value* status = b_.CreateCall(f, args);
    nodeFaultIf(b_.CreateICmpNE(status, i32c(0)), code);
    return load(i128_, tmp_);
  }
  Value* rowHelper(llvm::Function* f, std::vector<Value*> args, int code, int arg = -1) {
    args.push_back(tmp_);
    Value* status = b_.CreateCall(f, args);
    rowFaultIf(b_.CreateICmpNE(status, i32c(0)), code, arg);
    return load(i128_, tmp_);
  }
  // A score already at the declared places (a band's 3分, a sum of rounded
  // scores) is its own rounding: the runtime call, most of a record's time,
  // is made only for the others.
  // (Past 15 places the runtime's snap to 15 places would change such a value, so there it always rounds.)
  Value* roundScore(Value* v, bool row) {
    auto call = [&] {
      return row ? rowHelper(round_, {v, i32c(p_.places)}, eval::kFaultRounding) : nodeHelper(round_, {v, i32c(p_.places)}, eval::kFaultRounding);
    };
    if (p_.places > 15) return call();
    eval::Raw unit = 1;
    for (int i = p_.places; i < Decimal::kScale; ++i) unit *= 10;
    Value* exact = b_.CreateICmpEQ(b_.CreateSRem(v, raw(unit)), zero());
    return choose(exact, [&] { return v; }, call);
  }
  Value* smax(Value* a, Value* c) { return b_.CreateSelect(b_.CreateICmpSGT(a, c), a, c); }
  Value* smin(Value* a, Value* c) { return b_.CreateSelect(b_.CreateICmpSLT(a, c), a, c); }

  // A step's expression work; its status decides: ok → on; missing → the
  // input's policy (decided: to `decided`); error → the node's fault.
  Value* callKernel(size_t i, int decided) {
    Value* status = b_.CreateCall(kernels_[i], {frame_, tmp_});
    BasicBlock* missing = block("missing");
    BasicBlock* error = block("error");
    BasicBlock* ok = block("ok");
    auto* sw = b_.CreateSwitch(status, error, 2, llvm::MDBuilder(ctx_).createBranchWeights({1, 1000, 1}));
    sw->addCase(b_.getInt32(eval::kOk), ok);
    sw->addCase(b_.getInt32(eval::kMissing), missing);
    b_.SetInsertPoint(missing);
    applyMissing(load(i32_, b_.CreateStructGEP(frameTy_, frame_, kMissingSlot)), decided);
    b_.SetInsertPoint(error);
    nodeFault(load(i32_, b_.CreateStructGEP(frameTy_, frame_, kErrorKind)), load(i32_, b_.CreateStructGEP(frameTy_, frame_, kErrorExpr)), nullptr,
              load(i128_, b_.CreateStructGEP(frameTy_, frame_, kErrorValue)));
    b_.SetInsertPoint(ok);
    return load(i128_, tmp_);
  }

  Value* policyOf(Value* slot) {
    return load(i8_, b_.CreateInBoundsGEP(i8_, policies_, {b_.CreateSExt(slot, i64_)}));
  }
  static int policyCode(ir::Input::Missing m) { return static_cast<int>(m); }

  // An absent input's policy decides the node (then on to `decided`); a required one faults it.
  void applyMissing(Value* slot, int decided) {
    const int id = group_;
    Value* policy = policyOf(slot);
    Value* full = b_.CreateICmpEQ(policy, i8c(policyCode(ir::Input::Missing::Full)));
    Value* none = b_.CreateICmpEQ(policy, i8c(policyCode(ir::Input::Missing::NotApplicable)));
    Value* zeroP = b_.CreateICmpEQ(policy, i8c(policyCode(ir::Input::Missing::Zero)));
    nodeFaultIf(b_.CreateNot(b_.CreateOr(full, b_.CreateOr(none, zeroP))), eval::kFaultMissingInput, nullptr, slot);
    Value* computed = b_.CreateSelect(full, raw(p_.nodes[id].weight.raw()), zero());
    store(computed, node(id, offsetof(eval::NodeSlot, computed)));
    store(computed, node(id, offsetof(eval::NodeSlot, score)));
    Value* counted = load(i8_, node(id, offsetof(eval::NodeSlot, counted)));
    store(b_.CreateSelect(none, i8c(0), counted), node(id, offsetof(eval::NodeSlot, counted)));
    store(i8c(statusByte(NodeStatus::Missing)), node(id, offsetof(eval::NodeSlot, status)));
    store(slot, node(id, offsetof(eval::NodeSlot, missingInput)));
    branchTo(decided);
  }

  Value* nodeByte(int id, size_t field) { return load(i8_, node(id, field)); }
  Value* nodeIs(int id, size_t field) { return b_.CreateICmpNE(nodeByte(id, field), i8c(0)); }
  Value* statusIs(int id, NodeStatus st) { return b_.CreateICmpEQ(nodeByte(id, offsetof(eval::NodeSlot, status)), i8c(statusByte(st))); }
  void setByte(int id, size_t field, int v) { store(i8c(v), node(id, field)); }

  // Emits plan steps [first, last) into `f`; the function returns 0 to go on, 1 when the row faulted.
  void emitPart(llvm::Function* f, size_t first, size_t last) {
    enter(f, false);
    exact_ = b_.CreateAlloca(i128_, nullptr, "exact");
    targets_.assign(plan_.steps.size() + 1, nullptr);
    BasicBlock* done = target(static_cast<int>(last));
    for (size_t i = first; i < last; ++i) {
      const plan::Step& st = plan_.steps[i];
      if (st.op == plan::Op::Applies || st.op == plan::Op::Enter || st.op == plan::Op::Roots) {
        group_ = st.node;
        groupEnd_ = st.end;
        groupSettle_ = st.settle;
        nodeFail_ = nullptr;
      }
      moveTo(target(static_cast<int>(i)));
      step(i);
    }
    moveTo(done);
    b_.CreateRet(b_.getInt32(0));
  }

  void step(size_t i) {
    const plan::Step& st = plan_.steps[i];
    using plan::Op;
    const int id = st.node;
    const ir::Node* n = id >= 0 ? &p_.nodes[id] : nullptr;
    switch (st.op) {
      case Op::Applies: {
        branchIf(nodeIs(id, offsetof(eval::NodeSlot, failed)), target(st.end));
        if (n->parent >= 0) {
          BasicBlock* inherit = block("inherit");
          BasicBlock* on = block("on");
          b_.CreateCondBr(statusIs(n->parent, NodeStatus::NotApplicable), inherit, on);
          b_.SetInsertPoint(inherit);
          setByte(id, offsetof(eval::NodeSlot, status), statusByte(NodeStatus::NotApplicable));
          setByte(id, offsetof(eval::NodeSlot, inheritedNa), 1);
          setByte(id, offsetof(eval::NodeSlot, counted), 0);
          branchTo(st.end);
          b_.SetInsertPoint(on);
        }
        break;
      }
      case Op::NaWhen: {
        Value* when = callKernel(i, st.end);
        BasicBlock* applies = block("na");
        BasicBlock* on = block("on");
        b_.CreateCondBr(b_.CreateICmpNE(when, zero()), applies, on);
        b_.SetInsertPoint(applies);
        setByte(id, offsetof(eval::NodeSlot, status), statusByte(NodeStatus::NotApplicable));
        store(i32c(st.index), node(id, offsetof(eval::NodeSlot, naRule)));
        setByte(id, offsetof(eval::NodeSlot, counted), n->na[st.index].policy != ir::NaRule::Policy::Rescale);
        branchTo(st.end);
        b_.SetInsertPoint(on);
        break;
      }
      case Op::Enter: branchIf(nodeIs(id, offsetof(eval::NodeSlot, failed)), target(st.end)); break;
      case Op::Settled: settled(st); break;
      case Op::Formula: store(callKernel(i, st.settle), exact_); break;
      case Op::Item: case Op::Deduct: callKernel(i, st.settle); break;
      case Op::ItemsTotal: {
        Value* total = zero();
        for (const auto& item : n->items) {
          Value* met = b_.CreateICmpNE(load(i8_, element(kItemMet, i8_, item.index)), i8c(0));
          total = nodeAdd(total, b_.CreateSelect(met, raw(item.points.raw()), zero()));
        }
        store(total, exact_);
        break;
      }
      case Op::DeductionsTotal: {
        Value* total = zero();
        for (size_t k = 0; k < n->deductions.size(); ++k) {
          Value* amount = load(i128_, element(kDeducted, i128_, n->deductions[k].index));
          nodeFaultIf(b_.CreateICmpSLT(amount, zero()), eval::kFaultNegativeDeduction, nullptr, i32c(static_cast<int>(k)), amount);
          total = nodeAdd(total, amount);
        }
        if (n->deductionCap) {
          Value* over = b_.CreateICmpSGT(total, raw(n->deductionCap->raw()));
          Value* was = nodeByte(id, offsetof(eval::NodeSlot, capped));
          store(b_.CreateSelect(over, i8c(1), was), node(id, offsetof(eval::NodeSlot, capped)));
          total = b_.CreateSelect(over, raw(n->deductionCap->raw()), total);
        }
        Value* left;
        nodeFaultIf(addOverflows(llvm::Intrinsic::ssub_with_overflow, raw(n->weight.raw()), total, left), eval::kFaultArithmetic);
        store(smax(zero(), left), exact_);
        break;
      }
      case Op::Review: review(*n); break;
      case Op::Check: {
        Value* exact = load(i128_, exact_);
        nodeFaultIf(b_.CreateOr(b_.CreateICmpSLT(exact, zero()), b_.CreateICmpSGT(exact, raw(n->weight.raw()))), eval::kFaultOutOfRange, nullptr,
                    nullptr, exact);
        Value* rounded = roundScore(exact, false);
        store(rounded, node(id, offsetof(eval::NodeSlot, computed)));
        store(rounded, node(id, offsetof(eval::NodeSlot, score)));
        if (n->rule == ir::RuleKind::Review) setByte(id, offsetof(eval::NodeSlot, status), statusByte(NodeStatus::Reviewed));
        break;
      }
      case Op::Sum: sum(*n, st); break;
      case Op::Rows: break;  // score, computed and incomplete are in the slot already (eval::Scorer)
      case Op::Override: {
        BasicBlock* yes = block("override");
        BasicBlock* on = block("on");
        b_.CreateCondBr(b_.CreateICmpNE(load(i8_, nodeData(id, offsetof(eval::NodeInput, hasOverride))), i8c(0)), yes, on);
        b_.SetInsertPoint(yes);
        store(nodeByte(id, offsetof(eval::NodeSlot, status)), node(id, offsetof(eval::NodeSlot, computedStatus)));
        setByte(id, offsetof(eval::NodeSlot, status), statusByte(NodeStatus::Overridden));
        store(load(i128_, nodeData(id, offsetof(eval::NodeInput, override))), node(id, offsetof(eval::NodeSlot, score)));
        setByte(id, offsetof(eval::NodeSlot, incomplete), 0);
        b_.CreateBr(on);
        b_.SetInsertPoint(on);
        break;
      }
      case Op::Roots: roots(); break;
      case Op::BonusLine: bonusLine(i); break;
      case Op::Total: total(); break;
      case Op::Grade: {
        BasicBlock* end = block("grade.end");
        branchIf(b_.CreateICmpNE(load(i32_, frameField(offsetof(eval::Frame, anyFault))), i32c(0)), end);
        Value* total = load(i128_, frameField(offsetof(eval::Frame, total)));
        for (size_t g = 0; g < p_.grades.size(); ++g) {
          BasicBlock* hit = block("grade");
          BasicBlock* miss = block("grade.miss");
          b_.CreateCondBr(inInterval(total, p_.grades[g].range), hit, miss);
          b_.SetInsertPoint(hit);
          store(i32c(static_cast<int>(g)), frameField(offsetof(eval::Frame, grade)));
          b_.CreateBr(end);
          b_.SetInsertPoint(miss);
        }
        b_.CreateBr(end);
        b_.SetInsertPoint(end);
        break;
      }
    }
  }

  void settled(const plan::Step& st) {
    const int id = st.node;
    const ir::Node& n = p_.nodes[id];
    branchIf(statusIs(id, NodeStatus::Missing), target(st.settle));  // an override still applies
    BasicBlock* na = block("na");
    BasicBlock* on = block("on");
    b_.CreateCondBr(statusIs(id, NodeStatus::NotApplicable), na, on);
    b_.SetInsertPoint(na);
    // A dropped indicator has no score to override: say so rather than ignore the data.
    BasicBlock* dropped = block("dropped");
    BasicBlock* kept = block("kept");
    b_.CreateCondBr(b_.CreateOr(nodeIs(id, offsetof(eval::NodeSlot, inheritedNa)), b_.CreateNot(nodeIs(id, offsetof(eval::NodeSlot, counted)))), dropped,
                    kept);
    b_.SetInsertPoint(dropped);
    nodeFaultIf(b_.CreateICmpNE(load(i8_, nodeData(id, offsetof(eval::NodeInput, hasOverride))), i8c(0)), eval::kFaultOverrideOfDropped);
    branchTo(st.end);
    b_.SetInsertPoint(kept);
    // Its own clause applied (an inherited 不考核 is always dropped).
    BasicBlock* settle = target(st.settle);
    auto* sw = b_.CreateSwitch(load(i32_, node(id, offsetof(eval::NodeSlot, naRule))), settle, static_cast<unsigned>(n.na.size()));
    for (size_t r = 0; r < n.na.size(); ++r) {
      BasicBlock* rule = block("na.rule");
      sw->addCase(b_.getInt32(static_cast<uint32_t>(r)), rule);
      b_.SetInsertPoint(rule);
      Value* computed = nullptr;
      switch (n.na[r].policy) {
        case ir::NaRule::Policy::Full: computed = raw(n.weight.raw()); break;
        case ir::NaRule::Policy::Move: computed = moved(n, n.na[r]); break;
        case ir::NaRule::Policy::Rescale: computed = load(i128_, node(id, offsetof(eval::NodeSlot, computed))); break;
      }
      store(computed, node(id, offsetof(eval::NodeSlot, computed)));
      store(computed, node(id, offsetof(eval::NodeSlot, score)));
      b_.CreateBr(settle);
    }
    b_.SetInsertPoint(on);
  }

  // 转入: the weight moves to the targets in equal shares; their score rate applies.
  Value* moved(const ir::Node& n, const ir::NaRule& rule) {
    Value* share = nodeHelper(div_, {raw(n.weight.raw()), raw(Decimal::fromInt(static_cast<int64_t>(rule.targets.size())).raw())},
                              eval::kFaultArithmetic);
    Value* total = zero();
    for (int t : rule.targets) {
      nodeFaultIf(b_.CreateOr(nodeIs(t, offsetof(eval::NodeSlot, failed)), nodeIs(t, offsetof(eval::NodeSlot, incomplete))),
                  eval::kFaultMoveTargetFailed, nullptr, i32c(t));
      nodeFaultIf(b_.CreateNot(nodeIs(t, offsetof(eval::NodeSlot, counted))), eval::kFaultMoveTargetDropped, nullptr, i32c(t));
      Value* rate = raw(Decimal::kOne);
      if (!p_.nodes[t].weight.isZero())
        rate = nodeHelper(div_, {load(i128_, node(t, offsetof(eval::NodeSlot, score))), raw(p_.nodes[t].weight.raw())}, eval::kFaultArithmetic);
      Value* part = nodeHelper(mul_, {share, rate}, eval::kFaultArithmetic);
      total = nodeAdd(total, part);
    }
    return roundScore(total, false);
  }

  void review(const ir::Node& n) {
    const int id = n.id;
    nodeFaultIf(b_.CreateICmpEQ(load(i8_, element(kPresent, i8_, n.reviewInput)), i8c(0)), eval::kFaultReviewMissing);
    nodeFaultIf(b_.CreateICmpEQ(load(i8_, nodeData(id, offsetof(eval::NodeInput, hasReason))), i8c(0)), eval::kFaultReviewNoReason);
    Value* v = load(i128_, element(kInputs, i128_, n.reviewInput));
    nodeFaultIf(b_.CreateICmpSGT(v, raw(n.weight.raw())), eval::kFaultReviewAboveWeight, nullptr, nullptr, v);
    if (!n.tiers.empty()) {
      Value* tier = load(i32_, nodeData(id, offsetof(eval::NodeInput, tier)));
      nodeFaultIf(b_.CreateICmpEQ(tier, i32c(eval::kNoTier)), eval::kFaultReviewNoTier);
      nodeFaultIf(b_.CreateICmpEQ(tier, i32c(eval::kUnknownTier)), eval::kFaultReviewUnknownTier);
      Value* fraction = nodeHelper(div_, {v, raw(n.weight.raw())}, eval::kFaultArithmetic);
      BasicBlock* inside = block("tier.ok");
      auto* sw = b_.CreateSwitch(tier, inside, static_cast<unsigned>(n.tiers.size()));
      for (size_t t = 0; t < n.tiers.size(); ++t) {
        BasicBlock* c = block("tier");
        sw->addCase(b_.getInt32(static_cast<uint32_t>(t)), c);
        b_.SetInsertPoint(c);
        nodeFaultIf(b_.CreateNot(inInterval(fraction, n.tiers[t].fraction)), eval::kFaultReviewOutsideTier, nullptr, i32c(static_cast<int>(t)), v);
        b_.CreateBr(inside);
      }
      b_.SetInsertPoint(inside);
    }
    store(v, exact_);
  }

  // Children's scores (or the top-level indicators'): the sum of the counted,
  // the faulted adding nothing but keeping their weight; whether any is dropped.
  struct Summed {
    Value *scores, *weights, *dropped, *incomplete;
  };
  template <class Add>
  Summed sumOf(const std::vector<int>& ids, Add&& add) {
    if (ids.size() > kUnrolledSum) return sumLoop(ids, add);
    Summed s{zero(), zero(), b_.getFalse(), b_.getFalse()};
    for (int c : ids) {
      Value* score = load(i128_, node(c, offsetof(eval::NodeSlot, score)));
      s = summand(s, node(c, 0), score, raw(p_.nodes[c].weight.raw()), add);
    }
    return s;
  }

  // One indicator into the sum: `slot` points at its NodeSlot.
  template <class Add>
  Summed summand(Summed s, Value* slot, Value* score, Value* weight, Add&& add) {
    auto is = [&](size_t field) { return b_.CreateICmpNE(load(i8_, at(slot, field)), i8c(0)); };
    Value* counted = is(offsetof(eval::NodeSlot, counted));
    Value* failed = is(offsetof(eval::NodeSlot, failed));
    s.dropped = b_.CreateOr(s.dropped, b_.CreateNot(counted));
    s.incomplete = b_.CreateOr(s.incomplete, b_.CreateAnd(counted, b_.CreateOr(failed, is(offsetof(eval::NodeSlot, incomplete)))));
    s.scores = add(s.scores, b_.CreateSelect(b_.CreateAnd(counted, b_.CreateNot(failed)), score, zero()));
    s.weights = add(s.weights, b_.CreateSelect(counted, weight, zero()));
    return s;
  }

  // Past kUnrolledSum indicators (a ruleset of thousands at the top level) the
  // sum is a loop over constant tables of their ids and weights, so the code
  // stays small and LLVM's time linear.
  static constexpr size_t kUnrolledSum = 16;
  template <class Add>
  Summed sumLoop(const std::vector<int>& ids, Add&& add) {
    std::vector<int32_t> idTable(ids.begin(), ids.end());
    std::vector<llvm::Constant*> weights;
    for (int c : ids) weights.push_back(raw(p_.nodes[c].weight.raw()));
    auto* idInit = llvm::ConstantDataArray::get(ctx_, idTable);
    auto* idGlobal = new llvm::GlobalVariable(*module_, idInit->getType(), true, llvm::GlobalValue::InternalLinkage, idInit, "defen_sum_ids");
    auto* wTy = llvm::ArrayType::get(i128_, weights.size());
    auto* wGlobal = new llvm::GlobalVariable(*module_, wTy, true, llvm::GlobalValue::InternalLinkage, llvm::ConstantArray::get(wTy, weights),
                                             "defen_sum_weights");
    BasicBlock* pre = b_.GetInsertBlock();
    BasicBlock* loop = block("sum.loop");
    b_.CreateBr(loop);
    b_.SetInsertPoint(loop);
    auto* k = b_.CreatePHI(i64_, 2);
    auto* scores = b_.CreatePHI(i128_, 2);
    auto* wsum = b_.CreatePHI(i128_, 2);
    auto* dropped = b_.CreatePHI(i1_, 2);
    auto* incomplete = b_.CreatePHI(i1_, 2);
    k->addIncoming(b_.getInt64(0), pre);
    scores->addIncoming(zero(), pre);
    wsum->addIncoming(zero(), pre);
    dropped->addIncoming(b_.getFalse(), pre);
    incomplete->addIncoming(b_.getFalse(), pre);
    Value* id = b_.CreateSExt(load(i32_, b_.CreateInBoundsGEP(i32_, idGlobal, {k})), i64_);
    Value* weight = load(i128_, b_.CreateInBoundsGEP(i128_, wGlobal, {k}));
    Value* slot = b_.CreateInBoundsGEP(i8_, base_[8], {b_.CreateMul(id, b_.getInt64(sizeof(eval::NodeSlot)))});
    Value* score = load(i128_, at(slot, offsetof(eval::NodeSlot, score)));
    Summed s = summand(Summed{scores, wsum, dropped, incomplete}, slot, score, weight, add);
    Value* next = b_.CreateAdd(k, b_.getInt64(1));
    BasicBlock* latch = b_.GetInsertBlock();
    BasicBlock* exit = block("sum.done");
    b_.CreateCondBr(b_.CreateICmpULT(next, b_.getInt64(ids.size())), loop, exit);
    k->addIncoming(next, latch);
    scores->addIncoming(s.scores, latch);
    wsum->addIncoming(s.weights, latch);
    dropped->addIncoming(s.dropped, latch);
    incomplete->addIncoming(s.incomplete, latch);
    b_.SetInsertPoint(exit);
    return s;
  }

  void sum(const ir::Node& n, const plan::Step& st) {
    const int id = n.id;
    Summed s = sumOf(n.children, [&](Value* a, Value* c) { return nodeAdd(a, c); });
    store(b_.CreateZExt(s.incomplete, i8_), node(id, offsetof(eval::NodeSlot, incomplete)));
    BasicBlock* allDropped = block("all.dropped");
    BasicBlock* on = block("on");
    b_.CreateCondBr(b_.CreateAnd(s.dropped, b_.CreateICmpEQ(s.weights, zero())), allDropped, on);
    b_.SetInsertPoint(allDropped);  // every child dropped: so is the parent
    setByte(id, offsetof(eval::NodeSlot, status), statusByte(NodeStatus::NotApplicable));
    setByte(id, offsetof(eval::NodeSlot, counted), 0);
    branchTo(st.settle);
    b_.SetInsertPoint(on);
    BasicBlock* rescale = block("rescale");
    BasicBlock* join = block("join");
    BasicBlock* from = b_.GetInsertBlock();
    b_.CreateCondBr(s.dropped, rescale, join);
    b_.SetInsertPoint(rescale);
    Value* scaled = nodeHelper(mul_, {raw(n.weight.raw()), s.scores}, eval::kFaultArithmetic);
    scaled = nodeHelper(div_, {scaled, s.weights}, eval::kFaultArithmetic);
    scaled = roundScore(scaled, false);
    BasicBlock* rescaled = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    auto* scores = b_.CreatePHI(i128_, 2);
    scores->addIncoming(s.scores, from);
    scores->addIncoming(scaled, rescaled);
    store(scores, node(id, offsetof(eval::NodeSlot, computed)));
    store(scores, node(id, offsetof(eval::NodeSlot, score)));
  }

  void roots() {
    Summed s = sumOf(p_.roots, [&](Value* a, Value* c) {
      Value* r;
      rowFaultIf(addOverflows(llvm::Intrinsic::sadd_with_overflow, a, c, r), eval::kFaultArithmetic);
      return r;
    });
    BasicBlock* rescale = block("rescale");
    BasicBlock* join = block("join");
    BasicBlock* from = b_.GetInsertBlock();
    b_.CreateCondBr(s.dropped, rescale, join);
    b_.SetInsertPoint(rescale);
    rowFaultIf(b_.CreateICmpEQ(s.weights, zero()), eval::kFaultAllNotApplicable);
    Value* scaled = rowHelper(mul_, {raw(p_.total.raw()), s.scores}, eval::kFaultArithmetic);
    scaled = rowHelper(div_, {scaled, s.weights}, eval::kFaultArithmetic);
    BasicBlock* rescaled = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    auto* scores = b_.CreatePHI(i128_, 2);
    scores->addIncoming(s.scores, from);
    scores->addIncoming(scaled, rescaled);
    store(scores, frameField(offsetof(eval::Frame, sum)));
  }

  // A 加减分 line that faults adds nothing; the total says it is incomplete.
  void bonusLine(size_t i) {
    const plan::Step& st = plan_.steps[i];
    const ir::BonusLine& text = p_.bonuses[st.bonus].lines[st.line];
    const int g = st.index;
    BasicBlock* next = block("line.next");
    BasicBlock* fault = block("line.fault");
    store(i32c(g + 1), frameField(offsetof(eval::Frame, bonusLinesDone)));
    branchIf(b_.CreateICmpNE(load(i32_, line(g, offsetof(eval::BonusSlot, fault))), i32c(0)), next);  // a refused cell the block reads
    auto ip = b_.saveIP();
    b_.SetInsertPoint(fault);
    auto* code = b_.CreatePHI(i32_, 4);
    auto* expr = b_.CreatePHI(i32_, 4);
    auto* arg = b_.CreatePHI(i32_, 4);
    auto* value = b_.CreatePHI(i128_, 4);
    store(code, line(g, offsetof(eval::BonusSlot, fault)));
    store(expr, line(g, offsetof(eval::BonusSlot, faultExpr)));
    store(arg, line(g, offsetof(eval::BonusSlot, faultArg)));
    store(value, line(g, offsetof(eval::BonusSlot, faultValue)));
    store(i32c(1), frameField(offsetof(eval::Frame, anyFault)));
    b_.CreateBr(next);
    b_.restoreIP(ip);
    auto faultFrom = [&](Value* c, Value* e, Value* a, Value* v) {
      BasicBlock* from = b_.GetInsertBlock();
      code->addIncoming(c, from);
      expr->addIncoming(e, from);
      arg->addIncoming(a, from);
      value->addIncoming(v, from);
      b_.CreateBr(fault);
    };
    Value* status = b_.CreateCall(kernels_[i], {frame_, tmp_});
    BasicBlock* missing = block("missing");
    BasicBlock* error = block("error");
    BasicBlock* ok = block("ok");
    BasicBlock* evaluated = block("evaluated");
    auto* sw = b_.CreateSwitch(status, error, 2);
    sw->addCase(b_.getInt32(eval::kOk), ok);
    sw->addCase(b_.getInt32(eval::kMissing), missing);
    b_.SetInsertPoint(error);
    faultFrom(load(i32_, b_.CreateStructGEP(frameTy_, frame_, kErrorKind)), load(i32_, b_.CreateStructGEP(frameTy_, frame_, kErrorExpr)), i32c(-1),
              load(i128_, b_.CreateStructGEP(frameTy_, frame_, kErrorValue)));
    // An absent optional count (缺失时 …) earns no bonus and costs no penalty.
    b_.SetInsertPoint(missing);
    Value* slot = load(i32_, b_.CreateStructGEP(frameTy_, frame_, kMissingSlot));
    BasicBlock* required = block("required");
    BasicBlock* optional = block("optional");
    b_.CreateCondBr(b_.CreateICmpEQ(policyOf(slot), i8c(policyCode(ir::Input::Missing::Required))), required, optional);
    b_.SetInsertPoint(required);
    faultFrom(i32c(eval::kFaultMissingInput), i32c(-1), slot, zero());
    b_.SetInsertPoint(optional);
    b_.CreateBr(evaluated);
    b_.SetInsertPoint(ok);
    Value* got = load(i128_, tmp_);
    b_.CreateBr(evaluated);
    b_.SetInsertPoint(evaluated);
    auto* v = b_.CreatePHI(i128_, 2);
    v->addIncoming(zero(), optional);
    v->addIncoming(got, ok);
    BasicBlock* negative = block("negative");
    BasicBlock* fine = block("fine");
    b_.CreateCondBr(b_.CreateICmpSLT(v, zero()), negative, fine);
    b_.SetInsertPoint(negative);
    faultFrom(i32c(eval::kFaultNegativeBonus), i32c(-1), i32c(-1), v);
    b_.SetInsertPoint(fine);
    Value* points = text.cap ? smin(v, raw(text.cap->raw())) : static_cast<Value*>(v);
    store(points, line(g, offsetof(eval::BonusSlot, value)));
    Value* sidePtr = frameField(text.plus ? offsetof(eval::Frame, bonus) : offsetof(eval::Frame, penalty));
    Value* side;
    rowFaultIf(addOverflows(llvm::Intrinsic::sadd_with_overflow, load(i128_, sidePtr), points, side), eval::kFaultArithmetic, st.bonus);
    store(side, sidePtr);
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
  }

  // “加分后总分不能超过100分；减分后总分不能低于0分”: the bonus is added and
  // capped at 总分, then the penalty is subtracted and floored at 0.
  void total() {
    Value* scores;
    rowFaultIf(addOverflows(llvm::Intrinsic::sadd_with_overflow, load(i128_, frameField(offsetof(eval::Frame, sum))),
                            load(i128_, frameField(offsetof(eval::Frame, bonus))), scores),
               eval::kFaultArithmetic);
    Value* rawTotal = scores;
    store(rawTotal, frameField(offsetof(eval::Frame, rawTotal)));
    scores = smin(raw(p_.total.raw()), scores);
    Value* penalty = load(i128_, frameField(offsetof(eval::Frame, penalty)));
    Value* after;
    rowFaultIf(addOverflows(llvm::Intrinsic::ssub_with_overflow, scores, penalty, after), eval::kFaultArithmetic);
    Value* rawAfter;
    Value* bad = addOverflows(llvm::Intrinsic::ssub_with_overflow, rawTotal, penalty, rawAfter);
    store(b_.CreateSelect(bad, rawTotal, rawAfter), frameField(offsetof(eval::Frame, rawTotal)));
    store(roundScore(smax(zero(), after), true), frameField(offsetof(eval::Frame, total)));
  }

  // defen_plan(ptr frame): the plan, as parts of at most kGroupsPerPart node groups.
  void emitPlan() {
    std::vector<uint8_t> policies;
    for (const auto& in : p_.inputs) policies.push_back(static_cast<uint8_t>(policyCode(in.missing)));
    if (policies.empty()) policies.push_back(0);
    auto* init = llvm::ConstantDataArray::get(ctx_, policies);
    policies_ = new llvm::GlobalVariable(*module_, init->getType(), true, llvm::GlobalValue::InternalLinkage, init, "defen_policies");
    std::vector<std::pair<size_t, size_t>> parts;
    size_t first = 0;
    int groups = 0;
    for (size_t i = 0; i < plan_.steps.size(); ++i) {
      const plan::Step& st = plan_.steps[i];
      bool opens = st.op == plan::Op::Applies || st.op == plan::Op::Enter || st.op == plan::Op::Roots;
      if (opens && groups == kGroupsPerPart) {
        parts.emplace_back(first, i);
        first = i;
        groups = 0;
      }
      groups += opens;
    }
    parts.emplace_back(first, plan_.steps.size());
    auto* partTy = llvm::FunctionType::get(i32_, {ptr_}, false);
    std::vector<llvm::Function*> fns;
    for (size_t k = 0; k < parts.size(); ++k) {
      auto* f = llvm::Function::Create(partTy, llvm::Function::InternalLinkage, "defen_plan_part_" + std::to_string(k), *module_);
      if (parts.size() > kInlinedParts) f->addFnAttr(llvm::Attribute::NoInline);  // a huge ruleset: each part stays its own function
      emitPart(f, parts[k].first, parts[k].second);
      fns.push_back(f);
    }
    auto* top = llvm::Function::Create(llvm::FunctionType::get(b_.getVoidTy(), {ptr_}, false), llvm::Function::ExternalLinkage, planName(), *module_);
    top->addFnAttr(llvm::Attribute::NoUnwind);
    b_.SetInsertPoint(BasicBlock::Create(ctx_, "entry", top));
    fn_ = top;
    for (llvm::Function* f : fns) {
      Value* stop = b_.CreateCall(f, {top->getArg(0)});
      BasicBlock* on = BasicBlock::Create(ctx_, "on", top);
      BasicBlock* out = BasicBlock::Create(ctx_, "out", top);
      b_.CreateCondBr(b_.CreateICmpNE(stop, b_.getInt32(0)), out, on);
      b_.SetInsertPoint(out);
      b_.CreateRetVoid();
      b_.SetInsertPoint(on);
    }
    b_.CreateRetVoid();
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
