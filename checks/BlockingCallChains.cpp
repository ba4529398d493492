//===--- BlockingCallChains.cpp - corolint --------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallInternals.h"
#include "PreambleBodies.h"

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;
using Chain = BlockingCallCheck::Chain;
using namespace blocking_call;

/// The chain that starts with \p First and goes on as \p Inner does.
static Chain prepend(BlockingCallCheck::Step First, const Chain &Inner) {
  Chain Result{
      {std::move(First)}, Inner.Kind, Inner.BlockingName, Inner.External};
  Result.Steps.append(Inner.Steps.begin(), Inner.Steps.end());
  return Result;
}

std::optional<BlockingCallCheck::Chain>
BlockingCallCheck::findChainFrom(const CallExpr &Call, unsigned Depth,
                                 ASTContext &Ctx) {
  if (std::optional<Category> Kind = classifyCallee(Call, Ctx)) {
    std::string Name = blockingCallName(Call, *getCalleeInfo(Call));
    return Chain{
        {Step{&Call, Call.getDirectCallee(), Name, Name}}, *Kind, Name, {}};
  }
  if (Depth >= MaxHelperDepth)
    return std::nullopt;
  std::optional<CalleeInfo> Callee = getCalleeInfo(Call);
  if (Callee && isSynchronousCaller(*Callee))
    return findChainInCallbacks(Call, *Callee, Depth, Ctx);
  const FunctionDecl *Helper = immediatelyInvokedLambda(Call);
  bool Dispatched = false;
  if (!Helper) {
    Helper = Call.getDirectCallee();
    Dispatched = isDispatchedVirtualCall(Call);
  }
  if (!Helper)
    return std::nullopt;
  // With the program's facts, a virtual call is judged by every overrider,
  // not by the one body this file happens to see.
  if (Dispatched && (Facts || CollectingFacts))
    return findChainInFacts(Call, *Helper, /*Dispatched=*/true);
  const Chain *Inner = findChainIn(*Helper, Depth + 1, Ctx);
  if (!Inner) {
    // Library internals (system headers) are judged by the lists, not by
    // their bodies: no second parse of the preamble for them.
    if (const FunctionDecl *Skipped = findSkippedBody(*Helper);
        Skipped &&
        !Ctx.getSourceManager().isInSystemHeader(Skipped->getLocation()))
      return findChainInPreamble(Call, *Helper, *Skipped, Ctx);
    if (isDefinedElsewhere(*Helper, Ctx))
      return findChainInFacts(Call, *Helper, /*Dispatched=*/false);
    return std::nullopt;
  }
  std::string Name = calleeName(*Helper);
  return prepend(Step{&Call, Helper, Name, Name}, *Inner);
}

const NonReturningCode &
BlockingCallCheck::neverReturns(const FunctionDecl &Function, const Stmt *Body,
                                ASTContext &Ctx) {
  std::unique_ptr<NonReturningCode> &Slot = NonReturning[&Function];
  if (!Slot)
    Slot = std::make_unique<NonReturningCode>(Function, Body, Ctx);
  return *Slot;
}

bool BlockingCallCheck::isDefinedElsewhere(const FunctionDecl &Callee,
                                           ASTContext &Ctx) {
  const FunctionDecl *Definition = nullptr;
  return !Callee.hasBody(Definition) && !Callee.isTemplateInstantiation() &&
         !Ctx.getSourceManager().isInSystemHeader(Callee.getLocation()) &&
         Tasks.classify(Callee.getReturnType(), Ctx) == TaskKind::Unknown;
}

std::optional<BlockingCallCheck::Chain> BlockingCallCheck::findChainInFacts(
    const CallExpr &Call, const FunctionDecl &Callee, bool Dispatched) {
  std::string USR = getUSR(*Callee.getCanonicalDecl());
  if (USR.empty())
    return std::nullopt;
  const BlockingFact *Fact = nullptr;
  if (Facts)
    Fact = Dispatched ? Facts->blockingOverriders(USR) : Facts->blocking(USR);
  if (!Fact) {
    // The program's facts, known once every unit is analysed, may come to
    // say it blocks: then the unit is analysed again with them (checkCall).
    if (CollectingFacts && CheckingCoroutine)
      Misses.push_back((Dispatched ? "virtual:" : "") + USR);
    return std::nullopt;
  }
  return chainThroughFact(Call, Callee, *Fact);
}

