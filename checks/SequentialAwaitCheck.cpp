//===--- SequentialAwaitCheck.cpp - corolint ------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SequentialAwaitCheck.h"
#include "LockModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

using AwaitBinding = SequentialAwaitCheck::AwaitBinding;

namespace {

/// Combinators that already await several operations together: awaiting
/// one is not an operation to combine again.
constexpr llvm::StringLiteral Combinators[] = {"when_all",
                                               "when_all_ready",
                                               "when_any",
                                               "collectAll",
                                               "collectAllRange",
                                               "collectAllTry",
                                               "collectAllWindowed",
                                               "collectAny",
                                               "collectAllPara",
                                               "join",
                                               "gather",
                                               "race"};

const Expr *stripToSuspension(const Expr *E) {
  return E ? ignoreImplicitWrappers(E) : nullptr;
}

/// Objects and variables an expression reads (declarations; `this` reads
/// are keyed by the enclosing method).
void collectUses(const Stmt *S, llvm::SmallPtrSetImpl<const Decl *> &Uses,
                 const Decl *ThisKey) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Uses.insert(Ref->getDecl()->getCanonicalDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(S))
    Uses.insert(Member->getMemberDecl()->getCanonicalDecl());
  if (isa<CXXThisExpr>(S) && ThisKey)
    Uses.insert(ThisKey);
  // Nested lambdas count too: a capture reads the variable.
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
    collectUses(Lambda->getBody(), Uses, ThisKey);
  for (const Stmt *Child : S->children())
    collectUses(Child, Uses, ThisKey);
}

/// The declaration an object expression is (a variable, a member, `this`).
const Decl *objectKey(const Expr *E, const Decl *ThisKey) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref &&
      (Deref->getOpcode() == UO_Deref || Deref->getOpcode() == UO_AddrOf))
    E = Deref->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getCanonicalDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getCanonicalDecl();
  if (isa<CXXThisExpr>(E))
    return ThisKey;
  return nullptr;
}

/// What a call may modify: the object of a non-const member function, and
/// arguments passed by non-const reference or by pointer to non-const.
void collectMutations(const CallExpr &Call,
                      llvm::SmallPtrSetImpl<const Decl *> &Mutates,
                      const Decl *ThisKey) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const auto *Method = Member->getMethodDecl();
    if (Method && !Method->isConst())
      if (const Decl *Key =
              objectKey(Member->getImplicitObjectArgument(), ThisKey))
        Mutates.insert(Key);
  }
  if (!Callee)
    return;
  forEachArgumentAndParameter(
      Call, *Callee, [&](const Expr &Arg, const ParmVarDecl &Parameter) {
        if (!passesMutableAccess(Parameter.getType()))
          return;
        if (const Decl *Key = objectKey(&Arg, ThisKey))
          Mutates.insert(Key);
      });
}

bool isCombinator(const CallExpr &Call) {
  std::optional<CalleeInfo> Callee = getCalleeInfo(Call);
  return Callee && llvm::is_contained(Combinators, Callee->Name);
}

/// True when one of the words of an identifier (split at `_` and at
/// camelCase humps) is \p Word, ignoring case: `wLock`, `co_scoped_lock`,
/// `WriteGuard`, but not `readClock`.
bool hasWord(llvm::StringRef Identifier, llvm::StringRef Word) {
  size_t Start = 0;
  for (size_t I = 1; I <= Identifier.size(); ++I) {
    bool Boundary =
        I == Identifier.size() || Identifier[I] == '_' ||
        (isUppercase(Identifier[I]) && !isUppercase(Identifier[I - 1]));
    if (!Boundary)
      continue;
    if (Identifier.slice(Start, I).trim('_').equals_insensitive(Word))
      return true;
    Start = I;
  }
  return false;
}

/// True for an await that takes a lock (an async mutex's `co_scoped_lock()`,
/// folly's `Synchronized::wLock()`) or gives a guard (a result with an
/// `unlock()`): locks taken in a fixed order must stay in that order, and
/// awaiting them together could deadlock.
bool takesLock(const CallExpr &Call, const Expr &Await) {
  if (std::optional<CalleeInfo> Callee = getCalleeInfo(Call))
    if (hasWord(Callee->Name, "lock"))
      return true;
  const CXXRecordDecl *Result = getRecordOrPattern(Await.getType());
  if (!Result)
    return false;
  if (Result->getDeclName().isIdentifier() &&
      (hasWord(Result->getName(), "lock") ||
       hasWord(Result->getName(), "guard")))
    return true;
  return llvm::any_of(Result->methods(), [](const CXXMethodDecl *Method) {
    return Method->getDeclName().isIdentifier() &&
           Method->getName() == "unlock";
  });
}

