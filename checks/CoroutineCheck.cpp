//===--- CoroutineCheck.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CoroutineCheck.h"
#include "CoroTidyModule.h"
#include "FunctionIndex.h"
#include "PreambleBodies.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

CoroCheckBase::CoroCheckBase(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name),
      SeverityOption(Options.get("Severity", defaultSeverityName(Name))) {
  if (!parseSeverity(SeverityOption)) {
    configurationDiag("invalid value '%0' for option '%1.Severity'; expected "
                      "info, minor, major or critical")
        << SeverityOption << Name;
    SeverityOption = defaultSeverityName(Name).str();
  }
  // Shared by every check (read local-or-global): named without a check,
  // and reported by the first enabled coro check only, so once per unit.
  if (!reportsSharedOptions(Name, *Context))
    return;
  for (llvm::StringRef Option : {"LazyTaskTypes", "EagerTaskTypes"})
    checkedRegexList(Option, Options.getLocalOrGlobal(Option, "").str(),
                     /*Global=*/true);
  checkedRegexList("TaskStartMethods", TaskFlowOptions(Options).StartMethods,
                   /*Global=*/true);
}

llvm::StringRef CoroCheckBase::defaultSeverityName(StringRef Name) {
  for (const CheckSummary &Check : CheckSummaries)
    if (Name == Check.Name)
      return severityName(Check.DefaultSeverity);
  return severityName(Severity::Major);
}

void CoroCheckBase::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Severity", SeverityOption);
}

bool CoroCheckBase::reportsSharedOptions(StringRef Name,
                                         ClangTidyContext &Context) {
  // No state shared between checks: clangd creates them for many files at
  // once, on several threads.
  for (llvm::StringRef Check : {
#define CORO_CHECK(Name, Class, Severity, Summary) Name,
#include "Checks.def"
       })
    if (Context.isCheckEnabled(Check))
      return Check == Name;
  return false;
}

void CoroCheckBase::registerPPCallbacks(const SourceManager &SM,
                                        Preprocessor *PP,
                                        Preprocessor *ModuleExpanderPP) {
  // In clangd: how to parse the unit's preamble again, for the bodies it
  // skipped (see PreambleBodies.h).
  notePreamble(SM, *PP);
  Sources = &SM;
  // One hook per unit is enough; every check would call it.
  if (ToolOverrides::PreprocessorHook Hook = ToolOverrides::preprocessorHook())
    Hook(SM, *PP);
}

void CoroCheckBase::onEndOfTranslationUnit() {
  function_index::reset();
  if (Sources)
    forgetPreamble(*Sources);
  Sources = nullptr;
}

std::string CoroCheckBase::checkedRegexList(StringRef OptionName,
                                            std::string Value, bool Global) {
  std::string Qualified =
      Global ? OptionName.str() : (CheckName + "." + OptionName).str();
  for (const auto &[Item, Error] : invalidRegexes(Value))
    configurationDiag(
        "invalid regular expression '%0' in option '%1' (%2); it is ignored")
        << Item << Qualified << Error;
  return Value;
}

void CoroutineCheck::registerMatchers(MatchFinder *Finder) {
  // A lambda's call operator is reached through its LambdaExpr.
  Finder->addMatcher(functionDecl(isDefinition()).bind("function"), this);
  Finder->addMatcher(lambdaExpr().bind("lambda"), this);
}

void CoroutineCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    visit(*Function, *Result.Context);
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    visit(*Lambda->getCallOperator(), *Result.Context);
}

void CoroutineCheck::onStartOfTranslationUnit() {
  function_index::reset();
  Analysed.clear();
  Reported.reset();
}

void CoroutineCheck::visit(const FunctionDecl &Function, ASTContext &Ctx) {
  // Template patterns are analysed too, with what is known without the
  // template arguments (most coroutine code lives in templates that this
  // file never instantiates); instantiations complete the picture, and
  // firstReportAt() keeps one report per written location.
  if (!Analysed.insert(&Function).second)
    return;
  const CoroutineBodyStmt *Body = getCoroutineBody(&Function);
  // Every check looks at a coroutine in turn: they share its walk and its
  // parents. Other functions are looked at by few checks, which is cheaper
  // without an index.
  if (Body)
    function_index::focus(Function);
  onFunctionDefinition(Function, Ctx);
  if (!Body)
    return;
  checkCoroutine(Function, *Body, Ctx);
}

} // namespace clang::tidy::coro
