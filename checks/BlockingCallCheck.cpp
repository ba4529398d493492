//===--- BlockingCallCheck.cpp - corolint ---------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallInternals.h"
#include "Files.h"
#include "PreambleBodies.h"
#include "clang/AST/Attr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;
using namespace blocking_call;

namespace {

std::vector<StepNames> namesOf(llvm::ArrayRef<BlockingCallCheck::Step> Steps) {
  std::vector<StepNames> Names;
  for (const BlockingCallCheck::Step &S : Steps)
    Names.push_back({S.Name, S.BodyName});
  return Names;
}

/// True when a chain is one call, made in the coroutine itself.
bool isDirect(const BlockingCallCheck::Chain &Found) {
  return Found.Steps.size() == 1 && Found.External.empty();
}

llvm::StringMap<std::string> parseReplacements(llvm::StringRef List) {
  llvm::StringMap<std::string> Result;
  for (llvm::StringRef Entry : splitList(List)) {
    auto [Name, Replacement] = Entry.split('=');
    if (!Replacement.empty())
      Result[Name.trim()] = Replacement.trim().str();
  }
  return Result;
}

} // namespace

namespace blocking_call {

llvm::StringRef describe(Category Kind) {
  switch (Kind) {
  case Category::Sleep:
    return "sleeps the executor thread";
  case Category::Wait:
    return "blocks the executor thread while it waits";
  case Category::SyncWait:
    return "waits synchronously on a task";
  case Category::IO:
    return "blocks the executor thread on I/O";
  case Category::Process:
    return "blocks the executor thread on a child process";
  case Category::Marked:
    return "blocks the executor thread";
  }
  llvm_unreachable("unknown category");
}

/// The location of a fact's step in this translation unit's source
/// manager, loading the file when no header of this unit brought it in.
SourceLocation locationOf(const FactStep &Step, SourceManager &SM) {
  llvm::Expected<FileEntryRef> File = SM.getFileManager().getFileRef(Step.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return SourceLocation();
  }
  FileID ID = SM.translateFile(*File);
  if (ID.isInvalid())
    ID = SM.createFileID(*File, SourceLocation(), SrcMgr::C_User);
  return SM.translateLineCol(ID, Step.Line, Step.Column);
}

const CXXRecordDecl *objectClass(const CallExpr &Call) {
  const Expr *Object = getCallObject(Call);
  if (!Object)
    return nullptr;
  return Object->IgnoreImpCasts()
      ->getType()
      ->getPointeeOrArrayElementType()
      ->getAsCXXRecordDecl();
}

std::string withoutTbbDetail(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 6> Parts;
  Name.split(Parts, "::");
  if (Parts.size() < 4 || Parts[0] != "tbb" || Parts[1] != "detail")
    return Name.str();
  llvm::SmallVector<llvm::StringRef, 6> Kept{Parts[0]};
  Kept.append(Parts.begin() + 3, Parts.end());
  return llvm::join(Kept, "::");
}

const FunctionDecl *callableArgument(const Expr *Arg) {
  Arg = ignoreImplicitWrappers(Arg);
  // A lambda converted to a parameter's type (`std::function`).
  if (const auto *Converted = dyn_cast_or_null<CXXConstructExpr>(Arg);
      Converted && Converted->getNumArgs() == 1)
    Arg = ignoreImplicitWrappers(Converted->getArg(0));
  if (const auto *AddressOf = dyn_cast_or_null<UnaryOperator>(Arg);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    Arg = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Arg))
    return Lambda->getCallOperator();
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Arg);
  if (!Ref)
    return nullptr;
  if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
    return Function;
  const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Local || !Local->hasLocalStorage() || !Local->getInit())
    return nullptr;
  const auto *Lambda =
      dyn_cast<LambdaExpr>(ignoreImplicitWrappers(Local->getInit()));
  return Lambda ? Lambda->getCallOperator() : nullptr;
}

const FunctionDecl *immediatelyInvokedLambda(const CallExpr &Call) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Operator || Operator->getOperator() != OO_Call ||
      Operator->getNumArgs() == 0)
    return nullptr;
  const auto *Lambda =
      dyn_cast<LambdaExpr>(ignoreImplicitWrappers(Operator->getArg(0)));
  return Lambda ? Lambda->getCallOperator() : nullptr;
}