BlockingCallCheck::Chain
BlockingCallCheck::chainThroughFact(const CallExpr &Call,
                                    const FunctionDecl &Callee,
                                    const BlockingFact &Fact) {
  std::string Name = calleeName(Callee);
  return Chain{{Step{&Call, &Callee, Name, Name}},
               categoryFromName(Fact.Category),
               Fact.BlockingName,
               Fact.Steps};
}

/// True when \p Body has an `if constexpr` whose condition depends on
/// template parameters.
bool blocking_call::hasDependentConstexprIf(const Stmt &Body) {
  bool Found = false;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    if (const auto *If = dyn_cast<IfStmt>(S))
      Found |= If->isConstexpr() && If->getCond() &&
               If->getCond()->isValueDependent();
  });
  return Found;
}

std::optional<BlockingCallCheck::Chain> BlockingCallCheck::findChainInPreamble(
    const CallExpr &Call, const FunctionDecl &Callee,
    const FunctionDecl &Skipped, ASTContext &Ctx) {
  // What findChainIn() asks of a helper with a body, asked of this one.
  if (matchesAny(AllowedPatterns, getPortableQualifiedName(Callee)) ||
      Tasks.classify(Callee.getReturnType(), Ctx) != TaskKind::Unknown)
    return std::nullopt;
  const ProgramFacts *Preamble = preambleFacts(Ctx);
  const BlockingFact *Fact =
      Preamble ? Preamble->blocking(getUSR(*Skipped.getCanonicalDecl()))
               : nullptr;
  if (!Fact)
    return std::nullopt;
  return chainThroughFact(Call, Callee, *Fact);
}

const ProgramFacts *BlockingCallCheck::preambleFacts(ASTContext &Ctx) {
  if (!PreambleFactsAsked) {
    PreambleFactsAsked = true;
    // Everything the facts depend on besides the preamble itself.
    std::string Purpose =
        "coro-blocking-call\n" + BlockingFunctions + "\n" + AllowedFunctions +
        "\n" + SynchronousCallers + "\n" + std::to_string(MaxHelperDepth) +
        "\n" + TaskTypes.LazyTaskTypes + "\n" + TaskTypes.EagerTaskTypes;
    PreambleFacts = analysePreamble<ProgramFacts>(
        Ctx.getSourceManager(), Purpose,
        [&](ASTContext &Parsed) { return collectPreambleFacts(Parsed); });
  }
  return PreambleFacts.get();
}

ProgramFacts BlockingCallCheck::collectPreambleFacts(ASTContext &Parsed) {
  // The unit's own searches are keyed by its declarations: set them aside
  // while another AST is searched, and forget that AST's afterwards.
  auto SavedChains = std::move(HelperChains);
  auto SavedNonReturning = std::move(NonReturning);
  auto SavedInProgress = std::move(InProgress);
  auto SavedMisses = std::move(Misses);
  bool SavedChecking = CheckingCoroutine;
  HelperChains.clear();
  NonReturning.clear();
  InProgress.clear();
  Misses.clear();
  CheckingCoroutine = false;
  Tasks.reset();
  UnitFacts Unit;
  forEachFunctionDefinition(Parsed, [&](const FunctionDecl &Function) {
    // A template's facts stand for all its instantiations: not when an
    // `if constexpr` on its parameters picks what its body does.
    if (!recordsFactsOf(Function, Parsed) ||
        (Function.isDependentContext() &&
         hasDependentConstexprIf(*Function.getBody())))
      return;
    FunctionFacts Collected = collectFacts(Function, Parsed);
    if (!Collected.USR.empty())
      Unit.Functions.push_back(std::move(Collected));
  });
  HelperChains = std::move(SavedChains);
  NonReturning = std::move(SavedNonReturning);
  InProgress = std::move(SavedInProgress);
  Misses = std::move(SavedMisses);
  CheckingCoroutine = SavedChecking;
  Tasks.reset();
  return ProgramFacts::resolve({std::move(Unit)}, MaxHelperDepth);
}

