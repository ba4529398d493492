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

/// The combinators of the task libraries corolint knows, by the namespace
/// of the task type (or one inside it), and whether the awaited result
/// destructures into the plain values, so that
/// `auto [a, b] = co_await when_all(f(), g())` keeps the variables' types.
/// (libcoro's when_all gives when_all_task_result<T>, async_simple's
/// collectAll gives Try<T>, unifex's when_all gives variants: no fix.)
struct KnownCombinator {
  llvm::StringLiteral TaskNamespace;
  llvm::StringLiteral Combinator;
  bool GivesValues;
};
constexpr KnownCombinator KnownCombinators[] = {
    {"cppcoro", "cppcoro::when_all", true},
    {"folly::coro", "folly::coro::collectAll", true},
    // `exec` is an alias of experimental::execution.
    {"exec", "stdexec::when_all", true},
    {"experimental::execution", "stdexec::when_all", true},
    {"stdexec", "stdexec::when_all", true},
    {"std::execution", "std::execution::when_all", true},
    {"boost::cobalt", "boost::cobalt::join", true},
    {"unifex", "unifex::when_all", false},
    {"coro", "coro::when_all", false},
    {"async_simple", "async_simple::coro::collectAll", false},
    {"concurrencpp", "concurrencpp::when_all", false},
};

/// Task libraries with no when_all, and what to do instead.
struct LibraryWithout {
  llvm::StringLiteral TaskNamespace;
  llvm::StringLiteral Advice;
};
constexpr LibraryWithout LibrariesWithoutWhenAll[] = {
    {"QCoro", "starting them as eager 'QCoro::Task's before awaiting the "
              "first (QCoro has no when_all)"},
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
  forEachArgumentAndParameter(
      Call, *Callee, [&](const Expr &Arg, const ParmVarDecl &Parameter) {
        if (!passesMutableAccess(Parameter.getType()))
          return;
        if (const Decl *Key = objectKey(&Arg, ThisKey))
          Mutates.insert(Key);
      });
}

bool isCombinator(const CallExpr &Call) {
  std::optional<CalleeInfo> Callee = getCalleeInfo(Call);
  return Callee && llvm::is_contained(Combinators, Callee->Name);
}

/// True when one of the words of an identifier (split at `_` and at
/// camelCase humps) is \p Word, ignoring case: `wLock`, `co_scoped_lock`,
/// `WriteGuard`, but not `readClock`.
bool hasWord(llvm::StringRef Identifier, llvm::StringRef Word) {
  size_t Start = 0;
  for (size_t I = 1; I <= Identifier.size(); ++I) {
    bool Boundary = I == Identifier.size() || Identifier[I] == '_' ||
                    (llvm::isUpper(Identifier[I]) &&
                     !llvm::isUpper(Identifier[I - 1]));
    if (!Boundary)
      continue;
    if (Identifier.slice(Start, I).trim('_').equals_insensitive(Word))
      return true;
    Start = I;
  }
  return false;
}

/// True for an await that takes a lock (an async mutex's `co_scoped_lock()`,
/// folly's `Synchronized::wLock()`) or gives a guard (a result with an
/// `unlock()`): locks taken in a fixed order must stay in that order, and
/// awaiting them together could deadlock.
bool takesLock(const CallExpr &Call, const Expr &Await) {
  if (std::optional<CalleeInfo> Callee = getCalleeInfo(Call))
    if (hasWord(Callee->Name, "lock"))
      return true;
  const CXXRecordDecl *Result = getRecordOrPattern(Await.getType());
  if (!Result)
    return false;
  if (Result->getDeclName().isIdentifier() &&
      (hasWord(Result->getName(), "lock") ||
       hasWord(Result->getName(), "guard")))
    return true;
  return llvm::any_of(Result->methods(), [](const CXXMethodDecl *Method) {
    return Method->getDeclName().isIdentifier() &&
           Method->getName() == "unlock";
  });
}

