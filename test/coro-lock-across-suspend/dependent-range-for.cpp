// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags

// Template code as written: a range-based `for` over a dependent range
// leaves its iteration to the instantiation. The rest of the coroutine is
// analysed all the same, and the loop runs its body any number of times.

#include "lazy_task.h"
#include <mutex>
#include <shared_mutex>
#include <vector>

lib::Task<int> fetch(int);
template <typename T> lib::Task<int> fetchOne(const T &);

template <typename Key> class Cache {
public:
  // A loop over a dependent range, then a guard held at the co_await.
  template <typename Range> lib::Task<> refresh(const Range &Keys) {
    for (const auto &K : Keys)
      Pending.push_back(K);
    std::lock_guard<std::mutex> Guard(Mutex);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mutex' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(1);
  }

  // The guard in the loop's body, held at the body's co_await.
  template <typename Range> lib::Task<> each(const Range &Keys) {
    for (const auto &K : Keys) {
      std::unique_lock<std::mutex> Lock(Mutex);
      // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: thread lock 'Lock' on 'Mutex' is held across a suspension point [coro-lock-across-suspend]
      co_await fetchOne(K);
    }
  }

  // A manual lock taken before the loop, awaited in it.
  lib::Task<> drain(std::vector<Key> Keys) {
    Mutex.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: thread lock on 'Mutex' is held across a suspension point [coro-lock-across-suspend]
    for (auto &K : Keys)
      co_await fetchOne(K);
    Mutex.unlock();
  }

  // Locked in one iteration, still held when the next one awaits: the loop
  // goes round.
  template <typename Range> lib::Task<> lockedLater(const Range &Keys) {
    for (const auto &K : Keys) {
      co_await fetchOne(K);
      Shared.lock_shared();
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: thread lock on 'Shared' is held across a suspension point [coro-lock-across-suspend]
    }
    Shared.unlock_shared();
  }

  // Look-alikes: the lock ends before any suspension.
  template <typename Range> lib::Task<> scoped(const Range &Keys) {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Pending.clear();
    }
    for (const auto &K : Keys)
      co_await fetchOne(K);
  }
  template <typename Range> lib::Task<> unlockedInBody(const Range &Keys) {
    for (const auto &K : Keys) {
      Mutex.lock();
      Pending.push_back(K);
      Mutex.unlock();
      co_await fetchOne(K);
    }
  }
  template <typename Range> lib::Task<> guardPerIteration(const Range &Keys) {
    for (const auto &K : Keys) {
      std::lock_guard<std::mutex> Guard(Mutex);
      if (Pending.empty())
        continue;
      Pending.push_back(K);
    }
    co_await fetch(2);
  }
  template <typename Range> lib::Task<> breaksOut(const Range &Keys) {
    for (const auto &K : Keys) {
      std::unique_lock<std::mutex> Lock(Mutex);
      if (Pending.size() > 3)
        break;
      Pending.push_back(K);
    }
    co_await fetch(3);
  }
  // An async mutex's guard is meant to be held across co_await.
  template <typename Range> lib::Task<> async(const Range &Keys) {
    auto Lock = co_await Async.scoped_lock_async();
    for (const auto &K : Keys)
      co_await fetchOne(K);
  }

private:
  std::mutex Mutex;
  std::shared_mutex Shared;
  lib::AsyncMutex Async;
  std::vector<Key> Pending;
};

// A free function template, and an instantiation: reported once, at the
// written guard.
std::mutex Global;
template <typename Range> lib::Task<> freeFunction(Range Items) {
  for (auto &Item : Items)
    (void)Item;
  std::scoped_lock Guard(Global);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: thread lock 'Guard' on 'Global' is held across a suspension point [coro-lock-across-suspend]
  co_await fetch(4);
}
lib::Task<> instantiate() {
  co_await freeFunction(std::vector<int>{1, 2});
  co_await freeFunction(std::vector<long>{3});
}
