//===--- HeldLocks.cpp - corolint -----------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LockModel.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include <deque>

namespace clang::tidy::coro {

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
    std::string MutexKey;    ///< For manual locks.
    const VarDecl *GuardKey; ///< The guard this site locks through.
    bool StartsLocked = true;
    /// For std::adopt_lock guards: the manual locks they take over.
    llvm::SmallVector<std::string, 2> AdoptedKeys;
    llvm::SmallPtrSet<const Expr *, 4> SeenSuspensions;
  };

  /// First pass: every statement that can take a lock becomes a site, and
  /// every local guard is known by its variable.
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
          addGuard(*S, *Var);
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

  void addGuard(const Stmt &Declaration, const VarDecl &Var) {
    std::optional<ThreadLockModel::Guard> Guard = Locks.getGuard(Var, Ctx);
    if (!Guard) {
      // A guard moved from another one (`std::unique_lock B(std::move(A))`)
      // is followed through the move itself.
      if (Var.hasLocalStorage() && Locks.isGuardType(Var.getType()))
        GuardMutexes.try_emplace(&Var, "");
      return;
    }
    GuardMutexes[&Var] = Guard->Mutexes;
    if (Guard->Mutexes.empty())
      return; // Empty until a lock is moved or swapped into it.
    Site NewSite;
    NewSite.Lock.Loc = Var.getLocation();
    NewSite.Lock.Guard = &Var;
    NewSite.Lock.Mutexes = Guard->Mutexes;
    NewSite.GuardKey = &Var;
    NewSite.StartsLocked = Guard->StartsLocked;
    if (Guard->Adopts)
      NewSite.AdoptedKeys = Guard->MutexKeys;
    SiteOf[&Declaration] = Sites.size();
    Sites.push_back(std::move(NewSite));
  }

  /// Sites created by guard re-locks (`lk.lock()`) need the guard's mutex
  /// name, known only once the guard's declaration was seen.
  std::optional<size_t> relockSite(const CallExpr &Call, const VarDecl &Guard) {
    auto Mutex = GuardMutexes.find(&Guard);
    if (Mutex == GuardMutexes.end() || Mutex->second.empty())
      return std::nullopt;
    return takeOverSite(Call, &Guard, Mutex->second);
  }

  /// The site of a lock that \p Trigger hands to \p Guard (a relock, a swap,
  /// a move or an assignment), or to nobody (a release(): the mutex stays
  /// locked with no guard to unlock it).
  size_t takeOverSite(const Stmt &Trigger, const VarDecl *Guard,
                      const std::string &Mutexes) {
    auto Key = std::make_tuple(&Trigger, Guard, Mutexes);
    if (auto Existing = TakeOverSites.find(Key);
        Existing != TakeOverSites.end())
      return Existing->second;
    Site NewSite;
    NewSite.Lock.Loc = isa<DeclStmt>(Trigger) && Guard
                           ? Guard->getLocation()
                           : cast<Expr>(Trigger).getExprLoc();
    NewSite.Lock.Call = &Trigger;
    NewSite.Lock.Mutexes = Mutexes;
    NewSite.GuardKey = Guard;
    NewSite.MutexKey = Guard ? "" : Mutexes;
    TakeOverSites[Key] = Sites.size();
    Sites.push_back(std::move(NewSite));
    return Sites.size() - 1;
  }

  void releaseWhere(llvm::BitVector &Held,
                    llvm::function_ref<bool(const Site &)> Matches) {
    for (unsigned I = 0; I < Sites.size(); ++I)
      if (I < Held.size() && Matches(Sites[I]))
        Held.reset(I);
  }

  /// The sites \p Guard may hold; they are released from it.
  llvm::SmallVector<size_t, 2> takeFrom(llvm::BitVector &Held,
                                        const VarDecl *Guard) {
    llvm::SmallVector<size_t, 2> Taken;
    for (unsigned I : Held.set_bits())
      if (Sites[I].GuardKey == Guard)
        Taken.push_back(I);
    for (size_t I : Taken)
      Held.reset(I);
    return Taken;
  }

  /// Gives the locks of \p From (site indices) to \p Guard at \p Trigger.
  void giveTo(llvm::BitVector &Held, llvm::ArrayRef<size_t> From,
              const Stmt &Trigger, const VarDecl *Guard) {
    llvm::SmallVector<std::string, 2> Mutexes;
    for (size_t I : From)
      Mutexes.push_back(Sites[I].Lock.Mutexes);
    for (const std::string &Mutex : Mutexes) {
      size_t Index = takeOverSite(Trigger, Guard, Mutex);
      grow(Held);
      Held.set(Index);
    }
  }

  void grow(llvm::BitVector &Held) {
    if (Held.size() < Sites.size())
      Held.resize(Sites.size());
  }

  void transfer(const CFGElement &Element, llvm::BitVector &Held) {
    grow(Held);
    const VarDecl *Ended = nullptr;
    if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>())
      Ended = Dtor->getVarDecl();
    else if (auto Lifetime = Element.getAs<CFGLifetimeEnds>())
      Ended = Lifetime->getVarDecl();
    if (Ended) {
      // A guard's life ends at its scope's end, whatever its destructor
      // looks like.
      releaseWhere(Held, [&](const Site &S) { return S.GuardKey == Ended; });
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
    if (const auto *Declaration = dyn_cast<DeclStmt>(S)) {
      transferMovedIntoDeclaration(*Declaration, Held);
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

  /// The guard whose lock `std::move(G)` in \p E hands over, if any.
  const VarDecl *movedGuard(const Expr *E) {
    const auto *Call = dyn_cast_or_null<CallExpr>(ignoreImplicitWrappers(E));
    if (!Call)
      return nullptr;
    auto Op = ThreadLockModel::getGuardOp(*Call);
    if (!Op || Op->Kind != ThreadLockModel::GuardOpKind::MoveOut)
      return nullptr;
    return Op->Guard;
  }

  /// `std::unique_lock<std::mutex> B(std::move(A));`: B holds A's lock.
  void transferMovedIntoDeclaration(const DeclStmt &Declaration,
                                    llvm::BitVector &Held) {
    for (const Decl *D : Declaration.decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var || !GuardMutexes.count(Var) || !Var->getInit())
        continue;
      const auto *Construct =
          dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit());
      const Expr *Source = Construct && Construct->getNumArgs() == 1
                               ? Construct->getArg(0)
                               : Var->getInit();
      if (const VarDecl *From = movedGuard(Source))
        giveTo(Held, MovedOut.lookup(From), Declaration, Var);
    }
  }

  /// A guard named in the awaited expression is handed to the awaiter, which
  /// may release it in await_suspend (`co_await cv.wait(lock)`, an awaiter
  /// that queues the coroutine, then unlocks): from here on it is not known
  /// to be held.
  void transferSuspension(const Expr &Suspension, llvm::BitVector &Held) {
    const Expr *Operand = getSuspensionOperand(Suspension);
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
      if (Op->Kind != ThreadLockModel::OpKind::Unlock)
        return;
      // `Guard.release()->unlock()` unlocks what the release() let go of.
      const Expr *Object = getCallObject(Call);
      const Stmt *Releaser = Object ? Object->IgnoreParenImpCasts() : nullptr;
      releaseWhere(Held, [&](const Site &S) {
        return !S.GuardKey &&
               (S.MutexKey == Op->MutexKey || S.Lock.Call == Releaser);
      });
      return;
    }
    auto Op = ThreadLockModel::getGuardOp(Call);
    if (!Op || !GuardMutexes.count(Op->Guard))
      return;
    using Kind = ThreadLockModel::GuardOpKind;
    llvm::SmallVector<size_t, 2> Taken = takeFrom(Held, Op->Guard);
    switch (Op->Kind) {
    case Kind::Unlock:
      return;
    case Kind::Relock:
      if (auto Index = relockSite(Call, *Op->Guard)) {
        grow(Held);
        Held.set(*Index);
      }
      return;
    case Kind::Release:
      // The guard forgets its mutex without unlocking it.
      giveTo(Held, Taken, Call, nullptr);
      return;
    case Kind::MoveOut:
      MovedOut[Op->Guard] = Taken;
      return;
    case Kind::Swap: {
      if (!GuardMutexes.count(Op->Other)) {
        giveTo(Held, Taken, Call, Op->Guard); // Not followed: keep them.
        return;
      }
      llvm::SmallVector<size_t, 2> Others = takeFrom(Held, Op->Other);
      giveTo(Held, Taken, Call, Op->Other);
      giveTo(Held, Others, Call, Op->Guard);
      return;
    }
    case Kind::Assign: {
      // Move-assignment unlocks what the guard held and takes the value's.
      const Expr *Value = ignoreImplicitWrappers(Op->Value);
      if (const VarDecl *From = movedGuard(Value)) {
        giveTo(Held, MovedOut.lookup(From), Call, Op->Guard);
        return;
      }
      const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Value);
      if (!Construct)
        return;
      auto Guard = Locks.getGuard(*Construct, Ctx);
      if (Guard && Guard->StartsLocked && !Guard->Mutexes.empty()) {
        size_t Index = takeOverSite(Call, Op->Guard, Guard->Mutexes);
        grow(Held);
        Held.set(Index);
      }
      return;
    }
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
      // A std::move and the guard receiving it are in one full-expression,
      // hence one block: nothing moved out elsewhere is handed over here.
      MovedOut.clear();
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
  std::map<std::tuple<const Stmt *, const VarDecl *, std::string>, size_t>
      TakeOverSites;
  /// Every local guard over a thread mutex, and the mutexes it was built
  /// with (empty for guards that started empty).
  llvm::DenseMap<const VarDecl *, std::string> GuardMutexes;
  /// The locks a `std::move(G)` just took out of G, for the guard that
  /// receives them in the same expression.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<size_t, 2>> MovedOut;
};

} // namespace

std::vector<HeldLock> findLocksHeldAcrossSuspension(
    const FunctionDecl &Coroutine, ASTContext &Ctx,
    const ThreadLockModel &Locks,
    llvm::function_ref<bool(const Expr &)> CountsAsSuspension) {
  const CoroutineBodyStmt *Body = getCoroutineBody(&Coroutine);
  if (!Body || !Body->getBody())
    return {};
  BodyCFG Graph(Coroutine, *Body->getBody(), Ctx);
  if (!Graph.get())
    return {};
  return HeldLockAnalysis(*Graph.get(), Ctx, Locks, CountsAsSuspension).run();
}

} // namespace clang::tidy::coro
