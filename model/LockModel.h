//===--- LockModel.h - corolint --------------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The coroutine model's facts about thread locks: which types are thread
// mutexes and guards, which calls lock and unlock, and a flow-sensitive
// "may hold" analysis over a coroutine's CFG that finds the locks held at
// each suspension point. The types and operations are in LockModel.cpp, the
// analysis in HeldLocks.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_MODEL_LOCKMODEL_H
#define COROLINT_MODEL_LOCKMODEL_H

#include "CoroutineModel.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::coro {

/// User configuration of what counts as a thread lock.
struct LockTypeOptions {
  /// Extra thread mutex types (regex list, whole qualified names).
  std::string ThreadMutexTypes;
  /// Guard types that always hold a thread lock while alive, for guards that
  /// are not templates over their mutex (absl::MutexLock). The name matches
  /// clang-tidy's misc-coroutine-hostile-raii option.
  std::string RAIITypesList;
  /// Mutex types that are never thread locks (coroutine-aware mutexes, spin
  /// locks of task libraries), even when they carry a capability attribute.
  std::string AsyncMutexTypes;
};

/// The lock type options of a check, under these names; AsyncMutexTypes
/// defaults to the task libraries' coroutine-aware mutexes.
LockTypeOptions readLockTypes(const ClangTidyCheck::OptionsView &Options);
void storeLockTypes(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts,
                    const LockTypeOptions &Types);

/// Decides which types, declarations and calls acquire or release thread
/// locks.
class ThreadLockModel {
public:
  explicit ThreadLockModel(const LockTypeOptions &Options);

  /// std::mutex and the other std thread mutexes, pthread_mutex_t, types with
  /// the capability/lockable attribute, and ThreadMutexTypes; never a type
  /// listed in AsyncMutexTypes.
  bool isThreadMutex(QualType T) const;

  struct Guard {
    std::string Mutexes; ///< Source text naming the mutex(es) it locks.
    llvm::SmallVector<std::string, 2> MutexKeys; ///< One per mutex.
    bool StartsLocked = true; ///< False with std::defer_lock.
    bool Adopts = false;      ///< std::adopt_lock: takes over a manual lock.
  };
  /// A local guard over at least one thread mutex, or nothing. A guard that
  /// starts empty (default-constructed) has no Mutexes and does not start
  /// locked; a guard returned by a helper (`auto Lock = lockState();`) is
  /// named after the call.
  std::optional<Guard> getGuard(const VarDecl &Var, ASTContext &Ctx) const;

  /// A guard built in place (`std::unique_lock<std::mutex>{M}`), or nothing.
  std::optional<Guard> getGuard(const CXXConstructExpr &Construct,
                                ASTContext &Ctx) const;

  /// True for a guard type that can hold a thread lock: a std guard over a
  /// thread mutex, a type listed in RAIITypesList, a scoped-lockable type.
  bool isGuardType(QualType T) const;

  enum class OpKind { Lock, Unlock };
  struct ManualOp {
    OpKind Kind;
    std::string MutexKey; ///< Identifies the mutex: its expression's text.
  };
  /// `m.lock()`, `m.lock_shared()`, `pthread_mutex_lock(&m)` and their unlocks
  /// on a thread mutex.
  std::optional<ManualOp> getManualOp(const CallExpr &Call,
                                      ASTContext &Ctx) const;

  enum class GuardOpKind {
    Relock,  ///< `lk.lock()`
    Unlock,  ///< `lk.unlock()`
    Release, ///< `lk.release()`: the guard lets go, the mutex stays locked
    MoveOut, ///< `std::move(lk)`: whoever receives it owns the lock now
    Swap,    ///< `lk.swap(other)`, `std::swap(lk, other)`
    Assign,  ///< `lk = ...`: the old lock is released, the value's taken
  };
  struct GuardOp {
    GuardOpKind Kind;
    const VarDecl *Guard;
    const VarDecl *Other = nullptr; ///< The other guard of a swap.
    const Expr *Value = nullptr;    ///< What is assigned.
  };
  /// An operation on a guard that is a local variable.
  static std::optional<GuardOp> getGuardOp(const CallExpr &Call);

private:
  bool isGuardTemplate(const CXXRecordDecl &RD) const;
  /// True when a std guard specialization's mutex argument is a thread
  /// mutex (`unique_lock<std::mutex>`).
  bool hasThreadMutexArgument(const CXXRecordDecl &RD) const;
  std::optional<Guard> getGuardFromArguments(const CXXRecordDecl &RD,
                                             const CXXConstructExpr &Construct,
                                             ASTContext &Ctx) const;

  std::vector<std::unique_ptr<llvm::Regex>> ExtraMutexes;
  std::vector<std::unique_ptr<llvm::Regex>> AlwaysLockingGuards;
  std::vector<std::unique_ptr<llvm::Regex>> AsyncMutexes;
};

/// One place a thread lock is taken, and the suspension points reached
/// while it may still be held.
struct HeldLock {
  SourceLocation Loc;             ///< The guard's name or the lock() call.
  const VarDecl *Guard = nullptr; ///< The guard, for guard acquisitions.
  /// The lock() call for manual locks; for a lock that a guard took over
  /// (a swap, a move, an assignment, a release()), where that happened.
  const Stmt *Call = nullptr;
  std::string Mutexes; ///< Source text naming the mutex(es).
  llvm::SmallVector<const Expr *, 4> Suspensions; ///< In source order.
};

/// Runs the forward "may hold" analysis over the CFG of a coroutine and
/// returns the acquisitions that reach a suspension point (one for which
/// \p CountsAsSuspension returns true) while possibly held.
std::vector<HeldLock> findLocksHeldAcrossSuspension(
    const FunctionDecl &Coroutine, ASTContext &Ctx,
    const ThreadLockModel &Locks,
    llvm::function_ref<bool(const Expr &)> CountsAsSuspension);

/// Source text of an expression, for naming mutexes in diagnostics.
std::string getSourceText(const Expr &E, const ASTContext &Ctx);

} // namespace clang::tidy::coro

#endif // COROLINT_MODEL_LOCKMODEL_H
