//===--- CoroutineModel.h - corolint ---------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Facts about coroutines that every corolint check needs, decided once here
// and never re-derived inside a check:
//   * is a function a coroutine, and what is its body; which expressions of
//     a body are its explicit suspension points; a body's parents and CFG
//     (CoroutineModel.cpp);
//   * which function a call calls, also in templates (CoroutineCalls.cpp);
//   * is a type a lazy task, an eager task, or unknown, and why
//     (TaskClassifier.cpp); which task types are of one family, and library
//     functions found by name (TaskFamilies.cpp);
//   * where a task value goes: awaited, kept, dropped; whether a task can be
//     awaited in a coroutine (TaskDestination.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_MODEL_COROUTINEMODEL_H
#define COROLINT_MODEL_COROUTINEMODEL_H

#include "OncePerLocation.h"
#include "OptionLists.h"
#include "QualifiedNames.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class CFG;
} // namespace clang

namespace clang::tidy::coro {

//===----------------------------------------------------------------------===//
// Coroutines and their suspension points
//===----------------------------------------------------------------------===//

/// The coroutine body of \p FD, or null when \p FD is not a coroutine (or has
/// no body in this translation unit).
const CoroutineBodyStmt *getCoroutineBody(const FunctionDecl *FD);

inline bool isCoroutine(const FunctionDecl *FD) {
  return getCoroutineBody(FD) != nullptr;
}

/// True for a `co_await` or `co_yield` written in the source. The implicit
/// initial/final suspends are not, and neither is anything else.
bool isExplicitSuspension(const Stmt *S);

/// The explicit suspension points of a coroutine body in source order,
/// including those in initializers, conditions and arguments. Suspensions in
/// nested lambdas and local classes suspend those functions, not this one,
/// and are left out.
llvm::SmallVector<const Expr *, 8>
getSuspensionPoints(const CoroutineBodyStmt &Body);

/// Calls \p Visit on every statement below \p Root that runs as part of the
/// function that owns \p Root: nested lambda bodies and local classes are not
/// entered (their code runs when, and if, somebody calls them).
void forEachStmtInFunction(const Stmt *Root,
                           llvm::function_ref<void(const Stmt *)> Visit);

/// What the checks look at of a function body: for a coroutine, the body its
/// author wrote (the promise, the initial and final suspends and the rest of
/// the machinery clang adds are as large again, and never asked about);
/// \p Body itself otherwise.
const Stmt &getWrittenBody(const Stmt &Body);

/// The parents of the statements of one function body, and the statement
/// declaring each of its locals; for a coroutine, of the body its author
/// wrote (the machinery clang adds around it has no parents here, and the
/// written body none). Built per body, as clang::ParentMap builds its map
/// but without recursion: an expression of 60,000 terms, which clang
/// accepts, is 60,000 levels deep. The checks never ask
/// ASTContext::getParents, whose map covers the whole translation unit
/// (every header) and costs more than half the AST's memory again.
class BodyParents {
public:
  explicit BodyParents(const Stmt &Body);
  /// The statement (or expression) directly around \p S in the body.
  const Stmt *parent(const Stmt &S) const { return Map.lookup(&S); }
  /// The declaration statement of a local of the body, or null.
  const DeclStmt *declaring(const VarDecl &Var) const;

private:
  const Stmt &Root;
  llvm::DenseMap<const Stmt *, const Stmt *> Map;
  /// Built the first time a check asks: few do.
  mutable std::optional<llvm::DenseMap<const VarDecl *, const DeclStmt *>>
      Declarations;
};

/// A body's parents, built the first time a check asks for them: most
/// bodies have nothing a check needs them for. Those of the coroutine the
/// checks are looking at are shared by all of them (FunctionIndex.h), so a
/// LazyBodyParents lives no longer than the check's look at it.
class LazyBodyParents {
public:
  explicit LazyBodyParents(const Stmt &Body) : Body(Body) {}
  const BodyParents &get();

private:
  const Stmt &Body;
  const BodyParents *Shared = nullptr;
  std::optional<BodyParents> Built;
};

/// Calls \p Visit on every call of the function that owns \p Body (as
/// forEachStmtInFunction walks it), with the body's parents, built only if
/// a visit asks for them.
void forEachCallInFunction(
    const Stmt &Body,
    llvm::function_ref<void(const CallExpr &, LazyBodyParents &)> Visit);

/// True for `std::move` or `std::forward`, also where a template pattern
/// leaves the call unresolved (`std::move(T)` on a dependent task).
bool isStdMoveOrForward(const CallExpr &Call);

/// \p E without implicit wrappers and a `std::move`/`std::forward` around it.
const Expr *ignoreStdMove(const Expr *E);

/// The lambda \p E is (through implicit wrappers and `std::move`), or that
/// the local it names was initialized with; null otherwise.
const LambdaExpr *lambdaOf(const Expr *E);

/// Strips the implicit nodes clang wraps around a call's value (cleanups,
/// temporaries, implicit casts, parentheses, elidable copies).
const Expr *ignoreImplicitWrappers(const Expr *E);

/// The operand of a `co_await`/`co_yield` as written (before any
/// await_transform), without implicit wrappers; null for anything else.
const Expr *getSuspensionOperand(const Expr &Suspension);

/// The calls that are themselves the operand of a suspension in \p Body
/// (`co_await connect(...)`): they create an operation that suspends, they
/// do not block.
llvm::SmallPtrSet<const Expr *, 8>
getAwaitedOperands(const CoroutineBodyStmt &Body);

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

/// What a call calls, named as its users write it. A call through the
/// `operator()` of a namespace-scope function object (a customisation-point
/// object such as `stdexec::sync_wait` or `std::ranges::for_each`) is named
/// by the object, not by `operator()`.
struct CalleeInfo {
  /// The function that runs (an object's operator()); null for a call in a
  /// template pattern that is not resolved yet.
  const FunctionDecl *Function = nullptr;
  /// The namespace-scope function object called through, if any.
  const VarDecl *Object = nullptr;
  /// Qualified name without inline namespaces: the object's, else the
  /// function's (`std::this_thread::sleep_for`).
  std::string QualifiedName;
  /// For function objects, the qualified name of the object's type.
  std::string TypeName;
  /// The unqualified name (`sync_wait`).
  std::string Name;
};

/// Identifies what \p Call calls, or nothing for calls through pointers,
/// members and locals, and for operators other than `()`.
std::optional<CalleeInfo> getCalleeInfo(const CallExpr &Call);

/// The functions a call may call: its direct callee or, in a template
/// pattern, every candidate of a call not resolved yet, found by name lookup
/// in the template's definition context: the overloads a free or member
/// call's name found (`impl_op<Flag>(X)`, `this->load(K)`,
/// `Obj.template get<T>()`), and for a member of the current instantiation
/// that clang leaves to the instantiation (`Self.load(K)` on
/// `auto &Self = *this;`) the class template's own members of that name;
/// for a lambda called where it is written or through the local it
/// initializes (`[X]() -> Task<T> {...}()`, `L()`), its call operator.
/// Empty when a candidate is not known: a using-declaration naming a
/// dependent base's member, a name the class does not declare (a dependent
/// base may), a data member.
llvm::SmallVector<const FunctionDecl *, 4>
getCalleeCandidates(const CallExpr &Call);

/// The type of the object a call creates: its own type or, in a template
/// pattern, the return type its candidates agree on; null when unknown.
QualType getCallResultType(const CallExpr &Call);

/// Calls \p Visit with each argument of \p Call and the parameter of
/// \p Callee it initializes: an `obj(args)` call on a function object or
/// lambda passes the object first (unless the operator takes it as its
/// explicit object parameter); variadic arguments have no parameter.
void forEachArgumentAndParameter(
    const CallExpr &Call, const FunctionDecl &Callee,
    llvm::function_ref<void(const Expr &, const ParmVarDecl &)> Visit);

/// True for a parameter type through which the callee may change the
/// caller's object: a non-const lvalue reference or pointer.
bool passesMutableAccess(QualType Parameter);

/// The object a member function is called on (`F` in `F.get()`), also in
/// template patterns where the call is not a CXXMemberCallExpr; or null.
const Expr *getCallObject(const CallExpr &Call);

/// The control flow graph of a function body, built the same way for every
/// analysis so that the coroutine being checked needs one: the lock
/// analysis needs scope ends (a guard's life ends with its block even when
/// its destructor is trivial); temporaries' destructors are left out. In a
/// template pattern, a range-based `for` over a dependent range loops over
/// its body any number of times (clang leaves its iteration to the
/// instantiation), and the rest of the body keeps its graph. Null when clang
/// cannot build it, and for code parsed with errors (as clang's own analyses,
/// the checks do not reason about a body clang only recovered from).
std::unique_ptr<CFG> buildBodyCFG(const FunctionDecl &Function,
                                  const Stmt &Body, ASTContext &Ctx);

/// buildBodyCFG() of \p Body, shared by every check when it is the body of
/// the coroutine they are looking at (FunctionIndex.h), built here
/// otherwise; so a BodyCFG lives no longer than the check's look at it.
class BodyCFG {
public:
  BodyCFG(const FunctionDecl &Function, const Stmt &Body, ASTContext &Ctx);
  /// Null when clang cannot build it.
  const CFG *get() const { return Graph; }

private:
  std::unique_ptr<CFG> Own;
  const CFG *Graph = nullptr;
};

/// The statements of \p Function's body that run only on paths that never
/// return to its caller: they end in a `[[noreturn]]` call (`exit`,
/// `abort`, `std::terminate`, a fatal logger) or a `throw`. What happens
/// there does not hold up the caller in any way that matters.
class NonReturningCode {
public:
  NonReturningCode(const FunctionDecl &Function, const Stmt *Body,
                   ASTContext &Ctx);
  bool contains(const Stmt *S) const { return Statements.contains(S); }

private:
  llvm::DenseSet<const Stmt *> Statements;
};

/// The statements of a coroutine's written body that may run after it has
/// suspended at an explicit `co_await` or `co_yield`: what follows the
/// suspension in its block and everything the graph reaches from there (in
/// a loop, the statements before it too). An eager coroutine runs the rest
/// at once, when it is called; this is the part that runs later.
class CodeAfterSuspension {
public:
  CodeAfterSuspension(const FunctionDecl &Coroutine,
                      const CoroutineBodyStmt &Body, ASTContext &Ctx);
  /// False when the graph could not be built: nothing is known.
  bool known() const { return Known; }
  bool contains(const Stmt *S) const { return Statements.contains(S); }
  /// The first explicit suspension in source order, or null.
  const Expr *firstSuspension() const { return First; }

private:
  bool Known = false;
  const Expr *First = nullptr;
  llvm::DenseSet<const Stmt *> Statements;
};

/// A read of a capture in a coroutine lambda's body, with the capture's
/// name as diagnostics print it: a captured variable, or `this`.
struct CaptureRead {
  SourceLocation Where;
  std::string Name;
};

/// The first read, in source order, of a capture of \p Lambda in its body
/// \p Body that \p Counts (for instance: that CodeAfterSuspension
/// contains).
std::optional<CaptureRead>
firstCaptureRead(const LambdaExpr &Lambda, const Stmt &Body,
                 llvm::function_ref<bool(const Stmt &)> Counts,
                 const SourceManager &SM);

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

/// The record a type names, seeing through sugar, references and dependent
/// template specializations (to the primary template's pattern), or null.
const CXXRecordDecl *getRecordOrPattern(QualType T);

/// A member named \p Name of \p RD or of its bases (dependent bases too,
/// through their patterns), or null.
const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name,
                            unsigned Depth = 0);

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

/// True for a namespace-scope variable whose type has an `operator()`: a
/// function object such as a customisation-point object.
bool isFunctionObject(const NamedDecl &D);

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

#endif // COROLINT_MODEL_COROUTINEMODEL_H
