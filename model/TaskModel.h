//===--- TaskModel.h - corolint --------------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Facts about the tasks coroutines return, decided once here and never
// re-derived inside a check:
//   * is a type a lazy task, an eager task, or unknown, and why
//     (TaskClassifier.cpp);
//   * which task types are of one family, and library functions found by
//     name (TaskFamilies.cpp);
//   * where a task value goes: awaited, kept, dropped; whether a task can be
//     awaited in a coroutine (TaskDestination.cpp).
// The coroutines themselves (bodies, suspension points, calls) are in
// CoroutineModel.h.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_MODEL_TASKMODEL_H
#define COROLINT_MODEL_TASKMODEL_H

#include "CoroutineModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::coro {

//===----------------------------------------------------------------------===//
// Task classification
//===----------------------------------------------------------------------===//

enum class TaskKind {
  Unknown, ///< Not a coroutine return type we understand.
  Lazy,    ///< initial_suspend() always suspends: the body waits to be awaited.
  Eager,   ///< initial_suspend() never suspends: the body starts at once.
};

/// The `LazyTaskTypes` / `EagerTaskTypes` options shared by every check that
/// classifies tasks. They are read with `getLocalOrGlobal`, so a project can
/// set them once for all checks.
struct TaskTypeOptions {
  std::string LazyTaskTypes;
  std::string EagerTaskTypes;

  explicit TaskTypeOptions(const ClangTidyCheck::OptionsView &Options);
  TaskTypeOptions(std::string Lazy, std::string Eager)
      : LazyTaskTypes(std::move(Lazy)), EagerTaskTypes(std::move(Eager)) {}
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;
};

/// The steps of a task classification, when it is to be explained.
using TaskTrace = llvm::SmallVector<std::string, 4>;

/// Decides whether a type is a lazy task, an eager task, or neither, by
/// finding its promise (through `promise_type` or a `std::coroutine_traits`
/// specialization) and looking at what `initial_suspend()` returns. Results
/// are cached per canonical type; call reset() at the start of every
/// translation unit.
class TaskClassifier {
public:
  explicit TaskClassifier(const TaskTypeOptions &Options);

  /// Also for dependent types in template patterns (`Task<T>`): what the
  /// class template's pattern says, when every specialization of it known
  /// here agrees.
  TaskKind classify(QualType T, const ASTContext &Ctx);
  bool isLazyTask(QualType T, const ASTContext &Ctx) {
    return classify(T, Ctx) == TaskKind::Lazy;
  }

  /// The kind of task a call creates (a prvalue; a call returning a
  /// reference hands out an existing task and creates none). In template
  /// patterns, where the call's own type is not known, from the return type
  /// its callee, or every candidate of an unresolved call, is declared with.
  TaskKind classifyCall(const CallExpr &Call, const ASTContext &Ctx);
  bool createsLazyTask(const CallExpr &Call, const ASTContext &Ctx) {
    return classifyCall(Call, Ctx) == TaskKind::Lazy;
  }
  /// True when the call creates a generator (see isGenerator()).
  bool createsGenerator(const CallExpr &Call, const ASTContext &Ctx);

  /// A generator (its promise has yield_value, the type itself cannot be
  /// awaited, and it is read through begin() or next(): std::generator,
  /// cppcoro::generator, async generators) is a sequence, not a task:
  /// dropping one loses no work that was asked for.
  bool isGenerator(QualType T, const ASTContext &Ctx);

  /// The promise type's record of a task type (definition, or the template
  /// pattern it is instantiated from), or null.
  const CXXRecordDecl *findPromise(QualType TaskType, const ASTContext &Ctx);

  /// Why \p T is, or is not, a lazy task, step by step (which promise was
  /// found, what its initial_suspend() returns), for users whose task type
  /// stays silent.
  std::string explain(QualType T, const ASTContext &Ctx);

  void reset() {
    Cache.clear();
    GeneratorCache.clear();
  }

private:
  TaskKind classifyUncached(QualType T, const ASTContext &Ctx,
                            TaskTrace *Why = nullptr);
  TaskKind classifyDependent(QualType T, const ASTContext &Ctx,
                             TaskTrace *Why = nullptr);
  TaskKind classifyRecord(const CXXRecordDecl &Task, QualType T,
                          const ASTContext &Ctx, TaskTrace *Why = nullptr);
  static QualType substitutePromiseArgument(QualType Awaiter,
                                            const CXXMethodDecl &InitialSuspend,
                                            QualType T);

  std::vector<std::unique_ptr<llvm::Regex>> LazyPatterns;
  std::vector<std::unique_ptr<llvm::Regex>> EagerPatterns;
  llvm::DenseMap<const Type *, TaskKind> Cache;
  llvm::DenseMap<const Type *, bool> GeneratorCache;
};

