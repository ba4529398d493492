//===--- CoroutineModelTest.cpp - unit tests for the coroutine model ------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Pins down each rule of model/CoroutineModel.h on small programs compiled
// against the real standard library (and Boost.Asio when installed).
//
//===----------------------------------------------------------------------===//

#include "FunctionIndex.h"
#include "TaskModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Analysis/CFG.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro;

namespace {

std::vector<std::string> compilerArgs(llvm::ArrayRef<std::string> Extra = {}) {
  std::vector<std::string> Args = {"-std=c++20", "-I" COROLINT_TEST_INPUTS,
                                   "-resource-dir=" COROLINT_RESOURCE_DIR,
                                   "-Wno-unused-result"};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  return Args;
}

std::unique_ptr<ASTUnit> build(llvm::StringRef Code,
                               llvm::ArrayRef<std::string> Extra = {}) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, compilerArgs(Extra), "input.cc");
  EXPECT_TRUE(AST);
  EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred()) << Code.str();
  return AST;
}

const FunctionDecl *function(ASTUnit &AST, llvm::StringRef Name) {
  auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                     AST.getASTContext());
  return Found.empty() ? nullptr : Found[0].getNodeAs<FunctionDecl>("f");
}

/// The type named by `using Probe = ...;`.
QualType probe(ASTUnit &AST, llvm::StringRef Name = "Probe") {
  auto Found =
      match(typeAliasDecl(hasName(Name)).bind("a"), AST.getASTContext());
  if (Found.empty())
    return QualType();
  return Found[0].getNodeAs<TypeAliasDecl>("a")->getUnderlyingType();
}

TaskKind classify(llvm::StringRef Code, TaskTypeOptions Options = {"", ""},
                  llvm::ArrayRef<std::string> Extra = {}) {
  auto AST = build(Code, Extra);
  TaskClassifier Classifier(Options);
  return Classifier.classify(probe(*AST), AST->getASTContext());
}

//===--- Is this a coroutine? ---------------------------------------------===//

TEST(CoroutineModel, RecognizesCoroutinesByTheirBody) {
  auto AST = build(R"(
    #include "lazy_task.h"
    lib::Task<int> coroutine() { co_return 1; }
    lib::Task<int> plainReturningTask(lib::Task<int> T) { return T; }
    struct S { lib::Task<> method() { co_return; } };
    auto Lambda = []() -> lib::Task<> { co_return; };
    lib::Task<int> declaredOnly();
  )");
  EXPECT_TRUE(isCoroutine(function(*AST, "coroutine")));
  EXPECT_TRUE(isCoroutine(function(*AST, "method")));
  EXPECT_FALSE(isCoroutine(function(*AST, "plainReturningTask")));
  EXPECT_FALSE(isCoroutine(nullptr));
  auto Lambdas = match(lambdaExpr(isExpansionInMainFile()).bind("l"),
                       AST->getASTContext());
  ASSERT_EQ(Lambdas.size(), 1u);
  EXPECT_TRUE(
      isCoroutine(Lambdas[0].getNodeAs<LambdaExpr>("l")->getCallOperator()));
}

//===--- Suspension points ------------------------------------------------===//

TEST(CoroutineModel, SuspensionPointsAreTheExplicitOnes) {
  auto AST = build(R"(
    #include "lazy_task.h"
    #include "generator.h"
    lib::Task<int> f(int);
    void take(int);
    lib::Task<int> body(bool B) {
      int X = co_await f(1);                    // initializer
      if (co_await f(2)) {}                     // condition
      take(co_await f(3));                      // argument
      auto Nested = [&]() -> lib::Task<int> {   // nested lambda: not ours
        co_await f(4);
        co_return 0;
      };
      struct Local { lib::Task<> m() { co_await lib::Task<int>(f(5)); } };
      co_return X + co_await f(6);              // operand of co_return
    }
    gen::Generator<int> numbers() { co_yield 1; co_yield 2; }
  )");
  const CoroutineBodyStmt *Body = getCoroutineBody(function(*AST, "body"));
  ASSERT_TRUE(Body);
  auto Points = getSuspensionPoints(*Body);
  EXPECT_EQ(Points.size(), 4u);
  for (const Expr *Point : Points)
    EXPECT_TRUE(isExplicitSuspension(Point));
  // The implicit initial and final suspends are not suspension points.
  EXPECT_FALSE(isExplicitSuspension(Body->getInitSuspendStmt()));
  EXPECT_FALSE(isExplicitSuspension(Body->getFinalSuspendStmt()));

  const CoroutineBodyStmt *Gen = getCoroutineBody(function(*AST, "numbers"));
  ASSERT_TRUE(Gen);
  EXPECT_EQ(getSuspensionPoints(*Gen).size(), 2u);
}

