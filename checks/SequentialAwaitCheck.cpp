//===--- SequentialAwaitCheck.cpp - corolint ------------------------------===//

#include "SequentialAwaitCheck.h"
#include "LockModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

using AwaitBinding = SequentialAwaitCheck::AwaitBinding;

namespace {

/// Combinators that already await several operations together: awaiting
/// one is not an operation to combine again.
constexpr llvm::StringLiteral Combinators[] = {
    "when_all",   "when_all_ready", "when_any",       "collectAll",
    "collectAllRange", "collectAllTry", "collectAllWindowed", "collectAny",
    "collectAllPara", "join",       "gather",         "race"};

/// Combinators looked up beside the task type.
constexpr llvm::StringRef WhenAllNames[] = {"when_all", "collectAll"};

/// Combinators known to give back the plain values, so that
/// `auto [a, b] = co_await when_all(f(), g())` keeps the variables' types,
/// by the namespace of the task type. (libcoro's when_all gives
/// when_all_task_result<T>, async_simple's collectAll gives Try<T>: no fix.)
struct KnownCombinator {
  llvm::StringLiteral TaskNamespace;
  llvm::StringLiteral Combinator;
};
constexpr KnownCombinator KnownValueCombinators[] = {
    {"cppcoro", "cppcoro::when_all"},
    {"folly::coro", "folly::coro::collectAll"},
    {"exec", "stdexec::when_all"},
    {"stdexec", "stdexec::when_all"},
    {"boost::cobalt", "boost::cobalt::join"},
};

/// True when a combinator template is declared to return
/// `SomeTask<std::tuple<Ts...>>` for its parameter pack `Ts`: the values.
bool returnsTupleOfValues(const NamedDecl &Combinator) {
  const auto *Template = dyn_cast<FunctionTemplateDecl>(&Combinator);
  if (!Template)
    return false;
  const auto *Task = Template->getTemplatedDecl()
                         ->getReturnType()
                         ->getAs<TemplateSpecializationType>();
  if (!Task || Task->template_arguments().empty() ||
      Task->template_arguments()[0].getKind() != TemplateArgument::Type)
    return false;
  const auto *Tuple = Task->template_arguments()[0]
                          .getAsType()
                          ->getAs<TemplateSpecializationType>();
  const TemplateDecl *TupleTemplate =
      Tuple ? Tuple->getTemplateName().getAsTemplateDecl() : nullptr;
  if (!TupleTemplate || !TupleTemplate->isInStdNamespace() ||
      TupleTemplate->getName() != "tuple" ||
      Tuple->template_arguments().size() != 1 ||
      Tuple->template_arguments()[0].getKind() != TemplateArgument::Type)
    return false;
  const auto *Expansion =
      Tuple->template_arguments()[0].getAsType()->getAs<PackExpansionType>();
  return Expansion &&
         Expansion->getPattern()->getAs<TemplateTypeParmType>() != nullptr;
}

const Expr *stripToSuspension(const Expr *E) {
  return E ? ignoreImplicitWrappers(E) : nullptr;
}

/// Objects and variables an expression reads (declarations; `this` reads
/// are keyed by the enclosing method).
void collectUses(const Stmt *S, llvm::SmallPtrSetImpl<const Decl *> &Uses,
                 const Decl *ThisKey) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Uses.insert(Ref->getDecl()->getCanonicalDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(S))
    Uses.insert(Member->getMemberDecl()->getCanonicalDecl());
  if (isa<CXXThisExpr>(S) && ThisKey)
    Uses.insert(ThisKey);
  // Nested lambdas count too: a capture reads the variable.
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
    collectUses(Lambda->getBody(), Uses, ThisKey);
  for (const Stmt *Child : S->children())
    collectUses(Child, Uses, ThisKey);
}

/// The declaration an object expression is (a variable, a member, `this`).
const Decl *objectKey(const Expr *E, const Decl *ThisKey) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && (Deref->getOpcode() == UO_Deref ||
                Deref->getOpcode() == UO_AddrOf))
    E = Deref->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getCanonicalDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getCanonicalDecl();
  if (isa<CXXThisExpr>(E))
    return ThisKey;
  return nullptr;
}

/// What a call may modify: the object of a non-const member function, and
/// arguments passed by non-const reference or by pointer to non-const.
void collectMutations(const CallExpr &Call,
                      llvm::SmallPtrSetImpl<const Decl *> &Mutates,
                      const Decl *ThisKey) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const auto *Method = Member->getMethodDecl();
    if (Method && !Method->isConst())
      if (const Decl *Key =
              objectKey(Member->getImplicitObjectArgument(), ThisKey))
        Mutates.insert(Key);
  }
  if (!Callee)
    return;
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) &&
                            isa<CXXMethodDecl>(Callee)
                        ? 1
                        : 0;
  for (unsigned I = Offset; I < Call.getNumArgs(); ++I) {
    unsigned ParamIndex = I - Offset;
    if (ParamIndex >= Callee->getNumParams())
      break;
    QualType Param = Callee->getParamDecl(ParamIndex)->getType();
    bool MutableRef = Param->isLValueReferenceType() &&
                      !Param.getNonReferenceType().isConstQualified();
    bool MutablePointer = Param->isPointerType() &&
                          !Param->getPointeeType().isConstQualified();
    if (MutableRef || MutablePointer)
      if (const Decl *Key = objectKey(Call.getArg(I), ThisKey))
        Mutates.insert(Key);
  }
}

