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
/// mutex's `unlock()`): a coroutine destroyed while suspended (cancelled,
/// abandoned, a generator whose reader stopped) never runs that statement.
///
/// For the user-facing documentation see
/// docs/checks/coro-cleanup-after-suspend.md.
class CleanupAfterSuspendCheck : public CoroutineCheck {
public:
  CleanupAfterSuspendCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;

  /// What a release statement releases.
  enum class Resource { Memory, Handle, Lock };
  struct Release {
    const Stmt *Statement;
    const ValueDecl *Owner; ///< The variable or member holding it.
    Resource Kind;
  };
  std::optional<Release> getRelease(const Stmt &S, ASTContext &Ctx) const;

  const std::string ReleaseFunctions;
  const std::string UnlockMethods;
  const std::vector<std::unique_ptr<llvm::Regex>> ReleasePatterns;
  const std::vector<std::unique_ptr<llvm::Regex>> UnlockPatterns;
  const LockTypeOptions LockTypes; ///< To leave thread mutexes alone.
  const ThreadLockModel Locks;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_CLEANUPAFTERSUSPENDCHECK_H
