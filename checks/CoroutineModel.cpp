//===--- CoroutineModel.cpp - corolint ------------------------------------===//

#include "CoroutineModel.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::coro {

//===----------------------------------------------------------------------===//
// Coroutines and their suspension points
//===----------------------------------------------------------------------===//

const CoroutineBodyStmt *getCoroutineBody(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  return dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
}

bool isExplicitSuspension(const Stmt *S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    return !Await->isImplicit();
  return isa<CoyieldExpr, DependentCoawaitExpr>(S);
}

namespace {

/// Visits the statements that run as part of one function. RecursiveASTVisitor
/// already skips the implicit await machinery (ready/suspend/resume calls) of
/// every co_await unless asked to visit implicit code.
class FunctionStmtVisitor : public RecursiveASTVisitor<FunctionStmtVisitor> {
public:
  explicit FunctionStmtVisitor(llvm::function_ref<void(const Stmt *)> Visit)
      : Visit(Visit) {}

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

  bool VisitStmt(Stmt *S) {
    Visit(S);
    return true;
  }

private:
  llvm::function_ref<void(const Stmt *)> Visit;
};

} // namespace

void forEachStmtInFunction(const Stmt *Root,
                           llvm::function_ref<void(const Stmt *)> Visit) {
  if (!Root)
    return;
  FunctionStmtVisitor(Visit).TraverseStmt(const_cast<Stmt *>(Root));
}

llvm::SmallVector<const Expr *, 8>
getSuspensionPoints(const CoroutineBodyStmt &Body) {
  llvm::SmallVector<const Expr *, 8> Points;
  // Only the user-written body: the promise, the initial and final suspends
  // and the implicit co_return live in the other children of the body node.
  forEachStmtInFunction(Body.getBody(), [&](const Stmt *S) {
    if (isExplicitSuspension(S))
      Points.push_back(cast<Expr>(S));
  });
  return Points;
}

const FunctionDecl *getEnclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  // Walking up to the first function is bounded by the nesting depth.
  while (!Parents.empty()) {
    const DynTypedNode &Parent = Parents[0];
    if (const auto *FD = Parent.get<FunctionDecl>())
      return FD;
    if (const auto *Lambda = Parent.get<LambdaExpr>())
      return Lambda->getCallOperator();
    if (Parent.get<BlockDecl>() || Parent.get<TranslationUnitDecl>())
      return nullptr;
    Parents = Ctx.getParents(Parent);
  }
  return nullptr;
}

const Expr *ignoreImplicitWrappers(const Expr *E) {
  while (E) {
    const Expr *Inner = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner);
        Construct && Construct->getNumArgs() == 1 &&
        (Construct->isElidable() ||
         Construct->getConstructor()->isCopyOrMoveConstructor()) &&
        Construct->getParenOrBraceRange().isInvalid())
      Inner = Construct->getArg(0);
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
      Inner = Cleanups->getSubExpr();
    if (const auto *Functional = dyn_cast<CXXFunctionalCastExpr>(Inner);
        Functional && Functional->getCastKind() == CK_NoOp)
      Inner = Functional->getSubExpr();
    if (Inner == E)
      return E;
    E = Inner;
  }
  return E;
}

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
  // template's pattern.
  if (const auto *Spec = T->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            Spec->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl()->getDefinition();
  return nullptr;
}

