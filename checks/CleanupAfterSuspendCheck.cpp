//===--- CleanupAfterSuspendCheck.cpp - corolint --------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CleanupAfterSuspendCheck.h"
#include "LLVMCompat.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::coro {

using AccessPath = CleanupAfterSuspendCheck::AccessPath;

namespace {

/// C functions that release what their first argument holds.
constexpr llvm::StringLiteral DefaultReleaseFunctions =
    "free;close;fclose;pclose;closedir;munmap;freeaddrinfo;std::free;std::"
    "fclose";
/// Methods that take a coroutine-aware mutex's lock (the task libraries'
/// `lock`, `co_lock`, `coLock`, `async_lock`, `Lock`, and the conditional
/// `try_lock`s), by the start of their names.
constexpr llvm::StringLiteral DefaultLockMethods =
    "lock.*;co_lock.*;coLock.*;async_lock.*;try_lock.*;tryLock.*;Lock.*;"
    "TryLock.*";
/// Methods that release a lock taken by the same object's lock method
/// earlier in the coroutine (coroutine-aware mutexes: thread mutexes are
/// coro-lock-across-suspend's).
constexpr llvm::StringLiteral DefaultUnlockMethods =
    "unlock;unlock_shared;Unlock;UnlockShared";

/// The access path \p E names, from a local (or parameter) or `this`
/// (`this` alone too), or nothing.
std::optional<AccessPath> accessPathOf(const Expr *E) {
  // Innermost member first, each with the operator before it.
  llvm::SmallVector<std::pair<const IdentifierInfo *, bool>, 3> Links;
  AccessPath Path;
  for (;;) {
    E = E ? E->IgnoreImplicit()->IgnoreParenImpCasts() : nullptr;
    if (!E)
      return std::nullopt;
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const ValueDecl *Field = Member->getMemberDecl();
      if (!isa<FieldDecl>(Field) || !Field->getIdentifier())
        return std::nullopt;
      Links.push_back({Field->getIdentifier(), Member->isArrow()});
      E = Member->getBase();
      continue;
    }
    if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(E)) {
      const IdentifierInfo *Name = Member->getMember().getAsIdentifierInfo();
      if (!Name)
        return std::nullopt;
      Links.push_back({Name, Member->isArrow()});
      if (Member->isImplicitAccess())
        break;
      E = Member->getBase();
      continue;
    }
    // `(*P).M` is `P->M`.
    if (const auto *Deref = dyn_cast<UnaryOperator>(E);
        Deref && Deref->getOpcode() == UO_Deref && !Links.empty()) {
      E = Deref->getSubExpr();
      continue;
    }
    // A smart pointer's `->`: the same path as the pointer's.
    if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(E);
        Arrow && Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() == 1) {
      E = Arrow->getArg(0);
      continue;
    }
    if (isa<CXXThisExpr>(E))
      break;
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage())
      return std::nullopt;
    Path.Root = Var;
    Path.Spelling = Var->getName().str();
    break;
  }
  for (const auto &[Name, Arrow] : llvm::reverse(Links)) {
    if (!Path.Spelling.empty())
      Path.Spelling += Arrow ? "->" : ".";
    Path.Spelling += Name->getName();
    Path.Members.push_back(Name);
  }
  return Path;
}

/// \p Inner (a path in \p Helper's body) seen from the caller through
/// \p Call: a parameter's path starts at its argument, `this` at the object
/// the method is called on; a lambda's captures are the caller's own.
/// Nothing for the helper's own locals.
std::optional<AccessPath> rebase(const AccessPath &Inner, const CallExpr &Call,
                                 const FunctionDecl &Helper) {
  const bool IsLambda = isLambdaCallOperator(&Helper);
  const bool OwnRoot = Inner.Root && Inner.Root->getDeclContext() == &Helper;
  if (IsLambda && !OwnRoot)
    return Inner; // Captured by reference, or the coroutine's `this`.
  std::optional<AccessPath> Base;
  llvm::StringRef Separator; // Between the object and a member of `this`.
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Inner.Root);
      Param && OwnRoot) {
    // An operator call's first argument is the object (the lambda).
    unsigned Index = Param->getFunctionScopeIndex() +
                     (isa<CXXOperatorCallExpr>(Call) ? 1 : 0);
    if (Index >= Call.getNumArgs())
      return std::nullopt;
    // `release(*Doc)` releasing `D.Mutex` releases `Doc->Mutex`.
    const Expr *Argument = Call.getArg(Index)->IgnoreParenImpCasts();
    if (const auto *Deref = dyn_cast<UnaryOperator>(Argument);
        Deref && Deref->getOpcode() == UO_Deref && !Inner.Members.empty())
      Argument = Deref->getSubExpr();
    Base = accessPathOf(Argument);
  } else if (!Inner.Root && !IsLambda) {
    // `Obj.helper()`, `Ptr->helper()`, `helper()`; in a template pattern a
    // call of a member of the current instantiation is a plain CallExpr.
    if (const auto *Callee =
            dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts())) {
      Base = accessPathOf(Callee->getBase());
      Separator = Callee->isArrow() ? "->" : ".";
    }
  }
  if (!Base)
    return std::nullopt;
  AccessPath Outer = *Base;
  Outer.Members.append(Inner.Members.begin(), Inner.Members.end());
  // Inner's spelling after its root (a parameter's name, or nothing).
  llvm::StringRef Tail(Inner.Spelling);
  if (Inner.Root)
    Tail = Tail.drop_front(Inner.Root->getName().size());
  else if (!Outer.Spelling.empty())
    Outer.Spelling += Separator;
  Outer.Spelling += Tail;
  return Outer;
}

