//===--- DiscardedTaskCheck.cpp - corolint --------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DiscardedTaskCheck.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

namespace {

/// How a value is thrown away.
enum class DiscardKind {
  NotDiscarded,
  Statement,
  Comma,
  VoidCast,
  Conditional, ///< A branch of `B ? f() : g();` whose value nobody reads.
  Ignored,     ///< Assigned to `std::ignore`.
};

bool isValueWrapper(const Stmt *S) {
  return S &&
         isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
             ImplicitCastExpr, ParenExpr, ConstantExpr>(S);
}

/// True when \p Child is a statement slot of \p Parent whose value nobody
/// reads: a statement in a block, a branch or loop body without braces, the
/// increment of a for loop, a labelled or case statement.
bool isStatementSlot(const Stmt &Parent, const Stmt *Child) {
  if (isa<CompoundStmt, SwitchCase, LabelStmt, AttributedStmt>(Parent))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(&Parent))
    return Child == If->getThen() || Child == If->getElse();
  if (const auto *While = dyn_cast<WhileStmt>(&Parent))
    return Child == While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&Parent))
    return Child == Do->getBody();
  if (const auto *For = dyn_cast<ForStmt>(&Parent))
    return Child == For->getBody() || Child == For->getInc();
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Parent))
    return Child == RangeFor->getBody();
  return false;
}

bool isCastToVoid(const Stmt &S) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(&S);
  return Cast && Cast->getTypeAsWritten()->isVoidType();
}

/// Decides whether the value of \p E is discarded, looking through the
/// implicit nodes around it.
DiscardKind getDiscardKind(const Expr &E, const BodyParents &Parents) {
  const Stmt *ChildStmt = &E;
  const Stmt *Parent = Parents.parent(E);
  while (isValueWrapper(Parent)) {
    ChildStmt = Parent;
    Parent = Parents.parent(*Parent);
  }
  if (!Parent)
    return DiscardKind::NotDiscarded;
  if (isStatementSlot(*Parent, ChildStmt))
    return DiscardKind::Statement;
  if (isCastToVoid(*Parent))
    return DiscardKind::VoidCast;
  if (isAssignedToStdIgnore(*Parent, *ChildStmt))
    return DiscardKind::Ignored;
  if (const auto *Comma = dyn_cast<BinaryOperator>(Parent);
      Comma && Comma->isCommaOp()) {
    if (Comma->getLHS()->IgnoreParens() == ChildStmt ||
        getDiscardKind(*Comma, Parents) != DiscardKind::NotDiscarded)
      return DiscardKind::Comma;
  }
  // A branch (not the condition) of a conditional whose value is dropped.
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(Parent);
      Conditional && ChildStmt != Conditional->getCond() &&
      getDiscardKind(*Conditional, Parents) != DiscardKind::NotDiscarded)
    return DiscardKind::Conditional;
  return DiscardKind::NotDiscarded;
}

/// Also in a template pattern, where the call of a lambda is left to the
/// instantiation.
bool isLambdaCall(const CallExpr &Call) {
  llvm::SmallVector<const FunctionDecl *, 4> Candidates =
      getCalleeCandidates(Call);
  const auto *Method = Candidates.size() == 1
                           ? dyn_cast<CXXMethodDecl>(Candidates.front())
                           : nullptr;
  return Method && Method->getParent()->isLambda();
}

std::string describeCallee(const CallExpr &Call) {
  if (isLambdaCall(Call))
    return "an immediately invoked coroutine lambda";
  if (std::optional<CalleeInfo> Callee = getCalleeInfo(Call);
      Callee && Callee->Object)
    return "'" + Callee->QualifiedName + "'";
  if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call.getCalleeDecl()))
    return ("'" + Callee->getQualifiedNameAsString() + "'");
  if (llvm::SmallVector<const FunctionDecl *, 4> Candidates =
          getCalleeCandidates(Call);
      !Candidates.empty())
    return ("'" + Candidates.front()->getQualifiedNameAsString() + "'");
  if (DeclarationName Written = getWrittenCalleeName(Call);
      Written.isIdentifier())
    return "'" + Written.getAsString() + "'";
  return "this call";
}

/// Where a note points at a call carrying a task: the method's name for a
/// method (`scheduleOn` in `f().scheduleOn(Ex)`), else the call.
SourceLocation carrierLocation(const CallExpr &Carrier) {
  const Expr *Callee = Carrier.getCallee()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(Callee))
    return Member->getMemberLoc();
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return Member->getMemberLoc();
  return Carrier.getBeginLoc();
}

} // namespace

DiscardedTaskCheck::DiscardedTaskCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      AllowCastToVoid(Options.get("AllowCastToVoid", false)),
      ExplainTaskTypes(checkedRegexList(
          "ExplainTaskTypes", Options.get("ExplainTaskTypes", "").str())),
      ExplainPatterns(compileRegexList(ExplainTaskTypes.empty()
                                           ? ToolOverrides::explainTaskTypes()
                                           : ExplainTaskTypes)),
      TaskTypes(Options), Tasks(TaskTypes), FlowOptions(Options),
      Flow(FlowOptions) {}

void DiscardedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "AllowCastToVoid", AllowCastToVoid);
  Options.store(Opts, "ExplainTaskTypes", ExplainTaskTypes);
  TaskTypes.store(Options, Opts);
  FlowOptions.store(Options, Opts);
}

void DiscardedTaskCheck::onStartOfTranslationUnit() {
  CoroutineCheck::onStartOfTranslationUnit();
  Tasks.reset();
  Explained.clear();
}

void DiscardedTaskCheck::registerMatchers(MatchFinder *Finder) {
  // Every function definition, lambdas and templates included, comes to
  // onFunctionDefinition() through the base.
  CoroutineCheck::registerMatchers(Finder);
  if (!ExplainPatterns.empty())
    Finder->addMatcher(functionDecl(unless(isImplicit())).bind("explain"),
                       this);
}

void DiscardedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  CoroutineCheck::check(Result);
  if (const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("explain"))
    explainReturnType(*Function, *Result.Context);
}

void DiscardedTaskCheck::onFunctionDefinition(const FunctionDecl &Function,
                                              ASTContext &Ctx) {
  const Stmt *Body = Function.getBody();
  if (!Body)
    return;
  // A task awaited where it is made is not discarded; the parent map that
  // tells the other uses apart is built only for them, and most functions
  // of a file make no task at all.
  llvm::SmallPtrSet<const Expr *, 8> Awaited;
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Awaited = getAwaitedOperands(*Coroutine);
  LazyBodyParents Parents(*Body);
  // Nested lambdas are walked as functions of their own.
  forEachStmtInFunction(Body, [&](const Stmt *S) {
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      checkCall(*Call, Function, Awaited, Parents, Ctx);
      checkVoidCallableArguments(*Call, Ctx);
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      checkVoidCallable(*Construct, Parents, Ctx);
    if (const auto *Declaration = dyn_cast<DeclStmt>(S))
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
            !Var->isImplicit() && Var->hasInit())
          checkUnusedLocalDeclaration(*Var, Function, Parents, Ctx);
  });
}

void DiscardedTaskCheck::checkCall(
    const CallExpr &Call, const FunctionDecl &Enclosing,
    const llvm::SmallPtrSetImpl<const Expr *> &Awaited,
    LazyBodyParents &Parents, ASTContext &Ctx) {
  // A call returning a reference hands out an existing task; it creates
  // none. In templates the callee's declared return type decides.
  if (Awaited.contains(&Call) || !Tasks.createsLazyTask(Call, Ctx) ||
      Tasks.createsGenerator(Call, Ctx))
    return;
  DiscardKind Kind = getDiscardKind(Call, Parents.get());
  if (Kind == DiscardKind::NotDiscarded) {
    checkCarriedTask(Call, Enclosing, Parents, Ctx);
    return;
  }
  if (Kind == DiscardKind::VoidCast && AllowCastToVoid)
    return;
  SourceLocation Loc = Call.getSourceRange().getBegin();
  if (!firstReportAt(Loc))
    return;

  // `co_await` is known to compile only in a coroutine of the same task
  // family (a generator, or another library's task, may not await it), and
  // only on a plain statement.
  bool CanAwait =
      Kind == DiscardKind::Statement && isCoroutine(&Enclosing) &&
      isSameTaskFamily(Enclosing.getReturnType(), getCallResultType(Call)) &&
      isAwaitableIn(getCallResultType(Call), Enclosing, Tasks, Ctx) &&
      !Loc.isMacroID();
  {
    auto Diag = diag(Loc, "lazy task returned by %0 is discarded; the "
                          "coroutine never runs")
                << describeCallee(Call) << Call.getSourceRange();
    if (CanAwait)
      Diag << FixItHint::CreateInsertion(Loc, "co_await ");
  }
  // `std::ignore = co_await f();` would run it: a rewrite of the
  // expression, left to a human as for the other discards.
  if (Kind == DiscardKind::Ignored)
    diag(Loc,
         "'std::ignore' drops the lazy task without running it: 'co_await' "
         "it inside a coroutine ('std::ignore = co_await ...' ignores its "
         "result), or hand it to an executor or scope that starts it",
         DiagnosticIDs::Note);
  else if (!CanAwait)
    diag(Loc,
         "a lazy task starts only when awaited: 'co_await' it inside a "
         "coroutine, or hand it to an executor or scope that starts it",
         DiagnosticIDs::Note);
}

void DiscardedTaskCheck::explainReturnType(const FunctionDecl &Function,
                                           ASTContext &Ctx) {
  QualType Returned = Function.getReturnType();
  // A reference hands out an existing object: no task is created.
  if (Returned->isReferenceType())
    return;
  const CXXRecordDecl *Record = getRecordOrPattern(Returned);
  if (!Record || Function.getLocation().isInvalid() ||
      !matchesAny(ExplainPatterns, Record->getQualifiedNameAsString()))
    return;
  // Once per type as written (`Task<T>` in a template is one type) in each
  // file: a header's remark may be filtered out, the main file's must not.
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Spelled =
      Returned.getCanonicalType().getAsString() + "@" +
      std::to_string(SM.getFileID(SM.getExpansionLoc(Function.getLocation()))
                         .getHashValue());
  if (!Explained.insert(Spelled).second)
    return;
  diag(Function.getLocation(), "%0 (explained because it matches %1)",
       DiagnosticIDs::Remark)
      << Tasks.explain(Returned, Ctx) << "ExplainTaskTypes";
}

