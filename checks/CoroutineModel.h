//===--- CoroutineModel.h - corolint ---------------------------*- C++ -*-===//
//
// Facts about coroutines that every corolint check needs, decided once here
// and never re-derived inside a check:
//   * is a function a coroutine, and what is its body;
//   * which expressions of a body are its explicit suspension points;
//   * is a type a lazy task, an eager task, or unknown;
//   * which function or lambda a statement belongs to.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_COROUTINEMODEL_H
#define COROLINT_CHECKS_COROUTINEMODEL_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>
#include <vector>

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

/// The function (a lambda's call operator for lambda bodies) whose body
/// contains \p S, or null.
const FunctionDecl *getEnclosingFunction(const Stmt *S, ASTContext &Ctx);

/// The coroutine whose body contains \p S, or null when \p S is in a plain
/// function.
inline const CoroutineBodyStmt *getEnclosingCoroutine(const Stmt *S,
                                                      ASTContext &Ctx) {
  return getCoroutineBody(getEnclosingFunction(S, Ctx));
}

/// Strips the implicit nodes clang wraps around a call's value (cleanups,
/// temporaries, implicit casts, parentheses, elidable copies).
const Expr *ignoreImplicitWrappers(const Expr *E);

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

/// Decides whether a type is a lazy task, an eager task, or neither, by
/// finding its promise (through `promise_type` or a `std::coroutine_traits`
/// specialization) and looking at what `initial_suspend()` returns. Results
/// are cached per canonical type; call reset() at the start of every
/// translation unit.
class TaskClassifier {
public:
  explicit TaskClassifier(const TaskTypeOptions &Options);

  TaskKind classify(QualType T, const ASTContext &Ctx);
  bool isLazyTask(QualType T, const ASTContext &Ctx) {
    return classify(T, Ctx) == TaskKind::Lazy;
  }

  /// A generator (its promise has yield_value and the type itself cannot be
  /// awaited: std::generator, cppcoro::generator, async generators) is a
  /// sequence, not a task: dropping one loses no work that was asked for.
  bool isGenerator(QualType T, const ASTContext &Ctx);

  /// The promise type's record of a task type (definition, or the template
  /// pattern it is instantiated from), or null.
  const CXXRecordDecl *findPromise(QualType TaskType, const ASTContext &Ctx);

  void reset() {
    Cache.clear();
    GeneratorCache.clear();
  }

private:
  TaskKind classifyUncached(QualType T, const ASTContext &Ctx);

  std::vector<std::unique_ptr<llvm::Regex>> LazyPatterns;
  std::vector<std::unique_ptr<llvm::Regex>> EagerPatterns;
  llvm::DenseMap<const Type *, TaskKind> Cache;
  llvm::DenseMap<const Type *, bool> GeneratorCache;
};

/// The record a type names, seeing through sugar, references and dependent
/// template specializations (to the primary template's pattern), or null.
const CXXRecordDecl *getRecordOrPattern(QualType T);

/// True when the two task types come from the same class template (or are
/// the same class): awaiting one inside a coroutine returning the other is
/// then known to compile.
bool isSameTaskFamily(QualType A, QualType B);

/// The namespace that declares the record (or template) of \p T, or null.
const DeclContext *getTaskNamespace(QualType T);

/// The function (or function template) with this fully qualified name,
/// e.g. `stdexec::when_all`, if this translation unit declares it.
const NamedDecl *findFunctionByQualifiedName(const ASTContext &Ctx,
                                             llvm::StringRef QualifiedName);

/// A free function template named one of \p Names declared in \p NS (or a
/// namespace inline in it), e.g. `when_all` next to a task type.
const NamedDecl *findFunctionInNamespace(const DeclContext *NS,
                                         llvm::ArrayRef<llvm::StringRef> Names);

//===----------------------------------------------------------------------===//
// Helpers for checks
//===----------------------------------------------------------------------===//

/// The qualified name of \p D without inline namespaces, so that libc++'s
/// `std::__1::this_thread::sleep_for` reads `std::this_thread::sleep_for`.
std::string getPortableQualifiedName(const NamedDecl &D);

/// True when \p T is awaitable by itself: it has an await_ready() or a member
/// operator co_await. (Some tasks are awaitable only through their caller's
/// await_transform: ask the TaskClassifier about those.)
bool isAwaitableType(QualType T);

/// Splits a semicolon-separated list, trimming blanks and dropping empties.
llvm::SmallVector<llvm::StringRef, 8> splitList(llvm::StringRef List);

/// Compiles a semicolon-separated regex list; each regex must match a whole
/// name.
std::vector<std::unique_ptr<llvm::Regex>> compileRegexList(llvm::StringRef List);

bool matchesAny(const std::vector<std::unique_ptr<llvm::Regex>> &Patterns,
                llvm::StringRef Name);

/// Code in templates is checked in each instantiation; this remembers the
/// locations already reported so each is reported once per translation unit.
class OncePerLocation {
public:
  bool firstTime(SourceLocation Loc) { return Seen.insert(Loc).second; }
  void reset() { Seen.clear(); }

private:
  llvm::DenseSet<SourceLocation> Seen;
};

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_COROUTINEMODEL_H