/// True when \p Var is declared `auto x` or with exactly \p Awaited.
bool isFixableDeclaration(const VarDecl &Var, QualType Awaited,
                          const ASTContext &Ctx) {
  if (Var.hasAttrs() || isa<DecompositionDecl>(Var) || !Var.getTypeSourceInfo())
    return false;
  QualType Written = Var.getTypeSourceInfo()->getType();
  if (const auto *Auto = dyn_cast<AutoType>(Written.getTypePtr()))
    return !Written.hasQualifiers() && Auto->getKeyword() == AutoTypeKeyword::Auto;
  return !Awaited->isDependentType() &&
         Ctx.hasSameType(Written, Awaited.getNonReferenceType()) &&
         !Written.hasQualifiers();
}

std::string calleeText(const CallExpr &Call, const ASTContext &Ctx) {
  if (std::optional<CalleeInfo> Callee = getCalleeInfo(Call))
    return Callee->Name;
  llvm::SmallVector<const FunctionDecl *, 4> Candidates =
      getCalleeCandidates(Call);
  if (!Candidates.empty())
    return Candidates.front()->getNameAsString();
  return getSourceText(*Call.getCallee(), Ctx);
}

/// Asio's awaitable, whose operators (`f() && g()`) await two together.
bool isAsioAwaitable(QualType T) {
  const CXXRecordDecl *RD = getRecordOrPattern(T);
  if (!RD)
    return false;
  std::string Name = getPortableQualifiedName(*RD);
  return Name == "boost::asio::awaitable" || Name == "asio::awaitable";
}

/// The value an awaited Asio awaitable gives (`T` of `awaitable<T, E>`).
QualType asioValueType(QualType Awaitable) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Awaitable.isNull() ? nullptr : Awaitable->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Spec->getTemplateArgs()[0].getAsType();
}

bool isStdTuple(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getDeclName().isIdentifier() &&
         RD->getName() == "tuple";
}

/// True when `using namespace <Namespace>;` is in force at \p Loc inside
/// \p Function: in its body's outermost block or in an enclosing scope.
bool isNamespaceUsedAt(const FunctionDecl &Function, llvm::StringRef Namespace,
                       SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Names = [&](const UsingDirectiveDecl &Using) {
    return getPortableQualifiedName(*Using.getNominatedNamespace()) ==
               Namespace &&
           SM.isBeforeInTranslationUnit(Using.getLocation(), Loc);
  };
  if (const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Function.getBody()))
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body->getBody()))
      for (const Stmt *S : Block->body())
        if (const auto *Decls = dyn_cast<DeclStmt>(S))
          for (const Decl *D : Decls->decls())
            if (const auto *Using = dyn_cast<UsingDirectiveDecl>(D);
                Using && Names(*Using))
              return true;
  for (const DeclContext *DC = Function.getDeclContext(); DC;
       DC = DC->getParent())
    for (const UsingDirectiveDecl *Using : DC->using_directives())
      if (Names(*Using))
        return true;
  return false;
}

/// True when \p S holds a lambda (which may capture by reference and be
/// called by whatever it is passed to).
bool containsLambda(const Stmt *S) {
  if (!S)
    return false;
  if (isa<LambdaExpr, BlockExpr>(S))
    return true;
  return llvm::any_of(S->children(), containsLambda);
}

/// Statements that may stand between two awaits of a run: they contain no
/// suspension and no jump, declare nothing with a destructor (a guard), and
/// do not read what the awaits before them bound.
bool isNeutralStatement(const Stmt &S, llvm::ArrayRef<AwaitBinding> Run) {
  if (isa<NullStmt>(S))
    return true;
  if (containsLambda(&S))
    return false;
  bool Neutral = true;
  llvm::SmallPtrSet<const Decl *, 8> Bound;
  for (const AwaitBinding &Binding : Run)
    for (const ValueDecl *Var : Binding.Bound)
      Bound.insert(Var->getCanonicalDecl());
  forEachStmtInFunction(&S, [&](const Stmt *Child) {
    if (isExplicitSuspension(Child) ||
        isa<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt, GotoStmt,
            IndirectGotoStmt, LabelStmt, CXXThrowExpr, SwitchCase>(Child))
      Neutral = false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Child);
        Ref && Bound.count(Ref->getDecl()->getCanonicalDecl()))
      Neutral = false;
    if (const auto *Decls = dyn_cast<DeclStmt>(Child))
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->needsDestruction(Var->getASTContext()))
          Neutral = false;
  });
  return Neutral;
}

