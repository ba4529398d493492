//===--- DiscardedTaskCheck.h - corolint -----------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_DISCARDEDTASKCHECK_H
#define COROLINT_CHECKS_DISCARDEDTASKCHECK_H

#include "CoroutineCheck.h"
#include "TaskModel.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::coro {

/// Finds lazy tasks that are created and then dropped: a call whose task is
/// discarded, or a local initialized with one and never used again. A lazy
/// task's body runs only when it is awaited or started, so its work is lost.
///
/// For the user-facing documentation see docs/checks/coro-discarded-task.md.
class DiscardedTaskCheck : public CoroutineCheck {
public:
  DiscardedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  /// Tasks are dropped in plain functions too: every function body is
  /// walked, with its own parent map.
  void onFunctionDefinition(const FunctionDecl &Function,
                            ASTContext &Ctx) override;
  void checkCoroutine(const FunctionDecl &, const CoroutineBodyStmt &,
                      ASTContext &) override {}
  void checkCall(const CallExpr &Call, const FunctionDecl &Enclosing,
                 const llvm::SmallPtrSetImpl<const Expr *> &Awaited,
                 LazyBodyParents &Parents, ASTContext &Ctx);
  /// A lazy task handed on by calls that carry it (`f().via(Ex)`,
  /// `co_withExecutor(Ex, f())`) whose last value is dropped, or stored in
  /// a local never used.
  void checkCarriedTask(const CallExpr &Call, const FunctionDecl &Enclosing,
                        LazyBodyParents &Parents, ASTContext &Ctx);
  /// True when one of the calls carrying a task creates a lazy task itself:
  /// it is reported as its own call.
  bool carrierIsLazyTask(const TaskDestination &Destination, ASTContext &Ctx);
  /// A local declared from a call creating a lazy task (\p Init, possibly
  /// through carriers) that nothing awaits, moves or passes on.
  void checkUnusedLocal(const VarDecl &Var, const CallExpr &Init,
                        const FunctionDecl &Enclosing, LazyBodyParents &Parents,
                        ASTContext &Ctx);
  void checkUnusedLocalDeclaration(const VarDecl &Var,
                                   const FunctionDecl &Enclosing,
                                   LazyBodyParents &Parents, ASTContext &Ctx);
  void checkVoidCallableArguments(const CallExpr &Call, ASTContext &Ctx);
  void reportVoidCallable(const LambdaExpr &Lambda, QualType Wrapper,
                          const ParmVarDecl *Parameter, ASTContext &Ctx);
  /// A coroutine lambda made into a callable whose signature returns void
  /// (`std::function<void(int)>`): each call drops the task it returns
  /// (DiscardedTaskWrappers.cpp).
  void checkVoidCallable(const CXXConstructExpr &Construct,
                         LazyBodyParents &Parents, ASTContext &Ctx);
  /// A remark saying why the return type of \p Function is, or is not, a
  /// lazy task, when it matches ExplainTaskTypes.
  void explainReturnType(const FunctionDecl &Function, ASTContext &Ctx);

  const bool AllowCastToVoid;
  const std::string ExplainTaskTypes;
  const std::vector<std::unique_ptr<llvm::Regex>> ExplainPatterns;
  llvm::StringSet<> Explained;
  const TaskTypeOptions TaskTypes;
  TaskClassifier Tasks;
  const TaskFlowOptions FlowOptions;
  const TaskFlow Flow;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_DISCARDEDTASKCHECK_H
