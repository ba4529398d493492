//===--- CleanupAfterSuspendCheck.cpp - corolint --------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CleanupAfterSuspendCheck.h"
#include "LLVMCompat.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::coro {

namespace {

/// C functions that release what their first argument holds.
constexpr llvm::StringLiteral DefaultReleaseFunctions =
    "free;close;fclose;pclose;closedir;munmap;freeaddrinfo;std::free;std::"
    "fclose";
/// Methods that release a lock taken by the same object's lock-like method
/// earlier in the coroutine (coroutine-aware mutexes: thread mutexes are
/// coro-lock-across-suspend's).
constexpr llvm::StringLiteral DefaultUnlockMethods = "unlock;unlock_shared";

/// The local variable (or parameter) or the member of `this` that \p E
/// names, or null.
const ValueDecl *ownerOf(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage())
      return Var;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

/// True when \p Owner is handed to something that may release it instead:
/// an object built from it (`std::unique_ptr<T> Guard(P)`), a lambda that
/// captures it (a scope guard), its address (`&P`), or a copy stored in a
/// member or a global.
bool isHandedToAnOwner(const ValueDecl &Owner, const Stmt &Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ValueDecl *Owner = nullptr;
    bool Found = false;
    bool refersToOwner(const Expr *E) const { return E && ownerOf(E) == Owner; }
    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      for (const Expr *Arg : Construct->arguments())
        if (refersToOwner(Arg) &&
            !Construct->getConstructor()->isCopyOrMoveConstructor())
          Found = true;
      return !Found;
    }
    bool VisitLambdaExpr(LambdaExpr *Lambda) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCapturedVar() == Owner)
          Found = true;
      // `[&]` and `[=]` capture what the body names.
      if (Lambda->getCaptureDefault() != LCD_None &&
          findFirstUse(*Owner, *Lambda->getBody()))
        Found = true;
      return !Found;
    }
    bool VisitUnaryOperator(UnaryOperator *Op) {
      if (Op->getOpcode() == UO_AddrOf && refersToOwner(Op->getSubExpr()))
        Found = true;
      return !Found;
    }
    bool VisitBinaryOperator(BinaryOperator *Op) {
      // `Member = P;` / `Global = P;`: somebody else may release it.
      if (Op->isAssignmentOp() && refersToOwner(Op->getRHS()) &&
          !ownerOf(Op->getLHS()))
        Found = true;
      return !Found;
    }
  } Walker;
  Walker.Owner = &Owner;
  Walker.TraverseStmt(const_cast<Stmt *>(&Body));
  return Walker.Found;
}

bool isBefore(SourceLocation A, SourceLocation B, const SourceManager &SM) {
  return SM.isBeforeInTranslationUnit(A, B);
}

/// True for `nullptr`, `NULL`, `0` and `-1`: a handle that holds nothing.
bool holdsNothing(const Expr *Value, const ASTContext &Ctx) {
  if (!Value)
    return true;
  Value = Value->IgnoreParenImpCasts();
  if (Value->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                   Expr::NPC_ValueDependentIsNotNull))
    return true;
  Expr::EvalResult Result;
  return !Value->isValueDependent() && Value->EvaluateAsInt(Result, Ctx) &&
         (Result.Val.getInt() == 0 || Result.Val.getInt() == -1);
}

/// Where the coroutine starts holding what the local or by-value parameter
/// \p Owner holds, before \p Before: its last write before it (a
/// declaration, an assignment), or the start of the body for a parameter
/// never written. Invalid when that write stores nothing (`nullptr`, `-1`).
SourceLocation heldFrom(const VarDecl &Owner, SourceLocation Before,
                        const Stmt &Body, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const Expr *Stored = nullptr;
  SourceLocation From;
  if (!isa<ParmVarDecl>(Owner)) {
    Stored = Owner.getInit();
    From = Owner.getEndLoc();
  } else {
    From = Body.getBeginLoc();
  }
  bool Written = !isa<ParmVarDecl>(Owner);
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    const auto *Assign = dyn_cast<BinaryOperator>(S);
    if (!Assign || Assign->getOpcode() != BO_Assign ||
        ownerOf(Assign->getLHS()) != &Owner ||
        !isBefore(Assign->getBeginLoc(), Before, SM) ||
        isBefore(Assign->getBeginLoc(), From, SM))
      return;
    Stored = Assign->getRHS();
    From = Assign->getEndLoc();
    Written = true;
  });
  if (Written && holdsNothing(Stored, Ctx))
    return SourceLocation();
  return From;
}

/// True when \p Suspension and \p Release are in different branches of an
/// `if`, `switch` or `?:`: no path goes from one to the other.
bool inOtherBranches(const Stmt &Suspension, const Stmt &Release,
                     const BodyParents &Parents) {
  llvm::SmallPtrSet<const Stmt *, 16> Above;
  for (const Stmt *S = &Suspension; S; S = Parents.parent(*S))
    Above.insert(S);
  const Stmt *Child = &Release;
  const Stmt *Common = Parents.parent(Release);
  while (Common && !Above.contains(Common)) {
    Child = Common;
    Common = Parents.parent(*Common);
  }
  if (!Common)
    return false;
  if (const auto *If = dyn_cast<IfStmt>(Common))
    return Child != If->getCond();
  return isa<SwitchStmt, AbstractConditionalOperator>(Common);
}

