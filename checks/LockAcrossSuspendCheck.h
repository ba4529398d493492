//===--- LockAcrossSuspendCheck.h - corolint -------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
#define COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H

#include "CoroutineCheck.h"
#include "LockModel.h"

namespace clang::tidy::coro {

/// Finds thread locks (std::mutex & co., through guards or manual lock())
/// that may still be held when a coroutine suspends at co_await/co_yield.
///
/// For the user-facing documentation see
/// docs/checks/coro-lock-across-suspend.md.
class LockAcrossSuspendCheck : public CoroutineCheck {
public:
  LockAcrossSuspendCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  /// The lock type options, their regular expressions checked.
  LockTypeOptions readCheckedLockTypes();

  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;
  bool isAllowedSuspension(const Expr &Suspension) const;
  void report(const HeldLock &Lock, const BodyParents &Parents,
              ASTContext &Ctx);

  const LockTypeOptions LockTypes;
  const std::string AllowedAwaitablesList;
  const std::string AllowedCallees;
  const ThreadLockModel Locks;
  const std::vector<std::unique_ptr<llvm::Regex>> AllowedAwaitables;
  const std::vector<std::unique_ptr<llvm::Regex>> AllowedCalleePatterns;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