/// What a statement may change or declares: a later operand that uses any
/// of it may depend on the statement. (Reading a variable is no change.)
void collectTouched(const Stmt &S, llvm::SmallPtrSetImpl<const Decl *> &Touched,
                    const Decl *ThisKey) {
  auto Modify = [&](const Expr *E) {
    if (const Decl *Key = E ? objectKey(E, ThisKey) : nullptr)
      Touched.insert(Key);
  };
  forEachStmtInFunction(&S, [&](const Stmt *Child) {
    if (const auto *Decls = dyn_cast<DeclStmt>(Child))
      for (const Decl *D : Decls->decls())
        Touched.insert(D->getCanonicalDecl());
    if (const auto *Binary = dyn_cast<BinaryOperator>(Child);
        Binary && Binary->isAssignmentOp())
      Modify(Binary->getLHS());
    if (const auto *Unary = dyn_cast<UnaryOperator>(Child);
        Unary && (Unary->isIncrementDecrementOp() ||
                  Unary->getOpcode() == UO_AddrOf))
      Modify(Unary->getSubExpr());
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Child)) {
      const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
      if (Method && !Method->isConst() && Operator->getNumArgs() > 0)
        Modify(Operator->getArg(0));
    }
    if (const auto *Call = dyn_cast<CallExpr>(Child))
      collectMutations(*Call, Touched, ThisKey);
  });
}


/// The awaits of one full expression that run unconditionally (not on the
/// right of `&&`/`||` or in a branch of `?:`), outermost only.
void collectUnconditionalAwaits(const Stmt *S,
                                llvm::SmallVectorImpl<const Expr *> &Awaits) {
  if (!S || isa<LambdaExpr, BlockExpr, StmtExpr>(S))
    return;
  if (isExplicitSuspension(S) && !isa<CoyieldExpr>(S)) {
    Awaits.push_back(cast<Expr>(S));
    return;
  }
  // A co_yield's other children repeat its operand (the await_transform
  // and awaiter calls): only the operand is written in the source.
  if (const auto *Yield = dyn_cast<CoyieldExpr>(S)) {
    collectUnconditionalAwaits(getSuspensionOperand(*Yield), Awaits);
    return;
  }
  if (const auto *Logical = dyn_cast<BinaryOperator>(S);
      Logical && Logical->isLogicalOp()) {
    collectUnconditionalAwaits(Logical->getLHS(), Awaits);
    return;
  }
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(S)) {
    collectUnconditionalAwaits(Conditional->getCond(), Awaits);
    return;
  }
  for (const Stmt *Child : S->children())
    collectUnconditionalAwaits(Child, Awaits);
}

/// The full expressions of a statement, where several awaits can meet.
llvm::SmallVector<const Stmt *, 2> fullExpressions(const Stmt &S) {
  llvm::SmallVector<const Stmt *, 2> Roots;
  if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
        Roots.push_back(Var->getInit());
  } else if (const auto *Return = dyn_cast<CoreturnStmt>(&S)) {
    Roots.push_back(Return->getOperand());
  } else if (const auto *Return = dyn_cast<ReturnStmt>(&S)) {
    Roots.push_back(Return->getRetValue());
  } else if (isa<Expr>(S)) {
    Roots.push_back(&S);
  }
  return Roots;
}

