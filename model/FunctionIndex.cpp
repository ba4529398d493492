//===--- FunctionIndex.cpp - corolint -------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FunctionIndex.h"
#include "CoroutineModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <vector>

namespace clang::tidy::coro {

namespace {

/// The statements of one function body in forEachStmtInFunction's order,
/// and the run of them a walk from each visited statement visits: a walk
/// visits a statement before those below it, and RecursiveASTVisitor walks a
/// statement the same way wherever it starts, so that run is the part of
/// the whole walk from the statement to the end of its subtree.
class StatementIndex {
public:
  explicit StatementIndex(const Stmt &Body);

  std::optional<llvm::ArrayRef<const Stmt *>>
  statementsFrom(const Stmt &Root) const {
    auto It = Runs.find(&Root);
    if (It == Runs.end())
      return std::nullopt;
    auto [Begin, End] = It->second;
    return llvm::ArrayRef(Statements).slice(Begin, End - Begin);
  }

  void visit(const Stmt *S) { Statements.push_back(S); }
  void enter() { Entered.push_back(Statements.size()); }
  /// A statement is left once everything below it is visited.
  void leave(const Stmt *S) {
    unsigned Begin = Entered.pop_back_val();
    // Statements that are not visited themselves have no run (a lambda,
    // whose captures are; a constexpr `if` decided, unevaluated operands,
    // an initializer list's semantic form), nor the syntactic form of an
    // initializer list, which RecursiveASTVisitor walks without these
    // hooks: a walk from them is done the long way, with the same result.
    if (Begin < Statements.size() && Statements[Begin] == S)
      Runs.try_emplace(S, Begin, Statements.size());
  }

private:
  std::vector<const Stmt *> Statements;
  llvm::DenseMap<const Stmt *, std::pair<unsigned, unsigned>> Runs;
  llvm::SmallVector<unsigned, 32> Entered;
};

/// Visits the statements that run as part of one function. RecursiveASTVisitor
/// already skips the implicit await machinery (ready/suspend/resume calls) of
/// every co_await unless asked to visit implicit code.
class FunctionStmtVisitor : public RecursiveASTVisitor<FunctionStmtVisitor> {
public:
  explicit FunctionStmtVisitor(llvm::function_ref<void(const Stmt *)> Visit,
                               StatementIndex *Index = nullptr)
      : Visit(Visit), Index(Index) {}

  // A nested lambda's body runs when the lambda is called, as another
  // function; its captures' initializers do run here.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    for (Expr *Init : Lambda->capture_inits())
      if (Init && !TraverseStmt(Init))
        return false;
    return true;
  }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }

  // Unevaluated operands never run: `requires { q.run(); }`, `sizeof`,
  // `noexcept(...)`, `decltype(...)`, a typeid of a non-polymorphic type.
  bool TraverseRequiresExpr(RequiresExpr *) { return true; }
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc, bool = false) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *Typeid) {
    if (!Typeid->isPotentiallyEvaluated())
      return true;
    return RecursiveASTVisitor::TraverseCXXTypeidExpr(Typeid);
  }
  // The discarded branch of an `if constexpr` never runs either.
  bool TraverseIfStmt(IfStmt *If) {
    if (!If->isConstexpr() || If->getCond() == nullptr ||
        If->getCond()->isValueDependent())
      return RecursiveASTVisitor::TraverseIfStmt(If);
    // Sema keeps the condition's value in a ConstantExpr.
    const auto *Constant =
        dyn_cast<ConstantExpr>(If->getCond()->IgnoreParens());
    if (!Constant || !Constant->hasAPValueResult() ||
        Constant->getAPValueResult().getKind() != APValue::Int)
      return RecursiveASTVisitor::TraverseIfStmt(If);
    bool Value = Constant->getResultAsAPSInt().getBoolValue();
    if (Stmt *Init = If->getInit(); Init && !TraverseStmt(Init))
      return false;
    Stmt *Taken = Value ? If->getThen() : If->getElse();
    return !Taken || TraverseStmt(Taken);
  }

  bool VisitStmt(Stmt *S) {
    Visit(S);
    return true;
  }

  // Every statement entered, visited or not, for the index's runs.
  bool dataTraverseStmtPre(Stmt *) {
    if (Index)
      Index->enter();
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) {
    if (Index)
      Index->leave(S);
    return true;
  }