TEST(CoroutineModel, BodyParentsMapOneBody) {
  auto AST = build(R"(
    #include "lazy_task.h"
    lib::Task<int> f(int);
    lib::Task<> outer() {
      int X = co_await f(1);
      f(2);
      co_return;
    }
  )");
  ASTContext &Ctx = AST->getASTContext();
  auto Functions =
      match(functionDecl(hasName("outer"), isDefinition()).bind("f"), Ctx);
  ASSERT_EQ(Functions.size(), 1u);
  const auto *Outer = Functions[0].getNodeAs<FunctionDecl>("f");
  BodyParents Parents(*Outer->getBody());
  auto Vars = match(varDecl(hasName("X")).bind("x"), Ctx);
  ASSERT_EQ(Vars.size(), 1u);
  const DeclStmt *Declaration =
      Parents.declaring(*Vars[0].getNodeAs<VarDecl>("x"));
  ASSERT_TRUE(Declaration);
  EXPECT_TRUE(isa_and_nonnull<CompoundStmt>(Parents.parent(*Declaration)));
  // The discarded call: a statement of the block, through its cleanups.
  auto Calls =
      match(callExpr(hasArgument(0, integerLiteral(equals(2)))).bind("c"), Ctx);
  ASSERT_EQ(Calls.size(), 1u);
  const Stmt *Parent = Parents.parent(*Calls[0].getNodeAs<CallExpr>("c"));
  while (isa_and_nonnull<ExprWithCleanups, CXXBindTemporaryExpr,
                         MaterializeTemporaryExpr>(Parent))
    Parent = Parents.parent(*Parent);
  EXPECT_TRUE(isa_and_nonnull<CompoundStmt>(Parent));
}

TEST(CoroutineModel, DependentCallsFindCandidatesWhereTheTemplateIsDefined) {
  auto AST = build(R"(
    #include "lazy_task.h"
    template <typename T> struct Base {
      lib::Task<> inherited(T);
      int load(T, T);
    };
    template <typename T> struct Svc : Base<T> {
      lib::Task<> member(T);
      using Base<T>::load;
      lib::Task<> load(T);
      void run(T X) {
        auto &Self = *this;
        Self.member(X);
        this->inherited(X);
        this->load(X);
        member(X);
      }
    };
  )");
  ASTContext &Ctx = AST->getASTContext();
  const FunctionDecl *Run = function(*AST, "run");
  ASSERT_TRUE(Run);
  llvm::SmallVector<const CallExpr *, 4> Calls;
  for (const Stmt *S : cast<CompoundStmt>(Run->getBody())->body())
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Calls.push_back(Call);
  ASSERT_EQ(Calls.size(), 4u);
  TaskClassifier Classifier(TaskTypeOptions("", ""));
  // A local deduced from `*this`: the class template's own member.
  auto Candidates = getCalleeCandidates(*Calls[0]);
  ASSERT_EQ(Candidates.size(), 1u);
  EXPECT_EQ(Candidates[0]->getQualifiedNameAsString(), "Svc::member");
  EXPECT_TRUE(Classifier.createsLazyTask(*Calls[0], Ctx));
  // Declared by a dependent base only, or brought by a using-declaration
  // of one: not known.
  EXPECT_TRUE(getCalleeCandidates(*Calls[1]).empty());
  EXPECT_TRUE(getCalleeCandidates(*Calls[2]).empty());
  EXPECT_EQ(Classifier.classifyCall(*Calls[2], Ctx), TaskKind::Unknown);
  // Unqualified: the overloads the name found.
  Candidates = getCalleeCandidates(*Calls[3]);
  ASSERT_EQ(Candidates.size(), 1u);
  EXPECT_TRUE(Classifier.createsLazyTask(*Calls[3], Ctx));
}