namespace {

constexpr unsigned MaxBaseDepth = 8;

/// Finds a member named \p Name in \p RD or its bases (also dependent bases,
/// through their patterns).
const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name,
                            unsigned Depth = 0) {
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
  return WrittenTemplate && WrittenTemplate->getCanonicalDecl() ==
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

/// `return <constant bool>;` as the whole body of an await_ready().
std::optional<bool> constantReturnValue(const FunctionDecl *FD,
                                        const ASTContext &Ctx) {
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

TaskKind classifyInitialAwaiter(QualType Awaiter, const ASTContext &Ctx) {
  const CXXRecordDecl *RD = getRecordOrPattern(Awaiter);
  if (!RD)
    return TaskKind::Unknown;
  if (RD->isInStdNamespace() && RD->getDeclName().isIdentifier()) {
    if (RD->getName() == "suspend_always")
      return TaskKind::Lazy;
    if (RD->getName() == "suspend_never")
      return TaskKind::Eager;
  }
  std::optional<bool> Ready =
      constantReturnValue(findMethod(RD, "await_ready"), Ctx);
  if (!Ready)
    return TaskKind::Unknown;
  return *Ready ? TaskKind::Eager : TaskKind::Lazy;
}

} // namespace

const CXXRecordDecl *TaskClassifier::findPromise(QualType TaskType,
                                                 const ASTContext &Ctx) {
  const CXXRecordDecl *Task = getRecordOrPattern(TaskType);
  if (!Task)
    return nullptr;
  if (const CXXRecordDecl *P =
          promiseFromMember(findMember(Task, "promise_type")))
    return P;
  // A specialization whose members were not instantiated: its pattern.
  if (const CXXRecordDecl *Pattern = Task->getTemplateInstantiationPattern())
    if (const CXXRecordDecl *P =
            promiseFromMember(findMember(Pattern, "promise_type")))
      return P;
  return promiseFromTraits(TaskType.getNonReferenceType(), Ctx);
}

TaskKind TaskClassifier::classify(QualType T, const ASTContext &Ctx) {
  if (T.isNull() || T->isDependentType())
    return TaskKind::Unknown;
  const Type *Key = T.getCanonicalType().getTypePtr();
  auto Cached = Cache.find(Key);
  if (Cached != Cache.end())
    return Cached->second;
  TaskKind Kind = classifyUncached(T, Ctx);
  Cache[Key] = Kind;
  return Kind;
}

TaskKind TaskClassifier::classifyUncached(QualType T, const ASTContext &Ctx) {
  const CXXRecordDecl *Task = T->getAsCXXRecordDecl();
  if (!Task)
    return TaskKind::Unknown;
  std::string Name = Task->getQualifiedNameAsString();
  if (matchesAny(EagerPatterns, Name))
    return TaskKind::Eager;
  if (matchesAny(LazyPatterns, Name))
    return TaskKind::Lazy;
  const CXXRecordDecl *Promise = findPromise(T, Ctx);
  if (!Promise)
    return TaskKind::Unknown;
  const CXXMethodDecl *InitialSuspend = findMethod(Promise, "initial_suspend");
  if (!InitialSuspend)
    return TaskKind::Unknown;
  QualType Awaiter = getReturnedType(InitialSuspend);
  if (Awaiter.isNull())
    return TaskKind::Unknown;
  return classifyInitialAwaiter(Awaiter, Ctx);
}

bool TaskClassifier::isGenerator(QualType T, const ASTContext &Ctx) {
  if (T.isNull() || T->isDependentType())
    return false;
  const Type *Key = T.getCanonicalType().getTypePtr();
  auto Cached = GeneratorCache.find(Key);
  if (Cached != GeneratorCache.end())
    return Cached->second;
  const CXXRecordDecl *Promise = findPromise(T, Ctx);
  bool Generator =
      Promise && findMethod(Promise, "yield_value") && !isAwaitableType(T);
  GeneratorCache[Key] = Generator;
  return Generator;
}

bool isSameTaskFamily(QualType A, QualType B) {
  const CXXRecordDecl *RA = A.isNull() ? nullptr : A->getAsCXXRecordDecl();
  const CXXRecordDecl *RB = B.isNull() ? nullptr : B->getAsCXXRecordDecl();
  if (!RA || !RB)
    return false;
  auto Family = [](const CXXRecordDecl *RD) -> const Decl * {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate()->getCanonicalDecl();
    return RD->getCanonicalDecl();
  };
  return Family(RA) == Family(RB);
}

const DeclContext *getTaskNamespace(QualType T) {
  const CXXRecordDecl *RD = getRecordOrPattern(T);
  if (!RD)
    return nullptr;
  const DeclContext *DC = RD->getDeclContext();
  while (DC && !DC->isFileContext())
    DC = DC->getParent();
  // Step out of inline namespaces (e.g. a versioning namespace) so lookups
  // see the whole library namespace.
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  return DC;
}

const NamedDecl *findFunctionByQualifiedName(const ASTContext &Ctx,
                                             llvm::StringRef QualifiedName) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  auto &Idents = const_cast<ASTContext &>(Ctx).Idents;
  const DeclContext *Scope = Ctx.getTranslationUnitDecl();
  for (size_t I = 0; I + 1 < Parts.size(); ++I) {
    const DeclContext *Next = nullptr;
    for (const NamedDecl *D : Scope->lookup(&Idents.get(Parts[I])))
      if (const auto *NS = dyn_cast<NamespaceDecl>(D))
        Next = NS;
    if (!Next)
      return nullptr;
    Scope = Next;
  }
  return findFunctionInNamespace(Scope, {Parts.back()});
}

const NamedDecl *findFunctionInNamespace(const DeclContext *NS,
                                         llvm::ArrayRef<llvm::StringRef> Names) {
  if (!NS || !NS->isNamespace())
    return nullptr;
  const auto *Namespace = cast<NamespaceDecl>(NS);
  auto &Idents = Namespace->getASTContext().Idents;
  for (llvm::StringRef Name : Names)
    for (const NamedDecl *D : NS->lookup(&Idents.get(Name)))
      if (isa<FunctionTemplateDecl, FunctionDecl>(D->getUnderlyingDecl()))
        return D;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Helpers for checks
//===----------------------------------------------------------------------===//

std::string getPortableQualifiedName(const NamedDecl &D) {
  llvm::SmallVector<std::string, 4> Parts;
  if (D.getDeclName().isIdentifier())
    Parts.push_back(D.getName().str());
  else
    Parts.push_back(D.getNameAsString());
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName().str());
    } else if (const auto *Record = dyn_cast<RecordDecl>(DC)) {
      Parts.push_back(Record->getNameAsString());
    }
  }
  std::reverse(Parts.begin(), Parts.end());
  return llvm::join(Parts, "::");
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

llvm::SmallVector<llvm::StringRef, 8> splitList(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  llvm::SmallVector<llvm::StringRef, 8> Trimmed;
  for (llvm::StringRef Part : Parts)
    if (!Part.trim().empty())
      Trimmed.push_back(Part.trim());
  return Trimmed;
}

std::vector<std::unique_ptr<llvm::Regex>>
compileRegexList(llvm::StringRef List) {
  std::vector<std::unique_ptr<llvm::Regex>> Patterns;
  for (llvm::StringRef Part : splitList(List))
    Patterns.push_back(
        std::make_unique<llvm::Regex>(("^(" + Part + ")$").str()));
  return Patterns;
}

bool matchesAny(const std::vector<std::unique_ptr<llvm::Regex>> &Patterns,
                llvm::StringRef Name) {
  for (const auto &Pattern : Patterns)
    if (Pattern->isValid() && Pattern->match(Name))
      return true;
  return false;
}

} // namespace clang::tidy::coro
