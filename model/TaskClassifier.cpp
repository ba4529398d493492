//===--- TaskClassifier.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LLVMCompat.h"
#include "PreambleBodies.h"
#include "ProgramFacts.h"
#include "TaskModel.h"

namespace clang::tidy::coro {

//===----------------------------------------------------------------------===//
// Task classification
//===----------------------------------------------------------------------===//

TaskTypeOptions::TaskTypeOptions(const ClangTidyCheck::OptionsView &Options)
    : LazyTaskTypes(Options.getLocalOrGlobal("LazyTaskTypes", "").str()),
      EagerTaskTypes(Options.getLocalOrGlobal("EagerTaskTypes", "").str()) {}

void TaskTypeOptions::store(const ClangTidyCheck::OptionsView &Options,
                            ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "LazyTaskTypes", LazyTaskTypes);
  Options.store(Opts, "EagerTaskTypes", EagerTaskTypes);
}

TaskClassifier::TaskClassifier(const TaskTypeOptions &Options)
    : LazyPatterns(compileRegexList(Options.LazyTaskTypes)),
      EagerPatterns(compileRegexList(Options.EagerTaskTypes)) {}

const CXXRecordDecl *getRecordOrPattern(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (const CXXRecordDecl *Def = RD->getDefinition())
      return Def;
    // A member class of a class template specialization that nothing forced
    // to be instantiated: its pattern says the same.
    if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern())
      return Pattern;
    // A specialization nothing instantiated yet (`Promise<int>` named only in
    // a declaration): the partial specialization or primary template it
    // would be instantiated from.
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      auto From = Spec->getSpecializedTemplateOrPartial();
      if (const auto *Partial =
              From.dyn_cast<ClassTemplatePartialSpecializationDecl *>())
        return Partial->getDefinition() ? Partial->getDefinition() : Partial;
      if (const auto *Primary = From.dyn_cast<ClassTemplateDecl *>())
        if (const CXXRecordDecl *Def =
                Primary->getTemplatedDecl()->getDefinition())
          return Def;
    }
    if (const CXXRecordDecl *Member = RD->getInstantiatedFromMemberClass())
      return Member->getDefinition() ? Member->getDefinition() : Member;
    return RD;
  }
  // Dependent `promise<T>` inside a template pattern: use the primary
  // template's pattern (through alias templates: the canonical type).
  if (const auto *Spec =
          T.getCanonicalType()->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            Spec->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl()->getDefinition();
  return nullptr;
}

/// How many bases deep a member is looked for.
constexpr unsigned MaxBaseDepth = 8;

const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name,
                            unsigned Depth) {
  if (!RD || Depth > MaxBaseDepth)
    return nullptr;
  for (const Decl *D : RD->decls())
    if (const auto *ND = dyn_cast<NamedDecl>(D))
      if (ND->getDeclName().isIdentifier() && ND->getName() == Name)
        return ND;
  if (!RD->hasDefinition())
    return nullptr;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const NamedDecl *Found =
            findMember(getRecordOrPattern(Base.getType()), Name, Depth + 1))
      return Found;
  return nullptr;
}

