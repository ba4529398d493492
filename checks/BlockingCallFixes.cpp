//===--- BlockingCallFixes.cpp - corolint ---------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallInternals.h"

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;
using namespace blocking_call;

/// The `std::ratio<N, D>` of a `std::chrono::duration<Rep, std::ratio<N, D>>`
/// type, and whether its Rep is a floating-point type.
struct DurationShape {
  llvm::APSInt Num, Den;
  bool Floating = false;
};
static std::optional<DurationShape> durationShape(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || getPortableQualifiedName(*Spec) != "std::chrono::duration" ||
      Spec->getTemplateArgs().size() != 2)
    return std::nullopt;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  const auto *Ratio = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Args[1].getAsType()->getAsCXXRecordDecl());
  if (!Ratio || Ratio->getTemplateArgs().size() < 2 ||
      Ratio->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      Ratio->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return DurationShape{Ratio->getTemplateArgs()[0].getAsIntegral(),
                       Ratio->getTemplateArgs()[1].getAsIntegral(),
                       Args[0].getAsType()->isFloatingType()};
}

/// True when a value of type \p From converts implicitly to \p To, as far
/// as the fix needs to know: the same type, a template parameter, or a
/// std::chrono::duration conversion that loses nothing (seconds to
/// milliseconds, not microseconds or 1.5s to milliseconds).
static bool convertsImplicitly(QualType From, QualType To,
                               const ASTContext &Ctx) {
  To = To.getNonReferenceType().getUnqualifiedType();
  From = From.getNonReferenceType().getUnqualifiedType();
  if (To->isDependentType() || Ctx.hasSameType(From, To))
    return true;
  std::optional<DurationShape> Source = durationShape(From);
  std::optional<DurationShape> Target = durationShape(To);
  if (!Source || !Target)
    return false;
  if (Target->Floating)
    return true;
  if (Source->Floating)
    return false;
  // Period(From) / Period(To) must be a whole number.
  llvm::APSInt Numerator = Source->Num.extend(128) * Target->Den.extend(128);
  llvm::APSInt Denominator = Source->Den.extend(128) * Target->Num.extend(128);
  return Denominator != 0 && (Numerator % Denominator) == 0;
}

/// True when the call's arguments convert to the parameters of the
/// replacement, so that the fixed code compiles.
static bool argumentsFit(const CallExpr &Call, const FunctionDecl &Replacement,
                         const ASTContext &Ctx) {
  if (Call.getNumArgs() > Replacement.getNumParams() ||
      Call.getNumArgs() < Replacement.getMinRequiredArguments())
    return false;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (!convertsImplicitly(Call.getArg(I)->IgnoreImplicit()->getType(),
                            Replacement.getParamDecl(I)->getType(), Ctx))
      return false;
  return true;
}

/// True when \p Replacement names \p Coroutine itself (or the template it
/// comes from): an async sleep that falls back to a blocking sleep must not
/// be rewritten to call itself.
static bool isSelf(const FunctionDecl &Coroutine, llvm::StringRef Replacement) {
  Replacement.consume_front("co_await");
  Replacement = Replacement.trim();
  Replacement.consume_front("::");
  return getPortableQualifiedName(Coroutine) == Replacement;
}

std::optional<FixItHint> BlockingCallCheck::asyncReplacement(
    const CallExpr &Call, const FunctionDecl &Coroutine, ASTContext &Ctx) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const Expr *CalleeExpr = Call.getCallee()->IgnoreImplicit();
  if (!Callee || isa<CXXMemberCallExpr>(Call) ||
      CalleeExpr->getSourceRange().getBegin().isMacroID())
    return std::nullopt;
  // Only a whole statement: the awaited value then goes unused, as the
  // blocking call's did.
  const Stmt *Body = Coroutine.getBody();
  if (!Body)
    return std::nullopt;
  // The coroutine being checked: its parents are shared (FunctionIndex.h),
  // and valid only while it is.
  LazyBodyParents Parents(*Body);
  const Stmt *Parent = Parents.get().parent(Call);
  while (isa_and_nonnull<ExprWithCleanups>(Parent))
    Parent = Parents.get().parent(*Parent);
  if (!isa_and_nonnull<CompoundStmt>(Parent))
    return std::nullopt;

  std::string Name = getPortableQualifiedName(*Callee);
  // Only where the fixed code compiles: one overload of the replacement is
  // declared here and takes the arguments as they are (a `1.5s` or a
  // microseconds argument does not become milliseconds).
  auto FittingOverload =
      [&](llvm::ArrayRef<const NamedDecl *> Overloads) -> const FunctionDecl * {
    for (const NamedDecl *Overload : Overloads) {
      const FunctionDecl *Function = Overload->getAsFunction();
      if (Function && argumentsFit(Call, *Function, Ctx))
        return Function;
    }
    return nullptr;
  };
  std::string Replacement;
  if (auto Configured = Replacements.find(Name);
      Configured != Replacements.end()) {
    Replacement = Configured->second;
    llvm::StringRef Function = Replacement;
    Function.consume_front("co_await");
    Function = Function.trim();
    Function.consume_front("::");
    if (!FittingOverload(findFunctionsByQualifiedName(Ctx, Function)))
      return std::nullopt;
  } else if (Name == "std::this_thread::sleep_for") {
    // An async sleep beside the coroutine's own task type, returning an
    // awaitable: `lib::sleep_for(d)` for a `lib::Task` coroutine.
    const DeclContext *Library = getTaskNamespace(Coroutine.getReturnType());
    const FunctionDecl *SleepFn = nullptr;
    for (llvm::StringRef SleepName : {"sleep_for", "sleep"}) {
      SleepFn = FittingOverload(findFunctionsInNamespace(Library, SleepName));
      if (SleepFn)
        break;
    }
    if (!SleepFn ||
        (!isAwaitableType(SleepFn->getReturnType()) &&
         Tasks.classify(SleepFn->getReturnType(), Ctx) == TaskKind::Unknown))
      return std::nullopt;
    Replacement = "co_await " + getPortableQualifiedName(*SleepFn);
  } else {
    return std::nullopt;
  }
  if (isSelf(Coroutine, Replacement))
    return std::nullopt;
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(CalleeExpr->getSourceRange()),
      Replacement);
}

} // namespace clang::tidy::coro