TEST(CoroutineModel, DependentRangeLoopsKeepTheGraphOfTheBody) {
  auto AST = build(R"(
    #include "lazy_task.h"
    #include <mutex>
    lib::Task<int> fetch(int);
    template <typename Range> lib::Task<> loop(Range Items, std::mutex &M) {
      for (auto &Item : Items)
        co_await fetch(Item);
      std::lock_guard<std::mutex> G(M);
      co_await fetch(0);
    }
  )");
  ASTContext &Ctx = AST->getASTContext();
  const FunctionDecl *Loop = function(*AST, "loop");
  ASSERT_TRUE(Loop);
  const Stmt &Body = getWrittenBody(*Loop->getBody());
  std::unique_ptr<CFG> Graph = buildBodyCFG(*Loop, Body, Ctx);
  ASSERT_TRUE(Graph);
  // The loop is as clang left it: its iteration is the instantiation's.
  const auto *RangeFor =
      cast<CXXForRangeStmt>(*cast<CompoundStmt>(Body).body_begin());
  EXPECT_EQ(RangeFor->getInc(), nullptr);
  EXPECT_EQ(RangeFor->getCond(), nullptr);
  EXPECT_EQ(RangeFor->getBeginStmt(), nullptr);
  // The loop's body and what follows it are both reached.
  unsigned Suspensions = 0;
  for (const CFGBlock *Block : *Graph)
    for (const CFGElement &Element : *Block)
      if (auto S = Element.getAs<CFGStmt>())
        Suspensions += isExplicitSuspension(S->getStmt());
  EXPECT_EQ(Suspensions, 2u);
}

TEST(CoroutineModel, LambdaCallsAndSpawnsInTemplatePatterns) {
  auto AST = build(R"(
    #include "lazy_task.h"
    template <typename U> lib::Task<int> fetch(U);
    template <typename T> struct Worker {
      template <typename U> void run(U Job) {
        lib::spawn([Job]() -> lib::Task<> { co_await fetch(Job); }());
        auto Retry = [Job]() -> lib::Task<int> { co_return co_await fetch(Job); };
        Retry();
      }
    };
  )");
  ASTContext &Ctx = AST->getASTContext();
  const FunctionDecl *Run = function(*AST, "run");
  ASSERT_TRUE(Run);
  const auto *Body = cast<CompoundStmt>(Run->getBody());
  const auto *Spawn = dyn_cast<CallExpr>(
      ignoreImplicitWrappers(cast<Expr>(Body->body_front())));
  const auto *Retry =
      dyn_cast<CallExpr>(ignoreImplicitWrappers(cast<Expr>(Body->body_back())));
  ASSERT_TRUE(Spawn && Retry);
  const auto *Lambda = cast<CallExpr>(Spawn->getArg(0));
  // Unresolved in the pattern, and still one candidate: the lambda's.
  EXPECT_EQ(Lambda->getDirectCallee(), nullptr);
  ASSERT_EQ(getCalleeCandidates(*Lambda).size(), 1u);
  ASSERT_EQ(getCalleeCandidates(*Retry).size(), 1u);
  TaskClassifier Classifier(TaskTypeOptions("", ""));
  EXPECT_TRUE(Classifier.createsLazyTask(*Lambda, Ctx));
  EXPECT_TRUE(Classifier.createsLazyTask(*Retry, Ctx));
  // `lib::spawn(...)` keeps the task by the name it is written with.
  EXPECT_EQ(getWrittenCalleeName(*Spawn).getAsString(), "spawn");
  BodyParents Parents(*Body);
  TaskFlow Flow(TaskFlowOptions(TaskFlowOptions::DefaultStartMethods.str()));
  TaskDestination Destination = Flow.destinationOf(*Lambda, Parents);
  EXPECT_EQ(Destination.Fate, TaskFate::PassedOn);
  EXPECT_TRUE(keepsTask(Destination));
}

