//===--- CoroutineModel.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CoroutineModel.h"
#include "FunctionIndex.h"
#include "clang/Analysis/CFG.h"

namespace clang::tidy::coro {

//===----------------------------------------------------------------------===//
// Coroutines and their suspension points
//===----------------------------------------------------------------------===//

const CoroutineBodyStmt *getCoroutineBody(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  return dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
}

bool isExplicitSuspension(const Stmt *S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    return !Await->isImplicit();
  return isa<CoyieldExpr, DependentCoawaitExpr>(S);
}

llvm::SmallVector<const Expr *, 8>
getSuspensionPoints(const CoroutineBodyStmt &Body) {
  llvm::SmallVector<const Expr *, 8> Points;
  // Only the user-written body: the promise, the initial and final suspends
  // and the implicit co_return live in the other children of the body node.
  forEachStmtInFunction(Body.getBody(), [&](const Stmt *S) {
    if (isExplicitSuspension(S))
      Points.push_back(cast<Expr>(S));
  });
  return Points;
}

const Stmt &getWrittenBody(const Stmt &Body) {
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(&Body);
      Coroutine && Coroutine->getBody())
    return *Coroutine->getBody();
  return Body;
}

namespace {

/// One step of the parent map's walk: give \p Node the parent \p Parent
/// (none: already decided), then walk below it. \p Opaque: inside the
/// semantic form of an expression, where a shared source expression keeps
/// the parent it has.
struct ParentStep {
  const Stmt *Node;
  const Stmt *Parent;
  bool Opaque;
};

using ParentTable = llvm::DenseMap<const Stmt *, const Stmt *>;

/// The steps below \p S, in the order clang::ParentMap takes them, so that
/// a node shared by two parents (an opaque value's source expression, a
/// pseudo-object's forms) gets the parent ParentMap gives it.
void stepsBelow(const Stmt &S, bool Opaque, ParentTable &Map,
                llvm::SmallVectorImpl<ParentStep> &Steps) {
  if (const auto *Pseudo = dyn_cast<PseudoObjectExpr>(&S)) {
    const Expr *Syntactic = Pseudo->getSyntacticForm();
    auto [Known, Inserted] = Map.try_emplace(Syntactic, &S);
    if (!Inserted) {
      if (Opaque)
        return;
      Known->second = &S;
      for (const Stmt *Child : S.children())
        Map.erase(Child);
    }
    Steps.push_back({Syntactic, nullptr, true});
    for (const Expr *Semantic : Pseudo->semantics())
      Steps.push_back({Semantic, &S, true});
    return;
  }
  if (const auto *Conditional = dyn_cast<BinaryConditionalOperator>(&S)) {
    Steps.push_back({Conditional->getCommon(), &S, Opaque});
    Steps.push_back({Conditional->getCond(), &S, true});
    Steps.push_back({Conditional->getTrueExpr(), &S, true});
    Steps.push_back({Conditional->getFalseExpr(), &S, Opaque});
    return;
  }
  if (const auto *Value = dyn_cast<OpaqueValueExpr>(&S)) {
    const Expr *Source = Value->getSourceExpr();
    if (!Source)
      return;
    auto [Known, Inserted] = Map.try_emplace(Source, &S);
    if (Inserted)
      Steps.push_back({Source, nullptr, Opaque});
    else if (!Opaque)
      Known->second = &S;
    return;
  }
  for (const Stmt *Child : S.children())
    if (Child)
      Steps.push_back({Child, &S, Opaque});
  if (const auto *Captured = dyn_cast<CapturedStmt>(&S))
    if (const Stmt *Body = Captured->getCapturedStmt())
      Steps.push_back({Body, &S, Opaque});
}

ParentTable buildParents(const Stmt &Root) {
  ParentTable Map;
  llvm::SmallVector<ParentStep, 64> Work = {{&Root, nullptr, false}};
  llvm::SmallVector<ParentStep, 8> Below;
  while (!Work.empty()) {
    ParentStep Step = Work.pop_back_val();
    if (!Step.Node)
      continue;
    if (Step.Parent)
      Map[Step.Node] = Step.Parent;
    Below.clear();
    stepsBelow(*Step.Node, Step.Opaque, Map, Below);
    // Last pushed, first taken: the children in their order.
    Work.append(Below.rbegin(), Below.rend());
  }
  return Map;
}

} // namespace

BodyParents::BodyParents(const Stmt &Body)
    : Root(getWrittenBody(Body)), Map(buildParents(Root)) {}

