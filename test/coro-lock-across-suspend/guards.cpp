// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags

#include "generator.h"
#include "lazy_task.h"
#include <mutex>
#include <shared_mutex>

lib::Task<int> fetch(int);

std::mutex Mu;
std::mutex Other;
std::recursive_mutex Recursive;
std::timed_mutex Timed;
std::recursive_timed_mutex RecursiveTimed;
std::shared_mutex Shared;
std::shared_timed_mutex SharedTimed;

lib::Task<> eachGuard() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(1);
  }
  {
    std::lock_guard Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: thread lock 'Guard' on 'Mu' is held across a suspension point
    co_await fetch(2);
  }
  {
    std::unique_lock<std::mutex> Lock(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: thread lock 'Lock' on 'Mu' is held
    co_await fetch(3);
  }
  {
    std::unique_lock Lock(Recursive);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: thread lock 'Lock' on 'Recursive' is held
    co_await fetch(4);
  }
  {
    std::scoped_lock Both(Mu, Other);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: thread lock 'Both' on 'Mu', 'Other' is held
    co_await fetch(5);
  }
  {
    std::scoped_lock<std::timed_mutex, std::recursive_timed_mutex> Both(Timed, RecursiveTimed);
    // CHECK-MESSAGES: :[[@LINE-1]]:68: warning: thread lock 'Both' on 'Timed', 'RecursiveTimed' is held
    co_await fetch(6);
  }
  {
    std::shared_lock<std::shared_mutex> Reader(Shared);
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: thread lock 'Reader' on 'Shared' is held
    co_await fetch(7);
  }
  {
    std::shared_lock Reader(SharedTimed);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: thread lock 'Reader' on 'SharedTimed' is held
    co_await fetch(8);
  }
}

// adopt_lock and try_to_lock guards hold the lock too.
lib::Task<> adoptAndTry() {
  Mu.lock();
  std::lock_guard<std::mutex> Adopted(Mu, std::adopt_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Adopted' on 'Mu' is held
  co_await fetch(9);
}
lib::Task<> tryToLock() {
  std::unique_lock<std::mutex> Tried(Mu, std::try_to_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Tried' on 'Mu' is held
  co_await fetch(10);
}

// co_yield suspends a generator just the same.
gen::Generator<int> producer() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held
  co_yield 1;
}

// Suspensions inside initializers and conditions (llvm issue 72793).
lib::Task<> initializers() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held
  int X = co_await fetch(11);
  if (co_await fetch(X)) {
  }
}

//===--- Look-alikes -------------------------------------------------------===//

// The lock's scope ends before the suspension.
lib::Task<> scopedBeforeAwait() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
  }
  co_await fetch(12);
}

// Guards over a coroutine-aware mutex, or a library spin lock, are no thread
// locks: decided by the mutex type, not the guard's name.
struct SpinLock {
  void lock() {}
  void unlock() {}
};
lib::AsyncMutex Async;
SpinLock Spin;
lib::Task<> notThreadLocks() {
  auto Held = co_await Async.scoped_lock_async();
  co_await fetch(13);
  std::unique_lock<lib::AsyncMutex> Wrapped(Async);
  co_await fetch(14);
  std::lock_guard<SpinLock> Spinning(Spin);
  co_await fetch(15);
}

// A plain function may hold a lock; it does not suspend.
void plain() {
  std::lock_guard<std::mutex> Guard(Mu);
  auto Task = fetch(16);
  lib::sync_wait(std::move(Task));
}
