//===--- CoroutineModel.cpp - corolint ------------------------------------===//

#include "CoroutineModel.h"
#include "FunctionIndex.h"
#include "PreambleBodies.h"
#include "ProgramFacts.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"

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

const Stmt &getWrittenBody(const Stmt &Body) {
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(&Body);
      Coroutine && Coroutine->getBody())
    return *Coroutine->getBody();
  return Body;
}

namespace {

/// One step of the parent map's walk: give \p Node the parent \p Parent
/// (none: already decided), then walk below it. \p Opaque: inside the
/// semantic form of an expression, where a shared source expression keeps
/// the parent it has.
struct ParentStep {
  const Stmt *Node;
  const Stmt *Parent;
  bool Opaque;
};

using ParentTable = llvm::DenseMap<const Stmt *, const Stmt *>;

/// The steps below \p S, in the order clang::ParentMap takes them, so that
/// a node shared by two parents (an opaque value's source expression, a
/// pseudo-object's forms) gets the parent ParentMap gives it.
void stepsBelow(const Stmt &S, bool Opaque, ParentTable &Map,
                llvm::SmallVectorImpl<ParentStep> &Steps) {
  if (const auto *Pseudo = dyn_cast<PseudoObjectExpr>(&S)) {
    const Expr *Syntactic = Pseudo->getSyntacticForm();
    auto [Known, Inserted] = Map.try_emplace(Syntactic, &S);
    if (!Inserted) {
      if (Opaque)
        return;
      Known->second = &S;
      for (const Stmt *Child : S.children())
        Map.erase(Child);
    }
    Steps.push_back({Syntactic, nullptr, true});
    for (const Expr *Semantic : Pseudo->semantics())
      Steps.push_back({Semantic, &S, true});
    return;
  }
  if (const auto *Conditional = dyn_cast<BinaryConditionalOperator>(&S)) {
    Steps.push_back({Conditional->getCommon(), &S, Opaque});
    Steps.push_back({Conditional->getCond(), &S, true});
    Steps.push_back({Conditional->getTrueExpr(), &S, true});
    Steps.push_back({Conditional->getFalseExpr(), &S, Opaque});
    return;
  }
  if (const auto *Value = dyn_cast<OpaqueValueExpr>(&S)) {
    const Expr *Source = Value->getSourceExpr();
    if (!Source)
      return;
    auto [Known, Inserted] = Map.try_emplace(Source, &S);
    if (Inserted)
      Steps.push_back({Source, nullptr, Opaque});
    else if (!Opaque)
      Known->second = &S;
    return;
  }
  for (const Stmt *Child : S.children())
    if (Child)
      Steps.push_back({Child, &S, Opaque});
  if (const auto *Captured = dyn_cast<CapturedStmt>(&S))
    if (const Stmt *Body = Captured->getCapturedStmt())
      Steps.push_back({Body, &S, Opaque});
}

ParentTable buildParents(const Stmt &Root) {
  ParentTable Map;
  llvm::SmallVector<ParentStep, 64> Work = {{&Root, nullptr, false}};
  llvm::SmallVector<ParentStep, 8> Below;
  while (!Work.empty()) {
    ParentStep Step = Work.pop_back_val();
    if (!Step.Node)
      continue;
    if (Step.Parent)
      Map[Step.Node] = Step.Parent;
    Below.clear();
    stepsBelow(*Step.Node, Step.Opaque, Map, Below);
    // Last pushed, first taken: the children in their order.
    Work.append(Below.rbegin(), Below.rend());
  }
  return Map;
}

} // namespace

BodyParents::BodyParents(const Stmt &Body)
    : Root(getWrittenBody(Body)), Map(buildParents(Root)) {}

const DeclStmt *BodyParents::declaring(const VarDecl &Var) const {
  if (!Declarations) {
    Declarations.emplace();
    llvm::SmallVector<const Stmt *, 64> Work = {&Root};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (const auto *Declaration = dyn_cast<DeclStmt>(S))
        for (const Decl *D : Declaration->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D))
            (*Declarations)[Var] = Declaration;
      for (const Stmt *Child : S->children())
        if (Child)
          Work.push_back(Child);
    }
  }
  return Declarations->lookup(&Var);
}

void forEachCallInFunction(
    const Stmt &Body,
    llvm::function_ref<void(const CallExpr &, LazyBodyParents &)> Visit) {
  LazyBodyParents Parents(Body);
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Visit(*Call, Parents);
  });
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