/// The last call on \p Owner before \p Before in \p Body that locks or
/// unlocks it, or null; \p Unlocks says which method names unlock.
const CXXMemberCallExpr *
findLastLockOpBefore(const ValueDecl &Owner, SourceLocation Before,
                     const Stmt &Body, const SourceManager &SM,
                     llvm::function_ref<bool(llvm::StringRef)> Unlocks) {
  const CXXMemberCallExpr *Found = nullptr;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || !Method->getDeclName().isIdentifier() ||
        ownerOf(Call->getImplicitObjectArgument()) != &Owner ||
        !isBefore(Call->getBeginLoc(), Before, SM))
      return;
    llvm::StringRef Name = Method->getName();
    if ((isLockMethodName(Name) || Unlocks(Name)) &&
        (!Found || isBefore(Found->getBeginLoc(), Call->getBeginLoc(), SM)))
      Found = Call;
  });
  return Found;
}

} // namespace

CleanupAfterSuspendCheck::CleanupAfterSuspendCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      ReleaseFunctions(checkedRegexList(
          "ReleaseFunctions",
          Options.get("ReleaseFunctions", DefaultReleaseFunctions).str())),
      UnlockMethods(checkedRegexList(
          "UnlockMethods",
          Options.get("UnlockMethods", DefaultUnlockMethods).str())),
      ReleasePatterns(compileRegexList(ReleaseFunctions)),
      UnlockPatterns(compileRegexList(UnlockMethods)),
      LockTypes(readLockTypes(Options)), Locks(LockTypes) {}

void CleanupAfterSuspendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "ReleaseFunctions", ReleaseFunctions);
  Options.store(Opts, "UnlockMethods", UnlockMethods);
  storeLockTypes(Options, Opts, LockTypes);
}

std::optional<CleanupAfterSuspendCheck::Release>
CleanupAfterSuspendCheck::getRelease(const Stmt &S, ASTContext &Ctx) const {
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(&S)) {
    if (const ValueDecl *Owner = ownerOf(Delete->getArgument()))
      return Release{&S, Owner, Resource::Memory};
    return std::nullopt;
  }
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call)
    return std::nullopt;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    // A thread mutex's unlock is coro-lock-across-suspend's. (A member
    // unlocked here counts: the lock is the coroutine's since its lock().)
    if (!Method || !Method->getDeclName().isIdentifier() ||
        !matchesAny(UnlockPatterns, Method->getName()) ||
        Locks.getManualOp(*Call, Ctx))
      return std::nullopt;
    if (const ValueDecl *Owner = ownerOf(Member->getImplicitObjectArgument()))
      return Release{&S, Owner, Resource::Lock};
    return std::nullopt;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() == 0 ||
      !Callee->getDeclName().isIdentifier() ||
      !matchesAny(ReleasePatterns, getPortableQualifiedName(*Callee)))
    return std::nullopt;
  if (const ValueDecl *Owner = ownerOf(Call->getArg(0)))
    return Release{&S, Owner,
                   Callee->getName() == "free" ? Resource::Memory
                                               : Resource::Handle};
  return std::nullopt;
}

void CleanupAfterSuspendCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                              const CoroutineBodyStmt &Body,
                                              ASTContext &Ctx) {
  // Tasks that promise never to be destroyed before they complete.
  if (const CXXRecordDecl *Task = getRecordOrPattern(Coroutine.getReturnType());
      Task && corolint::compat::onlyDestroyedWhenComplete(*Task))
    return;
  llvm::SmallVector<const Expr *, 8> Suspensions = getSuspensionPoints(Body);
  if (Suspensions.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt &Code = *Body.getBody();
  LazyBodyParents Parents(Code);
  forEachStmtInFunction(&Code, [&](const Stmt *S) {
    std::optional<Release> Found = getRelease(*S, Ctx);
    if (!Found || S->getBeginLoc().isMacroID() ||
        isHandedToAnOwner(*Found->Owner, Code))
      return;
    SourceLocation From;
    if (Found->Kind != Resource::Lock) {
      // Memory and handles of the coroutine's own locals and by-value
      // parameters: a member's belongs to its object (whose destructor may
      // release it), a reference parameter's to the caller.
      const auto *Var = dyn_cast<VarDecl>(Found->Owner);
      if (!Var || Var->getType()->isReferenceType())
        return;
      From = heldFrom(*Var, S->getBeginLoc(), Code, Ctx);
      if (From.isInvalid())
        return;
    } else {
      // Held from the last lock call on, when it is one (not an unlock,
      // and not a try_lock: whether that one locked depends on its result,
      // which code waiting in a loop for it shows).
      const CXXMemberCallExpr *Lock = findLastLockOpBefore(
          *Found->Owner, S->getBeginLoc(), Code, SM, [&](llvm::StringRef Name) {
            return matchesAny(UnlockPatterns, Name);
          });
      if (!Lock ||
          matchesAny(UnlockPatterns, Lock->getMethodDecl()->getName()) ||
          Lock->getMethodDecl()->getName().starts_with("try"))
        return;
      From = Lock->getEndLoc();
    }
    const Expr *Suspension = nullptr;
    for (const Expr *Point : Suspensions)
      if (isBefore(From, Point->getBeginLoc(), SM) &&
          isBefore(Point->getEndLoc(), S->getBeginLoc(), SM) &&
          !inOtherBranches(*Point, *S, Parents.get())) {
        Suspension = Point;
        break;
      }
    if (!Suspension || !firstReportAt(S->getBeginLoc()))
      return;
    diag(S->getBeginLoc(),
         "%0 is released only if the coroutine resumes after suspending; "
         "destroyed while suspended (cancelled or abandoned), it leaks "
         "%select{the memory|the resource|the lock}1: let an RAII owner "
         "release it")
        << Found->Owner << static_cast<int>(Found->Kind) << S->getSourceRange();
    diag(Suspension->getBeginLoc(),
         "the coroutine may be destroyed while suspended here",
         DiagnosticIDs::Note);
  });
}

} // namespace clang::tidy::coro