/// Removes a statement that has its own line(s), with its line break, so
/// that the lines around it (comments included) stay as they are.
std::optional<FixItHint> removeStatementLines(const Stmt &S,
                                              const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = S.getBeginLoc();
  SourceLocation End = Lexer::getLocForEndOfToken(S.getEndLoc(), 0, SM,
                                                  Ctx.getLangOpts());
  if (Begin.isMacroID() || End.isInvalid() || End.isMacroID())
    return std::nullopt;
  auto [File, BeginOffset] = SM.getDecomposedLoc(Begin);
  unsigned EndOffset = SM.getFileOffset(End);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned LineStart = BeginOffset;
  while (LineStart > 0 && (Buffer[LineStart - 1] == ' ' ||
                           Buffer[LineStart - 1] == '\t'))
    --LineStart;
  unsigned LineEnd = EndOffset;
  while (LineEnd < Buffer.size() &&
         (Buffer[LineEnd] == ' ' || Buffer[LineEnd] == '\t'))
    ++LineEnd;
  bool StartsLine = LineStart == 0 || Buffer[LineStart - 1] == '\n';
  bool EndsLine = LineEnd == Buffer.size() || Buffer[LineEnd] == '\n';
  if (!StartsLine || LineStart == 0)
    return std::nullopt;
  SourceLocation FileStart = SM.getLocForStartOfFile(File);
  // A comment after the statement stays, on a line of its own.
  if (!EndsLine) {
    if (!Buffer.substr(LineEnd).starts_with("//"))
      return std::nullopt;
    return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
        Begin, FileStart.getLocWithOffset(LineEnd)));
  }
  // From the line break before the statement to the one ending it (which
  // stays): the lines around it are untouched.
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
      FileStart.getLocWithOffset(LineStart - 1),
      FileStart.getLocWithOffset(LineEnd)));
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
  CurrentCoroutine = &Coroutine;
  forEachStmtInFunction(Body.getBody(), [&](const Stmt *S) {
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      checkBlock(*Block, Coroutine, Ctx);
      for (const Stmt *Child : Block->body())
        checkExpression(*Child, Coroutine, Ctx);
    }
  });
}

std::optional<AwaitBinding>
SequentialAwaitCheck::describeAwait(const Expr &Await, const Stmt &S,
                                    ASTContext &Ctx) {
  if (!isExplicitSuspension(&Await) || isa<CoyieldExpr>(Await))
    return std::nullopt;
  const auto *Call =
      dyn_cast_or_null<CallExpr>(getSuspensionOperand(Await));
  // Only lazy-task calls are operations: timers, locks, schedules and
  // channels order the coroutine on purpose.
  if (!Call || isCombinator(*Call) || !Tasks.createsLazyTask(*Call, Ctx) ||
      takesLock(*Call, Await))
    return std::nullopt;
  AwaitBinding Binding;
  Binding.Statement = &S;
  Binding.Await = &Await;
  Binding.Call = Call;
  // Awaits are looked for in the coroutine's own statements, not in nested
  // lambdas: `this` is the coroutine's.
  const Decl *ThisKey =
      CurrentCoroutine ? CurrentCoroutine->getCanonicalDecl() : nullptr;
  collectUses(Call, Binding.Uses, ThisKey);
  collectMutations(*Call, Binding.Mutates, ThisKey);
  return Binding;
}