const Expr *getSuspensionOperand(const Expr &Suspension) {
  const Expr *Operand = nullptr;
  if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(&Suspension))
    Operand = Await->getOperand();
  else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(&Suspension))
    Operand = Dependent->getOperand();
  return Operand ? ignoreImplicitWrappers(Operand) : nullptr;
}

llvm::SmallPtrSet<const Expr *, 8>
getAwaitedOperands(const CoroutineBodyStmt &Body) {
  llvm::SmallPtrSet<const Expr *, 8> Operands;
  for (const Expr *Suspension : getSuspensionPoints(Body))
    if (const Expr *Operand = getSuspensionOperand(*Suspension))
      Operands.insert(Operand);
  return Operands;
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

namespace {

bool hasCallOperator(QualType T) {
  const CXXRecordDecl *RD = getRecordOrPattern(T);
  return RD && llvm::any_of(RD->decls(), [](const Decl *D) {
           const auto *Function = D->getAsFunction();
           return Function && Function->getOverloadedOperator() == OO_Call;
         });
}

/// The namespace-scope function object that \p Callee names, or null.
const VarDecl *functionObjectOf(const Expr *Callee) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(Callee ? Callee->IgnoreParenImpCasts()
                                           : nullptr);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && isFunctionObject(*Var) ? Var : nullptr;
}

/// For a call a template pattern leaves unresolved (its arguments depend
/// on the template's parameters): its first candidate, when the candidates
/// are judged alike and argument-dependent lookup can add none at
/// instantiation (`std::this_thread::sleep_for(D)`).
const FunctionDecl *onlyCandidateName(const CallExpr &Call) {
  const auto *Lookup =
      dyn_cast<UnresolvedLookupExpr>(Call.getCallee()->IgnoreParenImpCasts());
  if (!Lookup || Lookup->requiresADL() || Lookup->getNumDecls() == 0)
    return nullptr;
  // Overloads stand for each other only when nothing that judges a call
  // tells them apart: one qualified name, all C functions or none, all in
  // system headers or none, all annotated or none (libc++'s two
  // `std::this_thread::sleep_for`).
  const FunctionDecl *First = nullptr;
  for (const NamedDecl *D : Lookup->decls()) {
    const FunctionDecl *Function = D->getUnderlyingDecl()->getAsFunction();
    if (!Function)
      return nullptr;
    if (!First) {
      First = Function;
      continue;
    }
    const SourceManager &SM = Function->getASTContext().getSourceManager();
    if (Function->getQualifiedNameAsString() !=
            First->getQualifiedNameAsString() ||
        Function->isExternC() != First->isExternC() ||
        SM.isInSystemHeader(Function->getLocation()) !=
            SM.isInSystemHeader(First->getLocation()) ||
        Function->hasAttr<AnnotateAttr>() || First->hasAttr<AnnotateAttr>())
      return nullptr;
  }
  return First;
}

} // namespace

bool isFunctionObject(const NamedDecl &D) {
  const auto *Var = dyn_cast<VarDecl>(&D);
  if (!Var || !Var->getDeclContext()->getRedeclContext()->isFileContext())
    return false;
  return hasCallOperator(Var->getType());
}

std::optional<CalleeInfo> getCalleeInfo(const CallExpr &Call) {
  CalleeInfo Info;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Operator->getOperator() != OO_Call || Operator->getNumArgs() == 0)
      return std::nullopt;
    Info.Object = functionObjectOf(Operator->getArg(0));
    if (!Info.Object)
      return std::nullopt;
    Info.Function = Operator->getDirectCallee();
  } else if (const VarDecl *Object = functionObjectOf(Call.getCallee())) {
    // A call of a function object in a template pattern, not resolved yet.
    Info.Object = Object;
  } else {
    Info.Function = Call.getDirectCallee();
    if (!Info.Function)
      Info.Function = onlyCandidateName(Call);
    if (!Info.Function)
      return std::nullopt;
  }
  const NamedDecl &Named = Info.Object
                               ? static_cast<const NamedDecl &>(*Info.Object)
                               : *Info.Function;
  if (!Named.getDeclName().isIdentifier())
    return std::nullopt;
  Info.Name = Named.getName().str();
  Info.QualifiedName = getPortableQualifiedName(Named);
  if (Info.Object)
    if (const CXXRecordDecl *Type = getRecordOrPattern(Info.Object->getType()))
      Info.TypeName = getPortableQualifiedName(*Type);
  return Info;
}

