//===--- BlockingCallDestructors.cpp - corolint ---------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Blocking where a coroutine's local goes out of scope: its destructor runs
// there, on the executor thread, and a `std::jthread` joins its thread, a
// user's thread pool or worker joins or waits for its threads.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "BlockingCallInternals.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"

namespace clang::tidy::coro {

using Category = BlockingCallCheck::Category;
using DestructorChain = BlockingCallCheck::DestructorChain;
using namespace blocking_call;

namespace {

/// Calls after which an object may have nothing left for its destructor to
/// wait for: a thread joined or detached, a handle released or swapped.
constexpr llvm::StringLiteral EndingMethods[] = {"join", "detach", "swap",
                                                 "release", "reset"};

bool isEndingMethod(const DeclarationName &Name) {
  return Name.isIdentifier() &&
         llvm::is_contained(EndingMethods,
                            Name.getAsIdentifierInfo()->getName());
}

/// True when the parameter only reads the caller's object: by value (a
/// copy, destroyed by the callee) or by const lvalue reference.
bool onlyReads(QualType Parameter) {
  if (!Parameter->isReferenceType())
    return true;
  return Parameter->isLValueReferenceType() &&
         Parameter->getPointeeType().isConstQualified();
}

/// True when a use of a local leaves it holding what its destructor waits
/// for: a method called on it that is not a join, detach, swap or release
/// (those are reported, or end the wait), or a copy made of it. Anything
/// else may move from it, detach it or hand it on (`std::move(T)`, `&T`, a
/// non-const reference to it, a lambda capturing it, a member of it used on
/// its own): unsure, so it is not reported.
bool keepsItsWork(const DeclRefExpr &Ref, const BodyParents &Parents) {
  const Stmt *Child = &Ref;
  const Stmt *Parent = Parents.parent(Ref);
  while (Parent && (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent))) {
    Child = Parent;
    Parent = Parents.parent(*Parent);
  }
  if (!Parent)
    return false;
  if (const auto *Member = dyn_cast<MemberExpr>(Parent))
    return Member->getBase() == Child &&
           isa<CXXMethodDecl>(Member->getMemberDecl()) &&
           !isEndingMethod(Member->getMemberDecl()->getDeclName());
  // In a template pattern, a method call not resolved yet.
  if (const auto *Member = dyn_cast<UnresolvedMemberExpr>(Parent))
    return !Member->isImplicitAccess() && Member->getBase() == Child &&
           !isEndingMethod(Member->getMemberName());
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Parent))
    return !Member->isImplicitAccess() && Member->getBase() == Child &&
           !isEndingMethod(Member->getMember());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent)) {
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (Construct->getArg(I) == Child)
        return I < Constructor->getNumParams() &&
               onlyReads(Constructor->getParamDecl(I)->getType());
    return false;
  }
  if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return false;
    // An operator that is a member, called on the local (`T = other`).
    if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
        Call->getNumArgs() > 0 && Call->getArg(0) == Child)
      return true;
    bool Reads = false;
    forEachArgumentAndParameter(
        *Call, *Callee, [&](const Expr &Arg, const ParmVarDecl &Parameter) {
          if (&Arg == Child)
            Reads = onlyReads(Parameter.getType());
        });
    return Reads;
  }
  return false;
}

/// True when every use of \p Var in \p Body keeps its work (keepsItsWork).
bool keepsItsWork(const VarDecl &Var, const Stmt &Body,
                  LazyBodyParents &Parents) {
  bool Keeps = true;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Keeps && Ref && Ref->getDecl() == &Var)
      Keeps = keepsItsWork(*Ref, Parents.get());
  });
  return Keeps;
}

/// The method of the object itself through which its destructor blocks
/// (`stop` in `~Server() { stop(); }`), or null: the first call of the
/// chain in the class's own destructor, made on `this`.
const CXXMethodDecl *shutdownMethod(const DestructorChain &Found) {
  if (!Found.Path.empty() || !Found.Body || Found.Body->Steps.empty())
    return nullptr;
  const auto *Call =
      dyn_cast<CXXMemberCallExpr>(Found.Body->Steps.front().Call);
  if (!Call || !Call->getImplicitObjectArgument() ||
      !isa<CXXThisExpr>(
          Call->getImplicitObjectArgument()->IgnoreParenImpCasts()))
    return nullptr;
  return Call->getMethodDecl();
}

