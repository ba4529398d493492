//===--- LockModel.cpp - corolint -----------------------------------------===//

#include "LockModel.h"
#include "clang/AST/Attr.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include <deque>

namespace clang::tidy::coro {

namespace {

bool isStdRecordNamed(const CXXRecordDecl *RD,
                      std::initializer_list<llvm::StringRef> Names) {
  if (!RD || !RD->isInStdNamespace() || !RD->getDeclName().isIdentifier())
    return false;
  return llvm::is_contained(Names, RD->getName());
}

const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

/// The declaration an expression names (a variable, a member, `this`), used
/// to tell whether a method is called on a local guard.
const VarDecl *referencedLocal(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts()
                                                   : nullptr);
  if (!Ref)
    return nullptr;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  return Var && Var->hasLocalStorage() ? Var : nullptr;
}

bool isTagType(QualType T, llvm::StringRef Name) {
  const CXXRecordDecl *RD = recordOf(T);
  return isStdRecordNamed(RD, {Name});
}

} // namespace

std::string getSourceText(const Expr &E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(E.getSourceRange());
  llvm::StringRef Text =
      Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  if (!Text.empty())
    return Text.str();
  // From a macro or an instantiation without spelling: print it.
  std::string Printed;
  llvm::raw_string_ostream OS(Printed);
  E.printPretty(OS, nullptr, Ctx.getPrintingPolicy());
  return Printed;
}

ThreadLockModel::ThreadLockModel(const LockTypeOptions &Options)
    : ExtraMutexes(compileRegexList(Options.ThreadMutexTypes)),
      AlwaysLockingGuards(compileRegexList(Options.RAIITypesList)),
      AsyncMutexes(compileRegexList(Options.AsyncMutexTypes)) {}

bool ThreadLockModel::isThreadMutex(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (const auto *Pointee = T->getPointeeType().getTypePtrOrNull())
    T = QualType(Pointee, 0);
  // pthread_mutex_t is a typedef of an anonymous union.
  if (const auto *Typedef = T->getAs<TypedefType>())
    if (Typedef->getDecl()->getName() == "pthread_mutex_t")
      return true;
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  std::string Name = RD->getQualifiedNameAsString();
  if (matchesAny(AsyncMutexes, Name))
    return false;
  if (isStdRecordNamed(RD, {"mutex", "timed_mutex", "recursive_mutex",
                            "recursive_timed_mutex", "shared_mutex",
                            "shared_timed_mutex"}))
    return true;
  if (matchesAny(ExtraMutexes, Name))
    return true;
  const CXXRecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
  return Def->hasAttr<CapabilityAttr>();
}

bool ThreadLockModel::isGuardTemplate(const CXXRecordDecl &RD) const {
  return isStdRecordNamed(&RD, {"lock_guard", "unique_lock", "scoped_lock",
                                "shared_lock"});
}

std::optional<ThreadLockModel::Guard>
ThreadLockModel::getGuard(const VarDecl &Var, ASTContext &Ctx) const {
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var))
    return std::nullopt;
  const CXXRecordDecl *RD = recordOf(Var.getType());
  if (!RD || Var.getType()->isReferenceType())
    return std::nullopt;
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
      Var.getInit() ? Var.getInit()->IgnoreImplicit() : nullptr);
  const CXXRecordDecl *Def = RD->getDefinition() ? RD->getDefinition() : RD;
  bool ListedGuard = matchesAny(AlwaysLockingGuards,
                                RD->getQualifiedNameAsString());
  bool AnnotatedGuard = Def->hasAttr<ScopedLockableAttr>();
  if (!isGuardTemplate(*RD) && !ListedGuard && !AnnotatedGuard)
    return std::nullopt;
  if (!Construct)
    return std::nullopt;

  Guard Result;
  llvm::SmallVector<std::string, 2> Mutexes;
  bool OverThreadMutex = false;
  for (const Expr *Arg : Construct->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    QualType ArgType = Arg->getType();
    if (isTagType(ArgType, "defer_lock_t")) {
      Result.StartsLocked = false;
      continue;
    }
    if (isTagType(ArgType, "adopt_lock_t")) {
      Result.Adopts = true;
      continue;
    }
    if (isTagType(ArgType, "try_to_lock_t"))
      continue;
    // A guard built from another guard (a move) takes over its lock; the
    // analysis does not follow that hand-over.
    if (const CXXRecordDecl *ArgRD = recordOf(ArgType);
        ArgRD && ArgRD->getCanonicalDecl() == RD->getCanonicalDecl())
      return std::nullopt;
    if (isThreadMutex(ArgType)) {
      OverThreadMutex = true;
      Mutexes.push_back(getSourceText(*Arg, Ctx));
    } else if (ArgType->isRecordType() || ArgType->isPointerType()) {
      Mutexes.push_back(getSourceText(*Arg, Ctx));
    }
  }
  // Decide by the mutex: std guards and annotated guards must wrap a thread
  // mutex; guards listed in RAIITypesList always hold one.
  if (!OverThreadMutex && !ListedGuard)
    return std::nullopt;
  if (Mutexes.empty())
    return std::nullopt;
  Result.Mutexes = llvm::join(Mutexes, "', '");
  Result.MutexKeys.assign(Mutexes.begin(), Mutexes.end());
  return Result;
}

