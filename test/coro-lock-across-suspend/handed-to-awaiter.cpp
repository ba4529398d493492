// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags
// Reduced from a real async lock: the waiting coroutine hands its
// std::unique_lock to the awaiter, which queues the coroutine and releases
// the lock in await_suspend. Nothing is held while suspended.

#include "lazy_task.h"
#include <coroutine>
#include <mutex>
#include <utility>

class Gate {
public:
  struct Waiter {
    Gate &Owner;
    std::unique_lock<std::mutex> &Lock;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> H) {
      Owner.Waiting = H;
      auto Released = std::move(Lock); // unlocks when it goes out of scope
    }
    void await_resume() const noexcept {}
  };

  lib::Task<> enter() {
    while (true) {
      std::unique_lock<std::mutex> Lock(Mutex);
      if (Open)
        break;
      co_await Waiter{*this, Lock};
    }
  }

  // The same wait, but the lock is not handed over: it is held.
  lib::Task<> enterHoldingTheLock() {
    std::unique_lock<std::mutex> Lock(Mutex);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: thread lock 'Lock' on 'Mutex' is held across a suspension point
    std::unique_lock<std::mutex> Other(Spare);
    co_await Waiter{*this, Other};
  }

private:
  std::mutex Mutex;
  std::mutex Spare;
  bool Open = false;
  std::coroutine_handle<> Waiting;
};
