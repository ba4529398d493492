//===--- TaskDestination.cpp - corolint -----------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CoroutineModel.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::coro {

//===----------------------------------------------------------------------===//
// Where a task goes: lifetimes
//===----------------------------------------------------------------------===//

namespace {

/// Synchronous waits on tasks, by unqualified name in any namespace
/// (cppcoro, libcoro, folly, async_simple, stdexec, libunifex, drogon...),
/// and the ones named otherwise, by qualified name.
constexpr llvm::StringLiteral SyncWaitNames[] = {
    "sync_wait", "syncWait", "syncAwait", "blockingWait", "blocking_wait"};
constexpr llvm::StringLiteral SyncWaitFunctions[] = {"QCoro::waitFor",
                                                     "boost::cobalt::run"};

/// Nodes a task's value passes through unchanged.
bool isTaskValueWrapper(const Stmt &S) {
  if (isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
          ImplicitCastExpr, ParenExpr, ConstantExpr, OpaqueValueExpr>(S))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return Construct->isElidable();
  // std::move(task) and std::forward hand on the same task.
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->isInStdNamespace() &&
        Callee->getDeclName().isIdentifier() &&
        (Callee->getName() == "move" || Callee->getName() == "forward"))
      return true;
  return false;
}

bool isAssignmentTo(const Stmt &Parent, const Stmt &Child) {
  if (const auto *Assign = dyn_cast<BinaryOperator>(&Parent))
    return Assign->isAssignmentOp() &&
           Assign->getRHS()->IgnoreParens() == &Child;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Parent))
    return Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2 &&
           Operator->getArg(1) == &Child;
  return false;
}

/// True for a use of `std::ignore`.
bool refersToStdIgnore(const Expr &E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->getDeclName().isIdentifier() &&
         Var->getName() == "ignore" && Var->isInStdNamespace();
}

} // namespace

bool isAssignedToStdIgnore(const Stmt &Parent, const Stmt &Child) {
  // In a template pattern whose right-hand side is dependent, the
  // assignment is a plain binary operator; otherwise std::ignore's
  // operator=.
  if (const auto *Assign = dyn_cast<BinaryOperator>(&Parent))
    return Assign->getOpcode() == BO_Assign &&
           Assign->getRHS()->IgnoreParens() == &Child &&
           refersToStdIgnore(*Assign->getLHS());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Parent))
    return Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2 &&
           Operator->getArg(1) == &Child &&
           refersToStdIgnore(*Operator->getArg(0));
  return false;
}

bool isSynchronousTaskWait(const CalleeInfo &Callee) {
  return llvm::is_contained(SyncWaitNames, Callee.Name) ||
         llvm::is_contained(SyncWaitFunctions, Callee.QualifiedName);
}

TaskDestination getTaskDestination(const Expr &Task,
                                   const BodyParents &Parents) {
  const Stmt *Child = &Task;
  const Stmt *Parent = Parents.parent(Task);
  // The first function the task is handed to on the way up: what it
  // returns may still be awaited (`co_await when_all(t, u)`).
  const Stmt *HandedTo = nullptr;
  auto Climb = [&] {
    Child = Parent;
    Parent = Parents.parent(*Parent);
  };
  while (Parent) {
    if (isExplicitSuspension(Parent) || isa<DependentCoawaitExpr>(Parent))
      return {TaskFate::Awaited, Parent};
    if (isTaskValueWrapper(*Parent)) {
      Climb();
      continue;
    }
    if (const auto *Conditional =
            dyn_cast<AbstractConditionalOperator>(Parent)) {
      if (Child == Conditional->getCond())
        return {};
      Climb();
      continue;
    }
    // `std::ignore = f();` keeps nothing: the task dies with the statement.
    if (isAssignedToStdIgnore(*Parent, *Child))
      return {HandedTo ? TaskFate::PassedOn : TaskFate::Discarded,
              HandedTo ? HandedTo : Parent};
    if (isAssignmentTo(*Parent, *Child))
      return {HandedTo ? TaskFate::PassedOn : TaskFate::Stored,
              HandedTo ? HandedTo : Parent};
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      // The task as the callee or object (`t.start()`) is not handed on.
      if (Child == Call->getCallee())
        return {};
      if (std::optional<CalleeInfo> Callee = getCalleeInfo(*Call);
          Callee && isSynchronousTaskWait(*Callee))
        return {TaskFate::RunHere, Call};
      if (!HandedTo)
        HandedTo = Call;
      Climb();
      continue;
    }
    if (isa<CXXConstructExpr, InitListExpr, ParenListExpr,
            CXXParenListInitExpr>(Parent)) {
      if (!HandedTo)
        HandedTo = Parent;
      Climb();
      continue;
    }
    if (const auto *Declaration = dyn_cast<DeclStmt>(Parent)) {
      if (HandedTo)
        return {TaskFate::PassedOn, HandedTo};
      const VarDecl *Variable = nullptr;
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->getInit() == Child)
          Variable = Var;
      return {TaskFate::Stored, Parent, Variable};
    }
    if (isa<ReturnStmt, CoreturnStmt>(Parent))
      return {HandedTo ? TaskFate::PassedOn : TaskFate::Returned,
              HandedTo ? HandedTo : Parent};
    if (isa<CompoundStmt, IfStmt, WhileStmt, DoStmt, ForStmt, CXXForRangeStmt,
            SwitchCase, LabelStmt, AttributedStmt>(Parent))
      return {HandedTo ? TaskFate::PassedOn : TaskFate::Discarded,
              HandedTo ? HandedTo : Parent};
    // A member access (`f().start()`), an operator, a lambda capture...
    return {};
  }
  return {};
}