TEST(FunctionIndex, WalksFromAnyStatementAsTheWalkItselfDoes) {
  // Everything the walk treats apart: lambdas (captures walked, bodies
  // not), local classes, a discarded `if constexpr` branch, unevaluated
  // operands, nested blocks and loops, a conditional with an opaque value.
  auto AST = build(R"(
    #include "lazy_task.h"
    lib::Task<int> f(int);
    template <bool B> lib::Task<int> outer(int N) {
      int X = co_await f(1);
      auto L = [X, Y = f(2)]() mutable { return f(X); };
      struct Local { int g() { return 3; } };
      if constexpr (B) { (void)f(4); } else { co_await f(5); }
      for (int I = 0; I < N; ++I) {
        if (I % 2) continue;
        X += co_await f(I) ?: 6;
      }
      (void)sizeof(f(7));
      static_assert(noexcept(X + 1));
      int Pair[2] = {X};
      struct Agg { int First, Second; } Both{X, Pair[0]};
      try { X += co_await f(Both.Second); } catch (...) { X = 0; }
      co_return X;
    }
    auto Use = outer<false>(1);
  )");
  auto Found = match(
      functionDecl(hasName("outer"), isDefinition(), isTemplateInstantiation())
          .bind("f"),
      AST->getASTContext());
  ASSERT_EQ(Found.size(), 1u);
  const auto &Outer = *Found[0].getNodeAs<FunctionDecl>("f");
  auto Walk = [](const Stmt *Root) {
    std::vector<const Stmt *> Visited;
    forEachStmtInFunction(Root, [&](const Stmt *S) { Visited.push_back(S); });
    return Visited;
  };
  // Without a focus, every walk is done the long way: the reference.
  function_index::reset();
  std::vector<const Stmt *> Whole = Walk(Outer.getBody());
  std::vector<const Stmt *> Roots = Whole;
  std::vector<std::vector<const Stmt *>> Expected;
  for (const Stmt *Root : Roots)
    Expected.push_back(Walk(Root));
  // Focused, a walk from a visited statement reads the index (all but an
  // initializer list's syntactic form, walked the long way), and visits
  // what the walk itself does.
  function_index::focus(Outer);
  EXPECT_EQ(Walk(Outer.getBody()), Whole);
  for (size_t I = 0; I < Roots.size(); ++I) {
    EXPECT_TRUE(function_index::statementsFrom(*Roots[I]) ||
                isa<InitListExpr>(Roots[I]))
        << Roots[I]->getStmtClassName();
    EXPECT_EQ(Walk(Roots[I]), Expected[I]) << Roots[I]->getStmtClassName();
  }
  // A lambda's body is not in the walk: walked the long way, the same.
  auto Lambdas = match(lambdaExpr().bind("l"), AST->getASTContext());
  ASSERT_FALSE(Lambdas.empty());
  const Stmt *LambdaBody = Lambdas[0].getNodeAs<LambdaExpr>("l")->getBody();
  EXPECT_FALSE(function_index::statementsFrom(*LambdaBody));
  EXPECT_FALSE(Walk(LambdaBody).empty());
  // Shared parents: only for the focused body.
  EXPECT_TRUE(function_index::sharedParents(*Outer.getBody()));
  EXPECT_FALSE(function_index::sharedParents(*LambdaBody));
  function_index::reset();
  EXPECT_FALSE(function_index::statementsFrom(*Outer.getBody()));
}

//===--- Task classification ----------------------------------------------===//

TEST(TaskClassifier, PromiseTypeWithSuspendAlwaysIsLazy) {
  EXPECT_EQ(classify(R"(#include "lazy_task.h"
                        using Probe = lib::Task<int>;
                        lib::Task<int> use();)"),
            TaskKind::Lazy);
}

TEST(TaskClassifier, SeesThroughAliasesAndTypedefs) {
  EXPECT_EQ(classify(R"(#include "lazy_task.h"
                        using Lazy = lib::Task<long>;
                        typedef Lazy Again;
                        using Probe = Again;
                        Again use();)"),
            TaskKind::Lazy);
}

TEST(TaskClassifier, SuspendNeverIsEager) {
  EXPECT_EQ(classify(R"(#include "eager_task.h"
                        using Probe = eager::Detached;)"),
            TaskKind::Eager);
}

