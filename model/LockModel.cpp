//===--- LockModel.cpp - corolint -----------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LockModel.h"
#include "clang/AST/Attr.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Transformer/SourceCode.h"

namespace clang::tidy::coro {

namespace {

bool isStdRecordNamed(const CXXRecordDecl *RD,
                      std::initializer_list<llvm::StringRef> Names) {
  if (!RD || !RD->isInStdNamespace() || !RD->getDeclName().isIdentifier())
    return false;
  return llvm::is_contained(Names, RD->getName());
}

const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

/// The declaration an expression names (a variable, a member, `this`), used
/// to tell whether a method is called on a local guard.
const VarDecl *referencedLocal(const Expr *E) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!Ref)
    return nullptr;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  return Var && Var->hasLocalStorage() ? Var : nullptr;
}

bool isTagType(QualType T, llvm::StringRef Name) {
  const CXXRecordDecl *RD = recordOf(T);
  return isStdRecordNamed(RD, {Name});
}

} // namespace

std::string getSourceText(const Expr &E, const ASTContext &Ctx) {
  llvm::StringRef Text = tooling::getText(E, Ctx);
  if (!Text.empty())
    return Text.str();
  // From a macro or an instantiation without spelling: print it.
  std::string Printed;
  llvm::raw_string_ostream OS(Printed);
  E.printPretty(OS, nullptr, Ctx.getPrintingPolicy());
  return Printed;
}

namespace {
/// The task libraries' coroutine-aware mutexes: never thread locks.
constexpr const char *DefaultAsyncMutexTypes =
    "cppcoro::async_mutex;coro::mutex;coro::shared_mutex;"
    "folly::coro::Mutex;folly::coro::SharedMutex;async_simple::coro::Mutex;"
    "async_simple::coro::SharedMutex;async_simple::coro::SpinLock;"
    "unifex::async_mutex;concurrencpp::async_lock;drogon::Mutex";
} // namespace

LockTypeOptions readLockTypes(const ClangTidyCheck::OptionsView &Options) {
  LockTypeOptions Types;
  Types.ThreadMutexTypes = Options.get("ThreadMutexTypes", "").str();
  Types.RAIITypesList = Options.get("RAIITypesList", "").str();
  Types.AsyncMutexTypes =
      Options.get("AsyncMutexTypes", DefaultAsyncMutexTypes).str();
  return Types;
}

void storeLockTypes(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts,
                    const LockTypeOptions &Types) {
  Options.store(Opts, "ThreadMutexTypes", Types.ThreadMutexTypes);
  Options.store(Opts, "RAIITypesList", Types.RAIITypesList);
  Options.store(Opts, "AsyncMutexTypes", Types.AsyncMutexTypes);
}

ThreadLockModel::ThreadLockModel(const LockTypeOptions &Options)
    : ExtraMutexes(compileRegexList(Options.ThreadMutexTypes)),
      AlwaysLockingGuards(compileRegexList(Options.RAIITypesList)),
      AsyncMutexes(compileRegexList(Options.AsyncMutexTypes)) {}

bool ThreadLockModel::isThreadMutex(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (const auto *Pointee = T->getPointeeType().getTypePtrOrNull())
    T = QualType(Pointee, 0);
  // pthread_mutex_t is a typedef of an anonymous union.
  if (const auto *Typedef = T->getAs<TypedefType>())
    if (Typedef->getDecl()->getName() == "pthread_mutex_t")
      return true;
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  std::string Name = RD->getQualifiedNameAsString();
  if (matchesAny(AsyncMutexes, Name))
    return false;
  if (isStdRecordNamed(RD, {"mutex", "timed_mutex", "recursive_mutex",
                            "recursive_timed_mutex", "shared_mutex",
                            "shared_timed_mutex"}))
    return true;
  if (matchesAny(ExtraMutexes, Name))
    return true;
  const CXXRecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
  return Def->hasAttr<CapabilityAttr>();
}

bool ThreadLockModel::isGuardTemplate(const CXXRecordDecl &RD) const {
  return isStdRecordNamed(
      &RD, {"lock_guard", "unique_lock", "scoped_lock", "shared_lock"});
}