std::optional<BlockingCallCheck::Chain>
BlockingCallCheck::findChainInCallbacks(const CallExpr &Call,
                                        const CalleeInfo &Caller,
                                        unsigned Depth, ASTContext &Ctx) {
  for (const Expr *Arg : Call.arguments()) {
    const FunctionDecl *Callback = callableArgument(Arg);
    if (!Callback)
      continue;
    std::string CallerName = "'" + withoutTbbDetail(Caller.QualifiedName) + "'";
    std::string BodyName = calleeName(*Callback);
    BodyName += (BodyName == "the lambda" ? " passed to " : " (passed to ") +
                CallerName + (BodyName == "the lambda" ? "" : ")");
    const Chain *Inner = findChainIn(*Callback, Depth + 1, Ctx);
    if (!Inner)
      continue;
    return prepend(Step{&Call, Callback, CallerName, BodyName}, *Inner);
  }
  return std::nullopt;
}

namespace blocking_call {

const FunctionDecl *bodyToSearch(const FunctionDecl &Function) {
  if (const FunctionDecl *Definition = Function.getDefinition())
    return Definition;
  // A specialization this unit does not instantiate: one whose explicit
  // instantiation is in another file (`extern template void f<int>();`),
  // which clang does not instantiate here unless it is inline. A call that
  // its template's body makes without depending on the template's
  // arguments is made by every specialization; a call that depends on them
  // is not resolved in the pattern, and is not followed. Nothing is when an
  // `if constexpr` on the arguments picks what the body does.
  if (!isTemplateInstantiation(Function.getTemplateSpecializationKind()))
    return nullptr;
  const FunctionDecl *Pattern = Function.getTemplateInstantiationPattern();
  if (!Pattern || !Pattern->hasBody() ||
      hasDependentConstexprIf(*Pattern->getBody()))
    return nullptr;
  return Pattern;
}

} // namespace blocking_call

const BlockingCallCheck::Chain *
BlockingCallCheck::findChainIn(const FunctionDecl &Helper, unsigned Depth,
                               ASTContext &Ctx) {
  const FunctionDecl *Definition = bodyToSearch(Helper);
  // Only helpers whose body runs synchronously in the caller: a coroutine's
  // body runs when it is resumed, and it is checked on its own. Library
  // internals (system headers) are judged by the list of known functions,
  // not by what they call, and so are functions the user allowed.
  if (!Definition || !Definition->hasBody() || isCoroutine(Definition) ||
      Ctx.getSourceManager().isInSystemHeader(Definition->getLocation()) ||
      matchesAny(AllowedPatterns, getPortableQualifiedName(*Definition)) ||
      Tasks.classify(Definition->getReturnType(), Ctx) != TaskKind::Unknown)
    return nullptr;
  auto Key = std::make_pair(Definition, Depth);
  if (auto Known = HelperChains.find(Key); Known != HelperChains.end()) {
    // Met again from a coroutine's call: so are the chains it waits for
    // (recorded only while coroutines are checked: the functions' own facts
    // are collected at the end of the unit and wait for nothing).
    if (CheckingCoroutine)
      llvm::append_range(Misses, Known->second.Misses);
    return Known->second.Found ? &*Known->second.Found : nullptr;
  }
  if (!InProgress.insert(Definition).second)
    return nullptr; // Recursion: this path adds nothing new.
  size_t FirstMiss = Misses.size();
  std::optional<Chain> Found;
  // A call on a path that never returns to the caller (a fatal logger's
  // `popen` before `exit`) does not hold the caller up.
  const NonReturningCode &NeverReturns =
      neverReturns(*Definition, Definition->getBody(), Ctx);
  forEachStmtInFunction(Definition->getBody(), [&](const Stmt *S) {
    if (Found || NeverReturns.contains(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Found = findChainFrom(*Call, Depth, Ctx);
  });
  InProgress.erase(Definition);
  HelperSearch &Slot = HelperChains[Key];
  Slot.Found = std::move(Found);
  Slot.Misses.assign(Misses.begin() + FirstMiss, Misses.end());
  return Slot.Found ? &*Slot.Found : nullptr;
}

} // namespace clang::tidy::coro
