//===--- AwaitInLoopCheck.h - corolint -------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_AWAITINLOOPCHECK_H
#define COROLINT_CHECKS_AWAITINLOOPCHECK_H

#include "CoroutineCheck.h"
#include "TaskModel.h"

namespace clang::tidy::coro {

/// Finds loops that await, one iteration after another, lazy tasks built
/// from the loop variable and independent of each other, collecting their
/// results: the library's range `when_all` (`collectAllRange`,
/// `when_all(std::vector<task>)`) would overlap them.
///
/// For the user-facing documentation see docs/checks/coro-await-in-loop.md.
class AwaitInLoopCheck : public CoroutineCheck {
public:
  AwaitInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;
  void checkLoop(const Stmt &Loop, const VarDecl &LoopVar, const Stmt &LoopBody,
                 const CoroutineBodyStmt &Body, ASTContext &Ctx);
  /// The qualified name of the range combinator of \p Task's library, when
  /// this translation unit declares it; empty otherwise.
  std::string findRangeWhenAll(QualType Task, const ASTContext &Ctx) const;

  const std::string RangeWhenAllFunction;
  const TaskTypeOptions TaskTypes;
  TaskClassifier Tasks;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_AWAITINLOOPCHECK_H