private:
  llvm::function_ref<void(const Stmt *)> Visit;
  StatementIndex *Index;
};

StatementIndex::StatementIndex(const Stmt &Body) {
  FunctionStmtVisitor([this](const Stmt *S) { visit(S); }, this)
      .TraverseStmt(const_cast<Stmt *>(&Body));
}

/// What is known of the focused function, built when first asked for.
struct FocusedFunction {
  const FunctionDecl *Function = nullptr;
  std::unique_ptr<StatementIndex> Index;
  /// Of the written body (getWrittenBody()), for either root.
  std::unique_ptr<BodyParents> Parents;
  /// Of the written body; null inside when clang could not build it.
  std::optional<std::unique_ptr<CFG>> Graph;

  /// The function's written body, or null without a focus.
  const Stmt *writtenBody() const {
    const Stmt *Body = Function ? Function->getBody() : nullptr;
    return Body ? &getWrittenBody(*Body) : nullptr;
  }
};

} // namespace

static FocusedFunction &focused() {
  static thread_local FocusedFunction Focused;
  return Focused;
}

void forEachStmtInFunction(const Stmt *Root,
                           llvm::function_ref<void(const Stmt *)> Visit) {
  if (!Root)
    return;
  if (auto Statements = function_index::statementsFrom(*Root)) {
    for (const Stmt *S : *Statements)
      Visit(S);
    return;
  }
  FunctionStmtVisitor(Visit).TraverseStmt(const_cast<Stmt *>(Root));
}

const BodyParents &LazyBodyParents::get() {
  if (Shared)
    return *Shared;
  if (Built)
    return *Built;
  if ((Shared = function_index::sharedParents(Body)))
    return *Shared;
  return Built.emplace(Body);
}

namespace function_index {

void focus(const FunctionDecl &Function) {
  FocusedFunction &Focused = focused();
  if (Focused.Function == &Function)
    return;
  reset();
  Focused.Function = &Function;
}

void reset() {
  FocusedFunction &Focused = focused();
  Focused.Function = nullptr;
  Focused.Index.reset();
  Focused.Parents.reset();
  Focused.Graph.reset();
}

std::optional<llvm::ArrayRef<const Stmt *>> statementsFrom(const Stmt &Root) {
  FocusedFunction &Focused = focused();
  if (!Focused.Function || !Focused.Function->getBody())
    return std::nullopt;
  if (!Focused.Index)
    Focused.Index =
        std::make_unique<StatementIndex>(*Focused.Function->getBody());
  return Focused.Index->statementsFrom(Root);
}

const BodyParents *sharedParents(const Stmt &Body) {
  FocusedFunction &Focused = focused();
  // A coroutine's parents are those of the body its author wrote: one map
  // for both roots.
  const Stmt *Written = Focused.writtenBody();
  if (!Written || &getWrittenBody(Body) != Written)
    return nullptr;
  if (!Focused.Parents)
    Focused.Parents = std::make_unique<BodyParents>(*Written);
  return Focused.Parents.get();
}

bool sharesCFG(const Stmt &Body) {
  // Only the written body's: a coroutine's whole body has another graph.
  return &Body == focused().writtenBody();
}

const CFG *sharedCFG(const Stmt &Body, ASTContext &Ctx) {
  if (!sharesCFG(Body))
    return nullptr;
  FocusedFunction &Focused = focused();
  if (!Focused.Graph)
    Focused.Graph = buildBodyCFG(*Focused.Function, Body, Ctx);
  return Focused.Graph->get();
}

} // namespace function_index
} // namespace clang::tidy::coro