std::string calleeName(const FunctionDecl &Callee) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
      Method && Method->getParent()->isLambda())
    return "the lambda";
  return "'" + getPortableQualifiedName(Callee) + "'";
}

std::string blockingCallName(const CallExpr &Call, const CalleeInfo &Callee) {
  if (Callee.Object || !Callee.Function)
    return "'" + Callee.QualifiedName + "'";
  const CXXRecordDecl *Class = objectClass(Call);
  if (!Class || !isa<CXXMethodDecl>(Callee.Function))
    return calleeName(*Callee.Function);
  return "'" + getPortableQualifiedName(*Class) + "::" + Callee.Name + "'";
}

llvm::StringRef categoryName(Category Kind) {
  switch (Kind) {
  case Category::Sleep:
    return "sleep";
  case Category::Wait:
    return "wait";
  case Category::SyncWait:
    return "sync-wait";
  case Category::IO:
    return "io";
  case Category::Process:
    return "process";
  case Category::Marked:
    return "marked";
  }
  llvm_unreachable("unknown category");
}

Category categoryFromName(llvm::StringRef Name) {
  for (Category Kind : {Category::Sleep, Category::Wait, Category::SyncWait,
                        Category::IO, Category::Process})
    if (categoryName(Kind) == Name)
      return Kind;
  return Category::Marked;
}

ChainWords wordChain(llvm::ArrayRef<StepNames> Steps, Category Kind,
                     llvm::StringRef BlockingName,
                     llvm::ArrayRef<FactStep> External) {
  ChainWords Words;
  Words.Warning = "call to " + Steps.front().Name + " " + describe(Kind).str() +
                  " inside a coroutine: it calls " + BlockingName.str();
  for (size_t I = 1; I < Steps.size(); ++I) {
    bool Last = I + 1 == Steps.size() && External.empty();
    Words.Notes.push_back(Steps[I - 1].BodyName + " calls " +
                          (Last ? BlockingName.str() : Steps[I].Name) +
                          " here");
  }
  for (const FactStep &Next : External)
    Words.Notes.push_back(Next.Caller + " calls " + Next.Callee + " here");
  return Words;
}

bool isDispatchedVirtualCall(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!Member || !Member->getMethodDecl() ||
      !Member->getMethodDecl()->isVirtual() ||
      Member->getMethodDecl()->hasAttr<FinalAttr>())
    return false;
  const auto *Callee =
      dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParenImpCasts());
  return Callee && !Callee->hasQualifier();
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return Absolute.str().str();
}

} // namespace blocking_call

unsigned BlockingCallCheck::boundedHelperDepth(unsigned Configured) {
  if (Configured <= MaxHelperDepthLimit)
    return Configured;
  // Each level is a frame of the walk and a copy of the chain so far: an
  // unbounded depth over a long helper chain exhausts the stack or memory.
  configurationDiag("option 'coro-blocking-call.MaxHelperDepth' is %0, "
                    "above its limit of %1; %1 is used")
      << Configured << MaxHelperDepthLimit;
  return MaxHelperDepthLimit;
}

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      BlockingFunctions(checkedRegexList(
          "BlockingFunctions", Options.get("BlockingFunctions", "").str())),
      AllowedFunctions(checkedRegexList(
          "AllowedFunctions", Options.get("AllowedFunctions", "").str())),
      AsyncReplacements(Options.get("AsyncReplacements", "").str()),
      SynchronousCallers(checkedRegexList(
          "SynchronousCallers", Options.get("SynchronousCallers", "").str())),
      MaxHelperDepth(boundedHelperDepth(Options.get("MaxHelperDepth", 4U))),
      ProgramFactsPath(Options.get("ProgramFacts", "").str()),
      TaskTypes(Options), BlockingPatterns(compileRegexList(BlockingFunctions)),
      AllowedPatterns(compileRegexList(AllowedFunctions)),
      SynchronousCallerPatterns(compileRegexList(SynchronousCallers)),
      Replacements(parseReplacements(AsyncReplacements)), Tasks(TaskTypes) {}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", AllowedFunctions);
  Options.store(Opts, "AsyncReplacements", AsyncReplacements);
  Options.store(Opts, "SynchronousCallers", SynchronousCallers);
  Options.store(Opts, "MaxHelperDepth", MaxHelperDepth);
  Options.store(Opts, "ProgramFacts", ProgramFactsPath);
  TaskTypes.store(Options, Opts);
}

