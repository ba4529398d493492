//===--- AwaitInLoopCheck.cpp - corolint ----------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AwaitInLoopCheck.h"

namespace clang::tidy::coro {

namespace {

/// The range combinator of each task library, by the namespace of its task
/// type: it takes a range of tasks and awaits them together.
struct RangeCombinator {
  llvm::StringLiteral TaskNamespace;
  llvm::StringLiteral Combinator;
};
constexpr RangeCombinator KnownRangeCombinators[] = {
    {"folly::coro", "folly::coro::collectAllRange"},
    {"cppcoro", "cppcoro::when_all"},
    {"coro", "coro::when_all"},
    {"async_simple", "async_simple::coro::collectAll"},
    {"unifex", "unifex::when_all_range"},
    {"boost::cobalt", "boost::cobalt::join"},
};

bool refersTo(const Expr *E, const ValueDecl &Var) {
  const auto *Ref =
      E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  return Ref && Ref->getDecl() == &Var;
}

/// True when \p Body writes \p Var: assigns it, increments it, or calls a
/// non-const method on it.
bool isModifiedIn(const ValueDecl &Var, const Stmt &Body) {
  bool Modified = false;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    if (const auto *Op = dyn_cast<BinaryOperator>(S))
      Modified |= Op->isAssignmentOp() && refersTo(Op->getLHS(), Var);
    else if (const auto *Unary = dyn_cast<UnaryOperator>(S))
      Modified |=
          Unary->isIncrementDecrementOp() && refersTo(Unary->getSubExpr(), Var);
    else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S))
      Modified |= Operator->isAssignmentOp() && Operator->getNumArgs() > 0 &&
                  refersTo(Operator->getArg(0), Var);
    else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S))
      Modified |= refersTo(Member->getImplicitObjectArgument(), Var) &&
                  Member->getMethodDecl() &&
                  !Member->getMethodDecl()->isConst();
  });
  return Modified;
}

/// True when \p Body may leave the loop early or skip to the next
/// iteration: what an iteration does then depends on a result.
bool mayExitEarly(const Stmt &Body) {
  bool Exits = false;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    Exits |= isa<BreakStmt, ContinueStmt, ReturnStmt, CoreturnStmt, GotoStmt,
                 CXXThrowExpr>(S);
  });
  return Exits;
}

const Stmt *skipValueWrappers(const Stmt *S, const BodyParents &Parents) {
  const Stmt *Parent = Parents.parent(*S);
  auto IsCopy = [](const Stmt *S) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(S);
    return Construct && Construct->getNumArgs() == 1 &&
           Construct->getConstructor()->isCopyOrMoveConstructor();
  };
  while (Parent &&
         (isa<ExprWithCleanups, ImplicitCastExpr, ParenExpr,
              MaterializeTemporaryExpr, CXXBindTemporaryExpr>(Parent) ||
          IsCopy(Parent)))
    Parent = Parents.parent(*Parent);
  return Parent;
}

/// `Results[I]`, on an array or a container.
bool isElement(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<ArraySubscriptExpr>(E))
    return true;
  const auto *Index = dyn_cast<CXXOperatorCallExpr>(E);
  return Index && Index->getOperator() == OO_Subscript;
}

/// True when \p Parent puts the value \p Child into a collection: an
/// argument of `Results.push_back(...)`, the right side of
/// `Results[I] = ...` or `Total += ...`.
bool collects(const Stmt &Parent, const Stmt &Child) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Parent)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    return Method && Method->getDeclName().isIdentifier() &&
           isCollectingMethodName(Method->getName());
  }
  if (const auto *Op = dyn_cast<BinaryOperator>(&Parent))
    return (Op->isCompoundAssignmentOp() ||
            (Op->getOpcode() == BO_Assign && isElement(Op->getLHS()))) &&
           Op->getRHS()->IgnoreParenImpCasts() ==
               cast<Expr>(Child).IgnoreParenImpCasts();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Parent)) {
    if (Operator->getNumArgs() != 2)
      return false;
    if (Operator->getOperator() == OO_Equal)
      return isElement(Operator->getArg(0));
    return Operator->isAssignmentOp();
  }
  return false;
}

/// True for a function (template) whose one parameter is a standard
/// container or span: `when_all(std::vector<Task<T>>)`.
bool takesOneContainer(const NamedDecl &Candidate) {
  const FunctionDecl *Function = Candidate.getAsFunction();
  if (!Function || Function->getNumParams() != 1 ||
      Function->getParamDecl(0)->isParameterPack())
    return false;
  const CXXRecordDecl *Record = getRecordOrPattern(
      Function->getParamDecl(0)->getType().getNonReferenceType());
  if (!Record || !Record->isInStdNamespace() ||
      !Record->getDeclName().isIdentifier())
    return false;
  return llvm::is_contained(
      llvm::ArrayRef<llvm::StringRef>{"vector", "deque", "list", "span"},
      Record->getName());
}

} // namespace

AwaitInLoopCheck::AwaitInLoopCheck(StringRef Name, ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      RangeWhenAllFunction(Options.get("RangeWhenAllFunction", "").str()),
      TaskTypes(Options), Tasks(TaskTypes) {}

void AwaitInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "RangeWhenAllFunction", RangeWhenAllFunction);
  TaskTypes.store(Options, Opts);
}

void AwaitInLoopCheck::onStartOfTranslationUnit() {
  CoroutineCheck::onStartOfTranslationUnit();
  Tasks.reset();
}