namespace {

const CXXMethodDecl *findMethod(const CXXRecordDecl *RD, llvm::StringRef Name) {
  const NamedDecl *Member = findMember(RD, Name);
  if (!Member)
    return nullptr;
  if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
    Member = Template->getTemplatedDecl();
  return dyn_cast<CXXMethodDecl>(Member);
}

/// The record a `promise_type` member (class or alias) names.
const CXXRecordDecl *promiseFromMember(const NamedDecl *Member) {
  if (!Member)
    return nullptr;
  if (const auto *Alias = dyn_cast<TypedefNameDecl>(Member))
    return getRecordOrPattern(Alias->getUnderlyingType());
  if (const auto *AliasTemplate = dyn_cast<TypeAliasTemplateDecl>(Member))
    return getRecordOrPattern(
        AliasTemplate->getTemplatedDecl()->getUnderlyingType());
  if (const auto *RD = dyn_cast<CXXRecordDecl>(Member)) {
    if (const CXXRecordDecl *Def = RD->getDefinition())
      return Def;
    if (const CXXRecordDecl *Pattern = RD->getInstantiatedFromMemberClass())
      return Pattern->getDefinition();
  }
  return nullptr;
}

const ClassTemplateDecl *findStdCoroutineTraits(const ASTContext &Ctx) {
  auto &Idents = const_cast<ASTContext &>(Ctx).Idents;
  const TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  for (const NamedDecl *Std : TU->lookup(&Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(Std))
      for (const NamedDecl *D : NS->lookup(&Idents.get("coroutine_traits")))
        if (const auto *CTD = dyn_cast<ClassTemplateDecl>(D))
          return CTD;
  return nullptr;
}

bool firstArgumentIs(const TemplateArgumentList &Args, QualType T) {
  if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
    return false;
  return Args[0].getAsType().getCanonicalType() == T.getCanonicalType();
}

/// For a partial specialization `coroutine_traits<awaitable<T, E>, Args...>`:
/// is the first argument a specialization of the same template as \p T?
bool firstArgumentIsSameTemplate(const TemplateArgumentList &Args, QualType T) {
  if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
    return false;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  const auto *Written =
      Args[0].getAsType()->getAs<TemplateSpecializationType>();
  if (!Spec || !Written)
    return false;
  const TemplateDecl *WrittenTemplate =
      Written->getTemplateName().getAsTemplateDecl();
  return WrittenTemplate &&
         WrittenTemplate->getCanonicalDecl() ==
             Spec->getSpecializedTemplate()->getCanonicalDecl();
}

/// A promise named by a `std::coroutine_traits<Task, ...>` specialization.
const CXXRecordDecl *promiseFromTraits(QualType TaskType,
                                       const ASTContext &Ctx) {
  const ClassTemplateDecl *Traits = findStdCoroutineTraits(Ctx);
  if (!Traits)
    return nullptr;
  for (const ClassTemplateSpecializationDecl *Spec : Traits->specializations())
    if (firstArgumentIs(Spec->getTemplateArgs(), TaskType))
      if (const CXXRecordDecl *P =
              promiseFromMember(findMember(Spec, "promise_type")))
        return P;
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  const_cast<ClassTemplateDecl *>(Traits)->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials)
    if (firstArgumentIs(Partial->getTemplateArgs(), TaskType) ||
        firstArgumentIsSameTemplate(Partial->getTemplateArgs(), TaskType))
      if (const CXXRecordDecl *P =
              promiseFromMember(findMember(Partial, "promise_type")))
        return P;
  return nullptr;
}

/// The body of a method, looking through to the template pattern when the
/// member of a specialization was never instantiated.
const Stmt *getBodyOrPatternBody(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  if (const FunctionDecl *Def = FD->getDefinition())
    return Def->getBody();
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    return Pattern->getBody();
  if (const FunctionDecl *Member = FD->getInstantiatedFromMemberFunction())
    return Member->getBody();
  return nullptr;
}

std::optional<bool> constantReturnInPreamble(const FunctionDecl &FD,
                                             const ASTContext &Ctx);

/// `return <constant bool>;` as the whole body of an await_ready().
std::optional<bool> constantReturnValue(const FunctionDecl *FD,
                                        const ASTContext &Ctx) {
  if (FD && findSkippedBody(*FD))
    return constantReturnInPreamble(*FD, Ctx);
  const auto *Body = dyn_cast_or_null<CompoundStmt>(getBodyOrPatternBody(FD));
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return std::nullopt;
  const Expr *Value = Return->getRetValue();
  if (Value->isValueDependent() || Value->isTypeDependent())
    return std::nullopt;
  bool Result = false;
  if (!Value->EvaluateAsBooleanCondition(Result, Ctx))
    return std::nullopt;
  return Result;
}

/// What the await_ready() methods defined in the preamble return, by USR.
using ReadyConstants = llvm::StringMap<bool>;

/// For an await_ready() whose body clangd's preamble skipped: what the
/// preamble's second parse, which keeps bodies, says it returns.
std::optional<bool> constantReturnInPreamble(const FunctionDecl &FD,
                                             const ASTContext &Ctx) {
  std::shared_ptr<const ReadyConstants> Constants =
      analysePreamble<ReadyConstants>(
          Ctx.getSourceManager(), "await_ready", [](ASTContext &Parsed) {
            ReadyConstants Found;
            forEachFunctionDefinition(Parsed, [&](const FunctionDecl &Method) {
              if (!Method.getDeclName().isIdentifier() ||
                  Method.getName() != "await_ready")
                return;
              if (std::optional<bool> Value =
                      constantReturnValue(&Method, Parsed))
                Found[getUSR(*Method.getCanonicalDecl())] = *Value;
            });
            return Found;
          });
  if (!Constants)
    return std::nullopt;
  const FunctionDecl *Skipped = findSkippedBody(FD);
  auto Found = Constants->find(getUSR(*Skipped->getCanonicalDecl()));
  if (Found == Constants->end())
    return std::nullopt;
  return Found->second;
}

/// The type a function returns; for an undeduced `auto` in a template
/// pattern, the type of its first return statement's value.
QualType getReturnedType(const FunctionDecl *FD) {
  QualType Returned = FD->getReturnType();
  // In a template pattern `auto` stays undeduced (and dependent).
  bool Undeduced = Returned->getContainedAutoType() &&
                   (Returned->isUndeducedType() || Returned->isDependentType());
  if (!Undeduced)
    return Returned;
  const Stmt *Body = getBodyOrPatternBody(FD);
  QualType Found;
  forEachStmtInFunction(Body, [&](const Stmt *S) {
    if (const auto *Return = dyn_cast<ReturnStmt>(S);
        Return && Found.isNull() && Return->getRetValue())
      Found = Return->getRetValue()->getType();
  });
  return Found;
}

std::string typeName(QualType T) {
  PrintingPolicy Policy{LangOptions()};
  Policy.SuppressTagKeyword = true;
  Policy.FullyQualifiedName = true;
  return "'" + corolint::compat::withoutSpelling(T).getAsString(Policy) + "'";
}

TaskKind classifyInitialAwaiter(QualType Awaiter, const ASTContext &Ctx,
                                TaskTrace *Why) {
  auto Say = [&](const llvm::Twine &Step, TaskKind Kind) {
    if (Why)
      Why->push_back(
          ("initial_suspend() returns " + typeName(Awaiter) + Step).str());
    return Kind;
  };
  const CXXRecordDecl *RD = getRecordOrPattern(Awaiter);
  if (!RD)
    return Say(", which is not a class", TaskKind::Unknown);
  if (RD->isInStdNamespace() && RD->getDeclName().isIdentifier()) {
    if (RD->getName() == "suspend_always")
      return Say("", TaskKind::Lazy);
    if (RD->getName() == "suspend_never")
      return Say("", TaskKind::Eager);
  }
  std::optional<bool> Ready =
      constantReturnValue(findMethod(RD, "await_ready"), Ctx);
  if (!Ready)
    return Say(", whose await_ready() is not a single 'return' of a "
               "constant (corolint cannot tell whether it suspends; "
               "LazyTaskTypes or EagerTaskTypes decide)",
               TaskKind::Unknown);
  return Say(*Ready ? ", whose await_ready() returns true"
                    : ", whose await_ready() returns false",
             *Ready ? TaskKind::Eager : TaskKind::Lazy);
}

} // namespace