void BlockingCallCheck::onStartOfTranslationUnit() {
  CoroutineCheck::onStartOfTranslationUnit();
  HelperChains.clear();
  InProgress.clear();
  DestructorChains.clear();
  ClassesInProgress.clear();
  NonReturning.clear();
  Tasks.reset();
  Definitions.clear();
  Wanted.clear();
  Misses.clear();
  Context = nullptr;
  PreambleFacts.reset();
  PreambleFactsAsked = false;
  CollectingFacts = !ToolFactsSettings::unitFactsOutput().empty();
  if (FactsRead)
    return;
  FactsRead = true;
  std::string Path = ProgramFactsPath.empty()
                         ? ToolFactsSettings::programFactsInput()
                         : ProgramFactsPath;
  if (Path.empty())
    return;
  llvm::Expected<ProgramFacts> Read = ProgramFacts::read(Path);
  if (!Read) {
    configurationDiag("cannot use the program facts of option "
                      "'ProgramFacts': %0")
        << llvm::toString(Read.takeError());
    return;
  }
  Facts = std::move(*Read);
}

void BlockingCallCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                       const CoroutineBodyStmt &Body,
                                       ASTContext &Ctx) {
  // `co_await connect(...)` creates an operation that suspends; it does not
  // block, whatever the callee is called.
  llvm::SmallPtrSet<const Expr *, 8> Awaited = getAwaitedOperands(Body);
  const NonReturningCode &NeverReturns =
      neverReturns(Coroutine, Body.getBody(), Ctx);
  CheckingCoroutine = true;
  forEachStmtInFunction(Body.getBody(), [&](const Stmt *S) {
    const auto *Call = dyn_cast<CallExpr>(S);
    if (Call && !Awaited.contains(Call) && !NeverReturns.contains(Call))
      checkCall(*Call, Coroutine, Ctx);
  });
  checkDestroyedLocals(Coroutine, Body, NeverReturns, Ctx);
  CheckingCoroutine = false;
}

void BlockingCallCheck::checkCall(const CallExpr &Call,
                                  const FunctionDecl &Coroutine,
                                  ASTContext &Ctx) {
  Misses.clear();
  std::optional<Chain> Found = findChainFrom(Call, 0, Ctx);
  // Chains through functions defined in other files: should the program's
  // facts say one of them blocks, the unit is analysed again with them
  // (the tool's second analysis), and that analysis says what is found here.
  for (std::string &Condition : Misses)
    Wanted.insert(std::move(Condition));
  if (Found && firstReportAt(Call.getSourceRange().getBegin()))
    report(Call, Coroutine, *Found, Ctx);
}

void BlockingCallCheck::report(const CallExpr &Call,
                               const FunctionDecl &Coroutine,
                               const Chain &Found, ASTContext &Ctx) {
  SourceLocation Loc = Call.getSourceRange().getBegin();
  if (!isDirect(Found)) {
    reportChain(Loc, Call.getSourceRange(), Found, Ctx);
    return;
  }
  auto Diag = diag(Loc, "%0 %1 inside a coroutine")
              << Found.BlockingName << describe(Found.Kind)
              << Call.getSourceRange();
  if (auto Fix = asyncReplacement(Call, Coroutine, Ctx))
    Diag << *Fix;
}

void BlockingCallCheck::reportChain(SourceLocation Loc, SourceRange Range,
                                    const Chain &Found, ASTContext &Ctx) {
  ChainWords Words = wordChain(namesOf(Found.Steps), Found.Kind,
                               Found.BlockingName, Found.External);
  diag(Loc, "%0") << Words.Warning << Range;
  // Walk the chain down: each helper, and the call it makes next...
  auto Note = Words.Notes.begin();
  for (size_t I = 1; I < Found.Steps.size(); ++I)
    diag(Found.Steps[I].Call->getSourceRange().getBegin(), "%0",
         DiagnosticIDs::Note)
        << *Note++;
  // ... and on into the files where the program facts found the rest.
  for (const FactStep &Next : Found.External)
    diag(locationOf(Next, Ctx.getSourceManager()), "%0", DiagnosticIDs::Note)
        << *Note++;
}

} // namespace clang::tidy::coro