/// True when \p S mentions \p Path.
bool mentions(const Stmt &S, const AccessPath &Path) {
  if (const auto *E = dyn_cast<Expr>(&S))
    if (std::optional<AccessPath> Named = accessPathOf(E);
        Named && !Named->isThis() && *Named == Path)
      return true;
  return llvm::any_of(S.children(), [&](const Stmt *Child) {
    return Child && mentions(*Child, Path);
  });
}

/// The lambdas stored in a local that the body only calls
/// (`auto Unlock = [&] { M.unlock(); }; ... Unlock();`): helpers, whose
/// releases happen where they are called, not owners like a scope guard.
llvm::SmallPtrSet<const LambdaExpr *, 4> findHelperLambdas(const Stmt &Body) {
  llvm::DenseMap<const VarDecl *, const LambdaExpr *> Lambdas;
  llvm::DenseMap<const VarDecl *, unsigned> Calls;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    const auto *Declaration = dyn_cast<DeclStmt>(S);
    const auto *Var = Declaration && Declaration->isSingleDecl()
                          ? dyn_cast<VarDecl>(Declaration->getSingleDecl())
                          : nullptr;
    if (Var && Var->getInit())
      if (const auto *Lambda =
              dyn_cast<LambdaExpr>(Var->getInit()->IgnoreImplicit()))
        Lambdas[Var] = Lambda;
    const auto *Call = dyn_cast<CXXOperatorCallExpr>(S);
    if (!Call || Call->getOperator() != OO_Call || Call->getNumArgs() == 0)
      return;
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Called = dyn_cast<VarDecl>(Ref->getDecl()))
        ++Calls[Called];
  });
  // Every mention, nested lambdas included: one handing it on (to a guard,
  // another lambda) makes it an owner's again.
  struct Counter : RecursiveASTVisitor<Counter> {
    llvm::DenseMap<const VarDecl *, unsigned> Mentions;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        ++Mentions[Var];
      return true;
    }
  } Mentions;
  Mentions.TraverseStmt(const_cast<Stmt *>(&Body));
  llvm::SmallPtrSet<const LambdaExpr *, 4> Helpers;
  for (const auto &[Var, Lambda] : Lambdas)
    if (unsigned Called = Calls.lookup(Var);
        Called && Called == Mentions.Mentions.lookup(Var))
      Helpers.insert(Lambda);
  return Helpers;
}

