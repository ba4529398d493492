// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags

#include "lazy_task.h"
#include <mutex>

lib::Task<int> fetch(int);
std::mutex Mu;

// A lock taken inside a nested lambda does not span the outer coroutine's
// suspensions.
lib::Task<> lockInLambda() {
  auto Critical = [] {
    std::lock_guard<std::mutex> Guard(Mu);
    return 1;
  };
  Critical();
  co_await fetch(1);
}

// A co_await in a nested coroutine lambda suspends the lambda, not us.
lib::Task<> awaitInLambda() {
  std::lock_guard<std::mutex> Guard(Mu);
  auto Later = []() -> lib::Task<int> { co_return co_await fetch(2); };
  auto Task = Later();
  lib::spawn(std::move(Task));
  co_return;
}

// ... but the nested coroutine lambda is checked on its own.
void spawnLambda() {
  auto Body = []() -> lib::Task<> {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point
    co_await fetch(3);
  };
  lib::spawn(Body());
}

// Templates: reported once for the written guard.
template <typename M> lib::Task<> generic(M &Mutex) {
  std::lock_guard<M> Guard(Mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: thread lock 'Guard' on 'Mutex' is held across a suspension point
  co_await fetch(4);
}
std::recursive_mutex Recursive;
void instantiate() {
  lib::spawn(generic(Mu));
  lib::spawn(generic(Recursive));
}

// Instantiated only with a non-thread mutex: quiet.
template <typename M> lib::Task<> onlyAsync(M &Mutex) {
  std::unique_lock<M> Guard(Mutex);
  co_await fetch(5);
}
lib::AsyncMutex Async;
void instantiateAsync() { lib::spawn(onlyAsync(Async)); }
