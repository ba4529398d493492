//===--- BlockingCallKinds.cpp - corolint ---------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What blocks: the default lists of blocking functions and methods, the
// user's lists and annotations, and the callers that run callbacks before
// they return.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallInternals.h"
#include "clang/AST/Attr.h"

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;
using namespace blocking_call;

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
    {"sleep", Category::Sleep},     {"usleep", Category::Sleep},
    {"nanosleep", Category::Sleep}, {"recv", Category::IO},
    {"recvfrom", Category::IO},     {"recvmsg", Category::IO},
    {"accept", Category::IO},       {"accept4", Category::IO},
    {"connect", Category::IO},      {"select", Category::IO},
    {"poll", Category::IO},         {"epoll_wait", Category::IO},
    {"system", Category::Process},  {"popen", Category::Process},
    {"waitpid", Category::Process}, {"wait", Category::Process},
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
    "std::find_if", "std::find_if_not", "std::ranges::find_if", "std::count_if",
    "std::ranges::count_if", "std::remove_if", "std::copy_if", "std::sort",
    "std::stable_sort", "std::ranges::sort", "std::accumulate", "std::reduce",
    "std::transform_reduce",
    // oneTBB: the parallel algorithms wait for the work they run.
    "tbb::parallel_invoke", "tbb::parallel_for", "tbb::parallel_for_each",
    "tbb::parallel_reduce", "tbb::parallel_deterministic_reduce",
    "tbb::parallel_scan", "tbb::parallel_sort", "tbb::parallel_pipeline",
    "tbb::this_task_arena::isolate", "tbb::task_arena::execute"};

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

/// Matches a callee's names against a user's list: the function object's or
/// function's qualified name, and a function object's type.
bool matchesCallee(const std::vector<std::unique_ptr<llvm::Regex>> &Patterns,
                   const CalleeInfo &Callee) {
  return matchesAny(Patterns, Callee.QualifiedName) ||
         (!Callee.TypeName.empty() && matchesAny(Patterns, Callee.TypeName));
}

} // namespace

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
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee.Function);
      Method && !Callee.Object)
    Name = withoutTbbDetail(getPortableQualifiedName(*Method));
  return llvm::is_contained(DefaultSynchronousCallers, Name) ||
         matchesCallee(SynchronousCallerPatterns, Callee);
}

} // namespace clang::tidy::coro