const DeclStmt *BodyParents::declaring(const VarDecl &Var) const {
  if (!Declarations) {
    Declarations.emplace();
    llvm::SmallVector<const Stmt *, 64> Work = {&Root};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (const auto *Declaration = dyn_cast<DeclStmt>(S))
        for (const Decl *D : Declaration->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D))
            (*Declarations)[Var] = Declaration;
      for (const Stmt *Child : S->children())
        if (Child)
          Work.push_back(Child);
    }
  }
  return Declarations->lookup(&Var);
}

void forEachCallInFunction(
    const Stmt &Body,
    llvm::function_ref<void(const CallExpr &, LazyBodyParents &)> Visit) {
  LazyBodyParents Parents(Body);
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Visit(*Call, Parents);
  });
}

const Expr *ignoreImplicitWrappers(const Expr *E) {
  while (E) {
    const Expr *Inner = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner);
        Construct && Construct->getNumArgs() == 1 &&
        (Construct->isElidable() ||
         Construct->getConstructor()->isCopyOrMoveConstructor()) &&
        Construct->getParenOrBraceRange().isInvalid())
      Inner = Construct->getArg(0);
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
      Inner = Cleanups->getSubExpr();
    if (const auto *Functional = dyn_cast<CXXFunctionalCastExpr>(Inner);
        Functional && Functional->getCastKind() == CK_NoOp)
      Inner = Functional->getSubExpr();
    if (Inner == E)
      return E;
    E = Inner;
  }
  return E;
}

const Expr *getSuspensionOperand(const Expr &Suspension) {
  const Expr *Operand = nullptr;
  if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(&Suspension))
    Operand = Await->getOperand();
  else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(&Suspension))
    Operand = Dependent->getOperand();
  return Operand ? ignoreImplicitWrappers(Operand) : nullptr;
}

llvm::SmallPtrSet<const Expr *, 8>
getAwaitedOperands(const CoroutineBodyStmt &Body) {
  llvm::SmallPtrSet<const Expr *, 8> Operands;
  for (const Expr *Suspension : getSuspensionPoints(Body))
    if (const Expr *Operand = getSuspensionOperand(*Suspension))
      Operands.insert(Operand);
  return Operands;
}

namespace {

/// The range-based `for` statements of a template pattern whose range is
/// dependent: clang leaves their `__begin`/`__end` variables, condition and
/// increment to the instantiation, and builds no CFG for a body holding
/// one. While one is alive, each of them has stand-ins for what is missing
/// (an empty statement for the variables, a condition of unknown value, an
/// increment), so the graph of the rest of the body is built: the loop runs
/// its body any number of times, as for any range. The stand-ins are taken
/// out again before clang or another check sees the statement.
class DependentRangeLoops {
public:
  DependentRangeLoops(const Stmt &Body, ASTContext &Ctx) {
    llvm::SmallVector<const Stmt *, 64> Work = {&Body};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (const auto *Loop = dyn_cast<CXXForRangeStmt>(S);
          Loop && !Loop->getInc() && Loop->getRangeStmt() &&
          Loop->getLoopVarStmt() && Loop->getBody())
        complete(const_cast<CXXForRangeStmt &>(*Loop), Ctx);
      for (const Stmt *Child : S->children())
        if (Child)
          Work.push_back(Child);
    }
  }
  ~DependentRangeLoops() {
    for (CXXForRangeStmt *Loop : Completed) {
      Loop->setBeginStmt(nullptr);
      Loop->setEndStmt(nullptr);
      Loop->setCond(nullptr);
      Loop->setInc(nullptr);
    }
  }
  DependentRangeLoops(const DependentRangeLoops &) = delete;
  DependentRangeLoops &operator=(const DependentRangeLoops &) = delete;

  bool empty() const { return Completed.empty(); }

private:
  void complete(CXXForRangeStmt &Loop, ASTContext &Ctx) {
    SourceLocation Loc = Loop.getColonLoc();
    Loop.setBeginStmt(new (Ctx) NullStmt(Loc));
    Loop.setEndStmt(new (Ctx) NullStmt(Loc));
    // A type-dependent condition: clang decides no branch of it.
    Loop.setCond(new (Ctx) OpaqueValueExpr(Loc, Ctx.DependentTy, VK_PRValue));
    Loop.setInc(
        IntegerLiteral::Create(Ctx, llvm::APInt(32, 0), Ctx.IntTy, Loc));
    Completed.push_back(&Loop);
  }

