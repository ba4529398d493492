//===--- BlockingCallCheck.cpp - corolint ---------------------------------===//

#include "BlockingCallCheck.h"
#include "Files.h"
#include "PreambleBodies.h"
#include "clang/AST/Attr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;

namespace {

/// The annotation that marks a user function as blocking.
constexpr llvm::StringLiteral BlockingAnnotation = "corolint::blocking";

struct KnownFunction {
  llvm::StringLiteral Name;
  Category Kind;
};

/// Free functions, by their qualified name without inline namespaces.
constexpr KnownFunction KnownFreeFunctions[] = {
    {"std::this_thread::sleep_for", Category::Sleep},
    {"std::this_thread::sleep_until", Category::Sleep},
    {"std::atomic_wait", Category::Wait},
    {"std::atomic_wait_explicit", Category::Wait},
    {"std::atomic_flag_wait", Category::Wait},
    {"std::atomic_flag_wait_explicit", Category::Wait},
};

/// C library functions: matched only when declared extern "C", or in a
/// system header at global scope or in std, so a user's `net::connect`, a
/// method named `poll` or a user's own global `connect` is not one.
constexpr KnownFunction KnownCFunctions[] = {
    {"sleep", Category::Sleep},       {"usleep", Category::Sleep},
    {"nanosleep", Category::Sleep},   {"recv", Category::IO},
    {"recvfrom", Category::IO},       {"recvmsg", Category::IO},
    {"accept", Category::IO},         {"accept4", Category::IO},
    {"connect", Category::IO},        {"select", Category::IO},
    {"poll", Category::IO},           {"epoll_wait", Category::IO},
    {"system", Category::Process},    {"popen", Category::Process},
    {"waitpid", Category::Process},   {"wait", Category::Process},
};

/// Methods, by the qualified name of their class and their own name.
struct KnownMethod {
  llvm::StringLiteral Class;
  llvm::StringLiteral Method;
  Category Kind;
};
constexpr KnownMethod KnownMethods[] = {
    {"std::thread", "join", Category::Wait},
    {"std::jthread", "join", Category::Wait},
    {"std::future", "get", Category::Wait},
    {"std::future", "wait", Category::Wait},
    {"std::future", "wait_for", Category::Wait},
    {"std::future", "wait_until", Category::Wait},
    {"std::shared_future", "get", Category::Wait},
    {"std::shared_future", "wait", Category::Wait},
    {"std::shared_future", "wait_for", Category::Wait},
    {"std::shared_future", "wait_until", Category::Wait},
    {"std::condition_variable", "wait", Category::Wait},
    {"std::condition_variable", "wait_for", Category::Wait},
    {"std::condition_variable", "wait_until", Category::Wait},
    {"std::condition_variable_any", "wait", Category::Wait},
    {"std::condition_variable_any", "wait_for", Category::Wait},
    {"std::condition_variable_any", "wait_until", Category::Wait},
    {"std::counting_semaphore", "acquire", Category::Wait},
    {"std::latch", "wait", Category::Wait},
    {"std::latch", "arrive_and_wait", Category::Wait},
    {"std::barrier", "arrive_and_wait", Category::Wait},
    {"std::barrier", "wait", Category::Wait},
    // Atomic waits block until another thread's notify: the wait is for a
    // thread, never for a coroutine.
    {"std::atomic", "wait", Category::Wait},
    {"std::atomic_ref", "wait", Category::Wait},
    {"std::atomic_flag", "wait", Category::Wait},
    {"concurrencpp::result", "get", Category::SyncWait},
    {"concurrencpp::result", "wait", Category::SyncWait},
    {"concurrencpp::result", "wait_for", Category::SyncWait},
    {"concurrencpp::result", "wait_until", Category::SyncWait},
    {"concurrencpp::shared_result", "get", Category::SyncWait},
    {"concurrencpp::shared_result", "wait", Category::SyncWait},
    {"folly::Future", "get", Category::SyncWait},
    {"folly::Future", "wait", Category::SyncWait},
    {"folly::SemiFuture", "get", Category::SyncWait},
    {"folly::SemiFuture", "wait", Category::SyncWait},
    {"asio::io_context", "run", Category::SyncWait},
    {"asio::io_context", "run_one", Category::SyncWait},
    {"asio::io_context", "run_for", Category::SyncWait},
    {"asio::io_context", "run_until", Category::SyncWait},
    {"asio::io_context", "run_one_for", Category::SyncWait},
    {"asio::io_context", "run_one_until", Category::SyncWait},
    {"boost::asio::io_context", "run", Category::SyncWait},
    {"boost::asio::io_context", "run_one", Category::SyncWait},
    {"boost::asio::io_context", "run_for", Category::SyncWait},
    {"boost::asio::io_context", "run_until", Category::SyncWait},
    {"boost::asio::io_context", "run_one_for", Category::SyncWait},
    {"boost::asio::io_context", "run_one_until", Category::SyncWait},
};

bool isCLibraryFunction(const FunctionDecl &FD) {
  if (FD.isExternC())
    return true;
  const DeclContext *Scope = FD.getDeclContext()->getRedeclContext();
  bool GlobalOrStd = Scope->isTranslationUnit() || Scope->isStdNamespace();
  return GlobalOrStd && FD.getASTContext().getSourceManager().isInSystemHeader(
                            FD.getLocation());
}

/// Functions that run the callables they are given before they return:
/// a blocking call inside such a callable blocks the coroutine as if it
/// were written in its body. (Code handed to threads, executors or
/// offload-style helpers runs elsewhere and is not followed.)
constexpr llvm::StringLiteral DefaultSynchronousCallers[] = {
    "std::for_each", "std::for_each_n", "std::ranges::for_each",
    "std::ranges::for_each_n", "std::transform", "std::ranges::transform",
    "std::invoke", "std::invoke_r", "std::apply", "std::visit",
    "std::call_once", "std::generate", "std::generate_n",
    "std::ranges::generate", "std::all_of", "std::any_of", "std::none_of",
    "std::ranges::all_of", "std::ranges::any_of", "std::ranges::none_of",
    "std::find_if", "std::find_if_not", "std::ranges::find_if",
    "std::count_if", "std::ranges::count_if", "std::remove_if",
    "std::copy_if", "std::sort", "std::stable_sort", "std::ranges::sort",
    "std::accumulate", "std::reduce", "std::transform_reduce",
    // oneTBB: the parallel algorithms wait for the work they run.
    "tbb::parallel_invoke", "tbb::parallel_for", "tbb::parallel_for_each",
    "tbb::parallel_reduce", "tbb::parallel_deterministic_reduce",
    "tbb::parallel_scan", "tbb::parallel_sort", "tbb::parallel_pipeline",
    "tbb::this_task_arena::isolate", "tbb::task_arena::execute"};

/// oneTBB declares its algorithms in versioned namespaces
/// (`tbb::detail::d1::parallel_invoke`) and exports them into `tbb`.
std::string withoutTbbDetail(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 6> Parts;
  Name.split(Parts, "::");
  if (Parts.size() < 4 || Parts[0] != "tbb" || Parts[1] != "detail")
    return Name.str();
  llvm::SmallVector<llvm::StringRef, 6> Kept{Parts[0]};
  Kept.append(Parts.begin() + 3, Parts.end());
  return llvm::join(Kept, "::");
}

/// The functions a callable argument stands for: a lambda (written in place
/// or held in a local initialized with one) or a function.
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

bool isMarkedBlocking(const FunctionDecl &FD) {
  for (const FunctionDecl *Redecl : FD.redecls())
    for (const auto *Annotation : Redecl->specific_attrs<AnnotateAttr>())
      if (Annotation->getAnnotation() == BlockingAnnotation)
        return true;
  return false;
}

/// Reads the count of a constant duration or time point: the first scalar
/// field, through nested records (time_point holds a duration holds a rep).
std::optional<llvm::APSInt> firstScalar(const APValue &Value) {
  if (Value.isInt())
    return Value.getInt();
  if (Value.isStruct() && Value.getStructNumFields() > 0)
    return firstScalar(Value.getStructField(0));
  return std::nullopt;
}

/// `0s`, `std::chrono::milliseconds(0)`, `duration::zero()`,
/// `time_point{}` and negative durations: timed waits that return at once.
bool isConstantZeroWait(const Expr *Arg, const ASTContext &Ctx) {
  Arg = ignoreImplicitWrappers(Arg);
  if (!Arg || Arg->isValueDependent() || !Arg->getType()->isRecordType())
    return false;
  Expr::EvalResult Result;
  if (!Arg->EvaluateAsRValue(Result, Ctx) || Result.HasSideEffects)
    return false;
  std::optional<llvm::APSInt> Count = firstScalar(Result.Val);
  return Count && !Count->isStrictlyPositive();
}

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

/// The lambda an immediately invoked lambda call runs, or null.
const FunctionDecl *immediatelyInvokedLambda(const CallExpr &Call) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Operator || Operator->getOperator() != OO_Call ||
      Operator->getNumArgs() == 0)
    return nullptr;
  const auto *Lambda =
      dyn_cast<LambdaExpr>(ignoreImplicitWrappers(Operator->getArg(0)));
  return Lambda ? Lambda->getCallOperator() : nullptr;
}