std::optional<ThreadLockModel::ManualOp>
ThreadLockModel::getManualOp(const CallExpr &Call, ASTContext &Ctx) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Object || !isThreadMutex(Object->getType()))
      return std::nullopt;
    std::string Key = getSourceText(*Object->IgnoreParenImpCasts(), Ctx);
    if (Name == "lock" || Name == "lock_shared")
      return ManualOp{OpKind::Lock, Key};
    if (Name == "unlock" || Name == "unlock_shared")
      return ManualOp{OpKind::Unlock, Key};
    return std::nullopt;
  }
  if ((Name == "pthread_mutex_lock" || Name == "pthread_mutex_unlock") &&
      Call.getNumArgs() == 1 && Callee->isExternC()) {
    const Expr *Arg = Call.getArg(0)->IgnoreParenImpCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      Arg = AddrOf->getSubExpr()->IgnoreParenImpCasts();
    OpKind Kind = Name == "pthread_mutex_lock" ? OpKind::Lock : OpKind::Unlock;
    return ManualOp{Kind, getSourceText(*Arg, Ctx)};
  }
  return std::nullopt;
}

std::optional<ThreadLockModel::GuardOp>
ThreadLockModel::getGuardOp(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const VarDecl *Guard = referencedLocal(Member->getImplicitObjectArgument());
    if (!Guard)
      return std::nullopt;
    if (Name == "lock" || Name == "lock_shared")
      return GuardOp{GuardOpKind::Relock, Guard};
    if (Name == "unlock" || Name == "unlock_shared" || Name == "release")
      return GuardOp{GuardOpKind::Release, Guard};
    return std::nullopt;
  }
  // std::move(lk): whoever receives it now owns the lock.
  if ((Name == "move" || Name == "forward") && Callee->isInStdNamespace() &&
      Call.getNumArgs() == 1)
    if (const VarDecl *Guard = referencedLocal(Call.getArg(0)))
      return GuardOp{GuardOpKind::Release, Guard};
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// The "may hold" analysis
//===----------------------------------------------------------------------===//

namespace {

/// Runs the forward analysis. Facts are bits, one per acquisition site; the
/// join is union (a lock held on any incoming path may be held).
class HeldLockAnalysis {
public:
  HeldLockAnalysis(const CFG &Graph, ASTContext &Ctx,
                   const ThreadLockModel &Locks,
                   llvm::function_ref<bool(const Expr &)> CountsAsSuspension)
      : Graph(Graph), Ctx(Ctx), Locks(Locks),
        CountsAsSuspension(CountsAsSuspension) {}

  std::vector<HeldLock> run() {
    collectAcquisitions();
    if (Sites.empty())
      return {};
    solve();
    std::vector<HeldLock> Result;
    for (Site &S : Sites) {
      if (S.Lock.Suspensions.empty())
        continue;
      llvm::sort(S.Lock.Suspensions, [&](const Expr *A, const Expr *B) {
        return Ctx.getSourceManager().isBeforeInTranslationUnit(
            A->getBeginLoc(), B->getBeginLoc());
      });
      Result.push_back(std::move(S.Lock));
    }
    return Result;
  }

private:
  struct Site {
    HeldLock Lock;
    std::string MutexKey;      ///< For manual locks.
    const VarDecl *GuardKey;   ///< The guard this site locks through.
    bool StartsLocked = true;
    /// For std::adopt_lock guards: the manual locks they take over.
    llvm::SmallVector<std::string, 2> AdoptedKeys;
    llvm::SmallPtrSet<const Expr *, 4> SeenSuspensions;
  };