std::string calleeText(const CallExpr &Call, const ASTContext &Ctx) {
  if (std::optional<CalleeInfo> Callee = getCalleeInfo(Call))
    return Callee->Name;
  llvm::SmallVector<const FunctionDecl *, 4> Candidates =
      getCalleeCandidates(Call);
  if (!Candidates.empty())
    return Candidates.front()->getNameAsString();
  return getSourceText(*Call.getCallee(), Ctx);
}

/// True when \p S holds a lambda (which may capture by reference and be
/// called by whatever it is passed to).
bool containsLambda(const Stmt *S) {
  if (!S)
    return false;
  if (isa<LambdaExpr, BlockExpr>(S))
    return true;
  return llvm::any_of(S->children(), containsLambda);
}

/// Statements that may stand between two awaits of a run: they contain no
/// suspension and no jump, declare nothing with a destructor (a guard), and
/// do not read what the awaits before them bound.
bool isNeutralStatement(const Stmt &S, llvm::ArrayRef<AwaitBinding> Run) {
  if (isa<NullStmt>(S))
    return true;
  if (containsLambda(&S))
    return false;
  bool Neutral = true;
  llvm::SmallPtrSet<const Decl *, 8> Bound;
  for (const AwaitBinding &Binding : Run)
    for (const ValueDecl *Var : Binding.Bound)
      Bound.insert(Var->getCanonicalDecl());
  forEachStmtInFunction(&S, [&](const Stmt *Child) {
    if (isExplicitSuspension(Child) ||
        isa<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt, GotoStmt,
            IndirectGotoStmt, LabelStmt, CXXThrowExpr, SwitchCase>(Child))
      Neutral = false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Child);
        Ref && Bound.count(Ref->getDecl()->getCanonicalDecl()))
      Neutral = false;
    if (const auto *Decls = dyn_cast<DeclStmt>(Child))
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->needsDestruction(Var->getASTContext()))
          Neutral = false;
  });
  return Neutral;
}

/// What a statement may change or declares: a later operand that uses any
/// of it may depend on the statement. (Reading a variable is no change.)
void collectTouched(const Stmt &S, llvm::SmallPtrSetImpl<const Decl *> &Touched,
                    const Decl *ThisKey) {
  auto Modify = [&](const Expr *E) {
    if (const Decl *Key = E ? objectKey(E, ThisKey) : nullptr)
      Touched.insert(Key);
  };
  forEachStmtInFunction(&S, [&](const Stmt *Child) {
    if (const auto *Decls = dyn_cast<DeclStmt>(Child))
      for (const Decl *D : Decls->decls())
        Touched.insert(D->getCanonicalDecl());
    if (const auto *Binary = dyn_cast<BinaryOperator>(Child);
        Binary && Binary->isAssignmentOp())
      Modify(Binary->getLHS());
    if (const auto *Unary = dyn_cast<UnaryOperator>(Child);
        Unary &&
        (Unary->isIncrementDecrementOp() || Unary->getOpcode() == UO_AddrOf))
      Modify(Unary->getSubExpr());
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Child)) {
      const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
      if (Method && !Method->isConst() && Operator->getNumArgs() > 0)
        Modify(Operator->getArg(0));
    }
    if (const auto *Call = dyn_cast<CallExpr>(Child))
      collectMutations(*Call, Touched, ThisKey);
  });
}

/// The awaits of one full expression that run unconditionally (not on the
/// right of `&&`/`||` or in a branch of `?:`), outermost only.
void collectUnconditionalAwaits(const Stmt *S,
                                llvm::SmallVectorImpl<const Expr *> &Awaits) {
  if (!S || isa<LambdaExpr, BlockExpr, StmtExpr>(S))
    return;
  if (isExplicitSuspension(S) && !isa<CoyieldExpr>(S)) {
    Awaits.push_back(cast<Expr>(S));
    return;
  }
  // A co_yield's other children repeat its operand (the await_transform
  // and awaiter calls): only the operand is written in the source.
  if (const auto *Yield = dyn_cast<CoyieldExpr>(S)) {
    collectUnconditionalAwaits(getSuspensionOperand(*Yield), Awaits);
    return;
  }
  if (const auto *Logical = dyn_cast<BinaryOperator>(S);
      Logical && Logical->isLogicalOp()) {
    collectUnconditionalAwaits(Logical->getLHS(), Awaits);
    return;
  }
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(S)) {
    collectUnconditionalAwaits(Conditional->getCond(), Awaits);
    return;
  }
  for (const Stmt *Child : S->children())
    collectUnconditionalAwaits(Child, Awaits);
}

