//===--- CoroutineCheck.h - corolint ---------------------------*- C++ -*-===//
//
// The base of checks that analyse whole coroutine bodies: it finds every
// coroutine (functions, methods and lambdas; template patterns and their
// instantiations), hands each to checkCoroutine() once per translation
// unit, and reports each source location once.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_COROUTINECHECK_H
#define COROLINT_CHECKS_COROUTINECHECK_H

#include "CoroutineModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::coro {

class CoroutineCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  void onStartOfTranslationUnit() override;

protected:
  /// Called once for each coroutine with a body in this translation unit.
  virtual void checkCoroutine(const FunctionDecl &Coroutine,
                              const CoroutineBodyStmt &Body,
                              ASTContext &Ctx) = 0;

  /// Called once for every function definition of the translation unit
  /// (coroutine or not; template patterns and instantiations alike).
  virtual void onFunctionDefinition(const FunctionDecl &Function,
                                    ASTContext &Ctx) {}

  /// True the first time a diagnostic is about to be emitted at \p Loc:
  /// template instantiations share their written locations.
  bool firstReportAt(SourceLocation Loc, llvm::StringRef What = "") {
    return Reported.firstTime(Loc, What);
  }

private:
  void visit(const FunctionDecl &Function, ASTContext &Ctx);

  llvm::SmallPtrSet<const FunctionDecl *, 16> Analysed;
  OncePerLocation Reported;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_COROUTINECHECK_H