/// True when \p Body calls \p Method on \p Var itself
/// (`Server.stop();`): a shutdown the destructor only repeats. That call is
/// reported where it blocks; the destructor's is usually a no-op after it
/// (`if (Stopped) return;`), and corolint cannot tell, so it stays quiet.
bool shutsDownExplicitly(const VarDecl &Var, const CXXMethodDecl &Method,
                         const Stmt &Body) {
  bool Found = false;
  forEachStmtInFunction(&Body, [&](const Stmt *S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    const CXXMethodDecl *Called = Call ? Call->getMethodDecl() : nullptr;
    if (Found || !Called || Called->getDeclName() != Method.getDeclName())
      return;
    const auto *Ref = dyn_cast<DeclRefExpr>(
        Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    Found = Ref && Ref->getDecl() == &Var;
  });
  return Found;
}

/// True when \p Body reaches \p Call only on some paths: under an `if`, a
/// `switch`, a loop, a `?:` or the right of `&&`/`||`.
bool isConditional(const Stmt &Call, const Stmt &Body) {
  BodyParents Parents(Body);
  const Stmt *Child = &Call;
  for (const Stmt *Parent = Parents.parent(Call); Parent && Parent != &Body;
       Child = Parent, Parent = Parents.parent(*Parent)) {
    if (const auto *If = dyn_cast<IfStmt>(Parent); If && If->getCond() != Child)
      return true;
    if (const auto *Logical = dyn_cast<BinaryOperator>(Parent);
        Logical && Logical->isLogicalOp() && Logical->getRHS() == Child)
      return true;
    if (isa<SwitchStmt, ForStmt, WhileStmt, DoStmt, CXXForRangeStmt,
            AbstractConditionalOperator, CXXCatchStmt>(Parent))
      return true;
  }
  return false;
}

/// True when a member of \p Class is given a value by a default member
/// initializer that an implicit constructor runs (`std::jthread T{work};`).
bool hasInitializedClassMember(const CXXRecordDecl &Class) {
  return llvm::any_of(Class.fields(), [](const FieldDecl *Field) {
    return Field->hasInClassInitializer() &&
           Field->getType()->getAsCXXRecordDecl();
  });
}

/// True when an initialization may give an object something to wait for:
/// a constructor called with arguments (not a copy or a move, which takes
/// over what another object started), a constructor the user wrote, default
/// member initializers of class type, or an aggregate given values. A
/// default-constructed `std::jthread` or worker has no thread to join.
bool mayStartWork(const Expr *Init, const SourceManager &SM) {
  if (!Init)
    return false;
  Init = Init->IgnoreImplicit();
  if (isa<ImplicitValueInitExpr, CXXDefaultInitExpr>(Init))
    return false;
  if (const auto *List = dyn_cast<InitListExpr>(Init))
    return llvm::any_of(List->inits(), [&](const Expr *Element) {
      return mayStartWork(Element, SM);
    });
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
  // An object from elsewhere (a factory's result) may hold work; a number
  // or a pointer given to an aggregate's member starts none.
  if (!Construct)
    return Init->getType()->isRecordType();
  const CXXConstructorDecl *Constructor = Construct->getConstructor();
  if (Constructor->isCopyOrMoveConstructor())
    return false;
  if (Construct->getNumArgs() > 0)
    return true;
  // A library's default constructor starts nothing; a user's may.
  const CXXRecordDecl *Class = Constructor->getParent();
  if (SM.isInSystemHeader(Class->getLocation()))
    return false;
  return Constructor->isUserProvided() || hasInitializedClassMember(*Class);
}

/// Where a local's destructor runs, and the note that says so.
struct DestructionPoint {
  SourceLocation Loc;
  llvm::StringRef Why;
};

DestructionPoint destructionPointOf(const Stmt &Trigger) {
  if (const auto *Block = dyn_cast<CompoundStmt>(&Trigger))
    return {Block->getRBracLoc(), "at the end of its scope"};
  if (isa<CoreturnStmt>(Trigger) || isa<ReturnStmt>(Trigger))
    return {Trigger.getBeginLoc(), "as the coroutine returns"};
  if (isa<BreakStmt>(Trigger) || isa<ContinueStmt>(Trigger) ||
      isa<GotoStmt>(Trigger))
    return {Trigger.getBeginLoc(), "as control leaves its scope"};
  return {Trigger.getEndLoc(), "at the end of its scope"};
}

/// The points where \p Var's destructor runs on the paths the graph can
/// take, in source order.
std::vector<DestructionPoint> destructionPoints(const VarDecl &Var,
                                                const CFG &Graph,
                                                const SourceManager &SM) {
  llvm::BitVector Reached(Graph.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work{&Graph.getEntry()};
  Reached.set(Graph.getEntry().getBlockID());
  std::vector<DestructionPoint> Points;
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    for (const CFGElement &Element : *Block)
      if (auto Destructor = Element.getAs<CFGAutomaticObjDtor>();
          Destructor && Destructor->getVarDecl() == &Var &&
          Destructor->getTriggerStmt())
        Points.push_back(destructionPointOf(*Destructor->getTriggerStmt()));
    for (const CFGBlock *Succ : Block->succs())
      if (Succ && !Reached.test(Succ->getBlockID())) {
        Reached.set(Succ->getBlockID());
        Work.push_back(Succ);
      }
  }
  llvm::sort(Points, [&](const DestructionPoint &A, const DestructionPoint &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  Points.erase(
      llvm::unique(Points,
                   [](const DestructionPoint &A, const DestructionPoint &B) {
                     return A.Loc == B.Loc;
                   }),
      Points.end());
  return Points;
}

/// The class of the objects a local of type \p T destroys (an array's
/// elements), or null.
const CXXRecordDecl *destroyedClass(QualType T, const ASTContext &Ctx) {
  if (T.isNull() || T->isDependentType() || T->isReferenceType())
    return nullptr;
  const CXXRecordDecl *Class = Ctx.getBaseElementType(T)->getAsCXXRecordDecl();
  if (!Class || !Class->hasDefinition() || Class->isDependentContext())
    return nullptr;
  Class = Class->getDefinition();
  return Class->hasTrivialDestructor() ? nullptr : Class;
}

} // namespace

const DestructorChain *
BlockingCallCheck::findDestructorChain(const CXXRecordDecl &Class,
                                       unsigned Depth, ASTContext &Ctx) {
  std::string Name = getPortableQualifiedName(Class);
  // std::jthread's destructor asks its thread to stop and joins it.
  if (Name == "std::jthread") {
    if (matchesAny(AllowedPatterns, "std::jthread::~jthread") ||
        matchesAny(AllowedPatterns, "std::jthread::join"))
      return nullptr;
    static const DestructorChain JThread{
        Category::Wait,          "'std::jthread::join'", {}, std::nullopt, "",
        /*OnlyWhenStarted=*/true};
    return &JThread;
  }
  // Library classes are judged by what they are, not by their bodies; a
  // union destroys no member by itself.
  if (Depth >= MaxHelperDepth || Class.isUnion() ||
      Ctx.getSourceManager().isInSystemHeader(Class.getLocation()))
    return nullptr;
  auto Key = std::make_pair(&Class, Depth);
  if (auto Known = DestructorChains.find(Key); Known != DestructorChains.end())
    return Known->second ? &*Known->second : nullptr;
  if (!ClassesInProgress.insert(&Class).second)
    return nullptr;
  std::optional<DestructorChain> Found;
  // The destructor's own body runs first (a class template's, when this
  // unit does not instantiate it)...
  const CXXDestructorDecl *Destructor = Class.getDestructor();
  const FunctionDecl *Searched =
      Destructor ? bodyToSearch(*Destructor) : nullptr;
  if (Searched && Searched->getBody())
    if (const Chain *Inner = findChainIn(*Destructor, Depth + 1, Ctx);
        Inner && !Inner->Steps.empty())
      Found = DestructorChain{
          Inner->Kind,
          Inner->BlockingName,
          {},
          *Inner,
          calleeName(*Destructor),
          isConditional(*Inner->Steps.front().Call, *Searched->getBody())};
  // ... then its members' and bases' destructors.
  auto Through = [&](QualType Type, SourceLocation Loc, std::string Note) {
    if (Found)
      return;
    const CXXRecordDecl *Part = destroyedClass(Type, Ctx);
    const DestructorChain *Inner =
        Part ? findDestructorChain(*Part, Depth + 1, Ctx) : nullptr;
    if (!Inner)
      return;
    Found = *Inner;
    Found->Path.insert(Found->Path.begin(), {Loc, std::move(Note)});
  };
  std::string Holder = "'" + getPortableQualifiedName(Class) + "'";
  for (const FieldDecl *Field : Class.fields())
    Through(Field->getType(), Field->getLocation(),
            "member '" + Field->getName().str() + "' is destroyed with the " +
                Holder + " that holds it");
  for (const CXXBaseSpecifier &Base : Class.bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      Through(Base.getType(), Base.getBeginLoc(),
              "base class '" + getPortableQualifiedName(*BaseClass) +
                  "' is destroyed with " + Holder);
  ClassesInProgress.erase(&Class);
  std::optional<DestructorChain> &Slot = DestructorChains[Key];
  Slot = std::move(Found);
  return Slot ? &*Slot : nullptr;
}

void BlockingCallCheck::checkDestroyedLocals(
    const FunctionDecl &Coroutine, const CoroutineBodyStmt &Body,
    const NonReturningCode &NeverReturns, ASTContext &Ctx) {
  const Stmt *Written = Body.getBody();
  if (!Written)
    return;
  LazyBodyParents Parents(*Written);
  std::optional<BodyCFG> Graph;
  SourceManager &SM = Ctx.getSourceManager();
  forEachStmtInFunction(Written, [&](const Stmt *S) {
    const auto *Declaration = dyn_cast<DeclStmt>(S);
    if (!Declaration || NeverReturns.contains(Declaration))
      return;
    for (const Decl *D : Declaration->decls()) {
      // Locals destroyed where their scope ends: not statics, not
      // references (a lifetime-extended temporary is not followed either).
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
        continue;
      const CXXRecordDecl *Class = destroyedClass(Var->getType(), Ctx);
      const DestructorChain *Found =
          Class ? findDestructorChain(*Class, 0, Ctx) : nullptr;
      if (!Found ||
          (Found->OnlyWhenStarted && !mayStartWork(Var->getInit(), SM)) ||
          !keepsItsWork(*Var, *Written, Parents))
        continue;
      if (const CXXMethodDecl *Shutdown = shutdownMethod(*Found);
          Shutdown && shutsDownExplicitly(*Var, *Shutdown, *Written))
        continue;
      // Where its destructor runs: none when no path leaves its scope
      // (clang could not build the graph: the end of its block).
      std::vector<DestructionPoint> Points;
      if (!Graph)
        Graph.emplace(Coroutine, *Written, Ctx);
      if (const CFG *Built = Graph->get()) {
        Points = destructionPoints(*Var, *Built, SM);
        if (Points.empty())
          continue;
      } else if (const auto *Block = dyn_cast_or_null<CompoundStmt>(
                     Parents.get().parent(*Declaration))) {
        Points.push_back(destructionPointOf(*Block));
      }
      if (!firstReportAt(Var->getLocation(), "destructor"))
        continue;
      std::string VarName = "'" + Var->getName().str() + "'";
      diag(Var->getLocation(), "destructor of %0 %1 inside a coroutine: it "
                               "calls %2")
          << VarName << describe(Found->Kind) << Found->BlockingName
          << Var->getSourceRange();
      for (const DestructionPoint &Point : Points)
        diag(Point.Loc, "%0 is destroyed here, %1", DiagnosticIDs::Note)
            << VarName << Point.Why;
      for (const auto &[Loc, Note] : Found->Path)
        diag(Loc, "%0", DiagnosticIDs::Note) << Note;
      if (!Found->Body)
        continue;
      // The chain down from the destructor's body, as reportChain words it.
      const Chain &Inner = *Found->Body;
      for (size_t I = 0; I < Inner.Steps.size(); ++I) {
        bool Last = I + 1 == Inner.Steps.size() && Inner.External.empty();
        diag(Inner.Steps[I].Call->getSourceRange().getBegin(),
             "%0 calls %1 here", DiagnosticIDs::Note)
            << (I == 0 ? Found->BodyName : Inner.Steps[I - 1].BodyName)
            << (Last ? Inner.BlockingName : Inner.Steps[I].Name);
      }
      for (const FactStep &Next : Inner.External)
        diag(locationOf(Next, SM), "%0 calls %1 here", DiagnosticIDs::Note)
            << Next.Caller << Next.Callee;
    }
  });
}

} // namespace clang::tidy::coro
