//===--- CleanupAfterSuspendCheck.cpp - corolint --------------------------===//

#include "CleanupAfterSuspendCheck.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::coro {

namespace {

/// C functions that release what their first argument holds.
constexpr llvm::StringLiteral DefaultReleaseFunctions =
    "free;close;fclose;pclose;closedir;munmap;freeaddrinfo;std::free;std::fclose";
/// Methods that release a lock taken by the same object's lock-like method
/// earlier in the coroutine (coroutine-aware mutexes: thread mutexes are
/// coro-lock-across-suspend's).
constexpr llvm::StringLiteral DefaultUnlockMethods = "unlock;unlock_shared";
constexpr llvm::StringLiteral LockMethodPrefixes[] = {
    "lock", "co_lock", "coLock", "async_lock", "try_lock", "tryLock"};

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
    bool refersToOwner(const Expr *E) const {
      return E && ownerOf(E) == Owner;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      for (const Expr *Arg : Construct->arguments())
        if (refersToOwner(Arg) && !Construct->getConstructor()->isCopyOrMoveConstructor())
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

/// Where the coroutine starts holding what \p Owner holds: its declaration
/// for a local, the start of the body for a parameter or a member.
SourceLocation heldFrom(const ValueDecl &Owner, const Stmt &Body) {
  if (const auto *Var = dyn_cast<VarDecl>(&Owner); Var && !isa<ParmVarDecl>(Var))
    return Var->getEndLoc();
  return Body.getBeginLoc();
}

bool isBefore(SourceLocation A, SourceLocation B, const SourceManager &SM) {
  return SM.isBeforeInTranslationUnit(A, B);
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
    bool Locks = llvm::any_of(LockMethodPrefixes, [&](llvm::StringRef Prefix) {
      return Name.starts_with(Prefix);
    });
    if ((Locks || Unlocks(Name)) &&
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
      UnlockPatterns(compileRegexList(UnlockMethods)), Locks(LockTypes) {}

void CleanupAfterSuspendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReleaseFunctions", ReleaseFunctions);
  Options.store(Opts, "UnlockMethods", UnlockMethods);
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
    // A thread mutex's unlock is coro-lock-across-suspend's.
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
      Task && Task->hasAttr<CoroOnlyDestroyWhenCompleteAttr>())
    return;
  llvm::SmallVector<const Expr *, 8> Suspensions = getSuspensionPoints(Body);
  if (Suspensions.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt &Code = *Body.getBody();
  forEachStmtInFunction(&Code, [&](const Stmt *S) {
    std::optional<Release> Found = getRelease(*S, Ctx);
    if (!Found || S->getBeginLoc().isMacroID() ||
        isHandedToAnOwner(*Found->Owner, Code))
      return;
    SourceLocation From = heldFrom(*Found->Owner, Code);
    if (Found->Kind == Resource::Lock) {
      // Held from the last lock call on, when it is one (not an unlock,
      // and not a try_lock: whether that one locked depends on its result,
      // which code waiting in a loop for it shows).
      const CXXMemberCallExpr *Lock = findLastLockOpBefore(
          *Found->Owner, S->getBeginLoc(), Code, SM,
          [&](llvm::StringRef Name) { return matchesAny(UnlockPatterns, Name); });
      if (!Lock || matchesAny(UnlockPatterns, Lock->getMethodDecl()->getName()) ||
          Lock->getMethodDecl()->getName().starts_with("try"))
        return;
      From = Lock->getEndLoc();
    }
    const Expr *Suspension = nullptr;
    for (const Expr *Point : Suspensions)
      if (isBefore(From, Point->getBeginLoc(), SM) &&
          isBefore(Point->getEndLoc(), S->getBeginLoc(), SM)) {
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
        << Found->Owner << static_cast<int>(Found->Kind)
        << S->getSourceRange();
    diag(Suspension->getBeginLoc(),
         "the coroutine may be destroyed while suspended here",
         DiagnosticIDs::Note);
  });
}

} // namespace clang::tidy::coro
