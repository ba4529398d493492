//===--- BlockingCallFacts.cpp - corolint ---------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallInternals.h"
#include "Files.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;
using namespace blocking_call;

/// True when no call of \p Steps is written in a macro (clang-tidy adds a
/// note per macro expansion, which a pending finding does not describe).
static bool outOfMacros(llvm::ArrayRef<BlockingCallCheck::Step> Steps) {
  return llvm::all_of(Steps, [](const BlockingCallCheck::Step &S) {
    return S.Call->getSourceRange().getBegin().isFileID();
  });
}

void BlockingCallCheck::reportPending(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  // Left pending only when the tool asks (other units' facts will come) and
  // will settle them with the facts this unit would be analysed again with:
  // not a file of the user's ProgramFacts option. Recursion among helpers
  // makes what a search finds depend on the order helpers were searched in,
  // which the facts change: then a second analysis decides.
  bool LeavePending = !ToolFactsSettings::pendingFindingsOutput().empty() &&
                      ProgramFactsPath.empty() && RecursionCuts == 0;
  std::vector<std::string> Payloads;
  for (PendingGroup &Group : PendingGroups) {
    // Described exactly: in the main file (whether clang-tidy reports a
    // finding in a header depends on its notes' files too) and out of macros.
    bool Exact =
        LeavePending && !Group.Fallback && Group.Loc.isFileID() &&
        SM.isInMainFile(Group.Loc) &&
        llvm::all_of(Group.Conditional,
                     [](const Miss &M) { return outOfMacros(M.Steps); }) &&
        (!Group.Definite || outOfMacros(Group.Definite->Steps));
    if (Exact) {
      diag(Group.Loc, "%0")
          << (PendingFindingPrefix +
              llvm::Twine(ToolFactsSettings::pendingFindingsWritten()++))
                 .str()
          << Group.Range;
      Payloads.push_back(pendingPayload(Group, SM));
      continue;
    }
    // As without the facts: a second analysis, with them, if a function
    // it waits for turns out to block.
    for (const Miss &M : Group.Conditional)
      Wanted.insert(M.Condition);
    if (Group.Definite)
      reportChain(Group.Loc, Group.DefiniteRange, *Group.Definite, Ctx);
  }
  PendingGroups.clear();
  PendingAt.clear();
  if (Payloads.empty())
    return;
  // Appended: a file with several compile commands is several units in one
  // worker, and the markers count on from one to the next.
  std::error_code EC;
  llvm::raw_fd_ostream OS(ToolFactsSettings::pendingFindingsOutput(), EC,
                          llvm::sys::fs::OF_Append);
  for (const std::string &Payload : Payloads)
    OS << Payload << "\n";
  OS.close();
  if (EC || OS.has_error()) {
    OS.clear_error();
    // The worker then finds markers without their words and says so.
    configurationDiag("cannot write the unit's pending findings");
  }
}

/// A chain's steps as a pending finding's payload describes them, each
/// [name, body name, file, offset of the call]. A payload is made of arrays
/// and streamed: there is one per call to a function defined in another
/// file, and a json::Object per step cost kilobytes to write and to read.
static void writeStepsPayload(llvm::json::OStream &J,
                              llvm::ArrayRef<BlockingCallCheck::Step> Steps,
                              const SourceManager &SM) {
  J.array([&] {
    for (const BlockingCallCheck::Step &S : Steps) {
      SourceLocation At = S.Call->getSourceRange().getBegin();
      J.array([&] {
        J.value(S.Name);
        J.value(S.BodyName);
        J.value(SM.getFilename(At));
        J.value(SM.getFileOffset(At));
      });
    }
  });
}

/// The alternatives, in order: [condition, steps] for a chain that blocks
/// if the condition's function does, then [null, steps, kind, blocking
/// function, external steps] for the one that blocks for certain.
std::string BlockingCallCheck::pendingPayload(const PendingGroup &Group,
                                              const SourceManager &SM) const {
  std::string Payload;
  llvm::raw_string_ostream OS(Payload);
  llvm::json::OStream J(OS);
  J.array([&] {
    for (const Miss &M : Group.Conditional)
      J.array([&] {
        J.value(M.Condition);
        writeStepsPayload(J, M.Steps, SM);
      });
    if (const std::optional<Chain> &Definite = Group.Definite)
      J.array([&] {
        J.value(nullptr);
        writeStepsPayload(J, Definite->Steps, SM);
        J.value(categoryName(Definite->Kind));
        J.value(Definite->BlockingName);
        J.array([&] {
          for (const FactStep &Step : Definite->External)
            J.value(toJSON(Step));
        });
      });
  });
  return Payload;
}

