//===--- CoroutineModel.h - corolint ---------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Facts about coroutines that every corolint check needs, decided once here
// and never re-derived inside a check:
//   * is a function a coroutine, and what is its body; which expressions of
//     a body are its explicit suspension points; a body's parents and CFG;
//     what runs after a suspension, and which captures it reads
//     (CoroutineModel.cpp);
//   * which function a call calls, also in templates (CoroutineCalls.cpp).
// What is known of the tasks coroutines return (their kind, family, where a
// task value goes) is in TaskModel.h.
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

/// The record a type names (TaskClassifier.cpp), seeing through sugar,
/// references and dependent template specializations (to the primary template's
/// pattern), or null.
const CXXRecordDecl *getRecordOrPattern(QualType T);

/// A member named \p Name of \p RD or of its bases (dependent bases too,
/// through their patterns), or null.
const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name,
                            unsigned Depth = 0);

/// True for a namespace-scope variable whose type has an `operator()`: a
/// function object such as a customisation-point object.
bool isFunctionObject(const NamedDecl &D);

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

} // namespace clang::tidy::coro

#endif // COROLINT_MODEL_COROUTINEMODEL_H
