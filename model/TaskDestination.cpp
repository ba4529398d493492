//===--- TaskDestination.cpp - corolint -----------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OptionLists.h"
#include "TaskModel.h"
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
  const auto *Call = dyn_cast<CallExpr>(&S);
  return Call && isStdMoveOrForward(*Call);
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

bool isStdMoveOrForward(const CallExpr &Call) {
  auto IsMoveName = [](const NamedDecl &D) {
    return D.isInStdNamespace() && D.getDeclName().isIdentifier() &&
           (D.getName() == "move" || D.getName() == "forward");
  };
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    return IsMoveName(*Callee);
  const auto *Lookup =
      dyn_cast<UnresolvedLookupExpr>(Call.getCallee()->IgnoreParenImpCasts());
  return Lookup && Call.getNumArgs() == 1 && Lookup->getNumDecls() > 0 &&
         llvm::all_of(Lookup->decls(), [&](const NamedDecl *D) {
           return IsMoveName(*D->getUnderlyingDecl());
         });
}

const Expr *ignoreStdMove(const Expr *E) {
  E = E ? ignoreImplicitWrappers(E) : nullptr;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E);
      Call && Call->getNumArgs() == 1 && isStdMoveOrForward(*Call))
    return ignoreImplicitWrappers(Call->getArg(0));
  return E;
}

const LambdaExpr *lambdaOf(const Expr *E) {
  E = ignoreStdMove(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType() &&
        Var->getInit())
      E = ignoreImplicitWrappers(Var->getInit());
  return dyn_cast_or_null<LambdaExpr>(E);
}

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

TaskFlowOptions::TaskFlowOptions(const ClangTidyCheck::OptionsView &Options)
    : StartMethods(
          Options.getLocalOrGlobal("TaskStartMethods", DefaultStartMethods)
              .str()) {}

void TaskFlowOptions::store(const ClangTidyCheck::OptionsView &Options,
                            ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "TaskStartMethods", StartMethods);
}

TaskFlow::TaskFlow(const TaskFlowOptions &Options)
    : StartPatterns(compileRegexList(Options.StartMethods)) {}

namespace {

/// What \p Step returns: its own type or, in a template pattern, the return
/// type its candidates agree on; for a method called on a task of
/// dependent type (`std::move(T).scheduleOn(Ex)` on a `Task<T>`), what the
/// task's class template declares it to return.
QualType stepResultType(const CallExpr &Step, QualType Holder) {
  // A call returning a reference (`Tasks.emplace_back(f())`) hands out an
  // existing object, not a value holding the task.
  if (Step.isGLValue())
    return QualType();
  if (QualType Result = getCallResultType(Step); !Result.isNull())
    return Result;
  const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(
      Step.getCallee()->IgnoreParenImpCasts());
  if (!Member || !Member->getMember().isIdentifier() || Member->isArrow() ||
      Holder.isNull())
    return QualType();
  // The object's own type is as dependent as can be (`load(1).scheduleOn`
  // in a class template); the task's is known.
  QualType Object = Holder.getNonReferenceType();
  const NamedDecl *Method =
      findMember(getRecordOrPattern(Object),
                 Member->getMember().getAsIdentifierInfo()->getName());
  const FunctionDecl *Function =
      Method ? Method->getUnderlyingDecl()->getAsFunction() : nullptr;
  return Function ? Function->getReturnType() : QualType();
}

/// The type of the task \p Task holds: a call's result type (in a template
/// pattern, the one its candidates agree on); for a local declared `auto`
/// in a pattern, that of the call initializing it.
QualType holderType(const Expr &Task) {
  const Expr *Value = ignoreImplicitWrappers(&Task);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Value))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->getType()->isDependentType() && Var->getInit())
      Value = ignoreImplicitWrappers(Var->getInit());
  if (const auto *Call = dyn_cast<CallExpr>(Value))
    return getCallResultType(*Call);
  return Value->getType();
}

/// True when a call that takes a task and returns \p Result hands the task
/// on inside its value: an awaitable, or a task of the task's family.
bool carriesTask(QualType Result, QualType Task) {
  if (Result.isNull() || Result->isReferenceType() || Result->isVoidType() ||
      Result->getContainedAutoType())
    return false;
  return isAwaitableType(Result) ||
         (!Task.isNull() && isSameTaskFamily(Result, Task));
}

/// True for the blocking read of a started task's future
/// (`t.start().get()`, `.wait()`): the task is done before it returns.
bool isFutureWait(const CallExpr &Call) {
  DeclarationName Name = getWrittenCalleeName(Call);
  if (!Name.isIdentifier())
    return false;
  llvm::StringRef Method = Name.getAsIdentifierInfo()->getName();
  return Method == "get" || Method == "wait" || Method == "value" ||
         Method == "getTry";
}

/// The call whose callee is the member access \p Member, or null.
const CallExpr *callOfMember(const Stmt &Member, const BodyParents &Parents) {
  const auto *Call = dyn_cast_or_null<CallExpr>(Parents.parent(Member));
  return Call && Call->getCallee()->IgnoreParenImpCasts() == &Member ? Call
                                                                     : nullptr;
}

} // namespace

bool TaskFlow::isStartMethod(const CallExpr &Call) const {
  DeclarationName Name = getWrittenCalleeName(Call);
  return Name.isIdentifier() &&
         matchesAny(StartPatterns, Name.getAsIdentifierInfo()->getName());
}

