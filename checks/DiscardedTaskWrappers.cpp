//===--- DiscardedTaskWrappers.cpp - corolint -----------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Coroutine lambdas made into callables whose signature returns void
// (`std::function<void(T)>`, `folly::Function<void()>`): whoever calls them
// gets no task back, so every task the lambda returns is dropped there.
//
//===----------------------------------------------------------------------===//

#include "DiscardedTaskCheck.h"

namespace clang::tidy::coro {

namespace {

/// The result type of the signature a callable wrapper is instantiated
/// with: the function type among its class template's arguments
/// (`std::function<void(int)>`, `std::move_only_function<void() const>`).
std::optional<QualType> signatureResult(const CXXRecordDecl &Wrapper) {
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(&Wrapper);
  if (!Specialization)
    return std::nullopt;
  for (const TemplateArgument &Argument :
       Specialization->getTemplateArgs().asArray())
    if (Argument.getKind() == TemplateArgument::Type)
      if (const auto *Signature =
              Argument.getAsType()->getAs<FunctionProtoType>())
        return Signature->getReturnType();
  return std::nullopt;
}

bool returnsVoid(const CXXRecordDecl &Wrapper) {
  std::optional<QualType> Result = signatureResult(Wrapper);
  return Result && (*Result)->isVoidType();
}

/// The parameter that \p Construct initializes when it is an argument of a
/// call (`forEach(items, [&](T) -> Task<> {...})`), or null.
const ParmVarDecl *parameterInitializedBy(const CXXConstructExpr &Construct,
                                          const BodyParents &Parents) {
  const Stmt *Child = &Construct;
  const Stmt *Parent = Parents.parent(Construct);
  while (Parent && isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                       ImplicitCastExpr, ParenExpr>(Parent)) {
    Child = Parent;
    Parent = Parents.parent(*Parent);
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(Parent);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const ParmVarDecl *Found = nullptr;
  if (Callee)
    forEachArgumentAndParameter(
        *Call, *Callee, [&](const Expr &Arg, const ParmVarDecl &Parameter) {
          if (&Arg == Child)
            Found = &Parameter;
        });
  return Found;
}

} // namespace

void DiscardedTaskCheck::checkVoidCallable(const CXXConstructExpr &Construct,
                                           LazyBodyParents &Parents,
                                           ASTContext &Ctx) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (Construct.getNumArgs() == 0 || Constructor->isCopyOrMoveConstructor())
    return;
  const LambdaExpr *Lambda = lambdaOf(Construct.getArg(0));
  if (Lambda && returnsVoid(*Constructor->getParent()))
    reportVoidCallable(*Lambda, Construct.getType(),
                       parameterInitializedBy(Construct, Parents.get()), Ctx);
}

void DiscardedTaskCheck::checkVoidCallableArguments(const CallExpr &Call,
                                                    ASTContext &Ctx) {
  // In a template pattern, a call with a dependent lambda argument
  // (`onEvent([this]() -> Task<> {...})` in a class template) is left
  // unresolved: the parameter it becomes is the one of the function's only
  // candidate.
  const auto *Lookup =
      dyn_cast<UnresolvedLookupExpr>(Call.getCallee()->IgnoreParenImpCasts());
  if (!Lookup || Lookup->getNumDecls() != 1)
    return;
  const auto *Callee =
      dyn_cast<FunctionDecl>((*Lookup->decls_begin())->getUnderlyingDecl());
  if (!Callee)
    return;
  for (unsigned I = 0; I < Call.getNumArgs() && I < Callee->getNumParams();
       ++I) {
    const auto *Lambda = dyn_cast<LambdaExpr>(Call.getArg(I)->IgnoreParens());
    const ParmVarDecl *Parameter = Callee->getParamDecl(I);
    const CXXRecordDecl *Wrapper =
        Parameter->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (Lambda && Wrapper && returnsVoid(*Wrapper))
      reportVoidCallable(*Lambda, Parameter->getType().getNonReferenceType(),
                         Parameter, Ctx);
  }
}

void DiscardedTaskCheck::reportVoidCallable(const LambdaExpr &Lambda,
                                            QualType Wrapper,
                                            const ParmVarDecl *Parameter,
                                            ASTContext &Ctx) {
  // A coroutine lambda's task, or a task the lambda makes and returns.
  TaskKind Kind =
      Tasks.classify(Lambda.getCallOperator()->getReturnType(), Ctx);
  SourceLocation Loc = Lambda.getBeginLoc();
  if (Kind != TaskKind::Lazy || Loc.isMacroID() ||
      !firstReportAt(Loc, "void callable"))
    return;
  diag(Loc, "lambda made into %0, which returns void: each call drops the "
            "lazy task the lambda returns, so the task never runs")
      << Wrapper.getUnqualifiedType() << Lambda.getIntroducerRange();
  if (Parameter)
    diag(Parameter->getLocation(), "the lambda becomes parameter %0 here",
         DiagnosticIDs::Note)
        << Parameter;
}

} // namespace clang::tidy::coro