const CXXRecordDecl *TaskClassifier::findPromise(QualType TaskType,
                                                 const ASTContext &Ctx) {
  const CXXRecordDecl *Task = getRecordOrPattern(TaskType);
  if (!Task)
    return nullptr;
  // As the compiler: a std::coroutine_traits specialization for the task
  // comes first. seastar's future<T> has a member promise_type (a promise
  // of the older, callback futures) while its coroutines' promise comes
  // from the traits.
  if (!TaskType->isDependentType())
    if (const CXXRecordDecl *P =
            promiseFromTraits(TaskType.getNonReferenceType(), Ctx))
      return P;
  if (const CXXRecordDecl *P =
          promiseFromMember(findMember(Task, "promise_type")))
    return P;
  // A specialization whose members were not instantiated: its pattern.
  if (const CXXRecordDecl *Pattern = Task->getTemplateInstantiationPattern())
    if (const CXXRecordDecl *P =
            promiseFromMember(findMember(Pattern, "promise_type")))
      return P;
  return nullptr;
}

TaskKind TaskClassifier::classify(QualType T, const ASTContext &Ctx) {
  if (T.isNull())
    return TaskKind::Unknown;
  const Type *Key = T.getCanonicalType().getTypePtr();
  auto Cached = Cache.find(Key);
  if (Cached != Cache.end())
    return Cached->second;
  // Guards against a specialization whose classification asks again.
  Cache[Key] = TaskKind::Unknown;
  TaskKind Kind = T->isDependentType() ? classifyDependent(T, Ctx)
                                       : classifyUncached(T, Ctx);
  Cache[Key] = Kind;
  return Kind;
}