  /// First pass: every statement that can take a lock becomes a site.
  void collectAcquisitions() {
    for (const CFGBlock *Block : Graph)
      for (const CFGElement &Element : *Block)
        if (auto S = Element.getAs<CFGStmt>())
          addSiteFor(S->getStmt());
  }

  void addSiteFor(const Stmt *S) {
    if (SiteOf.count(S))
      return;
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      for (const auto *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (auto Guard = Locks.getGuard(*Var, Ctx)) {
            Site NewSite;
            NewSite.Lock.Loc = Var->getLocation();
            NewSite.Lock.Guard = Var;
            NewSite.Lock.Mutexes = Guard->Mutexes;
            NewSite.GuardKey = Var;
            NewSite.StartsLocked = Guard->StartsLocked;
            if (Guard->Adopts)
              NewSite.AdoptedKeys = Guard->MutexKeys;
            GuardMutexes[Var] = Guard->Mutexes;
            SiteOf[S] = Sites.size();
            Sites.push_back(std::move(NewSite));
          }
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      return;
    if (auto Op = Locks.getManualOp(*Call, Ctx);
        Op && Op->Kind == ThreadLockModel::OpKind::Lock) {
      Site NewSite;
      NewSite.Lock.Loc = Call->getExprLoc();
      NewSite.Lock.Call = Call;
      NewSite.Lock.Mutexes = Op->MutexKey;
      NewSite.MutexKey = Op->MutexKey;
      NewSite.GuardKey = nullptr;
      SiteOf[S] = Sites.size();
      Sites.push_back(std::move(NewSite));
    }
  }

  /// Sites created by guard re-locks (`lk.lock()`) need the guard's mutex
  /// name, known only once the guard's declaration was seen.
  std::optional<size_t> relockSite(const CallExpr &Call, const VarDecl &Guard) {
    auto Mutex = GuardMutexes.find(&Guard);
    if (Mutex == GuardMutexes.end())
      return std::nullopt;
    auto Existing = SiteOf.find(&Call);
    if (Existing != SiteOf.end())
      return Existing->second;
    Site NewSite;
    NewSite.Lock.Loc = Call.getExprLoc();
    NewSite.Lock.Call = &Call;
    NewSite.Lock.Mutexes = Mutex->second;
    NewSite.GuardKey = &Guard;
    SiteOf[&Call] = Sites.size();
    Sites.push_back(std::move(NewSite));
    return Sites.size() - 1;
  }

  void releaseWhere(llvm::BitVector &Held,
                    llvm::function_ref<bool(const Site &)> Matches) {
    for (unsigned I = 0; I < Sites.size(); ++I)
      if (Matches(Sites[I]))
        Held.reset(I);
  }

  void grow(llvm::BitVector &Held) {
    if (Held.size() < Sites.size())
      Held.resize(Sites.size());
  }

  void transfer(const CFGElement &Element, llvm::BitVector &Held) {
    grow(Held);
    if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
      const VarDecl *Var = Dtor->getVarDecl();
      releaseWhere(Held, [&](const Site &S) { return S.GuardKey == Var; });
      return;
    }
    auto StmtElement = Element.getAs<CFGStmt>();
    if (!StmtElement)
      return;
    const Stmt *S = StmtElement->getStmt();
    if (auto Found = SiteOf.find(S); Found != SiteOf.end()) {
      // A guard's declaration or a manual lock().
      const Site &Acquired = Sites[Found->second];
      // An adopting guard now owns the manual lock: one finding, not two.
      for (const std::string &Key : Acquired.AdoptedKeys)
        releaseWhere(Held, [&](const Site &S) {
          return !S.GuardKey && S.MutexKey == Key;
        });
      if (Acquired.StartsLocked)
        Held.set(Found->second);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      transferCall(*Call, Held);
      return;
    }
    if (const auto *Suspension = dyn_cast<Expr>(S);
        Suspension && isExplicitSuspension(S) &&
        CountsAsSuspension(*Suspension))
      transferSuspension(*Suspension, Held);
  }