/// The full expressions of a statement, where several awaits can meet.
llvm::SmallVector<const Stmt *, 2> fullExpressions(const Stmt &S) {
  llvm::SmallVector<const Stmt *, 2> Roots;
  if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
        Roots.push_back(Var->getInit());
  } else if (const auto *Return = dyn_cast<CoreturnStmt>(&S)) {
    Roots.push_back(Return->getOperand());
  } else if (const auto *Return = dyn_cast<ReturnStmt>(&S)) {
    Roots.push_back(Return->getRetValue());
  } else if (isa<Expr>(S)) {
    Roots.push_back(&S);
  }
  return Roots;
}

} // namespace

SequentialAwaitCheck::SequentialAwaitCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      WhenAllFunction(Options.get("WhenAllFunction", "").str()),
      TaskTypes(Options), Tasks(TaskTypes) {}

void SequentialAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "WhenAllFunction", WhenAllFunction);
  TaskTypes.store(Options, Opts);
}

void SequentialAwaitCheck::onStartOfTranslationUnit() {
  CoroutineCheck::onStartOfTranslationUnit();
  Tasks.reset();
}

void SequentialAwaitCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                          const CoroutineBodyStmt &Body,
                                          ASTContext &Ctx) {
  CurrentCoroutine = &Coroutine;
  forEachStmtInFunction(Body.getBody(), [&](const Stmt *S) {
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      checkBlock(*Block, Coroutine, Ctx);
      for (const Stmt *Child : Block->body())
        checkExpression(*Child, Coroutine, Ctx);
    }
  });
}

std::optional<AwaitBinding>
SequentialAwaitCheck::describeAwait(const Expr &Await, const Stmt &S,
                                    ASTContext &Ctx) {
  if (!isExplicitSuspension(&Await) || isa<CoyieldExpr>(Await))
    return std::nullopt;
  const auto *Call = dyn_cast_or_null<CallExpr>(getSuspensionOperand(Await));
  // Only lazy-task calls are operations: timers, locks, schedules and
  // channels order the coroutine on purpose.
  if (!Call || isCombinator(*Call) || !Tasks.createsLazyTask(*Call, Ctx) ||
      takesLock(*Call, Await))
    return std::nullopt;
  AwaitBinding Binding;
  Binding.Statement = &S;
  Binding.Await = &Await;
  Binding.Call = Call;
  // Awaits are looked for in the coroutine's own statements, not in nested
  // lambdas: `this` is the coroutine's.
  const Decl *ThisKey =
      CurrentCoroutine ? CurrentCoroutine->getCanonicalDecl() : nullptr;
  collectUses(Call, Binding.Uses, ThisKey);
  collectMutations(*Call, Binding.Mutates, ThisKey);
  return Binding;
}

std::optional<AwaitBinding>
SequentialAwaitCheck::getAwaitBinding(const Stmt &S, ASTContext &Ctx) {
  if (S.getBeginLoc().isMacroID())
    return std::nullopt;
  const Expr *Awaited = nullptr;
  const VarDecl *Declared = nullptr;
  llvm::SmallVector<const ValueDecl *, 2> Bound;
  if (const auto *Decl = dyn_cast<DeclStmt>(&S)) {
    if (!Decl->isSingleDecl())
      return std::nullopt;
    const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl());
    if (!Var || !Var->hasLocalStorage() || !Var->getInit())
      return std::nullopt;
    Awaited = stripToSuspension(Var->getInit());
    Declared = Var;
    if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Var))
      for (const BindingDecl *B : Decomposition->bindings())
        Bound.push_back(B);
    Bound.push_back(Var);
  } else if (const auto *Assign = dyn_cast<Expr>(&S)) {
    const Expr *Target = nullptr;
    const Expr *Value = nullptr;
    const Expr *Inner = ignoreImplicitWrappers(Assign);
    if (const auto *Op = dyn_cast<BinaryOperator>(Inner);
        Op && Op->getOpcode() == BO_Assign) {
      Target = Op->getLHS();
      Value = Op->getRHS();
    } else if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Inner);
               Call && Call->getOperator() == OO_Equal &&
               Call->getNumArgs() == 2) {
      Target = Call->getArg(0);
      Value = Call->getArg(1);
    }
    const auto *Ref =
        Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage())
      return std::nullopt;
    Bound.push_back(Var);
    Awaited = stripToSuspension(Value);
  }
  if (!Awaited)
    return std::nullopt;
  std::optional<AwaitBinding> Binding = describeAwait(*Awaited, S, Ctx);
  if (!Binding)
    return std::nullopt;
  Binding->Declared = Declared;
  Binding->Bound = std::move(Bound);
  return Binding;
}

/// True when \p Later must run after \p Earlier: it reads what the earlier
/// one binds, or one may modify what the other uses.
static bool dependsOn(const AwaitBinding &Later, const AwaitBinding &Earlier) {
  for (const ValueDecl *Bound : Earlier.Bound)
    if (Later.Uses.count(Bound->getCanonicalDecl()) ||
        llvm::is_contained(Later.Bound, Bound))
      return true;
  for (const Decl *Mutated : Earlier.Mutates)
    if (Later.Uses.count(Mutated))
      return true;
  for (const Decl *Mutated : Later.Mutates)
    if (Earlier.Uses.count(Mutated))
      return true;
  return false;
}