  llvm::SmallVector<CXXForRangeStmt *, 2> Completed;
};

bool isInvalidRecordType(QualType Type, const ASTContext &Ctx) {
  const CXXRecordDecl *Record =
      Ctx.getBaseElementType(Type)->getAsCXXRecordDecl();
  return Record && Record->isInvalidDecl();
}

/// Whether \p Body was parsed with errors: an invalid declaration, an
/// expression clang recovered from, or an object of an invalid class. The
/// CFG builder assumes well-formed code (it asks an invalid class for its
/// members' destructors, which may be incomplete types) and crashes on it;
/// clang's own analyses skip such code for the same reason.
bool hasParseErrors(const FunctionDecl &Function, const Stmt &Body,
                    const ASTContext &Ctx) {
  if (Function.isInvalidDecl())
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function))
    if (Method->getParent()->isInvalidDecl())
      return true;
  // Iterative: bodies nest deeper than the stack allows a recursion.
  llvm::SmallVector<const Stmt *, 32> Work{&Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors())
      return true;
    if (const auto *Declaration = dyn_cast<DeclStmt>(S))
      for (const Decl *D : Declaration->decls()) {
        const auto *Var = dyn_cast<VarDecl>(D);
        if (D->isInvalidDecl() ||
            (Var && isInvalidRecordType(Var->getType(), Ctx)))
          return true;
      }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  return false;
}

std::unique_ptr<CFG> buildCFG(const FunctionDecl &Function, const Stmt &Body,
                              ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddLifetime = true;
  Options.AddTemporaryDtors = false;
  Options.setAllAlwaysAdd();
  return CFG::buildCFG(&Function, const_cast<Stmt *>(&Body), &Ctx, Options);
}

} // namespace

std::unique_ptr<CFG> buildBodyCFG(const FunctionDecl &Function,
                                  const Stmt &Body, ASTContext &Ctx) {
  if (hasParseErrors(Function, Body, Ctx))
    return nullptr;
  std::unique_ptr<CFG> Graph = buildCFG(Function, Body, Ctx);
  if (Graph || !Function.isDependentContext())
    return Graph;
  // A template pattern: what clang leaves to the instantiation is decided
  // without it where the rest of the body does not depend on it.
  DependentRangeLoops Loops(Body, Ctx);
  if (Loops.empty())
    return nullptr;
  return buildCFG(Function, Body, Ctx);
}

BodyCFG::BodyCFG(const FunctionDecl &Function, const Stmt &Body,
                 ASTContext &Ctx)
    : Graph(function_index::sharedCFG(Body, Ctx)) {
  if (Graph || function_index::sharesCFG(Body))
    return;
  Own = buildBodyCFG(Function, Body, Ctx);
  Graph = Own.get();
}

NonReturningCode::NonReturningCode(const FunctionDecl &Function,
                                   const Stmt *Body, ASTContext &Ctx) {
  if (!Body)
    return;
  BodyCFG Built(Function, *Body, Ctx);
  const CFG *Graph = Built.get();
  if (!Graph)
    return; // Unknown: everything counts as returning.
  auto EndsPath = [](const CFGBlock &Block) {
    if (Block.hasNoReturnElement())
      return true;
    for (auto I = Block.rbegin(), E = Block.rend(); I != E; ++I)
      if (auto Element = I->getAs<CFGStmt>())
        return isa<CXXThrowExpr>(Element->getStmt());
    return false;
  };
  // A block never returns when it ends its path, or when every one of its
  // successors never returns. A loop with no way out is not in this set:
  // it keeps the caller waiting, which is the point of the checks.
  unsigned NumBlocks = Graph->getNumBlockIDs();
  llvm::BitVector Ends(NumBlocks);
  std::vector<unsigned> OpenSuccessors(NumBlocks, 0);
  llvm::SmallVector<const CFGBlock *, 16> Work;
  for (const CFGBlock *Block : *Graph) {
    for (const CFGBlock *Succ : Block->succs())
      if (Succ)
        ++OpenSuccessors[Block->getBlockID()];
    if (EndsPath(*Block)) {
      Ends.set(Block->getBlockID());
      Work.push_back(Block);
    }
  }
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    for (const CFGBlock *Pred : Block->preds()) {
      if (!Pred || Ends.test(Pred->getBlockID()))
        continue;
      if (--OpenSuccessors[Pred->getBlockID()] == 0) {
        Ends.set(Pred->getBlockID());
        Work.push_back(Pred);
      }
    }
  }
  for (const CFGBlock *Block : *Graph) {
    if (!Ends.test(Block->getBlockID()))
      continue;
    for (const CFGElement &Element : *Block)
      if (auto S = Element.getAs<CFGStmt>())
        Statements.insert(S->getStmt());
  }
}

