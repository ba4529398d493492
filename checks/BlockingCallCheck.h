//===--- BlockingCallCheck.h - corolint ------------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "CoroutineCheck.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

namespace clang::tidy::coro {

/// Finds calls inside coroutines that block the thread running them
/// (sleeping, joining, waiting, synchronous waits on tasks, blocking I/O),
/// directly or through helper functions defined in the same file.
///
/// For the user-facing documentation see docs/checks/coro-blocking-call.md.
class BlockingCallCheck : public CoroutineCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

  /// What a blocking call does to the thread, for the message.
  enum class Category { Sleep, Wait, SyncWait, IO, Process, Marked };

  /// One call on the way from a coroutine to the blocking call.
  struct Step {
    const CallExpr *Call;
    const FunctionDecl *Callee;
  };
  /// The calls from a function's body down to a blocking call: the last
  /// step is the blocking call itself.
  struct Chain {
    llvm::SmallVector<Step, 4> Steps;
    Category Kind;
    std::string BlockingName; ///< Quoted, as diagnostics print it.
  };

private:
  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;
  void checkCall(const CallExpr &Call, const FunctionDecl &Coroutine,
                 ASTContext &Ctx);
  std::optional<Category> classifyCallee(const CallExpr &Call,
                                         ASTContext &Ctx) const;
  std::optional<Category> classifyMethod(llvm::StringRef Class,
                                         llvm::StringRef Name,
                                         const CallExpr &Call,
                                         ASTContext &Ctx) const;
  /// A blocking chain starting in the body of \p Helper, if any.
  const Chain *findChainIn(const FunctionDecl &Helper, unsigned Depth,
                           ASTContext &Ctx);
  std::optional<Chain> findChainFrom(const CallExpr &Call, unsigned Depth,
                                     ASTContext &Ctx);
  std::optional<FixItHint> asyncReplacement(const CallExpr &Call,
                                            const FunctionDecl &Coroutine,
                                            ASTContext &Ctx);

  const std::string BlockingFunctions;
  const std::string AllowedFunctions;
  const std::string AsyncReplacements;
  const unsigned MaxHelperDepth;
  const TaskTypeOptions TaskTypes;
  std::vector<std::unique_ptr<llvm::Regex>> BlockingPatterns;
  std::vector<std::unique_ptr<llvm::Regex>> AllowedPatterns;
  llvm::StringMap<std::string> Replacements;
  TaskClassifier Tasks;

  /// Helpers already searched, per depth (the limit makes the answer
  /// depend on it): their chain, or none.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>,
                 std::optional<Chain>>
      HelperChains;
  llvm::SmallPtrSet<const FunctionDecl *, 8> InProgress;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_BLOCKINGCALLCHECK_H