/// The callee as the diagnostics name it: quoted, or "the lambda".
std::string calleeName(const FunctionDecl &Callee) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
      Method && Method->getParent()->isLambda())
    return "the lambda";
  return "'" + getPortableQualifiedName(Callee) + "'";
}

/// The class of the object a method is called on, or null.
const CXXRecordDecl *objectClass(const CallExpr &Call) {
  const Expr *Object = getCallObject(Call);
  if (!Object)
    return nullptr;
  return Object->IgnoreImpCasts()
      ->getType()
      ->getPointeeOrArrayElementType()
      ->getAsCXXRecordDecl();
}

/// The blocking callee as the diagnostics name it: a function object by
/// its own name, a method through the class of its object
/// (`std::future::wait`, not libstdc++'s base class).
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

/// The names of one step of a chain, as the diagnostics print them.
struct StepNames {
  std::string Name;
  std::string BodyName;
};

std::vector<StepNames> namesOf(llvm::ArrayRef<BlockingCallCheck::Step> Steps) {
  std::vector<StepNames> Names;
  for (const BlockingCallCheck::Step &S : Steps)
    Names.push_back({S.Name, S.BodyName});
  return Names;
}

/// What a finding through helpers says: the warning, a note for each step
/// after the first (at its call), then one for each step in other files.
struct ChainWords {
  std::string Warning;
  std::vector<std::string> Notes;
};

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