/// True when \p Owner is handed to something that may release it instead:
/// an object built from it (`std::unique_ptr<T> Guard(P)`), a lambda that
/// captures it (a scope guard; not a helper lambda the body only calls),
/// its address (`&P`), or a copy stored in a member or a global.
bool isHandedToAnOwner(
    const AccessPath &Owner, const Stmt &Body,
    const llvm::SmallPtrSetImpl<const LambdaExpr *> &Helpers) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const AccessPath *Owner = nullptr;
    const llvm::SmallPtrSetImpl<const LambdaExpr *> *Helpers = nullptr;
    bool Found = false;
    bool refersToOwner(const Expr *E) const {
      std::optional<AccessPath> Named = accessPathOf(E);
      return Named && !Named->isThis() && *Named == *Owner;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      for (const Expr *Arg : Construct->arguments())
        if (refersToOwner(Arg) &&
            !Construct->getConstructor()->isCopyOrMoveConstructor())
          Found = true;
      return !Found;
    }
    bool VisitLambdaExpr(LambdaExpr *Lambda) {
      if (Helpers->contains(Lambda))
        return true;
      if (!Owner->Root) {
        Found = mentions(*Lambda->getBody(), *Owner);
        return !Found;
      }
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() &&
            Capture.getCapturedVar() == Owner->Root)
          Found = true;
      // `[&]` and `[=]` capture what the body names.
      if (Lambda->getCaptureDefault() != LCD_None &&
          findFirstUse(*Owner->Root, *Lambda->getBody()))
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
      if (!Op->isAssignmentOp() || !refersToOwner(Op->getRHS()))
        return true;
      std::optional<AccessPath> Target = accessPathOf(Op->getLHS());
      bool IsOwnLocal = Target && Target->Root && Target->Members.empty();
      bool IsOwnMember = Target && !Target->Root && Target->Members.size() == 1;
      Found = !IsOwnLocal && !IsOwnMember;
      return !Found;
    }
  } Walker;
  Walker.Owner = &Owner;
  Walker.Helpers = &Helpers;
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
    if (!Assign || Assign->getOpcode() != BO_Assign)
      return;
    std::optional<AccessPath> Target = accessPathOf(Assign->getLHS());
    if (!Target || Target->Root != &Owner || !Target->Members.empty() ||
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

/// The object \p S awaits itself (`co_await Mutex`: an async mutex whose
/// `operator co_await` takes its lock), or null.
const Expr *awaitedObject(const Stmt &S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
    return Await->isImplicit() ? nullptr : Await->getOperand();
  if (const auto *Await = dyn_cast<DependentCoawaitExpr>(&S))
    return Await->getOperand();
  return nullptr;
}

} // namespace

CleanupAfterSuspendCheck::CleanupAfterSuspendCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      ReleaseFunctions(checkedRegexList(
          "ReleaseFunctions",
          Options.get("ReleaseFunctions", DefaultReleaseFunctions).str())),
      LockMethods(checkedRegexList(
          "LockMethods", Options.get("LockMethods", DefaultLockMethods).str())),
      UnlockMethods(checkedRegexList(
          "UnlockMethods",
          Options.get("UnlockMethods", DefaultUnlockMethods).str())),
      ReleasePatterns(compileRegexList(ReleaseFunctions)),
      LockPatterns(compileRegexList(LockMethods)),
      UnlockPatterns(compileRegexList(UnlockMethods)),
      LockTypes(readLockTypes(Options)), Locks(LockTypes) {}

void CleanupAfterSuspendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "ReleaseFunctions", ReleaseFunctions);
  Options.store(Opts, "LockMethods", LockMethods);
  Options.store(Opts, "UnlockMethods", UnlockMethods);
  storeLockTypes(Options, Opts, LockTypes);
}

std::optional<CleanupAfterSuspendCheck::Release>
CleanupAfterSuspendCheck::getDirectRelease(const Stmt &S,
                                           ASTContext &Ctx) const {
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(&S)) {
    if (std::optional<AccessPath> Owner = accessPathOf(Delete->getArgument());
        Owner && !Owner->isThis())
      return Release{&S, *Owner, Resource::Memory};
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
    if (std::optional<AccessPath> Owner =
            accessPathOf(Member->getImplicitObjectArgument());
        Owner && !Owner->isThis())
      return Release{&S, *Owner, Resource::Lock};
    return std::nullopt;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() == 0 ||
      !Callee->getDeclName().isIdentifier() ||
      !matchesAny(ReleasePatterns, getPortableQualifiedName(*Callee)))
    return std::nullopt;
  if (std::optional<AccessPath> Owner = accessPathOf(Call->getArg(0));
      Owner && !Owner->isThis())
    return Release{&S, *Owner,
                   Callee->getName() == "free" ? Resource::Memory
                                               : Resource::Handle};
  return std::nullopt;
}

std::optional<CleanupAfterSuspendCheck::Release>
CleanupAfterSuspendCheck::getRelease(
    const Stmt &S, ASTContext &Ctx,
    llvm::DenseMap<const FunctionDecl *, std::vector<Release>> &HelperBodies)
    const {
  if (std::optional<Release> Direct = getDirectRelease(S, Ctx))
    return Direct;
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call)
    return std::nullopt;
  // The helper: a local lambda called by name, or a function.
  const FunctionDecl *Helper = Call->getDirectCallee();
  const NamedDecl *HelperName = Helper;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    const auto *Ref =
        Op->getOperator() == OO_Call
            ? dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts())
            : nullptr;
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    const auto *Lambda =
        Var && Var->hasLocalStorage() && Var->getInit()
            ? dyn_cast<LambdaExpr>(Var->getInit()->IgnoreImplicit())
            : nullptr;
    if (!Lambda)
      return std::nullopt;
    Helper = Lambda->getCallOperator();
    HelperName = Var;
  }
  const FunctionDecl *Definition = nullptr;
  if (!Helper || !Helper->hasBody(Definition) || isCoroutine(Definition) ||
      Ctx.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return std::nullopt;
  auto Inserted = HelperBodies.try_emplace(Definition);
  std::vector<Release> &Releases = Inserted.first->second;
  if (Inserted.second)
    forEachStmtInFunction(Definition->getBody(), [&](const Stmt *Inner) {
      if (std::optional<Release> Found = getDirectRelease(*Inner, Ctx))
        Releases.push_back(std::move(*Found));
    });
  for (const Release &Inner : Releases)
    if (std::optional<AccessPath> Owner =
            rebase(Inner.Owner, *Call, *Definition);
        Owner && !Owner->isThis())
      return Release{&S, std::move(*Owner), Inner.Kind, Inner.Statement,
                     HelperName};
  return std::nullopt;
}

