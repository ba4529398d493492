// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags

// A guard's life ends where its scope ends, whatever its destructor looks
// like (here a scoped-lockable guard whose destructor is trivial), and a
// guard that a helper returns holds the lock the helper took.

#include "lazy_task.h"
#include <mutex>

lib::Task<int> work();

class __attribute__((capability("mutex"))) SpinMutex {
public:
  void lock() __attribute__((acquire_capability()));
  void unlock() __attribute__((release_capability()));
};

// No destructor declared: trivially destructible, so the CFG has no
// destructor call for it, only the end of its scope.
class __attribute__((scoped_lockable)) TrivialGuard {
public:
  explicit TrivialGuard(SpinMutex &M) __attribute__((acquire_capability(M)));
};

SpinMutex Spin;

lib::Task<> scopeClosed() {
  {
    TrivialGuard Guard(Spin);
  }
  co_await work();
}

lib::Task<> scopeOpen() {
  TrivialGuard Guard(Spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: thread lock 'Guard' on 'Spin' is held across a suspension point [coro-lock-across-suspend]
  co_await work();
}

// A guard obtained from a helper.
std::mutex StateMutex;
std::unique_lock<std::mutex> lockState();
std::unique_lock<std::mutex> maybeLockState(bool);

lib::Task<> fromHelper() {
  auto Lock = lockState();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: thread lock 'Lock' on 'lockState()' is held across a suspension point [coro-lock-across-suspend]
  co_await work();
}

lib::Task<> fromHelperReleased() {
  {
    std::unique_lock<std::mutex> Lock = lockState();
  }
  auto Other = lockState();
  Other.unlock();
  co_await work();
}

// In a class template nobody instantiates.
template <typename T> struct Store {
  std::unique_lock<std::mutex> lock();
  lib::Task<T> read() {
    auto Lock = lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread lock 'Lock' on 'lock()' is held across a suspension point [coro-lock-across-suspend]
    co_await work();
    co_return T{};
  }
};

// Look-alikes: a reference to a guard and a moved-from guard are no new
// lock; a guard over a coroutine mutex is none.
std::unique_lock<std::mutex> &sharedLock();
std::unique_lock<lib::AsyncMutex> asyncLock();
lib::Task<> lookAlikes() {
  auto &Shared = sharedLock();
  auto Async = asyncLock();
  co_await work();
}