bool isCombinator(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->getDeclName().isIdentifier() &&
         llvm::is_contained(Combinators, Callee->getName());
}

/// True when \p Var is declared `auto x` or with exactly \p Awaited.
bool isFixableDeclaration(const VarDecl &Var, QualType Awaited,
                          const ASTContext &Ctx) {
  if (Var.hasAttrs() || isa<DecompositionDecl>(Var) || !Var.getTypeSourceInfo())
    return false;
  QualType Written = Var.getTypeSourceInfo()->getType();
  if (const auto *Auto = dyn_cast<AutoType>(Written.getTypePtr()))
    return !Written.hasQualifiers() && Auto->getKeyword() == AutoTypeKeyword::Auto;
  return Ctx.hasSameType(Written, Awaited.getNonReferenceType()) &&
         !Written.hasQualifiers();
}

std::string calleeText(const CallExpr &Call, const ASTContext &Ctx) {
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    return Callee->getNameAsString();
  return getSourceText(*Call.getCallee(), Ctx);
}

} // namespace

SequentialAwaitCheck::SequentialAwaitCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      WhenAllFunction(Options.get("WhenAllFunction", "").str()),
      TaskTypes(Options), Tasks(TaskTypes) {}

void SequentialAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "WhenAllFunction", WhenAllFunction);
  TaskTypes.store(Options, Opts);
}

void SequentialAwaitCheck::onStartOfTranslationUnit() {
  CoroutineCheck::onStartOfTranslationUnit();
  Tasks.reset();
}

void SequentialAwaitCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                          const CoroutineBodyStmt &Body,
                                          ASTContext &Ctx) {
  forEachStmtInFunction(Body.getBody(), [&](const Stmt *S) {
    if (const auto *Block = dyn_cast<CompoundStmt>(S))
      checkBlock(*Block, Coroutine, Ctx);
  });
}

std::optional<AwaitBinding>
SequentialAwaitCheck::getAwaitBinding(const Stmt &S, ASTContext &Ctx) {
  if (S.getBeginLoc().isMacroID())
    return std::nullopt;
  AwaitBinding Binding;
  Binding.Statement = &S;
  const Expr *Awaited = nullptr;
  if (const auto *Decl = dyn_cast<DeclStmt>(&S)) {
    if (!Decl->isSingleDecl())
      return std::nullopt;
    const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl());
    if (!Var || !Var->hasLocalStorage() || !Var->getInit())
      return std::nullopt;
    Awaited = stripToSuspension(Var->getInit());
    Binding.Declared = Var;
    if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Var))
      for (const BindingDecl *Bound : Decomposition->bindings())
        Binding.Bound.push_back(Bound);
    Binding.Bound.push_back(Var);
  } else if (const auto *Assign = dyn_cast<Expr>(&S)) {
    const Expr *Target = nullptr;
    const Expr *Value = nullptr;
    const Expr *Inner = ignoreImplicitWrappers(Assign);
    if (const auto *Op = dyn_cast<BinaryOperator>(Inner);
        Op && Op->getOpcode() == BO_Assign) {
      Target = Op->getLHS();
      Value = Op->getRHS();
    } else if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Inner);
               Call && Call->getOperator() == OO_Equal &&
               Call->getNumArgs() == 2) {
      Target = Call->getArg(0);
      Value = Call->getArg(1);
    }
    const auto *Ref =
        Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage())
      return std::nullopt;
    Binding.Bound.push_back(Var);
    Awaited = stripToSuspension(Value);
  }
  const auto *Await = dyn_cast_or_null<CoawaitExpr>(Awaited);
  if (!Await || Await->isImplicit())
    return std::nullopt;
  const auto *Call =
      dyn_cast_or_null<CallExpr>(ignoreImplicitWrappers(Await->getOperand()));
  // Only lazy-task calls are operations: timers, locks, schedules and
  // channels order the coroutine on purpose.
  if (!Call || !Call->isPRValue() || isCombinator(*Call) ||
      !Tasks.isLazyTask(Call->getType(), Ctx))
    return std::nullopt;
  Binding.Await = Await;
  Binding.Call = Call;
  const FunctionDecl *Enclosing = getEnclosingFunction(&S, Ctx);
  const Decl *ThisKey = Enclosing ? Enclosing->getCanonicalDecl() : nullptr;
  collectUses(Call, Binding.Uses, ThisKey);
  collectMutations(*Call, Binding.Mutates, ThisKey);
  return Binding;
}

