//===--- CapturingLambdaCheck.h - corolint ---------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_CAPTURINGLAMBDACHECK_H
#define COROLINT_CHECKS_CAPTURINGLAMBDACHECK_H

#include "CoroutineCheck.h"
#include "TaskModel.h"

namespace clang::tidy::coro {

namespace capturing_lambda {

/// A lambda whose explicit object parameter is taken by value (`this auto
/// self`) is copied into the coroutine frame: its captures live there.
bool copiesItselfIntoFrame(const FunctionDecl &CallOperator);

/// A local of \p Function holding a lambda: `auto L = [x]() -> Task<> {...};`.
const VarDecl *localLambdaVariable(const Expr *E, const FunctionDecl &Function,
                                   const LambdaExpr *&Lambda);

} // namespace capturing_lambda

/// Finds coroutine lambdas with captures whose lazy task outlives the lambda
/// object: the coroutine reads its captures through the closure, which a
/// temporary lambda (or a local one of a function returning the task) no
/// longer has when the task runs.
///
/// For the user-facing documentation see docs/checks/coro-capturing-lambda.md.
class CapturingLambdaCheck : public CoroutineCheck {
public:
  CapturingLambdaCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void onFunctionDefinition(const FunctionDecl &Function,
                            ASTContext &Ctx) override;
  void checkCoroutine(const FunctionDecl &, const CoroutineBodyStmt &,
                      ASTContext &) override {}
  void checkCall(const CallExpr &Call, const FunctionDecl &Enclosing,
                 LazyBodyParents &Parents, ASTContext &Ctx);
  /// Reports \p Lambda when its call operator \p CallOperator is a lazy
  /// coroutine that reads a capture; \p Local is the variable holding the
  /// lambda, or null for a temporary.
  void checkLambda(const LambdaExpr &Lambda, const FunctionDecl &CallOperator,
                   const VarDecl *Local, const TaskDestination &Destination,
                   const FunctionDecl &Enclosing, ASTContext &Ctx);

  /// Coroutine lambdas handed to a continuation (ContinuationFunctions, or
  /// a helper that hands its parameter to one): it destroys the lambda once
  /// it has returned (CapturingLambdaContinuations.cpp).
  void checkContinuationCall(const CallExpr &Call, ASTContext &Ctx);
  void checkContinuationLambda(const LambdaExpr &Lambda, const CallExpr &Call,
                               unsigned ArgIndex, ASTContext &Ctx);
  /// True when \p Call runs its argument \p ArgIndex as a continuation.
  bool isContinuation(const CallExpr &Call, unsigned ArgIndex, unsigned Depth,
                      ASTContext &Ctx);
  /// The call in \p Helper's body that hands its parameter \p ParamIndex
  /// to a continuation, or null.
  const CallExpr *continuationCallIn(const FunctionDecl &Helper,
                                     unsigned ParamIndex, unsigned Depth,
                                     ASTContext &Ctx);

  const std::string CoInvokeFunctions;
  const std::vector<std::unique_ptr<llvm::Regex>> CoInvokePatterns;
  const std::string ContinuationFunctions;
  const std::vector<std::unique_ptr<llvm::Regex>> ContinuationPatterns;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, const CallExpr *>
      HelperContinuations;
  const TaskTypeOptions TaskTypes;
  TaskClassifier Tasks;
  const TaskFlowOptions FlowOptions;
  const TaskFlow Flow;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_CAPTURINGLAMBDACHECK_H