  /// A guard named in the awaited expression is handed to the awaiter, which
  /// may release it in await_suspend (`co_await cv.wait(lock)`, an awaiter
  /// that queues the coroutine, then unlocks): from here on it is not known
  /// to be held.
  void transferSuspension(const Expr &Suspension, llvm::BitVector &Held) {
    const Expr *Operand = nullptr;
    if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(&Suspension))
      Operand = Await->getOperand();
    else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(&Suspension))
      Operand = Dependent->getOperand();
    llvm::SmallPtrSet<const VarDecl *, 4> HandedOver;
    forEachStmtInFunction(Operand, [&](const Stmt *Child) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Child))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
          HandedOver.insert(Var);
    });
    releaseWhere(Held, [&](const Site &S) {
      return S.GuardKey && HandedOver.count(S.GuardKey);
    });
    for (unsigned I : Held.set_bits())
      if (Sites[I].SeenSuspensions.insert(&Suspension).second)
        Sites[I].Lock.Suspensions.push_back(&Suspension);
  }

  void transferCall(const CallExpr &Call, llvm::BitVector &Held) {
    if (auto Op = Locks.getManualOp(Call, Ctx)) {
      if (Op->Kind == ThreadLockModel::OpKind::Unlock)
        releaseWhere(Held, [&](const Site &S) {
          return !S.GuardKey && S.MutexKey == Op->MutexKey;
        });
      return;
    }
    auto Op = ThreadLockModel::getGuardOp(Call);
    if (!Op || !GuardMutexes.count(Op->Guard))
      return;
    releaseWhere(Held, [&](const Site &S) { return S.GuardKey == Op->Guard; });
    if (Op->Kind == ThreadLockModel::GuardOpKind::Relock)
      if (auto Index = relockSite(Call, *Op->Guard)) {
        grow(Held);
        Held.set(*Index);
      }
  }

  void solve() {
    unsigned NumBlocks = Graph.getNumBlockIDs();
    std::vector<llvm::BitVector> Out(NumBlocks);
    std::vector<bool> Visited(NumBlocks, false);
    std::deque<const CFGBlock *> Work;
    std::vector<bool> Queued(NumBlocks, false);
    Work.push_back(&Graph.getEntry());
    Queued[Graph.getEntry().getBlockID()] = true;
    while (!Work.empty()) {
      const CFGBlock *Block = Work.front();
      Work.pop_front();
      Queued[Block->getBlockID()] = false;
      llvm::BitVector Held(Sites.size());
      for (const CFGBlock *Pred : Block->preds())
        if (Pred) {
          llvm::BitVector PredOut = Out[Pred->getBlockID()];
          PredOut.resize(std::max(PredOut.size(), Held.size()));
          Held.resize(PredOut.size());
          Held |= PredOut;
        }
      for (const CFGElement &Element : *Block)
        transfer(Element, Held);
      unsigned ID = Block->getBlockID();
      llvm::BitVector &Previous = Out[ID];
      Previous.resize(std::max(Previous.size(), Held.size()));
      Held.resize(Previous.size());
      if (Visited[ID] && Previous == Held)
        continue;
      Visited[ID] = true;
      Previous = Held;
      for (const CFGBlock *Succ : Block->succs())
        if (Succ && !Queued[Succ->getBlockID()]) {
          Queued[Succ->getBlockID()] = true;
          Work.push_back(Succ);
        }
    }
  }

  const CFG &Graph;
  ASTContext &Ctx;
  const ThreadLockModel &Locks;
  llvm::function_ref<bool(const Expr &)> CountsAsSuspension;
  std::vector<Site> Sites;
  llvm::DenseMap<const Stmt *, size_t> SiteOf;
  llvm::DenseMap<const VarDecl *, std::string> GuardMutexes;
};

} // namespace

std::vector<HeldLock> findLocksHeldAcrossSuspension(
    const FunctionDecl &Coroutine, ASTContext &Ctx,
    const ThreadLockModel &Locks,
    llvm::function_ref<bool(const Expr &)> CountsAsSuspension) {
  const CoroutineBodyStmt *Body = getCoroutineBody(&Coroutine);
  if (!Body || !Body->getBody())
    return {};
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = false;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Coroutine, Body->getBody(), &Ctx, Options);
  if (!Graph)
    return {};
  return HeldLockAnalysis(*Graph, Ctx, Locks, CountsAsSuspension).run();
}

} // namespace clang::tidy::coro
