// RUN: %check_corolint %s coro-cleanup-after-suspend %t -- -- %std_flags

// A lock named by its access path (`Self->Doc->Mutex`, `Obj.Gate`), taken
// by `co_await Mutex` or a `Lock()`, and resources released through a
// helper function or a local lambda called after the suspension.

#include "lazy_task.h"
#include <cstdio>
#include <memory>
#include <mutex>

lib::Task<int> fetch(int);

struct AsyncMutex {
  lib::Task<> lock();
  bool try_lock();
  void unlock();
};
// A mutex awaited itself: its operator co_await takes the lock.
struct AwaitableMutex {
  struct Acquire {
    bool await_ready() noexcept;
    void await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() noexcept;
  };
  Acquire operator co_await() noexcept;
  void unlock();
};
// Spelled the Go and Abseil way.
struct GoMutex {
  lib::Task<> Lock();
  bool TryLock();
  void Unlock();
};

struct Document {
  AsyncMutex Mutex;
  int Version = 0;
};
struct Session {
  Document *Doc = nullptr;
  GoMutex Strand;
};

lib::Task<> edit(std::shared_ptr<Session> Self) {
  co_await Self->Doc->Mutex.lock();
  Self->Doc->Version = co_await fetch(1);
  Self->Doc->Mutex.unlock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Self->Doc->Mutex' is released only if the coroutine resumes after suspending; destroyed while suspended (cancelled or abandoned), it leaks the lock: let an RAII owner release it [coro-cleanup-after-suspend]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: the coroutine may be destroyed while suspended here
}

lib::Task<> strand(Session *S, Document Local) {
  co_await S->Strand.Lock();
  co_await fetch(2);
  S->Strand.Unlock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'S->Strand' is released only if the coroutine resumes {{.*}} it leaks the lock
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the coroutine may be destroyed while suspended here
  co_await Local.Mutex.lock();
  co_await fetch(3);
  Local.Mutex.unlock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Local.Mutex' is released only if the coroutine resumes {{.*}} it leaks the lock
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the coroutine may be destroyed while suspended here
}

lib::Task<> awaitsTheMutex(AwaitableMutex &M) {
  co_await M;
  co_await fetch(4);
  M.unlock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'M' is released only if the coroutine resumes {{.*}} it leaks the lock
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the coroutine may be destroyed while suspended here
}

// Released by a helper: the warning at the call, a note at the release.
void releaseDocument(Document &D) {
  D.Mutex.unlock();
}
void closeLog(FILE *Log) { std::fclose(Log); }
lib::Task<> helpers(Session &S, const char *Path) {
  FILE *Log = std::fopen(Path, "a");
  co_await S.Doc->Mutex.lock();
  co_await fetch(5);
  releaseDocument(*S.Doc);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'S.Doc->Mutex' is released only if the coroutine resumes {{.*}} it leaks the lock
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the coroutine may be destroyed while suspended here
  // CHECK-NOTES: :[[@LINE-10]]:3: note: 'releaseDocument' releases it here
  closeLog(Log);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Log' is released only if the coroutine resumes {{.*}} it leaks the resource
  // CHECK-NOTES: :[[@LINE-8]]:3: note: the coroutine may be destroyed while suspended here
  // CHECK-NOTES: :[[@LINE-12]]:28: note: 'closeLog' releases it here
}

class Cache {
public:
  lib::Task<> refresh() {
    co_await Mutex.lock();
    Entries = co_await fetch(6);
    finish();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'Mutex' is released only if the coroutine resumes {{.*}} it leaks the lock
    // CHECK-NOTES: :[[@LINE-3]]:15: note: the coroutine may be destroyed while suspended here
    // CHECK-NOTES: :[[@LINE+14]]:5: note: 'finish' releases it here
  }
  lib::Task<> refreshWithLambda() {
    auto Unlock = [this] { Mutex.unlock(); };
    co_await Mutex.lock();
    co_await fetch(7);
    Unlock();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'Mutex' is released only if the coroutine resumes {{.*}} it leaks the lock
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the coroutine may be destroyed while suspended here
    // CHECK-NOTES: :[[@LINE-6]]:28: note: 'Unlock' releases it here
  }

private:
  void finish() {
    Mutex.unlock();
  }
  AsyncMutex Mutex;
  int Entries = 0;
};

// A lambda that takes the mutex as its parameter: the argument's path.
lib::Task<> lambdaParameter(AsyncMutex &A, AsyncMutex &B) {
  auto Release = [](AsyncMutex &X) { X.unlock(); };
  co_await A.lock();
  co_await fetch(8);
  Release(B);
  Release(A);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'A' is released only if the coroutine resumes {{.*}} it leaks the lock
  // CHECK-NOTES: :[[@LINE-4]]:3: note: the coroutine may be destroyed while suspended here
  // CHECK-NOTES: :[[@LINE-7]]:38: note: 'Release' releases it here
}

// In a class template, instantiated or not.
template <typename T> struct Registry {
  lib::Task<> update(std::shared_ptr<Session> Self) {
    co_await Self->Doc->Mutex.lock();
    Value = co_await fetch(9);
    Self->Doc->Mutex.unlock();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'Self->Doc->Mutex' is released only if the coroutine resumes {{.*}} it leaks the lock
    // CHECK-NOTES: :[[@LINE-3]]:13: note: the coroutine may be destroyed while suspended here
  }
  T Value{};
};
template <typename T> struct NeverInstantiated {
  lib::Task<> update() {
    co_await Mutex.lock();
    co_await fetch(10);
    done();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'Mutex' is released only if the coroutine resumes {{.*}} it leaks the lock
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the coroutine may be destroyed while suspended here
    // CHECK-NOTES: :[[@LINE+3]]:17: note: 'done' releases it here
  }
  T Value{};
  void done() { Mutex.unlock(); }
  AsyncMutex Mutex;
};
template struct Registry<int>;

// Not flagged: another object's lock, a try-lock, a lock owned by a guard,
// a helper run before the suspension, a helper releasing its own local, a
// thread mutex released by a helper.
lib::Task<> otherObject(Session *A, Session *B) {
  co_await A->Doc->Mutex.lock();
  co_await fetch(11);
  B->Doc->Mutex.unlock();
}
lib::Task<> tryLock(Session *S) {
  if (S->Strand.TryLock()) {
    co_await fetch(12);
    S->Strand.Unlock();
  }
}
template <class F> struct ScopeExit {
  F Run;
  ~ScopeExit() { Run(); }
};
template <class F> ScopeExit(F) -> ScopeExit<F>;
lib::Task<> guarded(Document &D) {
  co_await D.Mutex.lock();
  ScopeExit Guard{[&] { D.Mutex.unlock(); }};
  co_await fetch(13);
}
lib::Task<> helperLambdaHandedToAGuard(Document &D) {
  auto Unlock = [&] { D.Mutex.unlock(); };
  co_await D.Mutex.lock();
  ScopeExit Guard{Unlock};
  co_await fetch(14);
  Unlock();
}
lib::Task<> helperFirst(Document &D) {
  co_await D.Mutex.lock();
  releaseDocument(D);
  co_await fetch(15);
}
void ownLog() {
  FILE *Own = std::fopen("own", "r");
  std::fclose(Own);
}
std::mutex Thread;
void unlockThread(std::mutex &M) { M.unlock(); }
lib::Task<> notReleases(Document &D) {
  co_await fetch(16);
  ownLog();
  Thread.lock();
  co_await fetch(18);
  unlockThread(Thread);
}
