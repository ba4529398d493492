//===--- BlockingCallCheck.h - corolint ------------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "CoroutineCheck.h"
#include "ProgramFacts.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::coro {

/// Finds calls inside coroutines that block the thread running them
/// (sleeping, joining, waiting, synchronous waits on tasks, blocking I/O),
/// directly, through helper functions defined in the same file, and through
/// callbacks that a synchronous caller runs before it returns
/// (`std::for_each`, `tbb::parallel_invoke`). Calls on paths that never
/// return (they end in `[[noreturn]]` calls or throws) are not counted.
///
/// For the user-facing documentation see docs/checks/coro-blocking-call.md.
class BlockingCallCheck : public CoroutineCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

  /// What a blocking call does to the thread, for the message.
  enum class Category { Sleep, Wait, SyncWait, IO, Process, Marked };

  /// One call on the way from a coroutine to the blocking call.
  struct Step {
    const CallExpr *Call;
    /// The function whose body the chain continues in (for the last step,
    /// the blocking function).
    const FunctionDecl *Callee;
    /// How the diagnostics name what the call calls: `'delay'`,
    /// `the lambda`, `'std::for_each'`.
    std::string Name;
    /// How the notes name the function the chain continues in:
    /// `'delay'`, `the lambda passed to 'std::for_each'`.
    std::string BodyName;
  };
  /// The calls from a function's body down to a blocking call: the last
  /// step is the blocking call itself.
  struct Chain {
    llvm::SmallVector<Step, 1> Steps;
    Category Kind;
    std::string BlockingName; ///< Quoted, as diagnostics print it.
    /// Where the chain goes on in other files (from the program facts).
    std::vector<FactStep> External;
  };

  /// A note of a settled finding: at an offset of a file, or (in another
  /// file, from the program facts) at a line and column.
  struct SettledNote {
    std::string Message;
    std::string File;
    unsigned Offset = 0;
    unsigned Line = 0; ///< Not 0: located by Line and Column.
    unsigned Column = 0;
  };
  struct SettledFinding {
    std::string Message;
    std::vector<SettledNote> Notes;
  };
  /// For the standalone tool: what a pending finding (PendingFindingPrefix,
  /// then \p Payload) says now that the program's facts are known, or
  /// nothing when the chains it waited for do not block.
  static llvm::Expected<std::optional<SettledFinding>>
  settlePendingFinding(llvm::StringRef Payload, const ProgramFacts &Facts);