void SequentialAwaitCheck::checkBlock(const CompoundStmt &Block,
                                      const FunctionDecl &Coroutine,
                                      ASTContext &Ctx) {
  llvm::SmallVector<AwaitBinding, 4> Run;
  // What the statements between the awaits of the run mention or declare.
  llvm::SmallPtrSet<const Decl *, 16> Touched;
  bool PendingGap = false; // Statements since the last await of the run.
  bool HasGap = false;     // Statements between two awaits of the run.
  const Decl *ThisKey = Coroutine.getCanonicalDecl();
  auto Flush = [&] {
    if (Run.size() >= 2)
      reportRun(Run, /*AllowFix=*/!HasGap, Coroutine, Ctx);
    Run.clear();
    Touched.clear();
    PendingGap = HasGap = false;
  };
  for (const Stmt *S : Block.body()) {
    std::optional<AwaitBinding> Binding = getAwaitBinding(*S, Ctx);
    if (!Binding) {
      if (Run.empty())
        continue;
      if (!isNeutralStatement(*S, Run)) {
        Flush();
        continue;
      }
      collectTouched(*S, Touched, ThisKey);
      PendingGap = true;
      continue;
    }
    bool Dependent = llvm::any_of(Run, [&](const AwaitBinding &Earlier) {
      return dependsOn(*Binding, Earlier);
    });
    bool TouchedBetween = llvm::any_of(Binding->Uses, [&](const Decl *Used) {
      return Touched.contains(Used);
    });
    if (Dependent || TouchedBetween)
      Flush();
    HasGap |= PendingGap && !Run.empty();
    PendingGap = false;
    Run.push_back(std::move(*Binding));
  }
  Flush();
}

void SequentialAwaitCheck::checkExpression(const Stmt &S,
                                           const FunctionDecl &Coroutine,
                                           ASTContext &Ctx) {
  if (S.getBeginLoc().isMacroID())
    return;
  for (const Stmt *Root : fullExpressions(S)) {
    llvm::SmallVector<const Expr *, 4> Awaits;
    collectUnconditionalAwaits(Root, Awaits);
    if (Awaits.size() < 2)
      continue;
    llvm::SmallVector<AwaitBinding, 4> Operations;
    for (const Expr *Await : Awaits) {
      std::optional<AwaitBinding> Operation = describeAwait(*Await, S, Ctx);
      if (!Operation)
        return; // Another kind of await orders the expression: stay quiet.
      Operations.push_back(std::move(*Operation));
    }
    for (size_t I = 0; I < Operations.size(); ++I)
      for (size_t J = 0; J < I; ++J)
        if (dependsOn(Operations[I], Operations[J]) ||
            dependsOn(Operations[J], Operations[I]))
          return;
    reportRun(Operations, /*AllowFix=*/false, Coroutine, Ctx);
  }
}

void SequentialAwaitCheck::reportRun(llvm::ArrayRef<AwaitBinding> Run,
                                     bool AllowFix,
                                     const FunctionDecl &Coroutine,
                                     ASTContext &Ctx) {
  const AwaitBinding &Second = Run[1];
  SourceLocation Loc = Second.Await->getBeginLoc();
  if (!firstReportAt(Loc))
    return;
  llvm::SmallVector<std::string, 4> Operations;
  for (const AwaitBinding &Binding : Run)
    Operations.push_back("'" + calleeText(*Binding.Call, Ctx) + "'");
  std::string Listed =
      llvm::join(llvm::ArrayRef(Operations).drop_back(), ", ") + " and " +
      Operations.back();
  Combinator WhenAll = findWhenAll(Run, Ctx);
  {
    auto Diag = diag(Loc, "independent operations %0 are awaited one after "
                          "another; %1 would overlap them");
    Diag << Listed;
    switch (WhenAll.Kind) {
    case Combinator::Function:
      Diag << ("awaiting them together with '" + WhenAll.Name + "'");
      break;
    case Combinator::AsioOperators:
      Diag << "awaiting them together with 'operator&&' of "
              "asio::experimental::awaitable_operators";
      break;
    case Combinator::NoneInLibrary:
      Diag << WhenAll.Name;
      break;
    case Combinator::Unknown:
      Diag << "awaiting them together with a when_all-style combinator";
      break;
    }
    if (AllowFix && WhenAll.GivesValues)
      if (auto Fixes = makeFix(Run, WhenAll, Coroutine, Ctx))
        for (const FixItHint &Fix : *Fixes)
          Diag << Fix;
  }
  diag(Run.front().Await->getBeginLoc(), "the first operation is awaited here",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
