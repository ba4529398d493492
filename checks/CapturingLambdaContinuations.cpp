//===--- CapturingLambdaContinuations.cpp - corolint ----------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Coroutine lambdas handed to a continuation: a function that runs the
// lambda once and destroys it as soon as it has returned its task
// (seastar's `future::then`, `sharded::invoke_on_all`). An eager coroutine
// has then run only up to its first suspension; what it reads of its
// captures after that, it reads through the destroyed closure.
//
//===----------------------------------------------------------------------===//

#include "CapturingLambdaCheck.h"

namespace clang::tidy::coro {

using namespace capturing_lambda;

namespace {

/// How deep a helper that hands its callable on is followed.
constexpr unsigned MaxHelperDepth = 3;

/// The qualified name of the class of a member call's object, also when a
/// template pattern leaves it dependent (`sharded<T>` names `sharded`).
std::string objectClassName(QualType Object, bool Arrow) {
  if (Arrow && !Object.isNull() && Object->isPointerType())
    Object = Object->getPointeeType();
  const CXXRecordDecl *Record =
      Object.isNull() ? nullptr : getRecordOrPattern(Object);
  return Record ? getPortableQualifiedName(*Record) : "";
}

/// The name a call's callee is matched by: its qualified name, or in a
/// template pattern the class and member the call names.
std::string calleeNameOf(const CallExpr &Call) {
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    return getPortableQualifiedName(*Callee);
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
    if (Member->isImplicitAccess() || !Member->getMember().isIdentifier())
      return "";
    std::string Class =
        objectClassName(Member->getBaseType(), Member->isArrow());
    return Class.empty() ? ""
                         : Class + "::" + Member->getMember().getAsString();
  }
  if (const auto *Member = dyn_cast<UnresolvedMemberExpr>(Callee))
    if (const CXXRecordDecl *Class = Member->getNamingClass())
      return getPortableQualifiedName(*Class) +
             "::" + Member->getMemberName().getAsString();
  return "";
}

/// The arguments of \p Call as written, without a member call's object.
llvm::ArrayRef<const Expr *> writtenArguments(const CallExpr &Call) {
  llvm::ArrayRef<const Expr *> Args(Call.getArgs(), Call.getNumArgs());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && isa_and_nonnull<CXXMethodDecl>(Call.getDirectCallee()))
    return Args.drop_front();
  return Args;
}

/// True when \p Arg is \p Param, or a lambda holding a copy of it
/// (`[f = std::move(f)] { return f(); }`, `[f] {...}`).
bool handsOnParameter(const Expr *Arg, const ParmVarDecl &Param) {
  Arg = ignoreStdMove(Arg);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Arg))
    return Ref->getDecl() == &Param;
  const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Arg);
  if (!Lambda)
    return false;
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable())
      continue;
    const ValueDecl *Captured = Capture.getCapturedVar();
    if (Captured == &Param && Capture.getCaptureKind() == LCK_ByCopy)
      return true;
    const auto *Init = dyn_cast<VarDecl>(Captured);
    const auto *InitRef =
        Init && Init->isInitCapture()
            ? dyn_cast_or_null<DeclRefExpr>(ignoreStdMove(Init->getInit()))
            : nullptr;
    if (InitRef && InitRef->getDecl() == &Param)
      return true;
  }
  return false;
}

} // namespace