namespace {

/// True for a `do {...} while (C)` that never runs its body again: C is
/// `false`, or a call of a function whose whole body is `return false;`
/// (Boost.Test wraps each check in `do {...} while (dummy_cond())`).
bool neverRepeats(const DoStmt &Loop, const ASTContext &Ctx) {
  const Expr *Cond = Loop.getCond()->IgnoreParenImpCasts();
  bool Value = true;
  if (!Cond->isValueDependent() && Cond->EvaluateAsBooleanCondition(Value, Ctx))
    return !Value;
  const auto *Call = dyn_cast<CallExpr>(Cond);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const auto *Body =
      Callee ? dyn_cast_or_null<CompoundStmt>(Callee->getBody()) : nullptr;
  const auto *Return = Body && Body->size() == 1
                           ? dyn_cast<ReturnStmt>(Body->body_front())
                           : nullptr;
  const Expr *Result = Return ? Return->getRetValue() : nullptr;
  return Result && !Result->isValueDependent() &&
         Result->EvaluateAsBooleanCondition(Value, Ctx) && !Value;
}

} // namespace

CodeAfterSuspension::CodeAfterSuspension(const FunctionDecl &Coroutine,
                                         const CoroutineBodyStmt &Body,
                                         ASTContext &Ctx) {
  llvm::SmallVector<const Expr *, 8> Points = getSuspensionPoints(Body);
  if (!Points.empty())
    First = Points.front();
  const Stmt *Written = Body.getBody();
  if (!Written)
    return;
  BodyCFG Built(Coroutine, *Written, Ctx);
  const CFG *Graph = Built.get();
  if (!Graph)
    return;
  Known = true;
  llvm::BitVector Reached(Graph->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work;
  auto Reach = [&](const CFGBlock *Block) {
    if (Block && !Reached.test(Block->getBlockID())) {
      Reached.set(Block->getBlockID());
      Work.push_back(Block);
    }
  };
  auto ReachSuccessors = [&](const CFGBlock &Block) {
    const auto *Loop = dyn_cast_or_null<DoStmt>(Block.getTerminatorStmt());
    bool SkipBackEdge = Loop && neverRepeats(*Loop, Ctx);
    for (auto I = Block.succ_begin(), E = Block.succ_end(); I != E; ++I)
      if (!SkipBackEdge || I != Block.succ_begin())
        Reach(*I);
  };
  // The rest of each block that suspends, and the blocks after it.
  for (const CFGBlock *Block : *Graph) {
    bool Suspended = false;
    for (const CFGElement &Element : *Block) {
      auto S = Element.getAs<CFGStmt>();
      if (!S)
        continue;
      if (Suspended)
        Statements.insert(S->getStmt());
      else if (isExplicitSuspension(S->getStmt()))
        Suspended = true;
    }
    if (Suspended)
      ReachSuccessors(*Block);
  }
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    for (const CFGElement &Element : *Block)
      if (auto S = Element.getAs<CFGStmt>())
        Statements.insert(S->getStmt());
    ReachSuccessors(*Block);
  }
}

std::optional<CaptureRead>
firstCaptureRead(const LambdaExpr &Lambda, const Stmt &Body,
                 llvm::function_ref<bool(const Stmt &)> Counts,
                 const SourceManager &SM) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Captured;
  bool CapturesThis = false;
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (Capture.capturesVariable())
      Captured.insert(Capture.getCapturedVar());
    else if (Capture.capturesThis())
      CapturesThis = true;
  }
  std::optional<CaptureRead> First;
  auto Consider = [&](const Stmt &S, SourceLocation Where, std::string Name) {
    if (!Counts(S) ||
        (First && !SM.isBeforeInTranslationUnit(Where, First->Where)))
      return;
    First = CaptureRead{Where, std::move(Name)};
  };
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Captured.contains(Ref->getDecl()))
      Consider(*Ref, Ref->getLocation(),
               "'" + Ref->getDecl()->getNameAsString() + "'");
    else if (isa<CXXThisExpr>(S) && CapturesThis)
      Consider(*S, S->getBeginLoc(), "'this'");
  });
  return First;
}

} // namespace clang::tidy::coro
