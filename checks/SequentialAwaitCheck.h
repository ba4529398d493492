//===--- SequentialAwaitCheck.h - corolint ---------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
#define COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H

#include "CoroutineCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::coro {

/// Finds runs of consecutive statements that each await an independent lazy
/// task and bind its result: the latencies add up where awaiting them
/// together (when_all) would overlap them.
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
    const CoawaitExpr *Await;
    const CallExpr *Call;           ///< The awaited lazy-task call.
    llvm::SmallVector<const ValueDecl *, 2> Bound; ///< Variables it binds.
    const VarDecl *Declared = nullptr; ///< For `T x = ...;` forms.
    llvm::SmallPtrSet<const Decl *, 8> Uses;     ///< Everything it reads.
    llvm::SmallPtrSet<const Decl *, 4> Mutates;  ///< What it may modify.
  };

private:
  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;
  void checkBlock(const CompoundStmt &Block, const FunctionDecl &Coroutine,
                  ASTContext &Ctx);
  std::optional<AwaitBinding> getAwaitBinding(const Stmt &S, ASTContext &Ctx);
  void reportRun(llvm::ArrayRef<AwaitBinding> Run, ASTContext &Ctx);
  /// The combinator to suggest, and whether its awaited result
  /// destructures into the values (so that the fix keeps the types).
  struct Combinator {
    std::string Name;
    bool GivesValues = false;
  };
  Combinator findWhenAll(llvm::ArrayRef<AwaitBinding> Run,
                         const ASTContext &Ctx) const;
  std::optional<FixItHint> makeFix(llvm::ArrayRef<AwaitBinding> Run,
                                   llvm::StringRef WhenAll,
                                   ASTContext &Ctx) const;

  const std::string WhenAllFunction;
  const TaskTypeOptions TaskTypes;
  TaskClassifier Tasks;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
