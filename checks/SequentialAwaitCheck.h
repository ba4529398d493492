//===--- SequentialAwaitCheck.h - corolint ---------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
#define COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H

#include "CoroutineCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::coro {

/// Finds independent lazy-task operations awaited one after another: runs of
/// statements that each await one and bind its result (possibly separated
/// by statements that neither read the results nor touch the later
/// operands), and several awaits in one expression. Their latencies add up
/// where awaiting them together (when_all) would overlap them.
///
/// For the user-facing documentation see docs/checks/coro-sequential-await.md.
class SequentialAwaitCheck : public CoroutineCheck {
public:
  SequentialAwaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

  /// One statement of a run: `T x = co_await f(...);` or `x = co_await ...;`.
  struct AwaitBinding {
    const Stmt *Statement;
    const Expr *Await;    ///< A CoawaitExpr, or a DependentCoawaitExpr.
    const CallExpr *Call; ///< The awaited lazy-task call.
    llvm::SmallVector<const ValueDecl *, 2> Bound; ///< Variables it binds.
    const VarDecl *Declared = nullptr;             ///< For `T x = ...;` forms.
    llvm::SmallPtrSet<const Decl *, 8> Uses;       ///< Everything it reads.
    llvm::SmallPtrSet<const Decl *, 4> Mutates;    ///< What it may modify.
  };

private:
  /// The coroutine checkCoroutine() is looking at.
  const FunctionDecl *CurrentCoroutine = nullptr;

  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;
  void checkBlock(const CompoundStmt &Block, const FunctionDecl &Coroutine,
                  ASTContext &Ctx);
  /// Several independent awaits in one full expression.
  void checkExpression(const Stmt &S, const FunctionDecl &Coroutine,
                       ASTContext &Ctx);
  std::optional<AwaitBinding> getAwaitBinding(const Stmt &S, ASTContext &Ctx);
  /// The operation an await awaits, when it is a lazy-task call.
  std::optional<AwaitBinding> describeAwait(const Expr &Await, const Stmt &S,
                                            ASTContext &Ctx);

  /// What the diagnostic suggests: a library's combinator (and whether its
  /// awaited result destructures into the values, so that the fix keeps the
  /// types), Asio's awaitable operators, or advice for a library with none.
  struct Combinator {
    enum KindType { Function, AsioOperators, NoneInLibrary, Unknown };
    KindType Kind = Unknown;
    std::string Name;
    bool GivesValues = false;
  };
  void reportRun(llvm::ArrayRef<AwaitBinding> Run, bool AllowFix,
                 const FunctionDecl &Coroutine, ASTContext &Ctx);
  Combinator findWhenAll(llvm::ArrayRef<AwaitBinding> Run,
                         const ASTContext &Ctx);
  std::optional<llvm::SmallVector<FixItHint, 4>>
  makeFix(llvm::ArrayRef<AwaitBinding> Run, const Combinator &WhenAll,
          const FunctionDecl &Coroutine, ASTContext &Ctx);

  const std::string WhenAllFunction;
  const TaskTypeOptions TaskTypes;
  TaskClassifier Tasks;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
