// RUN: %check_corolint %s coro-cleanup-after-suspend %t -- -- %std_flags

// A coroutine destroyed while suspended (a cancelled task, an abandoned lazy
// task, a generator whose reader stopped) never runs the statements after
// the suspension: a resource they release leaks.

#include "generator.h"
#include "lazy_task.h"
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <unistd.h>

lib::Task<int> fetch(int);
struct Buffer { int Size = 0; };
void use(Buffer *);

lib::Task<> deletes() {
  Buffer *B = new Buffer;
  use(B);
  co_await fetch(1);
  delete B;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'B' is released only if the coroutine resumes after suspending; destroyed while suspended (cancelled or abandoned), it leaks the memory: let an RAII owner release it [coro-cleanup-after-suspend]
}

lib::Task<> closesFiles(const char *Path) {
  FILE *F = std::fopen(Path, "r");
  int Fd = ::dup(0);
  void *Raw = std::malloc(16);
  int Value = co_await fetch(2);
  std::fclose(F);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'F' is released only if the coroutine resumes {{.*}} it leaks the resource
  ::close(Fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Fd' is released only if the coroutine resumes {{.*}} it leaks the resource
  std::free(Raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Raw' is released only if the coroutine resumes {{.*}} it leaks the memory
  (void)Value;
}

// A parameter the coroutine releases is held from its start.
lib::Task<> takesOwnership(FILE *F) {
  co_await fetch(3);
  std::fclose(F);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'F' is released only if the coroutine resumes
}

// A generator whose reader stops early is destroyed at its co_yield.
gen::Generator<int> lines(const char *Path) {
  FILE *F = std::fopen(Path, "r");
  for (int I = 0; I < 3; ++I)
    co_yield I;
  std::fclose(F);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'F' is released only if the coroutine resumes
}

// An async mutex locked before a suspension and unlocked after it stays
// locked for ever.
struct AsyncMutex {
  lib::Task<> lock();
  void unlock();
};
struct Cache {
  AsyncMutex Mutex;
  int Entries = 0;
  lib::Task<> refresh() {
    co_await Mutex.lock();
    Entries = co_await fetch(4);
    Mutex.unlock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Mutex' is released only if the coroutine resumes {{.*}} it leaks the lock
  }
};

// Not flagged: released before any suspension, owned by RAII, handed to an
// owner, a thread mutex (coro-lock-across-suspend's), no suspension at all.
lib::Task<> releasedBefore() {
  Buffer *B = new Buffer;
  use(B);
  delete B;
  co_await fetch(5);
}
lib::Task<> ownedByRaii() {
  auto B = std::make_unique<Buffer>();
  std::unique_ptr<FILE, int (*)(FILE *)> F(std::fopen("x", "r"), &std::fclose);
  co_await fetch(6);
}
lib::Task<> handedToOwner() {
  Buffer *B = new Buffer;
  std::unique_ptr<Buffer> Owner(B);
  co_await fetch(7);
  Owner.release();
  delete B;
}
template <class Fn> struct ScopeExit {
  Fn Run;
  ~ScopeExit() { Run(); }
};
template <class Fn> ScopeExit(Fn) -> ScopeExit<Fn>;
lib::Task<> scopeGuard() {
  FILE *F = std::fopen("x", "r");
  ScopeExit Close{[&] {
    if (F)
      std::fclose(F);
  }};
  co_await fetch(8);
  std::fclose(F);
  F = nullptr;
}
std::mutex ThreadMutex;
lib::Task<> threadMutex() {
  ThreadMutex.lock();
  co_await fetch(9);
  ThreadMutex.unlock();
}
lib::Task<> acquiredAfterSuspending() {
  co_await fetch(10);
  Buffer *B = new Buffer;
  use(B);
  delete B;
}
struct Unlockable {
  void unlock();
};
lib::Task<> unlockWithoutLock(Unlockable &U) {
  co_await fetch(11);
  U.unlock();
}

// Reduced from libcoro's shared-mutex tests: a lock taken by a try_lock
// loop (the loop suspends only while the lock is not held), and a second
// unlock after the first one's await: the last lock operation before the
// release decides.
struct SharedMutex {
  lib::Task<> lock();
  bool try_lock();
  lib::Task<> unlock();
  bool try_lock_shared();
  lib::Task<> unlock_shared();
  lib::Task<> yield();
};
lib::Task<> tryLockLoop(SharedMutex &M) {
  co_await M.lock();
  co_await fetch(12);
  co_await M.unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'M' is released only if the coroutine resumes {{.*}} it leaks the lock
  while (!M.try_lock())
    co_await M.yield();
  co_await M.unlock();
}
lib::Task<> unlockTwice(SharedMutex &M) {
  M.try_lock_shared();
  co_await M.unlock_shared();
  co_await M.unlock_shared();
}

// Held from the last write before the release: nothing held at the
// suspension when the handle was null then, or acquired after it.
lib::Task<> acquiredLater(const char *Path) {
  FILE *F = nullptr;
  int Fd = -1;
  co_await fetch(13);
  F = std::fopen(Path, "r");
  Fd = ::dup(0);
  std::fclose(F);
  ::close(Fd);
}
lib::Task<> reacquired(const char *Path) {
  FILE *F = std::fopen(Path, "r");
  std::fclose(F);
  F = nullptr;
  co_await fetch(14);
  F = std::fopen(Path, "r");
  std::fclose(F);
}
// A member's resource is its object's (its destructor may release it); a
// reference parameter's is the caller's.
struct Sink {
  int Fd = -1;
  lib::Task<> flushAndClose() {
    co_await fetch(15);
    ::close(Fd);
  }
};
lib::Task<> closesCallers(FILE *&F) {
  co_await fetch(16);
  std::fclose(F);
}
// A release in the other branch than the suspension: no path between them.
lib::Task<> otherBranch(bool Wait, const char *Path) {
  FILE *F = std::fopen(Path, "r");
  if (Wait) {
    co_await fetch(17);
  } else {
    std::fclose(F);
  }
}
