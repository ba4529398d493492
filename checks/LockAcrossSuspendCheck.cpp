//===--- LockAcrossSuspendCheck.cpp - corolint ----------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LockAcrossSuspendCheck.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {

namespace {

/// Coroutine-aware mutexes of the task libraries corolint knows: their
/// guards are fine across co_await even if a library annotates them.
/// The index of the statement of \p Block that contains \p S.
std::optional<size_t> indexInBlock(const CompoundStmt &Block, const Stmt *S,
                                   const BodyParents &Parents) {
  // Bounded by the nesting depth; declarations (`int X = co_await ...`) are
  // walked through like statements.
  const Stmt *Current = S;
  while (const Stmt *Parent = Parents.parent(*Current)) {
    if (Parent == &Block) {
      for (size_t I = 0; I < Block.size(); ++I)
        if (Block.body_begin()[I] == Current)
          return I;
      return std::nullopt;
    }
    if (isa<LambdaExpr>(Parent))
      return std::nullopt;
    Current = Parent;
  }
  return std::nullopt;
}

/// True when any DeclRefExpr in \p Stmts refers to a declaration in \p Decls.
bool refersToAny(llvm::ArrayRef<const Stmt *> Stmts,
                 const llvm::SmallPtrSetImpl<const Decl *> &Decls,
                 ASTContext &Ctx) {
  for (const Stmt *S : Stmts) {
    auto Refs = match(findAll(declRefExpr().bind("ref")), *S, Ctx);
    for (const auto &Ref : Refs)
      if (Decls.count(Ref.getNodeAs<DeclRefExpr>("ref")->getDecl()))
        return true;
  }
  return false;
}

/// The location just after \p S, including its terminating semicolon.
SourceLocation endOfStatement(const Stmt &S, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation End = S.getEndLoc();
  std::optional<Token> Next = Lexer::findNextToken(End, SM, Ctx.getLangOpts());
  if (Next && Next->is(tok::semi) && !isa<DeclStmt>(S))
    return Lexer::getLocForEndOfToken(Next->getLocation(), 0, SM,
                                      Ctx.getLangOpts());
  return Lexer::getLocForEndOfToken(End, 0, SM, Ctx.getLangOpts());
}

/// \p End, or the end of its line when only a `//` comment follows there:
/// the comment stays with the statement it was written after, inside the
/// new block.
SourceLocation afterTrailingComment(SourceLocation End,
                                    const SourceManager &SM) {
  bool Invalid = false;
  const char *Text = SM.getCharacterData(End, &Invalid);
  if (Invalid)
    return End;
  const char *At = Text;
  while (*At == ' ' || *At == '\t')
    ++At;
  if (At[0] != '/' || At[1] != '/')
    return End;
  const char *LineEnd = At;
  while (*LineEnd && *LineEnd != '\n' && *LineEnd != '\r')
    ++LineEnd;
  // A comment continued by a backslash goes on on the next line.
  if (LineEnd[-1] == '\\')
    return End;
  return End.getLocWithOffset(LineEnd - Text);
}

/// A fix that closes the guard's scope right before the statement holding
/// the first suspension, when that is provably safe: the guard is a named
/// local in a block, every use of it precedes that statement, and none of
/// the statements that move into the new block declares something used
/// after it (or is a label a jump could target).
std::optional<std::pair<FixItHint, FixItHint>>
scopeEndingFix(const VarDecl &Guard, const Expr &FirstSuspension,
               const BodyParents &Parents, ASTContext &Ctx) {
  const DeclStmt *Declaration = Parents.declaring(Guard);
  if (!Declaration || !Declaration->isSingleDecl())
    return std::nullopt;
  const auto *Block =
      dyn_cast_or_null<CompoundStmt>(Parents.parent(*Declaration));
  if (!Block)
    return std::nullopt;
  std::optional<size_t> First = indexInBlock(*Block, Declaration, Parents);
  std::optional<size_t> Suspending =
      indexInBlock(*Block, &FirstSuspension, Parents);
  // With nothing between the guard and the suspension the new block would
  // protect nothing: the lock was meant for what follows, and only a human
  // can move it there.
  if (!First || !Suspending || *Suspending <= *First + 1)
    return std::nullopt;

  llvm::ArrayRef<const Stmt *> All(Block->body_begin(), Block->size());
  llvm::ArrayRef<const Stmt *> Moved = All.slice(*First, *Suspending - *First);
  llvm::ArrayRef<const Stmt *> After = All.drop_front(*Suspending);
  llvm::SmallPtrSet<const Decl *, 8> Declared;
  for (const Stmt *S : Moved) {
    if (S->getBeginLoc().isMacroID() || S->getEndLoc().isMacroID() ||
        isa<LabelStmt, SwitchCase>(S))
      return std::nullopt;
    if (const auto *Decls = dyn_cast<DeclStmt>(S))
      for (const Decl *D : Decls->decls()) {
        if (!isa<VarDecl>(D))
          return std::nullopt;
        Declared.insert(D);
      }
  }
  // The guard itself is among Declared: a use after the suspension fails.
  if (refersToAny(After, Declared, Ctx))
    return std::nullopt;

  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = Declaration->getBeginLoc();
  unsigned Column = SM.getSpellingColumnNumber(Begin);
  std::string Indent(Column > 0 ? Column - 1 : 0, ' ');
  SourceLocation End = endOfStatement(*Moved.back(), Ctx);
  if (End.isInvalid())
    return std::nullopt;
  End = afterTrailingComment(End, SM);
  return std::make_pair(FixItHint::CreateInsertion(Begin, "{\n" + Indent),
                        FixItHint::CreateInsertion(End, "\n" + Indent + "}"));
}

} // namespace

