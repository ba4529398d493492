//===--- DanglingReferenceCheck.h - corolint -------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_DANGLINGREFERENCECHECK_H
#define COROLINT_CHECKS_DANGLINGREFERENCECHECK_H

#include "CoroutineCheck.h"
#include "TaskModel.h"

namespace clang::tidy::coro {

/// Finds calls of lazy coroutines whose reference-like parameter (`const
/// T&`, `T&&`, `std::string_view`, `std::span`) is bound to an object that
/// dies before the task runs: a temporary, when the task outlives the
/// full-expression (stored, returned, passed on), or a local of a function
/// that returns the task. A lazy coroutine's frame keeps the reference, not
/// a copy, and its body runs only when the task is awaited.
///
/// For the user-facing documentation see
/// docs/checks/coro-dangling-reference.md.
class DanglingReferenceCheck : public CoroutineCheck {
public:
  DanglingReferenceCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void onFunctionDefinition(const FunctionDecl &Function,
                            ASTContext &Ctx) override;
  void checkCoroutine(const FunctionDecl &, const CoroutineBodyStmt &,
                      ASTContext &) override {}
  void checkCall(const CallExpr &Call, const FunctionDecl &Enclosing,
                 LazyBodyParents &Parents, ASTContext &Ctx);
  /// Reports \p Arg when what it binds to \p Param dies before the task
  /// (which goes to \p Destination) reads it. \p Unresolved: the call is
  /// left to the instantiation, its arguments not converted yet.
  void reportArgument(const Expr &Arg, const ParmVarDecl &Param,
                      const FunctionDecl &Callee,
                      const CoroutineBodyStmt &CalleeBody,
                      const TaskDestination &Destination,
                      const FunctionDecl &Enclosing, bool Unresolved);
  /// True for a parameter type that refers to its argument instead of
  /// holding a copy.
  bool isReferenceLike(QualType T) const;

  const std::string ReferenceLikeTypes;
  const std::vector<std::unique_ptr<llvm::Regex>> ReferenceLikePatterns;
  const TaskTypeOptions TaskTypes;
  TaskClassifier Tasks;
  const TaskFlowOptions FlowOptions;
  const TaskFlow Flow;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_DANGLINGREFERENCECHECK_H