std::optional<AwaitBinding>
SequentialAwaitCheck::getAwaitBinding(const Stmt &S, ASTContext &Ctx) {
  if (S.getBeginLoc().isMacroID())
    return std::nullopt;
  const Expr *Awaited = nullptr;
  const VarDecl *Declared = nullptr;
  llvm::SmallVector<const ValueDecl *, 2> Bound;
  if (const auto *Decl = dyn_cast<DeclStmt>(&S)) {
    if (!Decl->isSingleDecl())
      return std::nullopt;
    const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl());
    if (!Var || !Var->hasLocalStorage() || !Var->getInit())
      return std::nullopt;
    Awaited = stripToSuspension(Var->getInit());
    Declared = Var;
    if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Var))
      for (const BindingDecl *B : Decomposition->bindings())
        Bound.push_back(B);
    Bound.push_back(Var);
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
    Bound.push_back(Var);
    Awaited = stripToSuspension(Value);
  }
  if (!Awaited)
    return std::nullopt;
  std::optional<AwaitBinding> Binding = describeAwait(*Awaited, S, Ctx);
  if (!Binding)
    return std::nullopt;
  Binding->Declared = Declared;
  Binding->Bound = std::move(Bound);
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
  // What the statements between the awaits of the run mention or declare.
  llvm::SmallPtrSet<const Decl *, 16> Touched;
  bool PendingGap = false; // Statements since the last await of the run.
  bool HasGap = false;     // Statements between two awaits of the run.
  const Decl *ThisKey = Coroutine.getCanonicalDecl();
  auto Flush = [&] {
    if (Run.size() >= 2)
      reportRun(Run, /*AllowFix=*/!HasGap, Coroutine, Ctx);
    Run.clear();
    Touched.clear();
    PendingGap = HasGap = false;
  };
  for (const Stmt *S : Block.body()) {
    std::optional<AwaitBinding> Binding = getAwaitBinding(*S, Ctx);
    if (!Binding) {
      if (Run.empty())
        continue;
      if (!isNeutralStatement(*S, Run)) {
        Flush();
        continue;
      }
      collectTouched(*S, Touched, ThisKey);
      PendingGap = true;
      continue;
    }
    bool Dependent = llvm::any_of(Run, [&](const AwaitBinding &Earlier) {
      return dependsOn(*Binding, Earlier);
    });
    bool TouchedBetween = llvm::any_of(Binding->Uses, [&](const Decl *Used) {
      return Touched.contains(Used);
    });
    if (Dependent || TouchedBetween)
      Flush();
    HasGap |= PendingGap && !Run.empty();
    PendingGap = false;
    Run.push_back(std::move(*Binding));
  }
  Flush();
}

void SequentialAwaitCheck::checkExpression(const Stmt &S,
                                           const FunctionDecl &Coroutine,
                                           ASTContext &Ctx) {
  if (S.getBeginLoc().isMacroID())
    return;
  for (const Stmt *Root : fullExpressions(S)) {
    llvm::SmallVector<const Expr *, 4> Awaits;
    collectUnconditionalAwaits(Root, Awaits);
    if (Awaits.size() < 2)
      continue;
    llvm::SmallVector<AwaitBinding, 4> Operations;
    for (const Expr *Await : Awaits) {
      std::optional<AwaitBinding> Operation = describeAwait(*Await, S, Ctx);
      if (!Operation)
        return; // Another kind of await orders the expression: stay quiet.
      Operations.push_back(std::move(*Operation));
    }
    for (size_t I = 0; I < Operations.size(); ++I)
      for (size_t J = 0; J < I; ++J)
        if (dependsOn(Operations[I], Operations[J]) ||
            dependsOn(Operations[J], Operations[I]))
          return;
    reportRun(Operations, /*AllowFix=*/false, Coroutine, Ctx);
  }
}

SequentialAwaitCheck::Combinator
SequentialAwaitCheck::findWhenAll(llvm::ArrayRef<AwaitBinding> Run,
                                  const ASTContext &Ctx) {
  // Every operation must come from the same task template (no combinator
  // is known to take two libraries' tasks), and the library must have a
  // when_all beside it, or the project names one.
  QualType Task = getCallResultType(*Run.front().Call);
  for (const AwaitBinding &Binding : Run)
    if (!isSameTaskFamily(Task, getCallResultType(*Binding.Call)))
      return {};
  if (!WhenAllFunction.empty())
    return {Combinator::Function, WhenAllFunction, true};
  if (isAsioAwaitable(Task))
    return {Combinator::AsioOperators, "operator&&", true};
  const DeclContext *Namespace = getTaskNamespace(Task);
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(Namespace);
  std::string NamespaceName = NS ? getPortableQualifiedName(*NS) : "";
  for (const KnownCombinator &Known : KnownCombinators)
    if (isInNamespace(NamespaceName, Known.TaskNamespace) &&
        findFunctionByQualifiedName(Ctx, Known.Combinator))
      return {Combinator::Function, Known.Combinator.str(), Known.GivesValues};
  if (const NamedDecl *WhenAll =
          findFunctionInNamespace(Namespace, WhenAllNames))
    return {Combinator::Function, getPortableQualifiedName(*WhenAll),
            returnsTupleOfValues(*WhenAll)};
  for (const LibraryWithout &Library : LibrariesWithoutWhenAll)
    if (isInNamespace(NamespaceName, Library.TaskNamespace))
      return {Combinator::NoneInLibrary, Library.Advice.str(), false};
  return {};
}