LockAcrossSuspendCheck::LockAcrossSuspendCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : CoroutineCheck(Name, Context), LockTypes(readCheckedLockTypes()),
      AllowedAwaitablesList(
          checkedRegexList("AllowedAwaitablesList",
                           Options.get("AllowedAwaitablesList", "").str())),
      AllowedCallees(checkedRegexList("AllowedCallees",
                                      Options.get("AllowedCallees", "").str())),
      Locks(LockTypes),
      AllowedAwaitables(compileRegexList(AllowedAwaitablesList)),
      AllowedCalleePatterns(compileRegexList(AllowedCallees)) {}

LockTypeOptions LockAcrossSuspendCheck::readCheckedLockTypes() {
  LockTypeOptions Types = readLockTypes(Options);
  checkedRegexList("ThreadMutexTypes", Types.ThreadMutexTypes);
  checkedRegexList("RAIITypesList", Types.RAIITypesList);
  checkedRegexList("AsyncMutexTypes", Types.AsyncMutexTypes);
  return Types;
}

void LockAcrossSuspendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CoroCheckBase::storeOptions(Opts);
  storeLockTypes(Options, Opts, LockTypes);
  Options.store(Opts, "AllowedAwaitablesList", AllowedAwaitablesList);
  Options.store(Opts, "AllowedCallees", AllowedCallees);
}

bool LockAcrossSuspendCheck::isAllowedSuspension(const Expr &Suspension) const {
  const Expr *Operand = getSuspensionOperand(Suspension);
  if (!Operand)
    return false;
  if (const CXXRecordDecl *Awaitable = Operand->getType()->getAsCXXRecordDecl())
    if (matchesAny(AllowedAwaitables, Awaitable->getQualifiedNameAsString()))
      return true;
  const auto *Call = dyn_cast<CallExpr>(Operand);
  if (!Call)
    return false;
  if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
      Callee &&
      matchesAny(AllowedCalleePatterns, Callee->getQualifiedNameAsString()))
    return true;
  // A function object is named by the object (and its type), as in every
  // option.
  std::optional<CalleeInfo> Info = getCalleeInfo(*Call);
  return Info && Info->Object &&
         (matchesAny(AllowedCalleePatterns, Info->QualifiedName) ||
          matchesAny(AllowedCalleePatterns, Info->TypeName));
}

void LockAcrossSuspendCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                            const CoroutineBodyStmt &Body,
                                            ASTContext &Ctx) {
  std::vector<HeldLock> Held = findLocksHeldAcrossSuspension(
      Coroutine, Ctx, Locks, [this](const Expr &Suspension) {
        return !isAllowedSuspension(Suspension);
      });
  // The body's parents, for the fixes: only where something is reported.
  LazyBodyParents Parents(Body);
  for (const HeldLock &Lock : Held)
    report(Lock, Parents.get(), Ctx);
}

void LockAcrossSuspendCheck::report(const HeldLock &Lock,
                                    const BodyParents &Parents,
                                    ASTContext &Ctx) {
  if (!firstReportAt(Lock.Loc, Lock.Mutexes))
    return;
  if (Lock.Guard)
    diag(Lock.Loc, "thread lock %0 on '%1' is held across a suspension point")
        << Lock.Guard << Lock.Mutexes;
  else
    diag(Lock.Loc, "thread lock on '%0' is held across a suspension point")
        << Lock.Mutexes;

  const Expr *First = Lock.Suspensions.front();
  size_t Others = Lock.Suspensions.size() - 1;
  diag(First->getBeginLoc(),
       "the coroutine suspends here while '%0' is locked%select{| (and at %2 "
       "other suspension point%s2)}1",
       DiagnosticIDs::Note)
      << Lock.Mutexes << (Others > 0) << static_cast<unsigned>(Others);
  if (!Lock.Guard)
    return;
  // The fix goes on a note of its own, so that --fix-notes applies it and
  // --fix does not: moving where a lock is released deserves a look.
  if (auto Fix = scopeEndingFix(*Lock.Guard, *First, Parents, Ctx))
    diag(Lock.Loc,
         "end the scope of %0 before the suspension to release the "
         "lock",
         DiagnosticIDs::Note)
        << Lock.Guard << Fix->first << Fix->second;
}

} // namespace clang::tidy::coro