TaskDestination TaskFlow::afterStart(const CallExpr &Start,
                                     const BodyParents &Parents) const {
  const Stmt *Child = &Start;
  for (const Stmt *Parent = Parents.parent(Start); Parent;
       Child = Parent, Parent = Parents.parent(*Parent)) {
    if (isExplicitSuspension(Parent) || isa<DependentCoawaitExpr>(Parent))
      return {TaskFate::Awaited, Parent, nullptr, {}};
    if (isTaskValueWrapper(*Parent))
      continue;
    if (isa<MemberExpr, CXXDependentScopeMemberExpr>(Parent)) {
      if (const CallExpr *Read = callOfMember(*Parent, Parents);
          Read && isFutureWait(*Read))
        return {TaskFate::RunHere, Read, nullptr, {}};
      break;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      if (std::optional<CalleeInfo> Callee = getCalleeInfo(*Call);
          Callee && isSynchronousTaskWait(*Callee) &&
          Child != Call->getCallee())
        return {TaskFate::RunHere, Call, nullptr, {}};
    }
    break;
  }
  return {TaskFate::Started, &Start, nullptr, {}};
}

TaskDestination TaskFlow::destinationOf(const Expr &Task,
                                        const BodyParents &Parents) const {
  TaskDestination Destination;
  auto Ends = [&Destination](TaskFate Fate, const Stmt *Where,
                             const VarDecl *Variable = nullptr) {
    Destination.Fate = Fate;
    Destination.Where = Where;
    Destination.Variable = Variable;
    return Destination;
  };
  const Stmt *Child = &Task;
  const Stmt *Parent = Parents.parent(Task);
  // The type of what holds the task now: the task, or the last carrier.
  QualType Holder = holderType(Task);
  // The first function the task is handed to on the way up that does not
  // carry it: what it returns may still be awaited
  // (`co_await spawnAndWait(t)`).
  const Stmt *HandedTo = nullptr;
  auto Climb = [&] {
    Child = Parent;
    Parent = Parents.parent(*Parent);
  };
  auto Carry = [&](const CallExpr &Step, QualType Result) {
    Destination.Carriers.push_back(&Step);
    Holder = Result;
    Child = &Step;
    Parent = Parents.parent(Step);
  };
  while (Parent) {
    if (isExplicitSuspension(Parent) || isa<DependentCoawaitExpr>(Parent))
      return Ends(TaskFate::Awaited, Parent);
    if (isTaskValueWrapper(*Parent)) {
      Climb();
      continue;
    }
    if (const auto *Conditional =
            dyn_cast<AbstractConditionalOperator>(Parent)) {
      if (Child == Conditional->getCond())
        return Ends(TaskFate::Unknown, nullptr);
      Climb();
      continue;
    }
    // A method of the task: one that starts it, or carries it on in the
    // awaitable it returns (`f().via(Ex)`); any other (`t.isReady()`) may
    // do anything.
    if (isa<MemberExpr, CXXDependentScopeMemberExpr>(Parent)) {
      const CallExpr *Step =
          HandedTo ? nullptr : callOfMember(*Parent, Parents);
      if (!Step)
        return Ends(TaskFate::Unknown, nullptr);
      if (isStartMethod(*Step)) {
        TaskDestination Started = afterStart(*Step, Parents);
        return Ends(Started.Fate, Started.Where);
      }
      QualType Result = stepResultType(*Step, Holder);
      if (!carriesTask(Result, Holder))
        return Ends(TaskFate::Unknown, nullptr);
      Carry(*Step, Result);
      continue;
    }
    // `std::ignore = f();` keeps nothing: the task dies with the statement.
    if (isAssignedToStdIgnore(*Parent, *Child))
      return Ends(HandedTo ? TaskFate::PassedOn : TaskFate::Discarded,
                  HandedTo ? HandedTo : Parent);
    if (isAssignmentTo(*Parent, *Child))
      return Ends(HandedTo ? TaskFate::PassedOn : TaskFate::Stored,
                  HandedTo ? HandedTo : Parent);
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      // The task as the callee (`t()`) is not handed on.
      if (Child == Call->getCallee())
        return Ends(TaskFate::Unknown, nullptr);
      if (std::optional<CalleeInfo> Callee = getCalleeInfo(*Call);
          Callee && isSynchronousTaskWait(*Callee))
        return Ends(TaskFate::RunHere, Call);
      if (!HandedTo) {
        if (QualType Result = stepResultType(*Call, Holder);
            carriesTask(Result, Holder)) {
          Carry(*Call, Result);
          continue;
        }
        HandedTo = Call;
      }
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
        return Ends(TaskFate::PassedOn, HandedTo);
      const VarDecl *Variable = nullptr;
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->getInit() == Child)
          Variable = Var;
      return Ends(TaskFate::Stored, Parent, Variable);
    }
    if (isa<ReturnStmt, CoreturnStmt>(Parent))
      return Ends(HandedTo ? TaskFate::PassedOn : TaskFate::Returned,
                  HandedTo ? HandedTo : Parent);
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent);
        Cast && Cast->getTypeAsWritten()->isVoidType())
      return Ends(HandedTo ? TaskFate::PassedOn : TaskFate::Discarded,
                  HandedTo ? HandedTo : Parent);
    if (isa<CompoundStmt, IfStmt, WhileStmt, DoStmt, ForStmt, CXXForRangeStmt,
            SwitchCase, LabelStmt, AttributedStmt>(Parent))
      return Ends(HandedTo ? TaskFate::PassedOn : TaskFate::Discarded,
                  HandedTo ? HandedTo : Parent);
    // An operator, a lambda capture...
    return Ends(TaskFate::Unknown, nullptr);
  }
  return Ends(TaskFate::Unknown, nullptr);
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
