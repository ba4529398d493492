//===--- CleanupAfterSuspendCheck.h - corolint -----------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_CLEANUPAFTERSUSPENDCHECK_H
#define COROLINT_CHECKS_CLEANUPAFTERSUSPENDCHECK_H

#include "CoroutineCheck.h"
#include "LockModel.h"
#include "TaskModel.h"

namespace clang::tidy::coro {

/// Finds resources released by a plain statement after a suspension point
/// they were held across (`delete p`, `fclose(f)`, `close(fd)`, an async
/// mutex's `unlock()`), directly or through a helper function or a local
/// lambda: a coroutine destroyed while suspended (cancelled, abandoned, a
/// generator whose reader stopped) never runs that statement.
///
/// For the user-facing documentation see
/// docs/checks/coro-cleanup-after-suspend.md.
class CleanupAfterSuspendCheck : public CoroutineCheck {
public:
  CleanupAfterSuspendCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

  /// An object named by its access path from a local, a parameter or
  /// `this`: `M`, `Obj.M`, `P->Strand`, `Self->Doc->Mutex` (smart pointers'
  /// `->` too). Two paths name the same object when their roots and member
  /// names are the same.
  struct AccessPath {
    const ValueDecl *Root = nullptr; ///< The local or parameter; null: this.
    llvm::SmallVector<const IdentifierInfo *, 3> Members; ///< Outermost first.
    std::string Spelling; ///< As written: `Self->Doc->Mutex`.
    bool operator==(const AccessPath &Other) const {
      return Root == Other.Root && Members == Other.Members;
    }
    bool isThis() const { return !Root && Members.empty(); }
  };

private:
  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;

  /// What a release statement releases.
  enum class Resource { Memory, Handle, Lock };
  struct Release {
    const Stmt *Statement; ///< In the coroutine: the release, or the call.
    AccessPath Owner;      ///< What holds the resource, seen from there.
    Resource Kind;
    /// For a release done by a helper function or a local lambda that
    /// \c Statement calls: the release in its body, and who does it.
    const Stmt *Inside = nullptr;
    const NamedDecl *Helper = nullptr;
  };
  /// A release written as \p S itself.
  std::optional<Release> getDirectRelease(const Stmt &S, ASTContext &Ctx) const;
  /// A release written as \p S, or done by the helper function or local
  /// lambda that the call \p S makes (one level deep); \p HelperBodies
  /// caches each helper's direct releases.
  std::optional<Release>
  getRelease(const Stmt &S, ASTContext &Ctx,
             llvm::DenseMap<const FunctionDecl *, std::vector<Release>>
                 &HelperBodies) const;
  /// Where the coroutine starts holding the lock of \p Owner released at
  /// \p Before: the end of the object's last lock operation before it (a
  /// LockMethods call, `co_await Owner`), when that one locks (not an
  /// unlock, not a conditional `try_lock`).
  struct LockOperation {
    SourceLocation End;
    std::string Spelling; ///< The object, as the lock operation names it.
  };
  std::optional<LockOperation> lockedFrom(const AccessPath &Owner,
                                          SourceLocation Before,
                                          const Stmt &Body,
                                          const SourceManager &SM) const;

  const std::string ReleaseFunctions;
  const std::string LockMethods;
  const std::string UnlockMethods;
  const std::vector<std::unique_ptr<llvm::Regex>> ReleasePatterns;
  const std::vector<std::unique_ptr<llvm::Regex>> LockPatterns;
  const std::vector<std::unique_ptr<llvm::Regex>> UnlockPatterns;
  const LockTypeOptions LockTypes; ///< To leave thread mutexes alone.
  const ThreadLockModel Locks;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_CLEANUPAFTERSUSPENDCHECK_H
