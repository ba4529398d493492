//===--- SequentialAwaitFix.cpp - corolint --------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// coro-sequential-await's remedy: the library's combinator that awaits the
// operations together (when_all, collectAll, Asio's operator&&), and the
// fix that rewrites the run of awaits into one.
//
//===----------------------------------------------------------------------===//

#include "LockModel.h"
#include "SequentialAwaitCheck.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::coro {

using AwaitBinding = SequentialAwaitCheck::AwaitBinding;

namespace {

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

/// True when \p Var is declared `auto x` or with exactly \p Awaited.
bool isFixableDeclaration(const VarDecl &Var, QualType Awaited,
                          const ASTContext &Ctx) {
  if (Var.hasAttrs() || isa<DecompositionDecl>(Var) || !Var.getTypeSourceInfo())
    return false;
  QualType Written = Var.getTypeSourceInfo()->getType();
  if (const auto *Auto = dyn_cast<AutoType>(Written.getTypePtr()))
    return !Written.hasQualifiers() &&
           Auto->getKeyword() == AutoTypeKeyword::Auto;
  return !Awaited->isDependentType() &&
         Ctx.hasSameType(Written, Awaited.getNonReferenceType()) &&
         !Written.hasQualifiers();
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
  if (const auto *Body =
          dyn_cast_or_null<CoroutineBodyStmt>(Function.getBody()))
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

/// Removes a statement that has its own line(s), with its line break, so
/// that the lines around it (comments included) stay as they are.
std::optional<FixItHint> removeStatementLines(const Stmt &S,
                                              const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = S.getBeginLoc();
  SourceLocation End =
      Lexer::getLocForEndOfToken(S.getEndLoc(), 0, SM, Ctx.getLangOpts());
  if (Begin.isMacroID() || End.isInvalid() || End.isMacroID())
    return std::nullopt;
  auto [File, BeginOffset] = SM.getDecomposedLoc(Begin);
  unsigned EndOffset = SM.getFileOffset(End);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned LineStart = BeginOffset;
  while (LineStart > 0 &&
         (Buffer[LineStart - 1] == ' ' || Buffer[LineStart - 1] == '\t'))
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
  return FixItHint::CreateRemoval(
      CharSourceRange::getCharRange(FileStart.getLocWithOffset(LineStart - 1),
                                    FileStart.getLocWithOffset(LineEnd)));
}

} // namespace

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
        !isFixableDeclaration(*Binding.Declared, Binding.Await->getType(),
                              Ctx) ||
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
                           "boost::asio::experimental::awaitable_operators", At,
                           Ctx) &&
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

} // namespace clang::tidy::coro
