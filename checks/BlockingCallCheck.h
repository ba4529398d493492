//===--- BlockingCallCheck.h - corolint ------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

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
/// (`std::for_each`, `tbb::parallel_invoke`), and locals whose destructor
/// blocks where they go out of scope (`std::jthread`, a worker that joins).
/// Calls on paths that never return (they end in `[[noreturn]]` calls or
/// throws) are not counted.
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

  /// What a class's destructor blocks on: the chain in its body (or the
  /// body of a member's or base's destructor), and the members and bases
  /// on the way there.
  struct DestructorChain {
    Category Kind;
    std::string BlockingName; ///< Quoted, as diagnostics print it.
    /// Where the destructor destroys the member or base whose destructor
    /// goes on, with what the note there says.
    std::vector<std::pair<SourceLocation, std::string>> Path;
    /// The chain in the body of the last destructor, if it is not one of
    /// the known blocking destructors (`std::jthread`'s).
    std::optional<Chain> Body;
    /// The destructor whose body \p Body starts in, as notes name it.
    std::string BodyName;
    /// True when the destructor waits only for what was started
    /// (`std::jthread` joins a joinable thread, `if (T.joinable()) T.join();`):
    /// a default-constructed object has nothing to wait for.
    bool OnlyWhenStarted = false;
  };

private:
  /// A helper's search: the chain found, and what the chains through
  /// functions defined elsewhere met before it wait for (see Misses).
  struct HelperSearch {
    std::optional<Chain> Found;
    std::vector<std::string> Misses;
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
  /// Locals of the coroutine whose destructor blocks where they go out of
  /// scope (BlockingCallDestructors.cpp).
  void checkDestroyedLocals(const FunctionDecl &Coroutine,
                            const CoroutineBodyStmt &Body,
                            const NonReturningCode &NeverReturns,
                            ASTContext &Ctx);
  /// What the destructor of \p Class blocks on, if anything, entered
  /// \p Depth helpers deep.
  const DestructorChain *findDestructorChain(const CXXRecordDecl &Class,
                                             unsigned Depth, ASTContext &Ctx);
  void report(const CallExpr &Call, const FunctionDecl &Coroutine,
              const Chain &Found, ASTContext &Ctx);
  /// A finding through helpers (a chain of more than one call).
  void reportChain(SourceLocation Loc, SourceRange Range, const Chain &Found,
                   ASTContext &Ctx);
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
  /// What the chains through functions defined elsewhere, met while a
  /// coroutine's call is searched, wait for: the functions' USRs
  /// ("virtual:" first for a dispatched call's overriders).
  std::vector<std::string> Misses;
  llvm::SmallPtrSet<const FunctionDecl *, 8> InProgress;
  /// Classes whose destructors were searched, per depth.
  llvm::DenseMap<std::pair<const CXXRecordDecl *, unsigned>,
                 std::optional<DestructorChain>>
      DestructorChains;
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> ClassesInProgress;
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
