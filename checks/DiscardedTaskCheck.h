//===--- DiscardedTaskCheck.h - corolint -----------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_DISCARDEDTASKCHECK_H
#define COROLINT_CHECKS_DISCARDEDTASKCHECK_H

#include "CoroutineCheck.h"
#include "CoroutineModel.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::coro {

/// Finds lazy tasks that are created and then dropped: a call whose task is
/// discarded, or a local initialized with one and never used again. A lazy
/// task's body runs only when it is awaited or started, so its work is lost.
///
/// For the user-facing documentation see docs/checks/coro-discarded-task.md.
class DiscardedTaskCheck : public CoroCheckBase {
public:
  DiscardedTaskCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void checkFunction(const FunctionDecl &Function, ASTContext &Ctx);
  void checkCall(const CallExpr &Call, const FunctionDecl &Enclosing,
                 const BodyParents &Parents, ASTContext &Ctx);
  void checkUnusedLocal(const VarDecl &Var, const FunctionDecl &Enclosing,
                        ASTContext &Ctx);
  /// A remark saying why the return type of \p Function is, or is not, a
  /// lazy task, when it matches ExplainTaskTypes.
  void explainReturnType(const FunctionDecl &Function, ASTContext &Ctx);

  const bool AllowCastToVoid;
  const std::string ExplainTaskTypes;
  const std::vector<std::unique_ptr<llvm::Regex>> ExplainPatterns;
  llvm::StringSet<> Explained;
  llvm::SmallPtrSet<const FunctionDecl *, 16> Visited;
  const TaskTypeOptions TaskTypes;
  TaskClassifier Tasks;
  OncePerLocation Reported;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_DISCARDEDTASKCHECK_H
