// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags

// The situations of clang-tidy's cppcoreguidelines-no-suspend-with-lock
// test, written anew against real libstdc++/libc++ headers. Where a thread
// mutex really is held at a suspension, corolint reports it; where it is
// not (scope closed, unlocked, move-assigned from an empty guard, a
// default-constructed guard), corolint stays quiet. The differences are
// listed on docs/checks/coro-lock-across-suspend.md.

#include "generator.h"
#include "lazy_task.h"
#include <mutex>

std::mutex Mtx;
std::mutex Mtx2;
lib::Task<int> work();

lib::Task<> awaitsWithLock() {
  std::unique_lock<std::mutex> Lock(Mtx);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
  co_await work();
  co_await work();
  if (true)
    co_await work();
}

// Guard scopes: one lock per scope, each its own finding.
lib::Task<> scopes() {
  {
    // unlock() before the suspension: not held (the peer reports it).
    std::unique_lock<std::mutex> Lock(Mtx);
    Lock.unlock();
    co_await work();
  }
  {
    // release() lets the guard go but leaves the mutex locked.
    std::unique_lock<std::mutex> Lock(Mtx);
    Lock.release();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread lock on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  }
  {
    // Swapped into a live empty guard: still held, by the other guard.
    std::unique_lock<std::mutex> Lock(Mtx);
    std::unique_lock<std::mutex> Other;
    Lock.swap(Other);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread lock on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  }
  {
    // Swapped with another locked guard: both mutexes are held.
    std::unique_lock<std::mutex> Lock(Mtx);
    std::unique_lock<std::mutex> Other{Mtx2};
    std::swap(Lock, Other);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread lock on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: thread lock on 'Mtx2' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  }
  {
    // Move-assigned from an empty guard: the old lock is released.
    std::unique_lock<std::mutex> Lock(Mtx);
    Lock = std::unique_lock<std::mutex>{};
    co_await work();
  }
  {
    // Move-assigned from a guard over another mutex: that one is held.
    std::unique_lock<std::mutex> Lock(Mtx);
    Lock = std::unique_lock<std::mutex>{Mtx2};
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread lock on 'Mtx2' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  }
  {
    // Moved into another guard that is still alive.
    std::unique_lock<std::mutex> Lock(Mtx);
    std::unique_lock<std::mutex> Keeper(std::move(Lock));
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: thread lock on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  }
}

// Unlocking the mutex under a live guard is a bug of its own; the guard
// still holds it as far as the guard knows.
lib::Task<> underlyingUnlocked() {
  std::unique_lock<std::mutex> Lock(Mtx);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
  Mtx.unlock();
  co_await work();
}

// A default-constructed guard holds nothing (the peer reports it).
lib::Task<> emptyGuard() {
  std::unique_lock<std::mutex> Lock;
  co_await work();
}

lib::Task<> awaitBeforeLock() {
  co_await work();
  std::unique_lock<std::mutex> Lock(Mtx);
}

lib::Task<> lockInClosedScope() {
  {
    std::unique_lock<std::mutex> Lock(Mtx);
  }
  co_await work();
}

// A loop through goto: the guard's scope ends at the jump.
lib::Task<> withGoto() {
First:
  co_await work();
  std::unique_lock<std::mutex> Lock(Mtx);
  goto First;
}

// A function-try-block.
lib::Task<> inTry() try {
  std::unique_lock<std::mutex> Lock(Mtx);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
  co_await work();
} catch (...) {
}

// Lambdas: each coroutine lambda on its own; a plain lambda holding a lock
// around a call of a coroutine lambda suspends nothing.
void lambdas() {
  auto Coroutine = []() -> lib::Task<> {
    std::unique_lock<std::mutex> Lock(Mtx);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: thread lock 'Lock' on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  };
  auto Generic = [](auto &M) -> lib::Task<> {
    std::unique_lock<std::remove_reference_t<decltype(M)>> Lock(M);
    // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: thread lock 'Lock' on 'M' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  };
  std::unique_lock<std::mutex> Lock(Mtx);
  auto Task = Coroutine();
  auto Other = Generic(Mtx2);
  lib::spawn(std::move(Task));
  lib::spawn(std::move(Other));
}

// co_yield suspends too.
gen::Generator<int> yields() {
  std::unique_lock<std::mutex> Lock(Mtx);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
  co_yield 0;
}

// Templates, instantiated or not; class templates and member templates.
template <typename M> lib::Task<> overMutexType(M &Mutex) {
  std::unique_lock<M> Lock(Mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: thread lock 'Lock' on 'Mutex' is held across a suspension point [coro-lock-across-suspend]
  co_await work();
}

template <typename T> lib::Task<> overStdMutex(T) {
  std::unique_lock<std::mutex> Lock(Mtx);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
  co_await work();
}

// Never instantiated: a guard over a mutex of unknown type is not known to
// be a thread lock (the peer reports it); one over std::mutex is.
template <typename M> lib::Task<> neverOverMutexType(M &Mutex) {
  std::unique_lock<M> Lock(Mutex);
  co_await work();
}

template <typename T> lib::Task<> neverOverStdMutex(T) {
  std::unique_lock<std::mutex> Lock(Mtx);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mtx' is held across a suspension point [coro-lock-across-suspend]
  co_await work();
}

template <typename T> struct Container {
  lib::Task<> pushBack() {
    std::unique_lock<std::mutex> Lock(Mutex);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: thread lock 'Lock' on 'Mutex' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  }
  template <typename... Args> lib::Task<> emplaceBack(Args &&...) {
    std::unique_lock<std::mutex> Lock(Mutex);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: thread lock 'Lock' on 'Mutex' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
  }
  std::mutex Mutex;
};

// A mutex that is not a thread mutex.
struct MyOwnMutex {
  void lock();
  void unlock();
};

void instantiate() {
  MyOwnMutex Own;
  lib::spawn(overMutexType(Mtx));
  lib::spawn(overMutexType(Own));
  lib::spawn(overStdMutex(1));
  lib::spawn(overStdMutex(1.0));
}
