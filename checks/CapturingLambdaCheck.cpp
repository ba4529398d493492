//===--- CapturingLambdaCheck.cpp - corolint ------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CapturingLambdaCheck.h"
#include "LLVMCompat.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::coro {

namespace {

/// Functions that take a coroutine lambda and keep it alive as long as its
/// task (in their own coroutine frame).
constexpr llvm::StringLiteral DefaultCoInvokeFunctions =
    "folly::coro::co_invoke;coro::invoke;seastar::coroutine::lambda";

/// Functions that run a callable once and destroy it as soon as it has
/// returned: seastar's continuations and the sharded service's calls on
/// each shard, which run a copy of the function there.
constexpr llvm::StringLiteral DefaultContinuationFunctions =
    "seastar::future::then;seastar::future::then_wrapped;"
    "seastar::sharded::invoke_on_all;seastar::sharded::invoke_on;"
    "seastar::sharded::invoke_on_others;seastar::sharded::map_reduce;"
    "seastar::sharded::map_reduce0;seastar::sharded::map";

const LambdaExpr *asLambda(const Expr *E) {
  return E ? dyn_cast<LambdaExpr>(ignoreImplicitWrappers(E)) : nullptr;
}

/// The first place the body reads a capture of \p Lambda, with the
/// capture's name: a captured variable, or `this`.
struct CaptureUse {
  SourceLocation Where;
  std::string Name;
};

std::optional<CaptureUse> firstCaptureUse(const LambdaExpr &Lambda,
                                          const Stmt &Body,
                                          const SourceManager &SM) {
  std::optional<CaptureUse> First;
  auto Consider = [&](SourceLocation Where, std::string Name) {
    if (!First || SM.isBeforeInTranslationUnit(Where, First->Where))
      First = CaptureUse{Where, std::move(Name)};
  };
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (Capture.capturesVariable()) {
      const ValueDecl *Var = Capture.getCapturedVar();
      if (const DeclRefExpr *Use = findFirstUse(*Var, Body))
        Consider(Use->getLocation(), "'" + Var->getNameAsString() + "'");
    } else if (Capture.capturesThis()) {
      struct ThisFinder : RecursiveASTVisitor<ThisFinder> {
        const CXXThisExpr *Found = nullptr;
        bool VisitCXXThisExpr(CXXThisExpr *This) {
          Found = This;
          return false;
        }
      } Finder;
      Finder.TraverseStmt(const_cast<Stmt *>(&Body));
      if (Finder.Found)
        Consider(Finder.Found->getBeginLoc(), "'this'");
    }
  }
  return First;
}

} // namespace

namespace capturing_lambda {

bool copiesItselfIntoFrame(const FunctionDecl &CallOperator) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&CallOperator);
  return Method && corolint::compat::isExplicitObjectMember(*Method) &&
         !Method->getParamDecl(0)->getType()->isReferenceType();
}

const VarDecl *localLambdaVariable(const Expr *E, const FunctionDecl &Function,
                                   const LambdaExpr *&Lambda) {
  const auto *Ref =
      E ? dyn_cast<DeclRefExpr>(ignoreImplicitWrappers(E)) : nullptr;
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
      Var->getDeclContext() != &Function || !Var->getInit())
    return nullptr;
  Lambda = asLambda(Var->getInit());
  return Lambda ? Var : nullptr;
}

} // namespace capturing_lambda

using namespace capturing_lambda;

CapturingLambdaCheck::CapturingLambdaCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      CoInvokeFunctions(checkedRegexList(
          "CoInvokeFunctions",
          Options.get("CoInvokeFunctions", DefaultCoInvokeFunctions).str())),
      CoInvokePatterns(compileRegexList(CoInvokeFunctions)),
      ContinuationFunctions(checkedRegexList(
          "ContinuationFunctions",
          Options.get("ContinuationFunctions", DefaultContinuationFunctions)
              .str())),
      ContinuationPatterns(compileRegexList(ContinuationFunctions)),
      TaskTypes(Options), Tasks(TaskTypes), FlowOptions(Options),
      Flow(FlowOptions) {}

void CapturingLambdaCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "CoInvokeFunctions", CoInvokeFunctions);
  Options.store(Opts, "ContinuationFunctions", ContinuationFunctions);
  TaskTypes.store(Options, Opts);
  FlowOptions.store(Options, Opts);
}

void CapturingLambdaCheck::onStartOfTranslationUnit() {
  CoroutineCheck::onStartOfTranslationUnit();
  Tasks.reset();
  HelperContinuations.clear();
}