bool ThreadLockModel::hasThreadMutexArgument(const CXXRecordDecl &RD) const {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD);
  if (!Spec)
    return false;
  auto IsMutex = [&](const TemplateArgument &Arg) {
    return Arg.getKind() == TemplateArgument::Type &&
           isThreadMutex(Arg.getAsType());
  };
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() == TemplateArgument::Pack) {
      if (llvm::any_of(Arg.pack_elements(), IsMutex))
        return true;
    } else if (IsMutex(Arg)) {
      return true;
    }
  }
  return false;
}

bool ThreadLockModel::isGuardType(QualType T) const {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD || T->isReferenceType())
    return false;
  if (isGuardTemplate(*RD))
    return hasThreadMutexArgument(*RD);
  const CXXRecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
  return matchesAny(AlwaysLockingGuards, RD->getQualifiedNameAsString()) ||
         Def->hasAttr<ScopedLockableAttr>();
}

std::optional<ThreadLockModel::Guard>
ThreadLockModel::getGuardFromArguments(const CXXRecordDecl &RD,
                                       const CXXConstructExpr &Construct,
                                       ASTContext &Ctx) const {
  const CXXRecordDecl *Def = RD.getDefinition() ? RD.getDefinition() : &RD;
  bool ListedGuard =
      matchesAny(AlwaysLockingGuards, RD.getQualifiedNameAsString());
  bool AnnotatedGuard = Def->hasAttr<ScopedLockableAttr>();
  if (!isGuardTemplate(RD) && !ListedGuard && !AnnotatedGuard)
    return std::nullopt;

  Guard Result;
  llvm::SmallVector<std::string, 2> Mutexes;
  bool OverThreadMutex = false;
  for (const Expr *Arg : Construct.arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    QualType ArgType = Arg->getType();
    if (isTagType(ArgType, "defer_lock_t")) {
      Result.StartsLocked = false;
      continue;
    }
    if (isTagType(ArgType, "adopt_lock_t")) {
      Result.Adopts = true;
      continue;
    }
    if (isTagType(ArgType, "try_to_lock_t"))
      continue;
    // A guard built from another guard (a move) takes over its lock: the
    // analysis follows that hand-over itself.
    if (const CXXRecordDecl *ArgRD = recordOf(ArgType);
        ArgRD && ArgRD->getCanonicalDecl() == RD.getCanonicalDecl())
      return std::nullopt;
    if (isThreadMutex(ArgType)) {
      OverThreadMutex = true;
      Mutexes.push_back(getSourceText(*Arg, Ctx));
    } else if (ArgType->isRecordType() || ArgType->isPointerType()) {
      Mutexes.push_back(getSourceText(*Arg, Ctx));
    }
  }
  // A default-constructed std guard over a thread mutex holds nothing yet,
  // but a lock can be swapped or moved into it.
  if (Mutexes.empty() && Construct.getNumArgs() == 0 &&
      hasThreadMutexArgument(RD)) {
    Result.StartsLocked = false;
    return Result;
  }
  // Decide by the mutex: std guards and annotated guards must wrap a thread
  // mutex; guards listed in RAIITypesList always hold one.
  if (!OverThreadMutex && !ListedGuard)
    return std::nullopt;
  if (Mutexes.empty())
    return std::nullopt;
  Result.Mutexes = llvm::join(Mutexes, "', '");
  Result.MutexKeys.assign(Mutexes.begin(), Mutexes.end());
  return Result;
}

std::optional<ThreadLockModel::Guard>
ThreadLockModel::getGuard(const CXXConstructExpr &Construct,
                          ASTContext &Ctx) const {
  const CXXRecordDecl *RD = recordOf(Construct.getType());
  if (!RD)
    return std::nullopt;
  return getGuardFromArguments(*RD, Construct, Ctx);
}

