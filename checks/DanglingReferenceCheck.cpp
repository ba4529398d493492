//===--- DanglingReferenceCheck.cpp - corolint ----------------------------===//

#include "DanglingReferenceCheck.h"
#include "clang/AST/ASTLambda.h"

namespace clang::tidy::coro {

namespace {

constexpr llvm::StringLiteral DefaultReferenceLikeTypes =
    "std::basic_string_view;std::span";

/// What an argument bound to a reference-like parameter refers to.
enum class Referent { Other, Temporary, Local };

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

Referent referentOf(const Expr &Arg, bool ViewParameter,
                    const FunctionDecl &Enclosing) {
  // A reference parameter binds the argument itself: a prvalue argument is
  // materialized as a temporary. A view refers to what it was built from.
  const Expr *E = Arg.IgnoreParens();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
      Cast && Cast->getCastKind() == CK_NoOp)
    E = Cast->getSubExpr()->IgnoreParens();
  if (!ViewParameter && isa<MaterializeTemporaryExpr>(E))
    return Referent::Temporary;
  const Expr *Target = ViewParameter ? throughViews(&Arg) : E;
  if (ViewParameter) {
    if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(Target);
        Temporary && Temporary->getType()->isRecordType())
      return Referent::Temporary;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
    if (isLocalOf(*Ref->getDecl(), Enclosing))
      return Referent::Local;
  return Referent::Other;
}

/// The declaration whose parameters and body the call runs: the callee's
/// definition (an instantiation's, for templates).
const FunctionDecl *calledDefinition(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
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
      TaskTypes(Options), Tasks(TaskTypes) {}

void DanglingReferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReferenceLikeTypes", ReferenceLikeTypes);
  TaskTypes.store(Options, Opts);
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
  const Stmt *Body = Function.getBody();
  if (!Body)
    return;
  LazyBodyParents Parents(*Body);
  forEachStmtInFunction(Body, [&](const Stmt *S) {
    if (const auto *Call = dyn_cast<CallExpr>(S))
      checkCall(*Call, Function, Parents, Ctx);
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
  TaskDestination Destination = getTaskDestination(Call, Parents.get());
  bool Outlives = Destination.Fate == TaskFate::Stored ||
                  Destination.Fate == TaskFate::Returned ||
                  keepsTask(Destination);
  if (!Outlives)
    return;
  // `obj(args)` on a lambda or function object: the object comes first.
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) &&
                            isa<CXXMethodDecl>(Callee) &&
                            !cast<CXXMethodDecl>(Callee)->isStatic()
                        ? 1
                        : 0;
  for (unsigned I = Offset; I < Call.getNumArgs(); ++I) {
    unsigned ParamIndex = I - Offset;
    if (ParamIndex >= Callee->getNumParams())
      break;
    const ParmVarDecl *Param = Callee->getParamDecl(ParamIndex);
    QualType ParamType = Param->getType();
    if (!isReferenceLike(ParamType))
      continue;
    bool View = !ParamType->isReferenceType();
    bool ConstOrRvalue =
        ParamType->isRValueReferenceType() ||
        (ParamType->isLValueReferenceType() &&
         ParamType->getPointeeType().isConstQualified());
    const Expr *Arg = Call.getArg(I);
    Referent Bound = referentOf(*Arg, View, Enclosing);
    // A local dies when the function that created the task returns; while
    // the task is only stored or passed on, the local may well outlive it.
    if (Bound == Referent::Other ||
        (Bound == Referent::Temporary && !View && !ConstOrRvalue) ||
        (Bound == Referent::Local && Destination.Fate != TaskFate::Returned))
      continue;
    const DeclRefExpr *Use = findFirstUse(*Param, *CalleeBody->getBody());
    if (!Use)
      continue;
    SourceLocation Loc = Arg->getBeginLoc();
    if (Loc.isMacroID() || !firstReportAt(Loc))
      continue;
    if (Bound == Referent::Temporary) {
      diag(Loc, "temporary bound to %select{reference|view}0 parameter %1 of "
                "%select{lazy coroutine %3|a lazy coroutine lambda}2 is "
                "destroyed at the end of the full-expression, but the task "
                "%select{is stored|is returned|is passed on}4 and runs later")
          << View << Param << isLambdaCallOperator(Callee) << Callee
          << (Destination.Fate == TaskFate::Stored     ? 0
              : Destination.Fate == TaskFate::Returned ? 1
                                                       : 2)
          << Arg->getSourceRange();
    } else {
      const auto *Local =
          cast<DeclRefExpr>(throughViews(Arg)->IgnoreParenImpCasts())->getDecl();
      diag(Loc, "%0 is destroyed when %1 returns, but the lazy task it "
                "returns reads it through parameter %2 of %select{%4|a "
                "coroutine lambda}3")
          << Local << &Enclosing << Param << isLambdaCallOperator(Callee)
          << Callee << Arg->getSourceRange();
    }
    diag(Use->getLocation(),
         "the coroutine reads the parameter here, when the task is awaited",
         DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::coro