void CapturingLambdaCheck::onFunctionDefinition(const FunctionDecl &Function,
                                                ASTContext &Ctx) {
  if (const Stmt *Body = Function.getBody())
    forEachCallInFunction(*Body,
                          [&](const CallExpr &Call, LazyBodyParents &Parents) {
                            checkCall(Call, Function, Parents, Ctx);
                          });
}

void CapturingLambdaCheck::checkCall(const CallExpr &Call,
                                     const FunctionDecl &Enclosing,
                                     LazyBodyParents &Parents,
                                     ASTContext &Ctx) {
  checkContinuationCall(Call, Ctx);
  // In a template pattern, `[v]() -> Task<T> {...}()` is a call not
  // resolved yet: its callee is the lambda itself, or the local holding it.
  // `L()` on a local lambda, too.
  const LambdaExpr *Lambda = asLambda(Call.getCallee());
  const VarDecl *Local = nullptr;
  if (!Lambda && !Call.getDirectCallee())
    Local = localLambdaVariable(Call.getCallee(), Enclosing, Lambda);
  if (Lambda) {
    checkLambda(*Lambda, *Lambda->getCallOperator(), Local,
                Flow.destinationOf(Call, Parents.get()), Enclosing, Ctx);
    return;
  }
  if (!Tasks.createsLazyTask(Call, Ctx))
    return;
  // `[x]() -> Task<> {...}()`, or `L()` on a local lambda.
  if (const auto *Invoke = dyn_cast<CXXOperatorCallExpr>(&Call);
      Invoke && Invoke->getOperator() == OO_Call && Invoke->getNumArgs() > 0) {
    const FunctionDecl *CallOperator = Invoke->getDirectCallee();
    if (!CallOperator)
      return;
    const LambdaExpr *Lambda = asLambda(Invoke->getArg(0));
    const VarDecl *Local = nullptr;
    if (!Lambda)
      Local = localLambdaVariable(Invoke->getArg(0), Enclosing, Lambda);
    if (Lambda)
      checkLambda(*Lambda, *CallOperator, Local,
                  Flow.destinationOf(Call, Parents.get()), Enclosing, Ctx);
    return;
  }
  // `std::invoke([x]() -> Task<> {...})`: a function that calls the lambda
  // and returns its task, keeping nothing (it is no coroutine), unless it is
  // a co_invoke-style wrapper.
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
  if (!Definition || isCoroutine(Definition) ||
      matchesAny(CoInvokePatterns, getPortableQualifiedName(*Callee)))
    return;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    const LambdaExpr *Lambda = asLambda(Call.getArg(I));
    if (!Lambda || Lambda->getCallOperator()->isTemplated() ||
        !returnsCallOfParameter(*Definition, I))
      continue;
    checkLambda(*Lambda, *Lambda->getCallOperator(), nullptr,
                Flow.destinationOf(Call, Parents.get()), Enclosing, Ctx);
  }
}

void CapturingLambdaCheck::checkLambda(const LambdaExpr &Lambda,
                                       const FunctionDecl &CallOperator,
                                       const VarDecl *Local,
                                       const TaskDestination &Destination,
                                       const FunctionDecl &Enclosing,
                                       ASTContext &Ctx) {
  // A local lambda outlives a stored or passed-on task as far as this
  // function can tell; returning the task is sure to end it first.
  bool Outlives = Local ? Destination.Fate == TaskFate::Returned
                        : outlivesFullExpression(Destination);
  const CoroutineBodyStmt *Body = getCoroutineBody(&CallOperator);
  if (!Outlives || Lambda.capture_size() == 0 || !Body ||
      copiesItselfIntoFrame(CallOperator) ||
      !Tasks.isLazyTask(CallOperator.getReturnType(), Ctx))
    return;
  std::optional<CaptureUse> Use =
      firstCaptureUse(Lambda, *Body->getBody(), Ctx.getSourceManager());
  if (!Use)
    return;
  SourceLocation Loc = Lambda.getBeginLoc();
  if (Loc.isMacroID() || !firstReportAt(Loc))
    return;
  if (Local)
    diag(Loc, "coroutine lambda %0 is destroyed when %1 returns, but the "
              "lazy task it returns reads capture %2 later")
        << Local << &Enclosing << Use->Name << Lambda.getIntroducerRange();
  else
    diag(Loc, "coroutine lambda is a temporary destroyed at the end of the "
              "full-expression, but its lazy task %select{is stored|is "
              "returned|is passed on|is started}0 and reads capture %1 later")
        << escapeKind(Destination) << Use->Name << Lambda.getIntroducerRange();
  diag(Use->Where,
       "the coroutine reads the capture here, through the lambda object",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