TaskKind TaskClassifier::classifyUncached(QualType T, const ASTContext &Ctx,
                                          TaskTrace *Why) {
  const CXXRecordDecl *Task = T->getAsCXXRecordDecl();
  if (!Task) {
    if (Why)
      Why->push_back("it is not a class");
    return TaskKind::Unknown;
  }
  // A std::coroutine_handle does not own its coroutine: dropping one loses
  // nothing, even where a library makes some handle a coroutine's return
  // type through std::coroutine_traits (Boost.Cobalt does).
  if (Task->isInStdNamespace() && Task->getDeclName().isIdentifier() &&
      Task->getName() == "coroutine_handle") {
    if (Why)
      Why->push_back("a std::coroutine_handle does not own its coroutine");
    return TaskKind::Unknown;
  }
  return classifyRecord(*Task, T, Ctx, Why);
}

TaskKind TaskClassifier::classifyDependent(QualType T, const ASTContext &Ctx,
                                           TaskTrace *Why) {
  const CXXRecordDecl *Pattern = getRecordOrPattern(T);
  if (!Pattern) {
    if (Why)
      Why->push_back("it depends on template parameters and names no class "
                     "template");
    return TaskKind::Unknown;
  }
  TaskKind Kind = classifyRecord(*Pattern, T, Ctx, Why);
  if (Kind == TaskKind::Unknown)
    return Kind;
  // `Task<T>` is what the primary template says only if no specialization
  // known here says otherwise (a `Task<void>` with a promise of its own).
  const ClassTemplateDecl *Template = Pattern->getDescribedClassTemplate();
  if (!Template)
    return Kind;
  auto Disagrees = [&](const llvm::Twine &Specialization) {
    if (Why)
      Why->push_back(("the specialization " + Specialization +
                      " is not the same kind of task, so the template's "
                      "kind depends on its arguments")
                         .str());
    return TaskKind::Unknown;
  };
  for (const ClassTemplateSpecializationDecl *Spec :
       Template->specializations())
    if (classify(corolint::compat::canonicalTagType(Ctx, Spec), Ctx) != Kind)
      return Disagrees(typeName(corolint::compat::canonicalTagType(Ctx, Spec)));
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  const_cast<ClassTemplateDecl *>(Template)->getPartialSpecializations(
      Partials);
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials)
    if (classifyRecord(*Partial, QualType(), Ctx) != Kind)
      return Disagrees("'" + Partial->getQualifiedNameAsString() +
                       "' (partial)");
  return Kind;
}

namespace {

/// The promise specialization a task specialization names through its
/// `promise_type` member (`ValuePromise<task<int>, int, suspend_always>`),
/// or null.
const ClassTemplateSpecializationDecl *promiseSpecializationOf(QualType T) {
  const CXXRecordDecl *Task = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!Task || !isa<ClassTemplateSpecializationDecl>(Task))
    return nullptr;
  const auto *Alias =
      dyn_cast_or_null<TypedefNameDecl>(findMember(Task, "promise_type"));
  if (!Alias)
    return nullptr;
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Alias->getUnderlyingType()->getAsCXXRecordDecl());
}

} // namespace