/// True when a chain is one call, made in the coroutine itself.
bool isDirect(const BlockingCallCheck::Chain &Found) {
  return Found.Steps.size() == 1 && Found.External.empty();
}

/// A call dispatched through the vtable: any overrider may run.
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

/// The location of a fact's step in this translation unit's source
/// manager, loading the file when no header of this unit brought it in.
SourceLocation locationOf(const FactStep &Step, SourceManager &SM) {
  llvm::Expected<FileEntryRef> File =
      SM.getFileManager().getFileRef(Step.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return SourceLocation();
  }
  FileID ID = SM.translateFile(*File);
  if (ID.isInvalid())
    ID = SM.createFileID(*File, SourceLocation(), SrcMgr::C_User);
  return SM.translateLineCol(ID, Step.Line, Step.Column);
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return Absolute.str().str();
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
      TaskTypes(Options),
      BlockingPatterns(compileRegexList(BlockingFunctions)),
      AllowedPatterns(compileRegexList(AllowedFunctions)),
      SynchronousCallerPatterns(compileRegexList(SynchronousCallers)),
      Replacements(parseReplacements(AsyncReplacements)), Tasks(TaskTypes) {}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
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
  NonReturning.clear();
  Tasks.reset();
  Definitions.clear();
  Wanted.clear();
  Path.clear();
  Misses.clear();
  PendingGroups.clear();
  PendingAt.clear();
  RecursionCuts = 0;
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

/// Matches a callee's names against a user's list: the function object's or
/// function's qualified name, and a function object's type.
static bool matchesCallee(
    const std::vector<std::unique_ptr<llvm::Regex>> &Patterns,
    const CalleeInfo &Callee) {
  return matchesAny(Patterns, Callee.QualifiedName) ||
         (!Callee.TypeName.empty() && matchesAny(Patterns, Callee.TypeName));
}

std::optional<Category>
BlockingCallCheck::classifyCallee(const CallExpr &Call, ASTContext &Ctx) const {
  std::optional<CalleeInfo> Callee = getCalleeInfo(Call);
  if (!Callee)
    return std::nullopt;
  if (matchesCallee(AllowedPatterns, *Callee))
    return std::nullopt;
  if ((Callee->Function && isMarkedBlocking(*Callee->Function)) ||
      matchesCallee(BlockingPatterns, *Callee))
    return Category::Marked;
  if (isSynchronousTaskWait(*Callee))
    return Category::SyncWait;
  for (const KnownFunction &Known : KnownFreeFunctions)
    if (Callee->QualifiedName == Known.Name)
      return Known.Kind;
  if (Callee->Object || !Callee->Function)
    return std::nullopt;
  if (isCLibraryFunction(*Callee->Function))
    for (const KnownFunction &Known : KnownCFunctions)
      if (Callee->Name == Known.Name)
        return Known.Kind;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee->Function);
  if (!Method)
    return std::nullopt;
  // The class of the object, not of the method: libstdc++ declares
  // future::wait in a base class (__basic_future).
  if (const CXXRecordDecl *Class = objectClass(Call))
    if (auto Kind = classifyMethod(getPortableQualifiedName(*Class),
                                   Callee->Name, Call, Ctx))
      return Kind;
  return classifyMethod(getPortableQualifiedName(*Method->getParent()),
                        Callee->Name, Call, Ctx);
}

