//===--- LockAcrossSuspendCheck.h - corolint -------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
#define COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H

#include "LockModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::coro {

/// Finds thread locks (std::mutex & co., through guards or manual lock())
/// that may still be held when a coroutine suspends at co_await/co_yield.
///
/// For the user-facing documentation see
/// docs/checks/coro-lock-across-suspend.md.
class LockAcrossSuspendCheck : public ClangTidyCheck {
public:
  LockAcrossSuspendCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void checkCoroutine(const FunctionDecl &Coroutine, ASTContext &Ctx);
  bool isAllowedSuspension(const Expr &Suspension) const;
  void report(const HeldLock &Lock, ASTContext &Ctx);

  const LockTypeOptions LockTypes;
  const std::string AllowedAwaitablesList;
  const std::string AllowedCallees;
  const ThreadLockModel Locks;
  const std::vector<std::unique_ptr<llvm::Regex>> AllowedAwaitables;
  const std::vector<std::unique_ptr<llvm::Regex>> AllowedCalleePatterns;
  llvm::SmallPtrSet<const FunctionDecl *, 16> Analysed;
  OncePerLocation Reported;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