std::optional<CleanupAfterSuspendCheck::LockOperation>
CleanupAfterSuspendCheck::lockedFrom(const AccessPath &Owner,
                                     SourceLocation Before, const Stmt &Body,
                                     const SourceManager &SM) const {
  // The last operation on the object before the release: a lock method, an
  // unlock method, or `co_await` of the object itself.
  SourceLocation LastBegin;
  LockOperation Last;
  bool Holds = false;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    std::optional<bool> LeavesHeld;
    const Expr *Object = awaitedObject(*S);
    if (Object) {
      LeavesHeld = true;
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (!Method || !Method->getDeclName().isIdentifier())
        return;
      llvm::StringRef Name = Method->getName();
      // A try_lock's lock depends on its result (code waiting in a loop
      // for it suspends only while the lock is not held).
      if (matchesAny(UnlockPatterns, Name))
        LeavesHeld = false;
      else if (matchesAny(LockPatterns, Name))
        LeavesHeld = !Name.starts_with_insensitive("try");
      Object = Call->getImplicitObjectArgument();
    }
    if (!LeavesHeld || !isBefore(S->getBeginLoc(), Before, SM) ||
        (LastBegin.isValid() && !isBefore(LastBegin, S->getBeginLoc(), SM)))
      return;
    std::optional<AccessPath> Named = accessPathOf(Object);
    if (!Named || Named->isThis() || !(*Named == Owner))
      return;
    LastBegin = S->getBeginLoc();
    Last = {S->getEndLoc(), std::move(Named->Spelling)};
    Holds = *LeavesHeld;
  });
  if (!Holds)
    return std::nullopt;
  return Last;
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
  const llvm::SmallPtrSet<const LambdaExpr *, 4> HelperLambdas =
      findHelperLambdas(Code);
  llvm::DenseMap<const FunctionDecl *, std::vector<Release>> HelperBodies;
  forEachStmtInFunction(&Code, [&](const Stmt *S) {
    std::optional<Release> Found = getRelease(*S, Ctx, HelperBodies);
    if (!Found || S->getBeginLoc().isMacroID() ||
        isHandedToAnOwner(Found->Owner, Code, HelperLambdas))
      return;
    SourceLocation From;
    if (Found->Kind != Resource::Lock) {
      // Memory and handles of the coroutine's own locals and by-value
      // parameters: a member's belongs to its object (whose destructor may
      // release it), a reference parameter's to the caller.
      const auto *Var = dyn_cast_or_null<VarDecl>(Found->Owner.Root);
      if (!Var || !Found->Owner.Members.empty() ||
          Var->getType()->isReferenceType())
        return;
      From = heldFrom(*Var, S->getBeginLoc(), Code, Ctx);
      if (From.isInvalid())
        return;
    } else {
      // Held from the object's last lock operation, when that one locks.
      std::optional<LockOperation> Locked =
          lockedFrom(Found->Owner, S->getBeginLoc(), Code, SM);
      if (!Locked)
        return;
      From = Locked->End;
      Found->Owner.Spelling = std::move(Locked->Spelling);
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
         "'%0' is released only if the coroutine resumes after suspending; "
         "destroyed while suspended (cancelled or abandoned), it leaks "
         "%select{the memory|the resource|the lock}1: let an RAII owner "
         "release it")
        << Found->Owner.Spelling << static_cast<int>(Found->Kind)
        << S->getSourceRange();
    diag(Suspension->getBeginLoc(),
         "the coroutine may be destroyed while suspended here",
         DiagnosticIDs::Note);
    if (Found->Inside)
      diag(Found->Inside->getBeginLoc(), "%0 releases it here",
           DiagnosticIDs::Note)
          << Found->Helper;
  });
}

} // namespace clang::tidy::coro