std::string AwaitInLoopCheck::findRangeWhenAll(QualType Task,
                                               const ASTContext &Ctx) const {
  if (!RangeWhenAllFunction.empty())
    return RangeWhenAllFunction;
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(getTaskNamespace(Task));
  std::string NamespaceName = NS ? getPortableQualifiedName(*NS) : "";
  for (const RangeCombinator &Known : KnownRangeCombinators)
    if (isInNamespace(NamespaceName, Known.TaskNamespace) &&
        findFunctionByQualifiedName(Ctx, Known.Combinator))
      return Known.Combinator.str();
  // A project's own library: a combinator beside the task type that takes
  // one container of tasks.
  for (llvm::StringRef Name : {"when_all", "collectAllRange", "when_all_range"})
    for (const NamedDecl *Candidate :
         findFunctionsInNamespace(getTaskNamespace(Task), Name))
      if (takesOneContainer(*Candidate))
        return getPortableQualifiedName(*Candidate);
  return "";
}

void AwaitInLoopCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                      const CoroutineBodyStmt &Body,
                                      ASTContext &Ctx) {
  forEachStmtInFunction(Body.getBody(), [&](const Stmt *S) {
    if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(S)) {
      if (const VarDecl *Var = RangeFor->getLoopVariable())
        checkLoop(*RangeFor, *Var, *RangeFor->getBody(), Body, Ctx);
      return;
    }
    // `for (int I = 0; I < N; ++I)`: the one variable its init declares.
    const auto *For = dyn_cast<ForStmt>(S);
    const auto *Init =
        For ? dyn_cast_or_null<DeclStmt>(For->getInit()) : nullptr;
    if (Init && Init->isSingleDecl())
      if (const auto *Var = dyn_cast<VarDecl>(Init->getSingleDecl()))
        checkLoop(*For, *Var, *For->getBody(), Body, Ctx);
  });
}

void AwaitInLoopCheck::checkLoop(const Stmt &Loop, const VarDecl &LoopVar,
                                 const Stmt &LoopBody,
                                 const CoroutineBodyStmt &Body,
                                 ASTContext &Ctx) {
  llvm::SmallVector<const Stmt *, 2> Statements;
  if (const auto *Block = dyn_cast<CompoundStmt>(&LoopBody))
    Statements.append(Block->body_begin(), Block->body_end());
  else
    Statements.push_back(&LoopBody);
  if (Statements.empty() || Statements.size() > 2 || mayExitEarly(LoopBody))
    return;
  // One suspension in the iteration: the await of a lazy task that a free
  // function builds from the loop variable (a method may share its object's
  // state between calls).
  llvm::SmallVector<const Expr *, 2> Suspensions;
  forEachStmtInFunction(&LoopBody, [&](const Stmt *S) {
    if (isExplicitSuspension(S))
      Suspensions.push_back(cast<Expr>(S));
  });
  if (Suspensions.size() != 1 || !isa<CoawaitExpr>(Suspensions.front()))
    return;
  const Expr *Await = Suspensions.front();
  const auto *Call = dyn_cast_or_null<CallExpr>(getSuspensionOperand(*Await));
  if (!Call || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) ||
      !Call->getDirectCallee() || !Tasks.createsLazyTask(*Call, Ctx) ||
      !findFirstUse(LoopVar, *Call))
    return;
  // An argument the callee may change (a connection, a cursor passed by
  // reference or pointer) is state the iterations share, in order.
  bool SharesState = false;
  forEachArgumentAndParameter(*Call, *Call->getDirectCallee(),
                              [&](const Expr &, const ParmVarDecl &Parameter) {
                                SharesState |=
                                    passesMutableAccess(Parameter.getType());
                              });
  if (SharesState)
    return;
  // Iterations are independent: nothing the call reads is written by the
  // loop body (an accumulator, a cursor).
  bool Dependent = false;
  forEachStmtInFunction(Call, [&](const Stmt *S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Ref->getDecl() != &LoopVar)
      Dependent |= isModifiedIn(*Ref->getDecl(), LoopBody);
  });
  if (Dependent)
    return;
  // The result is collected: directly, or through one local that the
  // second statement collects and nothing else reads.
  BodyParents Parents(LoopBody);
  const Stmt *Parent = skipValueWrappers(Await, Parents);
  bool Collected = false;
  if (Parent && collects(*Parent, *Await) && Statements.size() == 1) {
    Collected = true;
  } else if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Parent);
             Declaration && Declaration->isSingleDecl() &&
             Statements.size() == 2 && Statements.front() == Declaration) {
    const auto *Result = dyn_cast<VarDecl>(Declaration->getSingleDecl());
    const DeclRefExpr *Use =
        Result ? findFirstUse(*Result, *Statements.back()) : nullptr;
    const Stmt *UseParent = Use ? skipValueWrappers(Use, Parents) : nullptr;
    // std::move(R) is the same value.
    const FunctionDecl *Moves = nullptr;
    if (const auto *Move = dyn_cast_or_null<CallExpr>(UseParent))
      Moves = Move->getDirectCallee();
    if (Moves && Moves->isInStdNamespace() &&
        Moves->getDeclName().isIdentifier() && Moves->getName() == "move")
      UseParent = skipValueWrappers(UseParent, Parents);
    Collected = UseParent && collects(*UseParent, *Use);
  }
  if (!Collected)
    return;
  std::string Combinator = findRangeWhenAll(getCallResultType(*Call), Ctx);
  SourceLocation Loc = Await->getBeginLoc();
  if (Combinator.empty() || Loc.isMacroID() || !firstReportAt(Loc))
    return;
  diag(Loc, "each iteration awaits %0 before the next one starts, although "
            "the iterations do not depend on each other; collect the tasks "
            "and await them together with '%1'")
      << Call->getDirectCallee() << Combinator << Await->getSourceRange();
  diag(Loop.getBeginLoc(), "in this loop", DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