private:
  /// A chain that blocks if a function defined in another file does:
  /// the calls down to it (the last one calls it), and what to ask the
  /// program facts (its USR, with "virtual:" for a dispatched call).
  struct Miss {
    /// Mostly the call to the function defined elsewhere alone: a file
    /// keeps one for each such call until its end.
    llvm::SmallVector<Step, 1> Steps;
    std::string Condition;
  };
  /// A helper's search: the chain found, and the chains through functions
  /// defined elsewhere met before it (relative to the helper's body).
  struct HelperSearch {
    std::optional<Chain> Found;
    std::vector<Miss> Misses;
    /// Recursion cut the search short somewhere below: what it found
    /// depends on which helper was searched first, which the facts change.
    bool Cut = false;
  };
  /// The candidate findings at one call location that wait for the program
  /// facts: the first chain that blocks is reported (Definite, if any,
  /// blocks for certain and comes last), as a second analysis with the
  /// facts would.
  struct PendingGroup {
    SourceLocation Loc;
    /// The range of the first call here: the marker's, so every call of the
    /// group must have it.
    SourceRange Range;
    std::vector<Miss> Conditional;
    std::optional<Chain> Definite;
    SourceRange DefiniteRange;
    /// Analysed again with the facts instead (see reportPending).
    bool Fallback = false;
  };

  void checkCoroutine(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx) override;
  void onFunctionDefinition(const FunctionDecl &Function,
                            ASTContext &Ctx) override;
  /// A chain into a function defined in another file (or a virtual
  /// method's overriders), from the program facts.
  std::optional<Chain> findChainInFacts(const CallExpr &Call,
                                        const FunctionDecl &Callee,
                                        bool Dispatched);
  /// The chain through \p Callee that a program or preamble fact tells.
  Chain chainThroughFact(const CallExpr &Call, const FunctionDecl &Callee,
                         const BlockingFact &Fact);
  /// A chain into a helper defined in a header whose body clangd's
  /// preamble skipped (\p Skipped), from the preamble's second parse.
  std::optional<Chain> findChainInPreamble(const CallExpr &Call,
                                           const FunctionDecl &Callee,
                                           const FunctionDecl &Skipped,
                                           ASTContext &Ctx);
  /// What the functions defined in the preamble block on, resolved as the
  /// program's facts are (PreambleBodies.h); computed once per unit.
  const ProgramFacts *preambleFacts(ASTContext &Ctx);
  ProgramFacts collectPreambleFacts(ASTContext &Parsed);
  /// True when the facts of \p Function's body are worth recording.
  bool recordsFactsOf(const FunctionDecl &Function, ASTContext &Ctx);
  /// True when the chain may continue in \p Callee's body in another file.
  bool isDefinedElsewhere(const FunctionDecl &Callee, ASTContext &Ctx);
  FunctionFacts collectFacts(const FunctionDecl &Function, ASTContext &Ctx);
  /// The code of \p Function that never returns, built once per function
  /// (helpers are searched at several depths, and again for their facts).
  const NonReturningCode &neverReturns(const FunctionDecl &Function,
                                       const Stmt *Body, ASTContext &Ctx);
  void writeUnitFacts(ASTContext &Ctx);
  void checkCall(const CallExpr &Call, const FunctionDecl &Coroutine,
                 ASTContext &Ctx);
  void report(const CallExpr &Call, const FunctionDecl &Coroutine,
              const Chain &Found, ASTContext &Ctx);
  /// A finding through helpers (a chain of more than one call).
  void reportChain(SourceLocation Loc, SourceRange Range, const Chain &Found,
                   ASTContext &Ctx);
  /// Emits the pending findings of the unit; those it cannot describe
  /// exactly (macros, headers, mixed with another finding) are reported as
  /// without the facts, and their functions wanted for a second analysis.
  void reportPending(ASTContext &Ctx);
  std::string pendingPayload(const PendingGroup &Group,
                             const SourceManager &SM) const;
  bool isSynchronousCaller(const CalleeInfo &Callee) const;
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
  /// A chain through a callable argument of a synchronous caller.
  std::optional<Chain> findChainInCallbacks(const CallExpr &Call,
                                            const CalleeInfo &Caller,
                                            unsigned Depth, ASTContext &Ctx);
  std::optional<FixItHint> asyncReplacement(const CallExpr &Call,
                                            const FunctionDecl &Coroutine,
                                            ASTContext &Ctx);

  const std::string BlockingFunctions;
  const std::string AllowedFunctions;
  const std::string AsyncReplacements;
  const std::string SynchronousCallers;
  /// The deepest helper chain followed, whatever the option says.
  static constexpr unsigned MaxHelperDepthLimit = 32;
  unsigned boundedHelperDepth(unsigned Configured);
  const unsigned MaxHelperDepth;
  const std::string ProgramFactsPath;
  const TaskTypeOptions TaskTypes;
  std::vector<std::unique_ptr<llvm::Regex>> BlockingPatterns;
  std::vector<std::unique_ptr<llvm::Regex>> AllowedPatterns;
  std::vector<std::unique_ptr<llvm::Regex>> SynchronousCallerPatterns;
  llvm::StringMap<std::string> Replacements;
  TaskClassifier Tasks;

  /// Helpers already searched, per depth (the limit makes the answer
  /// depend on it): their chain, or none.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, HelperSearch>
      HelperChains;
  /// The calls from the coroutine's call down to the helper being searched,
  /// and the chains through functions defined elsewhere met on the way.
  std::vector<Step> Path;
  std::vector<Miss> Misses;
  std::vector<PendingGroup> PendingGroups;
  /// Searches of coroutines' calls that recursion cut short (HelperSearch).
  unsigned RecursionCuts = 0;
  llvm::DenseMap<SourceLocation::UIntTy, size_t> PendingAt;
  llvm::SmallPtrSet<const FunctionDecl *, 8> InProgress;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<NonReturningCode>>
      NonReturning;

  /// The preamble's facts (clangd), asked for once per unit.
  std::shared_ptr<const ProgramFacts> PreambleFacts;
  bool PreambleFactsAsked = false;
  /// Program facts, read once.
  std::optional<ProgramFacts> Facts;
  bool FactsRead = false;
  /// Unit facts are collected only for the standalone tool's workers.
  bool CollectingFacts = false;
  std::vector<const FunctionDecl *> Definitions;
  llvm::StringSet<> Wanted;
  bool CheckingCoroutine = false;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_BLOCKINGCALLCHECK_H