TEST(TaskClassifier, ConstantAwaitReadyDecides) {
  EXPECT_EQ(classify(R"(#include "eager_task.h"
                        using Probe = eager::Future<int>;
                        eager::Future<int> use();)"),
            TaskKind::Eager);
  EXPECT_EQ(classify(R"(#include <coroutine>
    struct Later { bool await_ready() const noexcept { return false; }
                   void await_suspend(std::coroutine_handle<>) noexcept {}
                   void await_resume() noexcept {} };
    struct T { struct promise_type {
      T get_return_object(); Later initial_suspend() noexcept;
      std::suspend_always final_suspend() noexcept; void return_void();
      void unhandled_exception(); }; };
    using Probe = T;)"),
            TaskKind::Lazy);
}

TEST(TaskClassifier, NonConstantAwaitReadyIsUnknown) {
  EXPECT_EQ(classify(R"(#include <coroutine>
    bool decide();
    struct Maybe { bool await_ready() { return decide(); }
                   void await_suspend(std::coroutine_handle<>) noexcept {}
                   void await_resume() noexcept {} };
    struct T { struct promise_type {
      T get_return_object(); Maybe initial_suspend() noexcept;
      std::suspend_always final_suspend() noexcept; void return_void();
      void unhandled_exception(); }; };
    using Probe = T;)"),
            TaskKind::Unknown);
}

TEST(TaskClassifier, CoroutineTraitsSpecializationProvidesThePromise) {
  const char *Code = R"(#include <coroutine>
    struct Job {};
    struct JobPromise {
      Job get_return_object(); std::suspend_always initial_suspend() noexcept;
      std::suspend_always final_suspend() noexcept; void return_void();
      void unhandled_exception(); };
    template <typename... Args> struct std::coroutine_traits<Job, Args...> {
      using promise_type = JobPromise; };
    template <typename T> struct Boxed {};
    template <typename T, typename... Args>
    struct std::coroutine_traits<Boxed<T>, Args...> {
      using promise_type = JobPromise; };
    using Probe = Job;
    using BoxedProbe = Boxed<int>;
  )";
  auto AST = build(Code);
  TaskClassifier Classifier(TaskTypeOptions("", ""));
  EXPECT_EQ(Classifier.classify(probe(*AST), AST->getASTContext()),
            TaskKind::Lazy);
  EXPECT_EQ(
      Classifier.classify(probe(*AST, "BoxedProbe"), AST->getASTContext()),
      TaskKind::Lazy);
}

TEST(TaskClassifier, GeneratorsAreNotTasks) {
  auto AST = build(R"(#include "generator.h"
                      #include "lazy_task.h"
                      using Probe = gen::Generator<int>;
                      using Task = lib::Task<int>;
                      gen::Generator<int> g(); lib::Task<int> t();)");
  TaskClassifier Classifier(TaskTypeOptions("", ""));
  // Lazy by its promise, but a sequence: the checks ask isGenerator().
  EXPECT_EQ(Classifier.classify(probe(*AST), AST->getASTContext()),
            TaskKind::Lazy);
  EXPECT_TRUE(Classifier.isGenerator(probe(*AST), AST->getASTContext()));
  EXPECT_FALSE(
      Classifier.isGenerator(probe(*AST, "Task"), AST->getASTContext()));
}

TEST(TaskClassifier, TasksWithYieldValueAreNotGenerators) {
  // folly's and stdexec's task promises take `co_yield` of an error or a
  // stop request; a generator is also read through begin() or next().
  auto AST = build(R"(#include "libraries/folly_coro.h"
                      #include "libraries/stdexec.h"
                      using Probe = folly::coro::Task<int>;
                      using Void = folly::coro::Task<void>;
                      using Exec = exec::task<int>;)");
  TaskClassifier Classifier(TaskTypeOptions("", ""));
  ASTContext &Ctx = AST->getASTContext();
  for (const char *Name : {"Probe", "Void", "Exec"}) {
    EXPECT_EQ(Classifier.classify(probe(*AST, Name), Ctx), TaskKind::Lazy)
        << Name;
    EXPECT_FALSE(Classifier.isGenerator(probe(*AST, Name), Ctx)) << Name;
  }
}

