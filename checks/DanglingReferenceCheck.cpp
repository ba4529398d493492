//===--- DanglingReferenceCheck.cpp - corolint ----------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DanglingReferenceCheck.h"
#include "clang/AST/ASTLambda.h"

namespace clang::tidy::coro {

namespace {

constexpr llvm::StringLiteral DefaultReferenceLikeTypes =
    "std::basic_string_view;std::span";

/// What an argument bound to a reference-like parameter refers to.
enum class ReferentKind { Other, Temporary, Local };
struct Referent {
  ReferentKind Kind = ReferentKind::Other;
  const ValueDecl *Local = nullptr; ///< For ReferentKind::Local.
};

/// Strips the nodes between an argument and what it refers to: implicit
/// conversions, parentheses, a copy of a view, a view built by a converting
/// constructor or conversion operator from its first operand.
const Expr *throughViews(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
    } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
               Construct && Construct->getNumArgs() >= 1 &&
               !isa<CXXTemporaryObjectExpr>(Construct)) {
      E = Construct->getArg(0);
    } else if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E);
               Conversion && isa_and_nonnull<CXXConversionDecl>(
                                 Conversion->getMethodDecl())) {
      E = Conversion->getImplicitObjectArgument();
    } else {
      return E;
    }
  }
}

/// A local of \p Function that dies when it returns: an automatic variable
/// or a by-value parameter (not a reference, not static).
bool isLocalOf(const ValueDecl &D, const FunctionDecl &Function) {
  const auto *Var = dyn_cast<VarDecl>(&D);
  return Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType() &&
         Var->getDeclContext() == &Function;
}

/// In a call a template pattern leaves unresolved, an argument whose
/// conversion is left to the instantiation: a prvalue whose type is known
/// (`std::string(Name)`, `make_name()`) becomes a temporary when it binds
/// a reference or builds a view; one of a dependent type may be a reference.
bool isUnconvertedPRValue(const Expr &E) {
  return E.isPRValue() && !E.isTypeDependent() && !E.getType().isNull() &&
         !E.getType()->isDependentType();
}

Referent referentOf(const Expr &Arg, bool ViewParameter, bool Unresolved,
                    const FunctionDecl &Enclosing,
                    llvm::function_ref<bool(QualType)> IsView) {
  // A reference parameter binds the argument itself: a prvalue argument is
  // materialized as a temporary. A view refers to what it was built from.
  const Expr *E = Arg.IgnoreParens();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
      Cast && Cast->getCastKind() == CK_NoOp)
    E = Cast->getSubExpr()->IgnoreParens();
  if (!ViewParameter && (isa<MaterializeTemporaryExpr>(E) ||
                         (Unresolved && isUnconvertedPRValue(*E))))
    return {ReferentKind::Temporary};
  const Expr *Target = ViewParameter ? throughViews(&Arg) : E;
  // A view built from another view refers to what that one refers to,
  // which outlives both: only an owner (a std::string, a vector) that dies
  // takes the characters with it.
  if (ViewParameter) {
    const Expr *Temporary = dyn_cast<MaterializeTemporaryExpr>(Target);
    if (!Temporary && Unresolved && isUnconvertedPRValue(*Target))
      Temporary = Target;
    if (Temporary && Temporary->getType()->isRecordType() &&
        !IsView(Temporary->getType()))
      return {ReferentKind::Temporary};
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
    if (isLocalOf(*Ref->getDecl(), Enclosing) &&
        !(ViewParameter && IsView(Ref->getDecl()->getType())))
      return {ReferentKind::Local, Ref->getDecl()};
  return {};
}

/// The declaration whose parameters and body the call runs: the callee's
/// definition (an instantiation's, for templates). In a template pattern,
/// that of the one candidate of a call left unresolved (a lambda called
/// where it is written, a function no argument-dependent lookup can add
/// to); null for several, whose parameters the instantiation chooses from.
const FunctionDecl *calledDefinition(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee) {
    if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(
            Call.getCallee()->IgnoreParenImpCasts());
        Lookup && Lookup->requiresADL())
      return nullptr;
    llvm::SmallVector<const FunctionDecl *, 4> Candidates =
        getCalleeCandidates(Call);
    if (Candidates.size() == 1)
      Callee = Candidates.front();
  }
  return Callee ? Callee->getDefinition() : nullptr;
}

} // namespace

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      ReferenceLikeTypes(checkedRegexList(
          "ReferenceLikeTypes",
          Options.get("ReferenceLikeTypes", DefaultReferenceLikeTypes).str())),
      ReferenceLikePatterns(compileRegexList(ReferenceLikeTypes)),
      TaskTypes(Options), Tasks(TaskTypes), FlowOptions(Options),
      Flow(FlowOptions) {}

void DanglingReferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "ReferenceLikeTypes", ReferenceLikeTypes);
  TaskTypes.store(Options, Opts);
  FlowOptions.store(Options, Opts);
}

void DanglingReferenceCheck::onStartOfTranslationUnit() {
  CoroutineCheck::onStartOfTranslationUnit();
  Tasks.reset();
}

bool DanglingReferenceCheck::isReferenceLike(QualType T) const {
  // (A non-const lvalue reference binds no temporary, but may bind a local.)
  if (T->isReferenceType())
    return true;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (const auto *Specialization =
          dyn_cast<ClassTemplateSpecializationDecl>(Record))
    Record = Specialization->getSpecializedTemplate()->getTemplatedDecl();
  return matchesAny(ReferenceLikePatterns, getPortableQualifiedName(*Record));
}

void DanglingReferenceCheck::onFunctionDefinition(const FunctionDecl &Function,
                                                  ASTContext &Ctx) {
  if (const Stmt *Body = Function.getBody())
    forEachCallInFunction(*Body,
                          [&](const CallExpr &Call, LazyBodyParents &Parents) {
                            checkCall(Call, Function, Parents, Ctx);
                          });
}

void DanglingReferenceCheck::checkCall(const CallExpr &Call,
                                       const FunctionDecl &Enclosing,
                                       LazyBodyParents &Parents,
                                       ASTContext &Ctx) {
  const FunctionDecl *Callee = calledDefinition(Call);
  const CoroutineBodyStmt *CalleeBody = getCoroutineBody(Callee);
  // Only a coroutine keeps its reference parameters in its frame; and only
  // a lazy one is sure to read them after the caller's full-expression.
  if (!CalleeBody || !Tasks.createsLazyTask(Call, Ctx))
    return;
  TaskDestination Destination = Flow.destinationOf(Call, Parents.get());
  if (!outlivesFullExpression(Destination))
    return;
  forEachArgumentAndParameter(
      Call, *Callee, [&](const Expr &Arg, const ParmVarDecl &Param) {
        reportArgument(Arg, Param, *Callee, *CalleeBody, Destination, Enclosing,
                       !Call.getDirectCallee());
      });
}

void DanglingReferenceCheck::reportArgument(
    const Expr &Arg, const ParmVarDecl &Param, const FunctionDecl &Callee,
    const CoroutineBodyStmt &CalleeBody, const TaskDestination &Destination,
    const FunctionDecl &Enclosing, bool Unresolved) {
  QualType ParamType = Param.getType();
  if (!isReferenceLike(ParamType))
    return;
  bool View = !ParamType->isReferenceType();
  bool ConstOrRvalue = ParamType->isRValueReferenceType() ||
                       (ParamType->isLValueReferenceType() &&
                        ParamType->getPointeeType().isConstQualified());
  Referent Bound =
      referentOf(Arg, View, Unresolved, Enclosing, [&](QualType T) {
        return !T->isReferenceType() && isReferenceLike(T);
      });
  // A local dies when the function that created the task returns; while
  // the task is only stored or passed on, the local may well outlive it.
  if (Bound.Kind == ReferentKind::Other ||
      (Bound.Kind == ReferentKind::Temporary && !View && !ConstOrRvalue) ||
      (Bound.Kind == ReferentKind::Local &&
       Destination.Fate != TaskFate::Returned))
    return;
  const DeclRefExpr *Use = findFirstUse(Param, *CalleeBody.getBody());
  SourceLocation Loc = Arg.getBeginLoc();
  if (!Use || Loc.isMacroID() || !firstReportAt(Loc))
    return;
  if (Bound.Kind == ReferentKind::Temporary)
    diag(Loc,
         "temporary bound to %select{reference|view}0 parameter %1 of "
         "%select{lazy coroutine %3|a lazy coroutine lambda}2 is "
         "destroyed at the end of the full-expression, but the task "
         "%select{is stored|is returned|is passed on|is started}4 and runs "
         "later")
        << View << &Param << isLambdaCallOperator(&Callee) << &Callee
        << escapeKind(Destination) << Arg.getSourceRange();
  else
    diag(Loc, "%0 is destroyed when %1 returns, but the lazy task it "
              "returns reads it through parameter %2 of %select{%4|a "
              "coroutine lambda}3")
        << Bound.Local << &Enclosing << &Param << isLambdaCallOperator(&Callee)
        << &Callee << Arg.getSourceRange();
  diag(Use->getLocation(),
       "the coroutine reads the parameter here, when the task is awaited",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