std::optional<llvm::SmallVector<FixItHint, 4>>
SequentialAwaitCheck::makeFix(llvm::ArrayRef<AwaitBinding> Run,
                              const Combinator &WhenAll,
                              const FunctionDecl &Coroutine, ASTContext &Ctx) {
  llvm::SmallVector<std::string, 4> Names;
  llvm::SmallVector<std::string, 4> Calls;
  for (const AwaitBinding &Binding : Run) {
    if (!Binding.Declared ||
        !isFixableDeclaration(*Binding.Declared, Binding.Await->getType(), Ctx) ||
        Binding.Call->getBeginLoc().isMacroID() ||
        Binding.Statement->getBeginLoc().isMacroID())
      return std::nullopt;
    Names.push_back(Binding.Declared->getNameAsString());
    Calls.push_back(getSourceText(*Binding.Call, Ctx));
  }
  std::string Awaited;
  if (WhenAll.Kind == Combinator::AsioOperators) {
    // `f() && g()` gives std::tuple<T, U> for values that are neither void
    // nor tuples themselves (those are flattened), and only where the
    // operators are in scope.
    for (const AwaitBinding &Binding : Run) {
      QualType Value = asioValueType(Binding.Call->getType());
      if (Value.isNull() || Value->isVoidType() || isStdTuple(Value))
        return std::nullopt;
      if (!Ctx.hasSameType(Binding.Call->getType(),
                           Run.front().Call->getType()) &&
          !isSameTaskFamily(Binding.Call->getType(),
                            Run.front().Call->getType()))
        return std::nullopt;
    }
    SourceLocation At = Run.front().Statement->getBeginLoc();
    if (!isNamespaceUsedAt(Coroutine,
                           "boost::asio::experimental::awaitable_operators",
                           At, Ctx) &&
        !isNamespaceUsedAt(Coroutine, "asio::experimental::awaitable_operators",
                           At, Ctx))
      return std::nullopt;
    Awaited = "(" + llvm::join(Calls, " && ") + ")";
  } else {
    Awaited = WhenAll.Name + "(" + llvm::join(Calls, ", ") + ")";
  }
  llvm::SmallVector<FixItHint, 4> Fixes;
  // The first statement becomes the combined await; the others go, each
  // with its own lines, so that comments between them stay.
  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Run.front().Statement->getSourceRange()),
      "auto [" + llvm::join(Names, ", ") + "] = co_await " + Awaited + ";"));
  for (const AwaitBinding &Binding : Run.drop_front()) {
    std::optional<FixItHint> Removal =
        removeStatementLines(*Binding.Statement, Ctx);
    if (!Removal)
      return std::nullopt;
    Fixes.push_back(*Removal);
  }
  return Fixes;
}

void SequentialAwaitCheck::reportRun(llvm::ArrayRef<AwaitBinding> Run,
                                     bool AllowFix,
                                     const FunctionDecl &Coroutine,
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
                          "another; %1 would overlap them");
    Diag << Listed;
    switch (WhenAll.Kind) {
    case Combinator::Function:
      Diag << ("awaiting them together with '" + WhenAll.Name + "'");
      break;
    case Combinator::AsioOperators:
      Diag << "awaiting them together with 'operator&&' of "
              "asio::experimental::awaitable_operators";
      break;
    case Combinator::NoneInLibrary:
      Diag << WhenAll.Name;
      break;
    case Combinator::Unknown:
      Diag << "awaiting them together with a when_all-style combinator";
      break;
    }
    if (AllowFix && WhenAll.GivesValues)
      if (auto Fixes = makeFix(Run, WhenAll, Coroutine, Ctx))
        for (const FixItHint &Fix : *Fixes)
          Diag << Fix;
  }
  diag(Run.front().Await->getBeginLoc(), "the first operation is awaited here",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