bool keepsTask(const TaskDestination &Destination) {
  if (Destination.Fate != TaskFate::PassedOn || !Destination.Where)
    return false;
  // A braced list builds an aggregate or a container holding the task; a
  // constructor keeps it when it is a standard library type's (containers,
  // std::optional, std::function...), a user type's may run it at once.
  if (isa<InitListExpr, CXXParenListInitExpr>(Destination.Where))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Destination.Where))
    return Construct->getConstructor()->getParent()->isInStdNamespace();
  const auto *Call = dyn_cast<CallExpr>(Destination.Where);
  DeclarationName Name = Call ? getWrittenCalleeName(*Call) : DeclarationName();
  if (!Name.isIdentifier())
    return false;
  static constexpr llvm::StringLiteral SpawningNames[] = {
      "co_spawn", "spawn", "spawn_detached", "start_detached", "add"};
  llvm::StringRef Callee = Name.getAsIdentifierInfo()->getName();
  return llvm::is_contained(SpawningNames, Callee) ||
         isCollectingMethodName(Callee);
}

DeclarationName getWrittenCalleeName(const CallExpr &Call) {
  if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call.getCalleeDecl()))
    return Callee->getDeclName();
  // In a template pattern: the name the call looks up at instantiation
  // (`lib::spawn(T)`, `Tasks.push_back(T)` on a dependent container).
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const auto *Overloads = dyn_cast<OverloadExpr>(Callee))
    return Overloads->getName();
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return Member->getMember();
  return DeclarationName();
}

bool isCollectingMethodName(llvm::StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "push_back", "emplace_back", "push_front", "emplace_front",
      "insert",    "emplace",      "push"};
  return llvm::is_contained(Names, Name);
}

bool returnsCallOfParameter(const FunctionDecl &Function, unsigned Index) {
  if (Function.isInStdNamespace() && Function.getDeclName().isIdentifier() &&
      (Function.getName() == "invoke" || Function.getName() == "invoke_r"))
    return Index == 0;
  if (Index >= Function.getNumParams() || !Function.getBody())
    return false;
  const ParmVarDecl *Callable = Function.getParamDecl(Index);
  auto NamesCallable = [&](const Expr *E) {
    const auto *Ref =
        E ? dyn_cast<DeclRefExpr>(ignoreImplicitWrappers(E)) : nullptr;
    return Ref && Ref->getDecl() == Callable;
  };
  bool Returns = false;
  forEachStmtInFunction(Function.getBody(), [&](const Stmt *S) {
    const auto *Return = dyn_cast<ReturnStmt>(S);
    const Expr *Value = Return ? Return->getRetValue() : nullptr;
    const auto *Call =
        Value ? dyn_cast<CallExpr>(ignoreImplicitWrappers(Value)) : nullptr;
    if (!Call)
      return;
    if (const auto *Invoke = dyn_cast<CXXOperatorCallExpr>(Call))
      Returns |= Invoke->getNumArgs() > 0 && NamesCallable(Invoke->getArg(0));
    else
      Returns |= NamesCallable(Call->getCallee()) ||
                 (Call->getNumArgs() > 0 && NamesCallable(Call->getArg(0)) &&
                  Call->getDirectCallee() &&
                  Call->getDirectCallee()->isInStdNamespace());
  });
  return Returns;
}