namespace {

/// The class template (or partial specialization) pattern that a member
/// access in a template pattern names as its object's type, when that type
/// is the current instantiation: `this`, `*this`, an object of the class's
/// own type, or a local whose type is deduced from one
/// (`auto &Self = *this;`). Null otherwise: a member class (which may be
/// specialized on its own), another template's specialization (which may
/// be specialized too), a template parameter.
const CXXRecordDecl *
currentInstantiationOfObject(const CXXDependentScopeMemberExpr &Member) {
  QualType Object = Member.getBaseType();
  const Expr *Base =
      Member.isImplicitAccess() ? nullptr : Member.getBase()->IgnoreParens();
  // A local declared `auto`: the type of what initializes it.
  if (Base && Object->getContainedAutoType())
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Base->IgnoreImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && Var->getInit())
        Object = Var->getInit()->IgnoreParenImpCasts()->getType();
  if (Object.isNull())
    return nullptr;
  if (Member.isArrow()) {
    Object = Object->getPointeeType();
    if (Object.isNull())
      return nullptr;
  }
  const CXXRecordDecl *Record = Object->getAsCXXRecordDecl();
  if (!Record || !Record->isDependentContext() ||
      (!Record->getDescribedClassTemplate() &&
       !isa<ClassTemplatePartialSpecializationDecl>(Record)))
    return nullptr;
  return Record->getDefinition();
}

/// The members a member call left dependent in a template pattern can
/// call, found by name lookup in the class template where the template is
/// defined: every one must be a function (template) declared in the class
/// itself, which hides whatever its bases declare. Empty when the object is
/// not the current instantiation or the name is not found there (a
/// dependent base may declare it).
llvm::SmallVector<const FunctionDecl *, 4>
lookUpDependentMember(const CXXDependentScopeMemberExpr &Member) {
  const CXXRecordDecl *Record = currentInstantiationOfObject(Member);
  if (!Record)
    return {};
  llvm::SmallVector<const FunctionDecl *, 4> Candidates;
  for (const NamedDecl *D : Record->lookup(Member.getMember())) {
    const FunctionDecl *Function = D->getUnderlyingDecl()->getAsFunction();
    if (!Function)
      return {};
    Candidates.push_back(Function);
  }
  return Candidates;
}

} // namespace

llvm::SmallVector<const FunctionDecl *, 4>
getCalleeCandidates(const CallExpr &Call) {
  llvm::SmallVector<const FunctionDecl *, 4> Candidates;
  if (const FunctionDecl *Direct = Call.getDirectCallee()) {
    Candidates.push_back(Direct);
    return Candidates;
  }
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return lookUpDependentMember(*Member);
  const auto *Overloads = dyn_cast<OverloadExpr>(Callee);
  if (!Overloads)
    return Candidates;
  for (const NamedDecl *D : Overloads->decls()) {
    // A using-declaration naming a dependent base's member
    // (`using Base<T>::load;`) brings overloads nobody knows yet.
    const FunctionDecl *Function = D->getUnderlyingDecl()->getAsFunction();
    if (!Function)
      return {};
    Candidates.push_back(Function);
  }
  return Candidates;
}

QualType getCallResultType(const CallExpr &Call) {
  if (!Call.getType()->isDependentType())
    return Call.getType();
  QualType Agreed;
  for (const FunctionDecl *Candidate : getCalleeCandidates(Call)) {
    QualType Returned = Candidate->getReturnType();
    if (!Agreed.isNull() && Agreed.getCanonicalType() != Returned.getCanonicalType())
      return QualType();
    Agreed = Returned;
  }
  return Agreed;
}

bool passesMutableAccess(QualType Parameter) {
  return (Parameter->isLValueReferenceType() &&
          !Parameter.getNonReferenceType().isConstQualified()) ||
         (Parameter->isPointerType() &&
          !Parameter->getPointeeType().isConstQualified());
}

void forEachArgumentAndParameter(
    const CallExpr &Call, const FunctionDecl &Callee,
    llvm::function_ref<void(const Expr &, const ParmVarDecl &)> Visit) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) && Method &&
                            !Method->isExplicitObjectMemberFunction()
                        ? 1
                        : 0;
  for (unsigned I = Offset; I < Call.getNumArgs(); ++I) {
    if (I - Offset >= Callee.getNumParams())
      return;
    Visit(*Call.getArg(I), *Callee.getParamDecl(I - Offset));
  }
}

const Expr *getCallObject(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Callee =
          dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts()))
    return Callee->getBase();
  return nullptr;
}