bool DiscardedTaskCheck::carrierIsLazyTask(const TaskDestination &Destination,
                                           ASTContext &Ctx) {
  return llvm::any_of(Destination.Carriers, [&](const CallExpr *Carrier) {
    return Tasks.createsLazyTask(*Carrier, Ctx);
  });
}

void DiscardedTaskCheck::checkCarriedTask(const CallExpr &Call,
                                          const FunctionDecl &Enclosing,
                                          LazyBodyParents &Parents,
                                          ASTContext &Ctx) {
  TaskDestination Destination = Flow.destinationOf(Call, Parents.get());
  if (Destination.Carriers.empty() || carrierIsLazyTask(Destination, Ctx))
    return;
  if (Destination.Fate == TaskFate::Stored && Destination.Variable) {
    checkUnusedLocal(*Destination.Variable, Call, Enclosing, Parents, Ctx);
    return;
  }
  const CallExpr &Last = *Destination.Carriers.back();
  DiscardKind Kind = getDiscardKind(Last, Parents.get());
  if (Kind == DiscardKind::NotDiscarded ||
      (Kind == DiscardKind::VoidCast && AllowCastToVoid))
    return;
  SourceLocation Loc = Call.getSourceRange().getBegin();
  if (!firstReportAt(Loc))
    return;
  // No fix: whether the carrier's value may be awaited here (async_simple
  // deprecates awaiting a RescheduleLazy) or should be started is the
  // author's call.
  diag(Loc, "lazy task returned by %0 is discarded; the coroutine never runs")
      << describeCallee(Call) << Call.getSourceRange();
  diag(carrierLocation(Last),
       "the task is carried on by %0, whose result is dropped here without "
       "being awaited or started",
       DiagnosticIDs::Note)
      << describeCallee(Last);
}

void DiscardedTaskCheck::checkUnusedLocalDeclaration(
    const VarDecl &Var, const FunctionDecl &Enclosing, LazyBodyParents &Parents,
    ASTContext &Ctx) {
  const auto *Init = dyn_cast<CallExpr>(ignoreImplicitWrappers(Var.getInit()));
  // In a template pattern `auto T = make(X);` has a dependent type: the
  // call decides.
  QualType VarType = Var.getType().getNonReferenceType();
  bool VarIsTask = VarType->isDependentType()
                       ? VarType->getContainedAutoType() != nullptr
                       : Tasks.isLazyTask(VarType, Ctx);
  if (!Init || !VarIsTask || !Tasks.createsLazyTask(*Init, Ctx) ||
      Tasks.createsGenerator(*Init, Ctx))
    return;
  checkUnusedLocal(Var, *Init, Enclosing, Parents, Ctx);
}

void DiscardedTaskCheck::checkUnusedLocal(const VarDecl &Var,
                                          const CallExpr &Init,
                                          const FunctionDecl &Enclosing,
                                          LazyBodyParents &Parents,
                                          ASTContext &Ctx) {
  if (Var.isStaticLocal() || Var.getType()->isReferenceType())
    return;
  // A mention that only silences a warning (`(void)T;`, `std::ignore = T;`)
  // leaves the task where it was; one that hands it to carriers whose last
  // value is dropped (`std::move(T).via(Ex);`) loses it. Any other mention
  // (awaited, moved, passed, captured, even sizeof) means somebody
  // deliberately did something with the task.
  const CallExpr *DroppedCarrier = nullptr;
  auto Uses =
      match(findAll(declRefExpr(to(varDecl(equalsNode(&Var)))).bind("use")),
            *Enclosing.getBody(), Ctx);
  for (const BoundNodes &Use : Uses) {
    const auto &Ref = *Use.getNodeAs<DeclRefExpr>("use");
    if (getDiscardKind(Ref, Parents.get()) != DiscardKind::NotDiscarded)
      continue;
    TaskDestination Destination = Flow.destinationOf(Ref, Parents.get());
    if (Destination.Carriers.empty() || carrierIsLazyTask(Destination, Ctx) ||
        getDiscardKind(*Destination.Carriers.back(), Parents.get()) ==
            DiscardKind::NotDiscarded)
      return;
    DroppedCarrier = Destination.Carriers.back();
  }
  if (!firstReportAt(Var.getLocation()))
    return;
  diag(Var.getLocation(), "lazy task %0 is never awaited, started or passed "
                          "on; the coroutine never runs")
      << &Var;
  diag(Init.getSourceRange().getBegin(), "the task is created here by %0",
       DiagnosticIDs::Note)
      << describeCallee(Init);
  if (DroppedCarrier)
    diag(carrierLocation(*DroppedCarrier),
         "the task is carried on by %0, whose result is dropped here without "
         "being awaited or started",
         DiagnosticIDs::Note)
        << describeCallee(*DroppedCarrier);
}

} // namespace clang::tidy::coro