/// True when \p Later must run after \p Earlier: it reads what the earlier
/// one binds, or one may modify what the other uses.
static bool dependsOn(const AwaitBinding &Later, const AwaitBinding &Earlier) {
  for (const ValueDecl *Bound : Earlier.Bound)
    if (Later.Uses.count(Bound->getCanonicalDecl()) ||
        llvm::is_contained(Later.Bound, Bound))
      return true;
  for (const Decl *Mutated : Earlier.Mutates)
    if (Later.Uses.count(Mutated))
      return true;
  for (const Decl *Mutated : Later.Mutates)
    if (Earlier.Uses.count(Mutated))
      return true;
  return false;
}

void SequentialAwaitCheck::checkBlock(const CompoundStmt &Block,
                                      const FunctionDecl &Coroutine,
                                      ASTContext &Ctx) {
  llvm::SmallVector<AwaitBinding, 4> Run;
  auto Flush = [&] {
    if (Run.size() >= 2)
      reportRun(Run, Ctx);
    Run.clear();
  };
  for (const Stmt *S : Block.body()) {
    std::optional<AwaitBinding> Binding = getAwaitBinding(*S, Ctx);
    if (!Binding) {
      Flush();
      continue;
    }
    bool Dependent = llvm::any_of(Run, [&](const AwaitBinding &Earlier) {
      return dependsOn(*Binding, Earlier);
    });
    if (Dependent)
      Flush();
    Run.push_back(std::move(*Binding));
  }
  Flush();
}

SequentialAwaitCheck::Combinator
SequentialAwaitCheck::findWhenAll(llvm::ArrayRef<AwaitBinding> Run,
                                  const ASTContext &Ctx) const {
  // Every operation must come from the same task template (no combinator
  // is known to take two libraries' tasks), and the library must have a
  // when_all beside it, or the project names one.
  QualType Task = Run.front().Call->getType();
  for (const AwaitBinding &Binding : Run)
    if (!isSameTaskFamily(Task, Binding.Call->getType()))
      return {"when_all", false};
  if (!WhenAllFunction.empty())
    return {WhenAllFunction, true};
  const DeclContext *Namespace = getTaskNamespace(Task);
  if (const auto *NS = dyn_cast_or_null<NamespaceDecl>(Namespace)) {
    std::string Name = getPortableQualifiedName(*NS);
    for (const KnownCombinator &Known : KnownValueCombinators)
      if (Name == Known.TaskNamespace &&
          findFunctionByQualifiedName(Ctx, Known.Combinator))
        return {Known.Combinator.str(), true};
  }
  const NamedDecl *WhenAll = findFunctionInNamespace(Namespace, WhenAllNames);
  if (!WhenAll)
    return {"when_all", false};
  return {getPortableQualifiedName(*WhenAll), returnsTupleOfValues(*WhenAll)};
}

std::optional<FixItHint>
SequentialAwaitCheck::makeFix(llvm::ArrayRef<AwaitBinding> Run,
                              llvm::StringRef WhenAll, ASTContext &Ctx) const {
  llvm::SmallVector<std::string, 4> Names;
  llvm::SmallVector<std::string, 4> Calls;
  for (const AwaitBinding &Binding : Run) {
    if (!Binding.Declared ||
        !isFixableDeclaration(*Binding.Declared, Binding.Await->getType(), Ctx) ||
        Binding.Call->getBeginLoc().isMacroID())
      return std::nullopt;
    Names.push_back(Binding.Declared->getNameAsString());
    Calls.push_back(getSourceText(*Binding.Call, Ctx));
  }
  std::string Replacement = "auto [" + llvm::join(Names, ", ") +
                            "] = co_await " + WhenAll.str() + "(" +
                            llvm::join(Calls, ", ") + ");";
  SourceRange Range(Run.front().Statement->getBeginLoc(),
                    Run.back().Statement->getEndLoc());
  return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Range),
                                      Replacement);
}

void SequentialAwaitCheck::reportRun(llvm::ArrayRef<AwaitBinding> Run,
                                     ASTContext &Ctx) {
  const AwaitBinding &Second = Run[1];
  SourceLocation Loc = Second.Await->getBeginLoc();
  if (!firstReportAt(Loc))
    return;
  llvm::SmallVector<std::string, 4> Operations;
  for (const AwaitBinding &Binding : Run)
    Operations.push_back("'" + calleeText(*Binding.Call, Ctx) + "'");
  std::string Listed =
      llvm::join(llvm::ArrayRef(Operations).drop_back(), ", ") + " and " +
      Operations.back();
  Combinator WhenAll = findWhenAll(Run, Ctx);
  {
    auto Diag = diag(Loc, "independent operations %0 are awaited one after "
                          "another; awaiting them together with '%1' would "
                          "overlap them")
                << Listed << WhenAll.Name;
    if (WhenAll.GivesValues)
      if (auto Fix = makeFix(Run, WhenAll.Name, Ctx))
        Diag << *Fix;
  }
  diag(Run.front().Await->getBeginLoc(), "the first operation is awaited here",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
