//===--- CoroutineCheck.h - corolint ---------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The base of checks that analyse whole coroutine bodies: it finds every
// coroutine (functions, methods and lambdas; template patterns and their
// instantiations), hands each to checkCoroutine() once per translation
// unit, and reports each source location once.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_COROUTINECHECK_H
#define COROLINT_CHECKS_COROUTINECHECK_H

#include "TaskModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <string>
#include <vector>

namespace clang::tidy::coro {

/// Settings the standalone tool's worker gives the checks from corolint's
/// own flags (the plugin reads the checks' options instead).
struct ToolOverrides {
  /// `--explain=REGEX`: the task types coro-discarded-task explains.
  static std::string &explainTaskTypes() {
    static std::string Types;
    return Types;
  }
  /// Called with each translation unit's preprocessor when set: the
  /// tool's worker reads the unit's files whole and records the files it
  /// reads (for its result cache).
  /// A hook, so that the plugin holds no PPCallbacks code: clang-tidy of
  /// another version could then not even load it to be told so.
  using PreprocessorHook = void (*)(const SourceManager &, Preprocessor &);
  static PreprocessorHook &preprocessorHook() {
    static PreprocessorHook Hook = nullptr;
    return Hook;
  }
};

/// What every corolint check shares: options that are lists of regular
/// expressions are checked as clang-tidy checks option values, so that a
/// typo is reported instead of silently matching nothing.
class CoroCheckBase : public ClangTidyCheck {
public:
  /// Also checks the task type options shared by every check.
  CoroCheckBase(StringRef Name, ClangTidyContext *Context);
  /// Lets the tool see the preprocessor (ToolOverrides::preprocessorHook).
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  /// A check that overrides it calls this one too.
  void onEndOfTranslationUnit() override;
  /// Stores the options every check has (`Severity`); each check's
  /// storeOptions calls it first.
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  /// Returns \p Value, the value of the option \p OptionName, after
  /// reporting each of its items that is not a valid regular expression
  /// (matching then ignores it).
  std::string checkedRegexList(StringRef OptionName, std::string Value,
                               bool Global = false);

private:
  /// True for the first coro check enabled in \p Context (in Checks.def
  /// order): the one that reports problems of the shared options.
  static bool reportsSharedOptions(StringRef Name, ClangTidyContext &Context);
  /// The check's severity in Checks.def.
  static llvm::StringRef defaultSeverityName(StringRef Name);

  std::string CheckName;
  /// `Severity`: ranks the findings in corolint's reports; the checks'
  /// diagnostics do not depend on it.
  std::string SeverityOption;
  const SourceManager *Sources = nullptr; ///< Of the unit being analysed.
};

class CoroutineCheck : public CoroCheckBase {
public:
  using CoroCheckBase::CoroCheckBase;

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  /// A check adding matchers of its own calls these first.
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
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