std::unique_ptr<CFG> buildBodyCFG(const FunctionDecl &Function,
                                  const Stmt &Body, ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddLifetime = true;
  Options.AddTemporaryDtors = false;
  Options.setAllAlwaysAdd();
  return CFG::buildCFG(&Function, const_cast<Stmt *>(&Body), &Ctx, Options);
}

BodyCFG::BodyCFG(const FunctionDecl &Function, const Stmt &Body,
                 ASTContext &Ctx)
    : Graph(function_index::sharedCFG(Body, Ctx)) {
  if (Graph || function_index::sharesCFG(Body))
    return;
  Own = buildBodyCFG(Function, Body, Ctx);
  Graph = Own.get();
}

NonReturningCode::NonReturningCode(const FunctionDecl &Function,
                                   const Stmt *Body, ASTContext &Ctx) {
  if (!Body)
    return;
  BodyCFG Built(Function, *Body, Ctx);
  const CFG *Graph = Built.get();
  if (!Graph)
    return; // Unknown: everything counts as returning.
  auto EndsPath = [](const CFGBlock &Block) {
    if (Block.hasNoReturnElement())
      return true;
    for (auto I = Block.rbegin(), E = Block.rend(); I != E; ++I)
      if (auto Element = I->getAs<CFGStmt>())
        return isa<CXXThrowExpr>(Element->getStmt());
    return false;
  };
  // A block never returns when it ends its path, or when every one of its
  // successors never returns. A loop with no way out is not in this set:
  // it keeps the caller waiting, which is the point of the checks.
  unsigned NumBlocks = Graph->getNumBlockIDs();
  llvm::BitVector Ends(NumBlocks);
  std::vector<unsigned> OpenSuccessors(NumBlocks, 0);
  llvm::SmallVector<const CFGBlock *, 16> Work;
  for (const CFGBlock *Block : *Graph) {
    for (const CFGBlock *Succ : Block->succs())
      if (Succ)
        ++OpenSuccessors[Block->getBlockID()];
    if (EndsPath(*Block)) {
      Ends.set(Block->getBlockID());
      Work.push_back(Block);
    }
  }
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    for (const CFGBlock *Pred : Block->preds()) {
      if (!Pred || Ends.test(Pred->getBlockID()))
        continue;
      if (--OpenSuccessors[Pred->getBlockID()] == 0) {
        Ends.set(Pred->getBlockID());
        Work.push_back(Pred);
      }
    }
  }
  for (const CFGBlock *Block : *Graph) {
    if (!Ends.test(Block->getBlockID()))
      continue;
    for (const CFGElement &Element : *Block)
      if (auto S = Element.getAs<CFGStmt>())
        Statements.insert(S->getStmt());
  }
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
  // template's pattern (through alias templates: the canonical type).
  if (const auto *Spec =
          T.getCanonicalType()->getAs<TemplateSpecializationType>())
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
  return "'" + T.getAsString(Policy) + "'";
}