/// What one alternative of a pending finding's payload says.
struct PendingAlternative {
  std::optional<std::string> Condition; ///< None: it blocks for certain.
  std::vector<StepNames> Names;
  /// Where each step's call is written, as clang-tidy exports it.
  std::vector<std::pair<std::string, unsigned>> Calls;
  Category Kind = Category::Marked;
  std::string BlockingName;
  std::vector<FactStep> External;
};

/// One step of an alternative: [name, body name, file, offset].
struct PendingStep {
  StepNames Names;
  std::pair<std::string, unsigned> Call;
};

static bool fromJSON(const llvm::json::Value &Value, PendingStep &Step,
                     llvm::json::Path P) {
  const llvm::json::Array *A = Value.getAsArray();
  if (!A || A->size() != 4) {
    P.report("expected [name, body, file, offset]");
    return false;
  }
  return fromJSON((*A)[0], Step.Names.Name, P.index(0)) &&
         fromJSON((*A)[1], Step.Names.BodyName, P.index(1)) &&
         fromJSON((*A)[2], Step.Call.first, P.index(2)) &&
         fromJSON((*A)[3], Step.Call.second, P.index(3));
}

static bool fromJSON(const llvm::json::Value &Value,
                     PendingAlternative &Alternative, llvm::json::Path P) {
  const llvm::json::Array *A = Value.getAsArray();
  bool Definite =
      A && A->size() == 5 && (*A)[0].kind() == llvm::json::Value::Null;
  if (!A || (A->size() != 2 && !Definite)) {
    P.report("expected [condition, steps] or [null, steps, kind, blocking, "
             "external]");
    return false;
  }
  std::vector<PendingStep> Steps;
  if (!fromJSON((*A)[1], Steps, P.index(1)))
    return false;
  if (Steps.empty()) {
    P.index(1).report("expected steps");
    return false;
  }
  for (PendingStep &Step : Steps) {
    Alternative.Names.push_back(std::move(Step.Names));
    Alternative.Calls.push_back(std::move(Step.Call));
  }
  if (!Definite) {
    Alternative.Condition.emplace();
    return fromJSON((*A)[0], *Alternative.Condition, P.index(0));
  }
  std::string Kind;
  if (!fromJSON((*A)[2], Kind, P.index(2)) ||
      !fromJSON((*A)[3], Alternative.BlockingName, P.index(3)) ||
      !fromJSON((*A)[4], Alternative.External, P.index(4)))
    return false;
  Alternative.Kind = categoryFromName(Kind);
  return true;
}

llvm::Expected<std::optional<BlockingCallCheck::SettledFinding>>
BlockingCallCheck::settlePendingFinding(llvm::StringRef Payload,
                                        const ProgramFacts &Facts) {
  auto Alternatives =
      llvm::json::parse<std::vector<PendingAlternative>>(Payload, "pending");
  if (!Alternatives)
    return Alternatives.takeError();
  for (PendingAlternative &Alternative : *Alternatives) {
    if (Alternative.Condition) {
      llvm::StringRef USR = *Alternative.Condition;
      const BlockingFact *Fact = USR.consume_front("virtual:")
                                     ? Facts.blockingOverriders(USR)
                                     : Facts.blocking(USR);
      if (!Fact)
        continue; // It does not block: the next one is asked.
      Alternative.Kind = categoryFromName(Fact->Category);
      Alternative.BlockingName = Fact->BlockingName;
      Alternative.External = Fact->Steps;
    }
    ChainWords Words =
        wordChain(Alternative.Names, Alternative.Kind, Alternative.BlockingName,
                  Alternative.External);
    SettledFinding Settled{std::move(Words.Warning), {}};
    auto Note = Words.Notes.begin();
    for (size_t I = 1; I < Alternative.Calls.size(); ++I)
      Settled.Notes.push_back(
          {*Note++, Alternative.Calls[I].first, Alternative.Calls[I].second});
    for (const FactStep &Next : Alternative.External)
      Settled.Notes.push_back({*Note++, Next.File, 0, Next.Line, Next.Column});
    return Settled;
  }
  return std::nullopt;
}

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
    BlockingFact Fact{Result.Name, categoryName(Found->Kind).str(),
                      Found->BlockingName, {}};
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
  if (Context)
    reportPending(*Context);
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
  llvm::sort(Unit.Functions, [](const FunctionFacts &A, const FunctionFacts &B) {
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