const CallExpr *
CapturingLambdaCheck::continuationCallIn(const FunctionDecl &Helper,
                                         unsigned ParamIndex, unsigned Depth,
                                         ASTContext &Ctx) {
  const FunctionDecl *Definition = Helper.getDefinition();
  if (!Definition || Depth >= MaxHelperDepth ||
      ParamIndex >= Definition->getNumParams() ||
      Ctx.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return nullptr;
  auto Key = std::make_pair(Definition, ParamIndex);
  if (auto Known = HelperContinuations.find(Key);
      Known != HelperContinuations.end())
    return Known->second;
  HelperContinuations[Key] = nullptr; // Recursion: nothing new there.
  const ParmVarDecl &Param = *Definition->getParamDecl(ParamIndex);
  const CallExpr *Found = nullptr;
  forEachStmtInFunction(Definition->getBody(), [&](const Stmt *S) {
    const auto *Call = dyn_cast<CallExpr>(S);
    if (Found || !Call)
      return;
    llvm::ArrayRef<const Expr *> Args = writtenArguments(*Call);
    for (unsigned I = 0; I < Args.size() && !Found; ++I)
      if (handsOnParameter(Args[I], Param) &&
          isContinuation(*Call, I, Depth + 1, Ctx))
        Found = Call;
  });
  HelperContinuations[Key] = Found;
  return Found;
}

bool CapturingLambdaCheck::isContinuation(const CallExpr &Call,
                                          unsigned ArgIndex, unsigned Depth,
                                          ASTContext &Ctx) {
  std::string Name = calleeNameOf(Call);
  if (!Name.empty() && matchesAny(ContinuationPatterns, Name))
    return true;
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && continuationCallIn(*Callee, ArgIndex, Depth, Ctx);
}

void CapturingLambdaCheck::checkContinuationCall(const CallExpr &Call,
                                                 ASTContext &Ctx) {
  llvm::ArrayRef<const Expr *> Args = writtenArguments(Call);
  for (unsigned I = 0; I < Args.size(); ++I) {
    // A temporary, or a local lambda copied or moved into the call. What
    // the lambda is decides first: most calls take no coroutine lambda.
    const LambdaExpr *Lambda = lambdaOf(Args[I]);
    if (Lambda && Lambda->capture_size() > 0 &&
        isCoroutine(Lambda->getCallOperator()) &&
        isContinuation(Call, I, /*Depth=*/0, Ctx))
      checkContinuationLambda(*Lambda, Call, I, Ctx);
  }
}

void CapturingLambdaCheck::checkContinuationLambda(const LambdaExpr &Lambda,
                                                   const CallExpr &Call,
                                                   unsigned ArgIndex,
                                                   ASTContext &Ctx) {
  const FunctionDecl &CallOperator = *Lambda.getCallOperator();
  const CoroutineBodyStmt *Body = getCoroutineBody(&CallOperator);
  if (!Body || copiesItselfIntoFrame(CallOperator))
    return;
  TaskKind Kind = Tasks.classify(CallOperator.getReturnType(), Ctx);
  if (Kind == TaskKind::Unknown)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<CaptureRead> Read;
  const Expr *Suspension = nullptr;
  if (Kind == TaskKind::Lazy) {
    // A lazy task has not run at all when the lambda is destroyed.
    Read = firstCaptureRead(
        Lambda, *Body->getBody(), [](const Stmt &) { return true; }, SM);
  } else {
    CodeAfterSuspension After(CallOperator, *Body, Ctx);
    if (!After.known())
      return; // Unsure which reads come after a suspension: quiet.
    Read = firstCaptureRead(
        Lambda, *Body->getBody(),
        [&](const Stmt &S) { return After.contains(&S); }, SM);
    Suspension = After.firstSuspension();
  }
  SourceLocation Loc = Lambda.getBeginLoc();
  if (!Read || Loc.isMacroID() || !firstReportAt(Loc, "continuation"))
    return;
  std::string Callee = calleeNameOf(Call);
  diag(Loc, "coroutine lambda handed to '%0' is destroyed once it has "
            "returned, but %select{its lazy task reads capture %2 later|its "
            "coroutine reads capture %2 after it suspends}1")
      << Callee << (Kind == TaskKind::Eager) << Read->Name
      << Lambda.getIntroducerRange();
  if (const FunctionDecl *Helper = Call.getDirectCallee();
      Helper && !matchesAny(ContinuationPatterns, Callee))
    if (const CallExpr *Inner = continuationCallIn(*Helper, ArgIndex, 0, Ctx))
      diag(Inner->getBeginLoc(),
           "'%0' hands the lambda to '%1', which destroys it once it has "
           "returned",
           DiagnosticIDs::Note)
          << Callee << calleeNameOf(*Inner);
  if (Suspension)
    diag(Suspension->getBeginLoc(), "the coroutine may first suspend here",
         DiagnosticIDs::Note);
  diag(Read->Where,
       "the coroutine reads the capture here, through the lambda object",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