TaskKind classifyInitialAwaiter(QualType Awaiter, const ASTContext &Ctx,
                                TaskTrace *Why) {
  auto Say = [&](const llvm::Twine &Step, TaskKind Kind) {
    if (Why)
      Why->push_back(("initial_suspend() returns " + typeName(Awaiter) + Step)
                         .str());
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
  if (const CXXRecordDecl *P =
          promiseFromMember(findMember(Task, "promise_type")))
    return P;
  // A specialization whose members were not instantiated: its pattern.
  if (const CXXRecordDecl *Pattern = Task->getTemplateInstantiationPattern())
    if (const CXXRecordDecl *P =
            promiseFromMember(findMember(Pattern, "promise_type")))
      return P;
  if (TaskType->isDependentType())
    return nullptr;
  return promiseFromTraits(TaskType.getNonReferenceType(), Ctx);
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
    if (classify(Ctx.getCanonicalTagType(Spec), Ctx) != Kind)
      return Disagrees(typeName(Ctx.getCanonicalTagType(Spec)));
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
  llvm::StringRef Verdict = Kind == TaskKind::Lazy    ? "is a lazy task"
                            : Kind == TaskKind::Eager ? "is an eager task"
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

namespace {

/// The class template a task type comes from (or its class): also for
/// dependent `Task<T>` in template patterns.
const Decl *getTaskFamily(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *Spec =
          T.getCanonicalType()->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *Template =
            Spec->getTemplateName().getAsTemplateDecl())
      return Template->getCanonicalDecl();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()->getCanonicalDecl();
  if (const ClassTemplateDecl *Template = RD->getDescribedClassTemplate())
    return Template->getCanonicalDecl();
  // A member class of a class template (unifex's `_task<T>::type`).
  if (const CXXRecordDecl *Member = RD->getInstantiatedFromMemberClass())
    return Member->getCanonicalDecl();
  return RD->getCanonicalDecl();
}

} // namespace

bool isSameTaskFamily(QualType A, QualType B) {
  const Decl *FamilyA = getTaskFamily(A);
  return FamilyA && FamilyA == getTaskFamily(B);
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

/// The namespace a qualified name's prefix names (`a::b` of `a::b::f`).
static const DeclContext *namespaceOf(const ASTContext &Ctx,
                                      llvm::ArrayRef<llvm::StringRef> Parts) {
  auto &Idents = const_cast<ASTContext &>(Ctx).Idents;
  const DeclContext *Scope = Ctx.getTranslationUnitDecl();
  for (llvm::StringRef Part : Parts) {
    const DeclContext *Next = nullptr;
    for (const NamedDecl *D : Scope->lookup(&Idents.get(Part)))
      if (const auto *NS = dyn_cast<NamespaceDecl>(D))
        Next = NS;
    if (!Next)
      return nullptr;
    Scope = Next;
  }
  return Scope;
}

llvm::SmallVector<const NamedDecl *, 4>
findFunctionsInNamespace(const DeclContext *NS, llvm::StringRef Name) {
  llvm::SmallVector<const NamedDecl *, 4> Found;
  if (!NS || !NS->isNamespace())
    return Found;
  auto &Idents = cast<NamespaceDecl>(NS)->getASTContext().Idents;
  for (const NamedDecl *D : NS->lookup(&Idents.get(Name))) {
    const NamedDecl *Underlying = D->getUnderlyingDecl();
    if (isa<FunctionTemplateDecl, FunctionDecl>(Underlying) ||
        isFunctionObject(*Underlying))
      Found.push_back(Underlying);
  }
  return Found;
}

llvm::SmallVector<const NamedDecl *, 4>
findFunctionsByQualifiedName(const ASTContext &Ctx,
                             llvm::StringRef QualifiedName) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  const DeclContext *Scope =
      namespaceOf(Ctx, llvm::ArrayRef(Parts).drop_back());
  if (!Scope || Scope->isTranslationUnit())
    return {};
  return findFunctionsInNamespace(Scope, Parts.back());
}

const NamedDecl *findFunctionByQualifiedName(const ASTContext &Ctx,
                                             llvm::StringRef QualifiedName) {
  llvm::SmallVector<const NamedDecl *, 4> Found =
      findFunctionsByQualifiedName(Ctx, QualifiedName);
  return Found.empty() ? nullptr : Found.front();
}

const NamedDecl *findFunctionInNamespace(const DeclContext *NS,
                                         llvm::ArrayRef<llvm::StringRef> Names) {
  for (llvm::StringRef Name : Names) {
    llvm::SmallVector<const NamedDecl *, 4> Found =
        findFunctionsInNamespace(NS, Name);
    if (!Found.empty())
      return Found.front();
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Helpers for checks
//===----------------------------------------------------------------------===//

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
  const auto *Callee =
      Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return false;
  static constexpr llvm::StringLiteral SpawningNames[] = {
      "co_spawn", "spawn", "spawn_detached", "start_detached", "add"};
  return llvm::is_contained(SpawningNames, Callee->getName()) ||
         isCollectingMethodName(Callee->getName());
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

/// A non-member `operator co_await` declared in the namespace of \p Task's
/// record, which argument-dependent lookup finds: the library makes its
/// task awaitable that way (its parameter type is not checked: any such
/// operator beside the task is taken as meant for it).
static bool hasFreeCoawaitOperator(QualType Task, const ASTContext &Ctx) {
  const DeclContext *Namespace = getTaskNamespace(Task);
  if (!Namespace)
    return false;
  DeclarationName Name =
      Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  return !Namespace->lookup(Name).empty();
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

bool isAwaitableIn(QualType Task, const FunctionDecl &Coroutine,
                   TaskClassifier &Tasks, const ASTContext &Ctx) {
  if (isAwaitableType(Task) || hasFreeCoawaitOperator(Task, Ctx))
    return true;
  const CXXRecordDecl *Promise = promiseOf(Coroutine, Tasks, Ctx);
  return Promise && findMember(Promise, "await_transform");
}

} // namespace clang::tidy::coro