TEST(TaskClassifier, DependentTypesFollowTheirTemplate) {
  auto AST = build(R"(#include "lazy_task.h"
                      #include "eager_task.h"
                      template <typename T> struct Holder {
                        using Probe = lib::Task<T>;
                        using Alias = lib::Task<Holder<T>>;
                      };
                      template <typename T> struct Odd { using promise_type = lib::Promise<T>; };
                      template <> struct Odd<int> {};
                      template <typename T> struct User { using Probe = Odd<T>; };
                      Odd<int> *Instantiated;)");
  TaskClassifier Classifier(TaskTypeOptions("", ""));
  ASTContext &Ctx = AST->getASTContext();
  // lib::Task<T> is lazy for every T the file knows of.
  EXPECT_EQ(Classifier.classify(probe(*AST), Ctx), TaskKind::Lazy);
  EXPECT_EQ(Classifier.classify(probe(*AST, "Alias"), Ctx), TaskKind::Lazy);
  // A specialization that is not a task makes the dependent type unknown.
  auto Found = match(
      typeAliasDecl(hasName("Probe"), hasParent(cxxRecordDecl(hasName("User"))))
          .bind("a"),
      Ctx);
  ASSERT_FALSE(Found.empty());
  EXPECT_EQ(
      Classifier.classify(
          Found[0].getNodeAs<TypeAliasDecl>("a")->getUnderlyingType(), Ctx),
      TaskKind::Unknown);
}

TEST(TaskClassifier, NonTasksAreUnknown) {
  EXPECT_EQ(classify("using Probe = int;"), TaskKind::Unknown);
  EXPECT_EQ(classify("struct Plain {}; using Probe = Plain;"),
            TaskKind::Unknown);
  EXPECT_EQ(classify(R"(#include <vector>
                        using Probe = std::vector<int>;)"),
            TaskKind::Unknown);
}

TEST(TaskClassifier, OptionsForceTypesLazyOrEager) {
  const char *Opaque = "namespace vendor { struct Job; struct Job {}; }\n"
                       "using Probe = vendor::Job;";
  EXPECT_EQ(classify(Opaque), TaskKind::Unknown);
  EXPECT_EQ(classify(Opaque, {"vendor::Job", ""}), TaskKind::Lazy);
  EXPECT_EQ(classify(Opaque, {"other::.*;vendor::.*", ""}), TaskKind::Lazy);
  // Names match whole: `Job` alone does not match `vendor::Job`.
  EXPECT_EQ(classify(Opaque, {"Job", ""}), TaskKind::Unknown);
  // EagerTaskTypes wins over the promise.
  EXPECT_EQ(classify(R"(#include "lazy_task.h"
                        using Probe = lib::Task<int>;)",
                     {"", "lib::Task"}),
            TaskKind::Eager);
}

TEST(TaskClassifier, CachesPerCanonicalType) {
  auto AST = build(R"(#include "lazy_task.h"
                      using Probe = lib::Task<int>;
                      using Other = lib::Task<int>;)");
  TaskClassifier Classifier(TaskTypeOptions("", ""));
  EXPECT_EQ(Classifier.classify(probe(*AST), AST->getASTContext()),
            TaskKind::Lazy);
  EXPECT_EQ(Classifier.classify(probe(*AST, "Other"), AST->getASTContext()),
            TaskKind::Lazy);
}

#ifdef COROLINT_HAVE_ASIO
TEST(TaskClassifier, AsioAwaitableIsLazy) {
  EXPECT_EQ(classify(R"(#include <boost/asio/awaitable.hpp>
                        using Probe = boost::asio::awaitable<int>;
                        boost::asio::awaitable<int> use();)"),
            TaskKind::Lazy);
}
#endif

#ifdef COROLINT_HAVE_LIBCXX
TEST(TaskClassifier, WorksWithLibcxx) {
  // libc++ declares suspend_always in std::__1.
  EXPECT_EQ(classify(R"(#include "lazy_task.h"
                        using Probe = lib::Task<int>;
                        lib::Task<int> use();)",
                     {"", ""}, {"-stdlib=libc++"}),
            TaskKind::Lazy);
  EXPECT_EQ(classify(R"(#include "eager_task.h"
                        using Probe = eager::Detached;)",
                     {"", ""}, {"-stdlib=libc++"}),
            TaskKind::Eager);
}
#endif

} // namespace