namespace {

/// The argument for the type parameter \p Parameter of \p Owner (the class
/// template pattern declaring it) when \p Pattern is specialized with
/// \p Arguments: \p Owner itself, or a base (a base of a base...) whose
/// template arguments name \p Pattern's parameters.
QualType argumentFor(const TemplateTypeParmType &Parameter,
                     const CXXRecordDecl &Owner, const CXXRecordDecl &Pattern,
                     llvm::ArrayRef<TemplateArgument> Arguments,
                     unsigned Depth = 0) {
  if (&Owner == &Pattern ||
      Owner.getCanonicalDecl() == Pattern.getCanonicalDecl()) {
    if (Parameter.getIndex() >= Arguments.size() ||
        Arguments[Parameter.getIndex()].getKind() != TemplateArgument::Type)
      return QualType();
    return Arguments[Parameter.getIndex()].getAsType();
  }
  if (Depth > 4 || !Pattern.hasDefinition())
    return QualType();
  for (const CXXBaseSpecifier &Base : Pattern.getDefinition()->bases()) {
    const auto *Specialization =
        Base.getType()->getAs<TemplateSpecializationType>();
    const CXXRecordDecl *BasePattern = getRecordOrPattern(Base.getType());
    if (!Specialization || !BasePattern)
      continue;
    // The base's arguments, with this pattern's parameters replaced.
    llvm::SmallVector<TemplateArgument, 4> BaseArguments;
    for (const TemplateArgument &Argument :
         Specialization->template_arguments()) {
      const auto *Outer =
          Argument.getKind() == TemplateArgument::Type
              ? Argument.getAsType()->getAs<TemplateTypeParmType>()
              : nullptr;
      if (Outer && Outer->getDepth() == 0 &&
          Outer->getIndex() < Arguments.size())
        BaseArguments.push_back(Arguments[Outer->getIndex()]);
      else
        BaseArguments.push_back(Argument);
    }
    QualType Found =
        argumentFor(Parameter, Owner, *BasePattern, BaseArguments, Depth + 1);
    if (!Found.isNull())
      return Found;
  }
  return QualType();
}

} // namespace

/// What initial_suspend() returns when the promise template (or a base
/// template it derives from) declares it as one of its parameters
/// (`Initial initial_suspend()`) and the promise specialization was never
/// instantiated (its coroutines are declared here, not defined): the
/// specialization's argument.
QualType TaskClassifier::substitutePromiseArgument(
    QualType Awaiter, const CXXMethodDecl &InitialSuspend, QualType T) {
  const auto *Parameter = Awaiter->getAs<TemplateTypeParmType>();
  const ClassTemplateSpecializationDecl *Promise =
      Parameter ? promiseSpecializationOf(T) : nullptr;
  const CXXRecordDecl *Pattern =
      Promise ? Promise->getSpecializedTemplate()->getTemplatedDecl() : nullptr;
  if (!Pattern || Parameter->getDepth() != 0)
    return Awaiter;
  QualType Found = argumentFor(*Parameter, *InitialSuspend.getParent(),
                               *Pattern, Promise->getTemplateArgs().asArray());
  return Found.isNull() ? Awaiter : Found;
}

