//===--- CoroutineCheck.cpp - corolint ------------------------------------===//

#include "CoroutineCheck.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

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
  onFunctionDefinition(Function, Ctx);
  const CoroutineBodyStmt *Body = getCoroutineBody(&Function);
  if (!Body)
    return;
  checkCoroutine(Function, *Body, Ctx);
}

} // namespace clang::tidy::coro