std::optional<Category>
BlockingCallCheck::classifyMethod(llvm::StringRef Class, llvm::StringRef Name,
                                  const CallExpr &Call, ASTContext &Ctx) const {
  for (const KnownMethod &Known : KnownMethods) {
    if (Class != Known.Class || Name != Known.Method)
      continue;
    bool TimedWait = Name == "wait_for" || Name == "wait_until";
    if (TimedWait && Call.getNumArgs() >= 1 &&
        isConstantZeroWait(Call.getArg(Call.getNumArgs() - 1), Ctx))
      return std::nullopt;
    return Known.Kind;
  }
  return std::nullopt;
}

bool BlockingCallCheck::isSynchronousCaller(const CalleeInfo &Callee) const {
  std::string Name = withoutTbbDetail(Callee.QualifiedName);
  if (const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(Callee.Function);
      Method && !Callee.Object)
    Name = withoutTbbDetail(getPortableQualifiedName(*Method));
  return llvm::is_contained(DefaultSynchronousCallers, Name) ||
         matchesCallee(SynchronousCallerPatterns, Callee);
}

std::optional<BlockingCallCheck::Chain>
BlockingCallCheck::findChainFrom(const CallExpr &Call, unsigned Depth,
                                 ASTContext &Ctx) {
  if (std::optional<Category> Kind = classifyCallee(Call, Ctx)) {
    std::string Name = blockingCallName(Call, *getCalleeInfo(Call));
    return Chain{{Step{&Call, Call.getDirectCallee(), Name, Name}},
                 *Kind,
                 Name,
                 {}};
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
  std::string Name = calleeName(*Helper);
  Path.push_back(Step{&Call, Helper, Name, Name});
  const Chain *Inner = findChainIn(*Helper, Depth + 1, Ctx);
  Path.pop_back();
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
  Chain Result{{Step{&Call, Helper, Name, Name}}, Inner->Kind,
               Inner->BlockingName, Inner->External};
  Result.Steps.append(Inner->Steps.begin(), Inner->Steps.end());
  return Result;
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

std::optional<BlockingCallCheck::Chain>
BlockingCallCheck::findChainInFacts(const CallExpr &Call,
                                    const FunctionDecl &Callee,
                                    bool Dispatched) {
  std::string USR = getUSR(*Callee.getCanonicalDecl());
  if (USR.empty())
    return std::nullopt;
  const BlockingFact *Fact = nullptr;
  if (Facts)
    Fact = Dispatched ? Facts->blockingOverriders(USR) : Facts->blocking(USR);
  if (!Fact) {
    // The program's facts, known once every unit is analysed, may come to
    // say it blocks: the coroutine's finding waits for them (checkCall).
    if (CollectingFacts && CheckingCoroutine) {
      std::string Name = calleeName(Callee);
      Miss Found{{Path.begin(), Path.end()},
                 (Dispatched ? "virtual:" : "") + USR};
      Found.Steps.push_back(Step{&Call, &Callee, Name, Name});
      Misses.push_back(std::move(Found));
    }
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
static bool hasDependentConstexprIf(const Stmt &Body) {
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
  auto SavedPath = std::move(Path);
  auto SavedMisses = std::move(Misses);
  bool SavedChecking = CheckingCoroutine;
  HelperChains.clear();
  NonReturning.clear();
  InProgress.clear();
  Path.clear();
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
  Path = std::move(SavedPath);
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
    Path.push_back(Step{&Call, Callback, CallerName, BodyName});
    const Chain *Inner = findChainIn(*Callback, Depth + 1, Ctx);
    Path.pop_back();
    if (!Inner)
      continue;
    Chain Result{{Step{&Call, Callback, CallerName, BodyName}}, Inner->Kind,
                 Inner->BlockingName, Inner->External};
    Result.Steps.append(Inner->Steps.begin(), Inner->Steps.end());
    return Result;
  }
  return std::nullopt;
}

const BlockingCallCheck::Chain *
BlockingCallCheck::findChainIn(const FunctionDecl &Helper, unsigned Depth,
                               ASTContext &Ctx) {
  const FunctionDecl *Definition = Helper.getDefinition();
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
    if (CheckingCoroutine && Known->second.Cut)
      ++RecursionCuts;
    if (CheckingCoroutine)
      for (const Miss &Relative : Known->second.Misses) {
        Miss Replayed{{Path.begin(), Path.end()}, Relative.Condition};
        Replayed.Steps.append(Relative.Steps.begin(), Relative.Steps.end());
        Misses.push_back(std::move(Replayed));
      }
    return Known->second.Found ? &*Known->second.Found : nullptr;
  }
  if (!InProgress.insert(Definition).second) {
    RecursionCuts += CheckingCoroutine;
    return nullptr; // Recursion: this path adds nothing new.
  }
  unsigned CutsBefore = RecursionCuts;
  size_t FirstMiss = Misses.size();
  size_t PathLength = Path.size();
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
  Slot.Cut = RecursionCuts != CutsBefore;
  for (size_t I = FirstMiss; I < Misses.size(); ++I)
    Slot.Misses.push_back(
        {{Misses[I].Steps.begin() + PathLength, Misses[I].Steps.end()},
         Misses[I].Condition});
  return Slot.Found ? &*Slot.Found : nullptr;
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
  CheckingCoroutine = false;
}

void BlockingCallCheck::checkCall(const CallExpr &Call,
                                  const FunctionDecl &Coroutine,
                                  ASTContext &Ctx) {
  Misses.clear();
  Path.clear();
  std::optional<Chain> Found = findChainFrom(Call, 0, Ctx);
  SourceRange Range = Call.getSourceRange();
  SourceLocation Loc = Call.getSourceRange().getBegin();
  auto Pending = PendingAt.find(Loc.getRawEncoding());
  if (Misses.empty() && Pending == PendingAt.end()) {
    if (Found && firstReportAt(Loc))
      report(Call, Coroutine, *Found, Ctx);
    return;
  }
  // What is said here depends on functions defined in other files: the
  // finding waits for the program's facts, as a second analysis with them
  // would (the first chain that blocks is reported, once per location).
  if (reportedAt(Loc))
    return;
  if (Pending == PendingAt.end()) {
    Pending =
        PendingAt.try_emplace(Loc.getRawEncoding(), PendingGroups.size()).first;
    PendingGroup Created;
    Created.Loc = Loc;
    Created.Range = Range;
    PendingGroups.push_back(std::move(Created));
  }
  PendingGroup &Group = PendingGroups[Pending->second];
  // Two calls starting here (`a.helper().remote()`): the one whose chain
  // wins says where the finding's range ends.
  if (Range != Group.Range)
    Group.Fallback = true;
  std::move(Misses.begin(), Misses.end(),
            std::back_inserter(Group.Conditional));
  if (!Found)
    return;
  firstReportAt(Loc);
  if (isDirect(*Found)) {
    // Its fix-it is made from the AST: reported now, and the group left to
    // a second analysis.
    Group.Fallback = true;
    report(Call, Coroutine, *Found, Ctx);
    return;
  }
  Group.Definite = std::move(Found);
  Group.DefiniteRange = Range;
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
  // Worded once, in wordChain(): a pending finding settled by the tool must
  // say exactly this.
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

/// The `std::ratio<N, D>` of a `std::chrono::duration<Rep, std::ratio<N, D>>`
/// type, and whether its Rep is a floating-point type.
struct DurationShape {
  llvm::APSInt Num, Den;
  bool Floating = false;
};
static std::optional<DurationShape> durationShape(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || getPortableQualifiedName(*Spec) != "std::chrono::duration" ||
      Spec->getTemplateArgs().size() != 2)
    return std::nullopt;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  const auto *Ratio = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Args[1].getAsType()->getAsCXXRecordDecl());
  if (!Ratio || Ratio->getTemplateArgs().size() < 2 ||
      Ratio->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      Ratio->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return DurationShape{Ratio->getTemplateArgs()[0].getAsIntegral(),
                       Ratio->getTemplateArgs()[1].getAsIntegral(),
                       Args[0].getAsType()->isFloatingType()};
}

/// True when a value of type \p From converts implicitly to \p To, as far
/// as the fix needs to know: the same type, a template parameter, or a
/// std::chrono::duration conversion that loses nothing (seconds to
/// milliseconds, not microseconds or 1.5s to milliseconds).
static bool convertsImplicitly(QualType From, QualType To,
                               const ASTContext &Ctx) {
  To = To.getNonReferenceType().getUnqualifiedType();
  From = From.getNonReferenceType().getUnqualifiedType();
  if (To->isDependentType() || Ctx.hasSameType(From, To))
    return true;
  std::optional<DurationShape> Source = durationShape(From);
  std::optional<DurationShape> Target = durationShape(To);
  if (!Source || !Target)
    return false;
  if (Target->Floating)
    return true;
  if (Source->Floating)
    return false;
  // Period(From) / Period(To) must be a whole number.
  llvm::APSInt Numerator = Source->Num.extend(128) * Target->Den.extend(128);
  llvm::APSInt Denominator = Source->Den.extend(128) * Target->Num.extend(128);
  return Denominator != 0 && (Numerator % Denominator) == 0;
}

/// True when the call's arguments convert to the parameters of the
/// replacement, so that the fixed code compiles.
static bool argumentsFit(const CallExpr &Call, const FunctionDecl &Replacement,
                         const ASTContext &Ctx) {
  if (Call.getNumArgs() > Replacement.getNumParams() ||
      Call.getNumArgs() < Replacement.getMinRequiredArguments())
    return false;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (!convertsImplicitly(Call.getArg(I)->IgnoreImplicit()->getType(),
                            Replacement.getParamDecl(I)->getType(), Ctx))
      return false;
  return true;
}

/// True when \p Replacement names \p Coroutine itself (or the template it
/// comes from): an async sleep that falls back to a blocking sleep must not
/// be rewritten to call itself.
static bool isSelf(const FunctionDecl &Coroutine, llvm::StringRef Replacement) {
  Replacement.consume_front("co_await");
  Replacement = Replacement.trim();
  Replacement.consume_front("::");
  return getPortableQualifiedName(Coroutine) == Replacement;
}

std::optional<FixItHint>
BlockingCallCheck::asyncReplacement(const CallExpr &Call,
                                    const FunctionDecl &Coroutine,
                                    ASTContext &Ctx) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const Expr *CalleeExpr = Call.getCallee()->IgnoreImplicit();
  if (!Callee || isa<CXXMemberCallExpr>(Call) ||
      CalleeExpr->getSourceRange().getBegin().isMacroID())
    return std::nullopt;
  // Only a whole statement: the awaited value then goes unused, as the
  // blocking call's did.
  const Stmt *Body = Coroutine.getBody();
  if (!Body)
    return std::nullopt;
  // The coroutine being checked: its parents are shared (FunctionIndex.h),
  // and valid only while it is.
  LazyBodyParents Parents(*Body);
  const Stmt *Parent = Parents.get().parent(Call);
  while (isa_and_nonnull<ExprWithCleanups>(Parent))
    Parent = Parents.get().parent(*Parent);
  if (!isa_and_nonnull<CompoundStmt>(Parent))
    return std::nullopt;

  std::string Name = getPortableQualifiedName(*Callee);
  // Only where the fixed code compiles: one overload of the replacement is
  // declared here and takes the arguments as they are (a `1.5s` or a
  // microseconds argument does not become milliseconds).
  auto FittingOverload =
      [&](llvm::ArrayRef<const NamedDecl *> Overloads) -> const FunctionDecl * {
    for (const NamedDecl *Overload : Overloads) {
      const FunctionDecl *Function = Overload->getAsFunction();
      if (Function && argumentsFit(Call, *Function, Ctx))
        return Function;
    }
    return nullptr;
  };
  std::string Replacement;
  if (auto Configured = Replacements.find(Name);
      Configured != Replacements.end()) {
    Replacement = Configured->second;
    llvm::StringRef Function = Replacement;
    Function.consume_front("co_await");
    Function = Function.trim();
    Function.consume_front("::");
    if (!FittingOverload(findFunctionsByQualifiedName(Ctx, Function)))
      return std::nullopt;
  } else if (Name == "std::this_thread::sleep_for") {
    // An async sleep beside the coroutine's own task type, returning an
    // awaitable: `lib::sleep_for(d)` for a `lib::Task` coroutine.
    const DeclContext *Library = getTaskNamespace(Coroutine.getReturnType());
    const FunctionDecl *SleepFn = nullptr;
    for (llvm::StringRef SleepName : {"sleep_for", "sleep"}) {
      SleepFn = FittingOverload(findFunctionsInNamespace(Library, SleepName));
      if (SleepFn)
        break;
    }
    if (!SleepFn || (!isAwaitableType(SleepFn->getReturnType()) &&
                     Tasks.classify(SleepFn->getReturnType(), Ctx) ==
                         TaskKind::Unknown))
      return std::nullopt;
    Replacement = "co_await " + getPortableQualifiedName(*SleepFn);
  } else {
    return std::nullopt;
  }
  if (isSelf(Coroutine, Replacement))
    return std::nullopt;
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(CalleeExpr->getSourceRange()),
      Replacement);
}

} // namespace clang::tidy::coro
