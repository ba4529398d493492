//===--- BlockingCallFacts.cpp - corolint ---------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallInternals.h"
#include "Files.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;
using namespace blocking_call;

void BlockingCallCheck::onFunctionDefinition(const FunctionDecl &Function,
                                             ASTContext &Ctx) {
  Context = &Ctx;
  if (CollectingFacts && !Function.isDependentContext() &&
      !Function.isTemplateInstantiation() && recordsFactsOf(Function, Ctx))
    Definitions.push_back(&Function);
}

bool BlockingCallCheck::recordsFactsOf(const FunctionDecl &Function,
                                       ASTContext &Ctx) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  if ((Method && Method->getParent()->isLambda()) ||
      Ctx.getSourceManager().isInSystemHeader(Function.getLocation()))
    return false;
  // A coroutine's body runs when it is resumed: it blocks no caller (its
  // overrides still matter, for virtual calls).
  return !isCoroutine(&Function) &&
         Tasks.classify(Function.getReturnType(), Ctx) == TaskKind::Unknown;
}

/// Where a call is written, as a fact's step locates it.
static std::optional<FactStep> stepAt(const CallExpr &Call,
                                      const SourceManager &SM) {
  PresumedLoc Where =
      SM.getPresumedLoc(SM.getFileLoc(Call.getSourceRange().getBegin()));
  if (Where.isInvalid())
    return std::nullopt;
  FactStep Step;
  Step.File = absolutePath(Where.getFilename());
  Step.Line = Where.getLine();
  Step.Column = Where.getColumn();
  return Step;
}

FunctionFacts BlockingCallCheck::collectFacts(const FunctionDecl &Function,
                                              ASTContext &Ctx) {
  FunctionFacts Result;
  Result.USR = getUSR(*Function.getCanonicalDecl());
  Result.Name = calleeName(Function);
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function))
    for (const CXXMethodDecl *Overridden : Method->overridden_methods())
      Result.Overrides.push_back(getUSR(*Overridden->getCanonicalDecl()));
  const SourceManager &SM = Ctx.getSourceManager();
  if (const Chain *Found = findChainIn(Function, /*Depth=*/1, Ctx)) {
    BlockingFact Fact{
        Result.Name, categoryName(Found->Kind).str(), Found->BlockingName, {}};
    for (size_t I = 0; I < Found->Steps.size(); ++I) {
      std::optional<FactStep> Step = stepAt(*Found->Steps[I].Call, SM);
      if (!Step)
        return Result;
      bool Last = I + 1 == Found->Steps.size() && Found->External.empty();
      Step->Caller = I == 0 ? Result.Name : Found->Steps[I - 1].BodyName;
      Step->Callee = Last ? Found->BlockingName : Found->Steps[I].Name;
      Fact.Steps.push_back(std::move(*Step));
    }
    llvm::append_range(Fact.Steps, Found->External);
    Result.Blocks = std::move(Fact);
    return Result;
  }
  // Calls into other files, for chains that go on there.
  const NonReturningCode &NeverReturns =
      neverReturns(Function, Function.getBody(), Ctx);
  forEachStmtInFunction(Function.getBody(), [&](const Stmt *S) {
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || NeverReturns.contains(Call) || classifyCallee(*Call, Ctx))
      return;
    bool Dispatched = isDispatchedVirtualCall(*Call);
    if (!Dispatched && !isDefinedElsewhere(*Callee, Ctx))
      return;
    std::optional<FactStep> Where = stepAt(*Call, SM);
    std::string USR = getUSR(*Callee->getCanonicalDecl());
    if (!Where || USR.empty())
      return;
    Result.Calls.push_back({USR, calleeName(*Callee), Dispatched, Where->File,
                            Where->Line, Where->Column});
  });
  return Result;
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  CoroutineCheck::onEndOfTranslationUnit();
  if (CollectingFacts && Context)
    writeUnitFacts(*Context);
  Definitions.clear();
}

void BlockingCallCheck::writeUnitFacts(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  UnitFacts Unit;
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Unit.MainFile = absolutePath(Main->getName());
  for (const FunctionDecl *Function : Definitions) {
    FunctionFacts Collected = collectFacts(*Function, Ctx);
    if (!Collected.USR.empty())
      Unit.Functions.push_back(std::move(Collected));
  }
  llvm::sort(Unit.Functions,
             [](const FunctionFacts &A, const FunctionFacts &B) {
               return A.USR < B.USR;
             });
  // The contents parsed: what the facts were found in.
  for (const FileRead &File : filesReadWithContents(SM))
    Unit.Inputs.push_back({File.Path, File.Contents
                                          ? hashContents(*File.Contents)
                                          : hashFile(File.Path)});
  llvm::sort(Unit.Inputs, [](const InputFile &A, const InputFile &B) {
    return A.Path < B.Path;
  });
  for (const auto &Entry : Wanted)
    Unit.Wanted.push_back(Entry.getKey().str());
  llvm::sort(Unit.Wanted);
  if (llvm::Error Error =
          writeJSONFile(ToolFactsSettings::unitFactsOutput(), toJSON(Unit)))
    configurationDiag("cannot write the unit's facts: %0")
        << llvm::toString(std::move(Error));
}

} // namespace clang::tidy::coro