std::optional<ThreadLockModel::Guard>
ThreadLockModel::getGuard(const VarDecl &Var, ASTContext &Ctx) const {
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) || !Var.getInit() ||
      Var.getType()->isReferenceType())
    return std::nullopt;
  const CXXRecordDecl *RD = recordOf(Var.getType());
  if (const auto *Construct =
          dyn_cast<CXXConstructExpr>(Var.getInit()->IgnoreImplicit());
      RD && Construct)
    return getGuardFromArguments(*RD, *Construct, Ctx);
  // A guard a helper returns (`auto Lock = lockState();`): its type says
  // whether it is over a thread mutex; the helper is expected to lock. In a
  // template pattern the helper's declared return type says it.
  const auto *Call = dyn_cast<CallExpr>(ignoreImplicitWrappers(Var.getInit()));
  if (!Call || !Call->isPRValue())
    return std::nullopt;
  QualType GuardType = Var.getType()->isDependentType()
                           ? getCallResultType(*Call)
                           : Var.getType();
  if (GuardType.isNull() || !isGuardType(GuardType))
    return std::nullopt;
  Guard Result;
  Result.Mutexes = getSourceText(*Call, Ctx);
  Result.MutexKeys.push_back(Result.Mutexes);
  return Result;
}

std::optional<ThreadLockModel::ManualOp>
ThreadLockModel::getManualOp(const CallExpr &Call, ASTContext &Ctx) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    // The name first: the lock analysis asks about every call of a body
    // on every pass, and naming the object's type costs far more.
    bool Locks = Name == "lock" || Name == "lock_shared";
    if (!Locks && Name != "unlock" && Name != "unlock_shared")
      return std::nullopt;
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Object || !isThreadMutex(Object->getType()))
      return std::nullopt;
    return ManualOp{Locks ? OpKind::Lock : OpKind::Unlock,
                    getSourceText(*Object->IgnoreParenImpCasts(), Ctx)};
  }
  if ((Name == "pthread_mutex_lock" || Name == "pthread_mutex_unlock") &&
      Call.getNumArgs() == 1 && Callee->isExternC()) {
    const Expr *Arg = Call.getArg(0)->IgnoreParenImpCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      Arg = AddrOf->getSubExpr()->IgnoreParenImpCasts();
    OpKind Kind = Name == "pthread_mutex_lock" ? OpKind::Lock : OpKind::Unlock;
    return ManualOp{Kind, getSourceText(*Arg, Ctx)};
  }
  return std::nullopt;
}

std::optional<ThreadLockModel::GuardOp>
ThreadLockModel::getGuardOp(const CallExpr &Call) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Operator->getOperator() != OO_Equal || Operator->getNumArgs() != 2)
      return std::nullopt;
    if (const VarDecl *Guard = referencedLocal(Operator->getArg(0)))
      return GuardOp{GuardOpKind::Assign, Guard, nullptr, Operator->getArg(1)};
    return std::nullopt;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const VarDecl *Guard = referencedLocal(Member->getImplicitObjectArgument());
    if (!Guard)
      return std::nullopt;
    if (Name == "lock" || Name == "lock_shared")
      return GuardOp{GuardOpKind::Relock, Guard};
    if (Name == "unlock" || Name == "unlock_shared")
      return GuardOp{GuardOpKind::Unlock, Guard};
    if (Name == "release")
      return GuardOp{GuardOpKind::Release, Guard};
    if (Name == "swap" && Call.getNumArgs() == 1)
      if (const VarDecl *Other = referencedLocal(Call.getArg(0)))
        return GuardOp{GuardOpKind::Swap, Guard, Other};
    return std::nullopt;
  }
  if (!Callee->isInStdNamespace())
    return std::nullopt;
  // std::move(lk): whoever receives it now owns the lock.
  if ((Name == "move" || Name == "forward") && Call.getNumArgs() == 1)
    if (const VarDecl *Guard = referencedLocal(Call.getArg(0)))
      return GuardOp{GuardOpKind::MoveOut, Guard};
  if (Name == "swap" && Call.getNumArgs() == 2)
    if (const VarDecl *Guard = referencedLocal(Call.getArg(0)))
      if (const VarDecl *Other = referencedLocal(Call.getArg(1)))
        return GuardOp{GuardOpKind::Swap, Guard, Other};
  return std::nullopt;
}

} // namespace clang::tidy::coro