/// True when the two task types come from the same class template (or are
/// the same class): awaiting one inside a coroutine returning the other is
/// then known to compile.
bool isSameTaskFamily(QualType A, QualType B);

/// The namespace that declares the record (or template) of \p T, or null.
const DeclContext *getTaskNamespace(QualType T);

/// The function, function template or function object with this fully
/// qualified name, e.g. `stdexec::when_all`, if this translation unit
/// declares it.
const NamedDecl *findFunctionByQualifiedName(const ASTContext &Ctx,
                                             llvm::StringRef QualifiedName);

/// A free function (template) or function object named one of \p Names
/// declared in \p NS (or a namespace inline in it), e.g. `when_all` next to
/// a task type.
const NamedDecl *findFunctionInNamespace(const DeclContext *NS,
                                         llvm::ArrayRef<llvm::StringRef> Names);

/// Every overload: the functions, function templates and function objects
/// named \p Name in \p NS, or with the fully qualified \p QualifiedName.
llvm::SmallVector<const NamedDecl *, 4>
findFunctionsInNamespace(const DeclContext *NS, llvm::StringRef Name);
llvm::SmallVector<const NamedDecl *, 4>
findFunctionsByQualifiedName(const ASTContext &Ctx,
                             llvm::StringRef QualifiedName);

//===----------------------------------------------------------------------===//
// Where a task goes: lifetimes
//===----------------------------------------------------------------------===//

/// True for a task library's synchronous wait (`sync_wait`, `blockingWait`,
/// `syncAwait`, `QCoro::waitFor`, `boost::cobalt::run`...): it runs the task
/// it is given to completion before it returns.
bool isSynchronousTaskWait(const CalleeInfo &Callee);

/// What becomes of a task within the full-expression that creates it, the
/// one at whose end its temporaries are destroyed.
enum class TaskFate {
  /// A `co_await`/`co_yield` of the same full-expression consumes it,
  /// directly or through a combinator it awaits (`co_await when_all(t, u)`).
  Awaited,
  /// A synchronous wait runs it to completion (`sync_wait(t)`).
  RunHere,
  /// Its value is dropped (also by `std::ignore = f();`).
  Discarded,
  /// It initializes or is assigned to a variable or member.
  Stored,
  /// It is returned (`return`, `co_return`).
  Returned,
  /// It is passed to another function, which may keep it (`spawn(t)`,
  /// `tasks.push_back(t)`).
  PassedOn,
  /// A method of the task, or of a chain carrying it, starts it
  /// (`f().start()`, `std::move(t).scheduleOn(ex).start()`, `.detach()`):
  /// its body runs now and, once it suspends, after the full-expression.
  Started,
  /// Anything else (a member call on it that neither carries nor starts
  /// it, an operator): the checks stay quiet.
  Unknown,
};

struct TaskDestination {
  TaskFate Fate = TaskFate::Unknown;
  /// The declaration, return statement or call the task goes to; for
  /// Started, the call that starts it.
  const Stmt *Where = nullptr;
  /// For Stored: the variable, when it is one.
  const VarDecl *Variable = nullptr;
  /// The calls that carry the task on, innermost first: each takes it (as
  /// the object of a method or as an argument) and returns an awaitable
  /// holding it (`f().via(ex)`, `co_withExecutor(ex, f())`,
  /// `when_all(f(), g())`). The fate is that of the last one's value.
  llvm::SmallVector<const CallExpr *, 2> Carriers;
};

/// The `TaskStartMethods` option, shared by the checks that ask where a
/// task goes (read with `getLocalOrGlobal`): regular expressions matching
/// the names of the methods that start a task, or a chain carrying one.
struct TaskFlowOptions {
  static constexpr llvm::StringLiteral DefaultStartMethods =
      "start;startInline;startInlineUnsafe;directlyStart;detach";
  std::string StartMethods;

  explicit TaskFlowOptions(const ClangTidyCheck::OptionsView &Options);
  explicit TaskFlowOptions(std::string StartMethods)
      : StartMethods(std::move(StartMethods)) {}
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;
};

/// Where a task value goes: follows it through implicit nodes,
/// parentheses, moves and conditionals, and through the calls that carry
/// it on: a method of the task, or a function taking it, that returns an
/// awaitable (one with `await_ready()` or `operator co_await`, or a task of
/// the same family: folly's `scheduleOn` and `co_withExecutor`,
/// async_simple's `via`, a `when_all`), up to where the last one's value
/// ends. Learned from the types, also in template patterns (a method of a
/// dependent task type is looked up in its class template); the methods
/// that start it are named by TaskFlowOptions.
class TaskFlow {
public:
  explicit TaskFlow(const TaskFlowOptions &Options);