TaskKind TaskClassifier::classifyRecord(const CXXRecordDecl &Task, QualType T,
                                        const ASTContext &Ctx, TaskTrace *Why) {
  auto Say = [&](const llvm::Twine &Step, TaskKind Kind) {
    if (Why)
      Why->push_back(Step.str());
    return Kind;
  };
  std::string Name = Task.getQualifiedNameAsString();
  if (matchesAny(EagerPatterns, Name))
    return Say("'" + Name + "' matches the EagerTaskTypes option",
               TaskKind::Eager);
  if (matchesAny(LazyPatterns, Name))
    return Say("'" + Name + "' matches the LazyTaskTypes option",
               TaskKind::Lazy);
  const CXXRecordDecl *Promise =
      T.isNull() ? promiseFromMember(findMember(&Task, "promise_type"))
                 : findPromise(T, Ctx);
  if (!Promise && findMember(&Task, "promise_type"))
    return Say("its 'promise_type' is declared but not defined here",
               TaskKind::Unknown);
  if (!Promise)
    return Say("no promise type found: '" + Name +
                   "' has no 'promise_type' member, and no "
                   "std::coroutine_traits specialization for it is visible "
                   "here",
               TaskKind::Unknown);
  Say("its promise type is '" + Promise->getQualifiedNameAsString() + "'",
      TaskKind::Unknown);
  const CXXMethodDecl *InitialSuspend = findMethod(Promise, "initial_suspend");
  if (!InitialSuspend)
    return Say("the promise has no initial_suspend()", TaskKind::Unknown);
  QualType Awaiter = getReturnedType(InitialSuspend);
  if (Awaiter.isNull())
    return Say("the type initial_suspend() returns is not known here",
               TaskKind::Unknown);
  return classifyInitialAwaiter(
      substitutePromiseArgument(Awaiter, *InitialSuspend, T), Ctx, Why);
}

std::string TaskClassifier::explain(QualType T, const ASTContext &Ctx) {
  TaskTrace Why;
  TaskKind Kind = T->isDependentType() ? classifyDependent(T, Ctx, &Why)
                                       : classifyUncached(T, Ctx, &Why);
  llvm::StringRef Verdict = Kind == TaskKind::Lazy ? "is a lazy task"
                            : Kind == TaskKind::Eager
                                ? "is an eager task"
                                : "is not known to be a task";
  return typeName(T) + " " + Verdict.str() + ": " + llvm::join(Why, "; ");
}

namespace {

/// The types a call may produce as a new object: its own type, or in a
/// template pattern the return types its candidates are declared with.
/// Empty when the call may hand out a reference.
llvm::SmallVector<QualType, 2> createdTypes(const CallExpr &Call) {
  llvm::SmallVector<QualType, 2> Types;
  if (!Call.getType()->isDependentType()) {
    if (Call.isPRValue())
      Types.push_back(Call.getType());
    return Types;
  }
  for (const FunctionDecl *Candidate : getCalleeCandidates(Call)) {
    QualType Returned = Candidate->getReturnType();
    if (Returned->isReferenceType() || Returned->getContainedAutoType())
      return {};
    Types.push_back(Returned);
  }
  return Types;
}

} // namespace

TaskKind TaskClassifier::classifyCall(const CallExpr &Call,
                                      const ASTContext &Ctx) {
  llvm::SmallVector<QualType, 2> Types = createdTypes(Call);
  if (Types.empty())
    return TaskKind::Unknown;
  TaskKind Kind = classify(Types.front(), Ctx);
  for (QualType Other : llvm::ArrayRef(Types).drop_front())
    if (classify(Other, Ctx) != Kind)
      return TaskKind::Unknown;
  return Kind;
}

bool TaskClassifier::createsGenerator(const CallExpr &Call,
                                      const ASTContext &Ctx) {
  return llvm::any_of(createdTypes(Call),
                      [&](QualType T) { return isGenerator(T, Ctx); });
}

bool TaskClassifier::isGenerator(QualType T, const ASTContext &Ctx) {
  if (T.isNull())
    return false;
  const Type *Key = T.getCanonicalType().getTypePtr();
  auto Cached = GeneratorCache.find(Key);
  if (Cached != GeneratorCache.end())
    return Cached->second;
  // Tasks have yield_value too (folly's and stdexec's take `co_yield` of an
  // error or a stop request), so a generator must also be read from: a
  // range (`begin()`: std::generator, cppcoro's, async generators) or a
  // cursor (`next()`: folly::coro::AsyncGenerator).
  const CXXRecordDecl *Promise = findPromise(T, Ctx);
  const CXXRecordDecl *Record = getRecordOrPattern(T);
  bool Generator = Promise && findMethod(Promise, "yield_value") &&
                   !isAwaitableType(T) &&
                   (findMember(Record, "begin") || findMember(Record, "next"));
  GeneratorCache[Key] = Generator;
  return Generator;
}

} // namespace clang::tidy::coro