const DeclRefExpr *findFirstUse(const ValueDecl &Var, const Stmt &Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ValueDecl *Var = nullptr;
    const DeclRefExpr *Found = nullptr;
    bool shouldVisitLambdaBody() const { return true; }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (Ref->getDecl() == Var) {
        Found = Ref;
        return false;
      }
      return true;
    }
  } Walker;
  Walker.Var = &Var;
  Walker.TraverseStmt(const_cast<Stmt *>(&Body));
  return Walker.Found;
}

bool isAwaitableType(QualType T) {
  const CXXRecordDecl *RD = getRecordOrPattern(T);
  if (!RD)
    return false;
  return findMember(RD, "await_ready") ||
         llvm::any_of(RD->methods(), [](const CXXMethodDecl *M) {
           return M->getOverloadedOperator() == OO_Coawait;
         });
}

/// True when \p Candidate (a function or function template) takes a \p Task
/// as its first parameter: the task's own class template, or a parameter of
/// the candidate's own template (a generic awaiter). Any other parameter
/// type (`this_coro::executor_t`, another library's task) does not make the
/// task awaitable.
static bool takesTaskFirst(const NamedDecl &Candidate, QualType Task) {
  const FunctionDecl *Function = Candidate.getAsFunction();
  if (!Function || Function->getNumParams() == 0)
    return false;
  QualType Parameter =
      Function->getParamDecl(0)->getType().getNonReferenceType();
  if (Parameter->getAs<TemplateTypeParmType>())
    return true;
  const CXXRecordDecl *Taken = getRecordOrPattern(Parameter);
  return Taken && (Taken == getRecordOrPattern(Task) ||
                   isSameTaskFamily(Parameter, Task));
}

/// A non-member `operator co_await` of the task's namespace (which
/// argument-dependent lookup finds) that takes the task.
static bool hasFreeCoawaitOperator(QualType Task, const ASTContext &Ctx) {
  const DeclContext *Namespace = getTaskNamespace(Task);
  if (!Namespace)
    return false;
  DeclarationName Name = Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  return llvm::any_of(Namespace->lookup(Name), [&](const NamedDecl *D) {
    return takesTaskFirst(*D, Task);
  });
}

/// The promise type of \p Coroutine: its body's promise variable, else (a
/// template's pattern) the one its return type names.
static const CXXRecordDecl *promiseOf(const FunctionDecl &Coroutine,
                                      TaskClassifier &Tasks,
                                      const ASTContext &Ctx) {
  if (const auto *Body =
          dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody()))
    if (const VarDecl *Promise = Body->getPromiseDecl())
      if (const CXXRecordDecl *RD = getRecordOrPattern(Promise->getType()))
        return RD;
  return Tasks.findPromise(Coroutine.getReturnType(), Ctx);
}

/// An await_transform of \p Promise (or of the base that declares them)
/// that takes the task.
static bool transformsTask(const CXXRecordDecl &Promise, QualType Task) {
  const NamedDecl *First = findMember(&Promise, "await_transform");
  if (!First)
    return false;
  const auto *Declaring = dyn_cast<CXXRecordDecl>(First->getDeclContext());
  if (!Declaring)
    return false;
  return llvm::any_of(
      Declaring->lookup(First->getDeclName()),
      [&](const NamedDecl *D) { return takesTaskFirst(*D, Task); });
}

bool isAwaitableIn(QualType Task, const FunctionDecl &Coroutine,
                   TaskClassifier &Tasks, const ASTContext &Ctx) {
  if (isAwaitableType(Task) || hasFreeCoawaitOperator(Task, Ctx))
    return true;
  const CXXRecordDecl *Promise = promiseOf(Coroutine, Tasks, Ctx);
  return Promise && transformsTask(*Promise, Task);
}

} // namespace clang::tidy::coro