  /// Where \p Task (a call creating a task, or a use of a variable holding
  /// one) goes in its full-expression.
  TaskDestination destinationOf(const Expr &Task,
                                const BodyParents &Parents) const;

private:
  bool isStartMethod(const CallExpr &Call) const;
  /// The rest of the way of a started task's result (a future, void).
  TaskDestination afterStart(const CallExpr &Start,
                             const BodyParents &Parents) const;

  std::vector<std::unique_ptr<llvm::Regex>> StartPatterns;
};

/// True when \p Parent assigns \p Child (the value, or the implicit node
/// around it that \p Parent holds) to `std::ignore`: `std::ignore = f();`
/// silences `[[nodiscard]]` and drops the value at the end of the
/// statement.
bool isAssignedToStdIgnore(const Stmt &Parent, const Stmt &Child);

/// True for a method that adds an element to a container (`push_back`,
/// `emplace_back`, `push_front`, `emplace_front`, `insert`, `emplace`,
/// `push`).
bool isCollectingMethodName(llvm::StringRef Name);

/// True when \p Function returns what calling its parameter \p Index
/// returns (`return F();`, `return std::invoke(F, ...)`) and keeps nothing
/// of it: std::invoke, and wrappers like it.
bool returnsCallOfParameter(const FunctionDecl &Function, unsigned Index);

/// True when the task a TaskFate::PassedOn destination hands on is known to
/// be kept beyond the full-expression: a spawn or scope API (`co_spawn`,
/// `spawn`, `spawn_detached`, `start_detached`, `AsyncScope::add`), a
/// container insertion (`push_back`, `emplace`, `insert`...), or an object
/// constructed from it; by name (getWrittenCalleeName()), also in template
/// patterns. Any other function may as well run it to the end
/// before returning (a test helper that waits for it): the checks stay
/// quiet then.
bool keepsTask(const TaskDestination &Destination);

/// True when the task runs, or may run, after the full-expression that
/// creates it has ended (and its temporaries with it): it is stored,
/// returned, started (and may suspend), or handed to a function known to
/// keep it (keepsTask()).
inline bool outlivesFullExpression(const TaskDestination &Destination) {
  return Destination.Fate == TaskFate::Stored ||
         Destination.Fate == TaskFate::Returned ||
         Destination.Fate == TaskFate::Started || keepsTask(Destination);
}

/// How a diagnostic says where a task that outlives its full-expression
/// went, as a %select index: 0 stored, 1 returned, 2 passed on, 3 started.
inline unsigned escapeKind(const TaskDestination &Destination) {
  switch (Destination.Fate) {
  case TaskFate::Stored:
    return 0;
  case TaskFate::Returned:
    return 1;
  case TaskFate::Started:
    return 3;
  default:
    return 2;
  }
}

/// The name \p Call calls by: its callee's or, for a call a template pattern
/// leaves unresolved, the name written (what every candidate at
/// instantiation is named); empty when there is none (a call through a
/// pointer or an object).
DeclarationName getWrittenCalleeName(const CallExpr &Call);

/// True when \p Task (a call creating a task) is used up before the end of
/// its full-expression: awaited there or run by a synchronous wait.
inline bool isConsumedInFullExpression(const TaskDestination &Destination) {
  return Destination.Fate == TaskFate::Awaited ||
         Destination.Fate == TaskFate::RunHere;
}

/// The first use, in source order, of \p Var in \p Body (captures of a
/// lambda included), or null.
const DeclRefExpr *findFirstUse(const ValueDecl &Var, const Stmt &Body);

//===----------------------------------------------------------------------===//
// Helpers for checks
//===----------------------------------------------------------------------===//

/// True when \p T is awaitable by itself: it has an await_ready() or a member
/// operator co_await. (Some tasks are awaitable only through their caller's
/// await_transform: ask the TaskClassifier about those.)
bool isAwaitableType(QualType T);

/// True when `co_await` on a value of \p Task is known to compile inside
/// \p Coroutine: the task is awaitable by itself, an `operator co_await` of
/// its namespace takes it, or an await_transform of the coroutine's promise
/// takes it (its own task template, or any type through a template
/// parameter). Unknown is false: no fix inserts a `co_await` that may not
/// compile.
bool isAwaitableIn(QualType Task, const FunctionDecl &Coroutine,
                   TaskClassifier &Tasks, const ASTContext &Ctx);

} // namespace clang::tidy::coro

#endif // COROLINT_MODEL_TASKMODEL_H
