// RUN: %check_corolint %s coro-lock-across-suspend %t --config="{CheckOptions: {coro-lock-across-suspend.RAIITypesList: 'absl::MutexLock', coro-lock-across-suspend.ThreadMutexTypes: 'vendor::Lock', coro-lock-across-suspend.AllowedAwaitablesList: 'lib::SleepAwaiter', coro-lock-across-suspend.AllowedCallees: 'notSuspending;inline_ops::yield_now'}}" -- -- %std_flags

#include "lazy_task.h"
#include <mutex>

lib::Task<int> fetch(int);

// Thread-safety-analysis attributes mark mutexes and guards.
class __attribute__((capability("mutex"))) AnnotatedMutex {
public:
  void lock() __attribute__((acquire_capability())) {}
  void unlock() __attribute__((release_capability())) {}
};
class __attribute__((scoped_lockable)) AnnotatedGuard {
public:
  explicit AnnotatedGuard(AnnotatedMutex &M) __attribute__((acquire_capability(M))) : M(M) { M.lock(); }
  ~AnnotatedGuard() __attribute__((release_capability())) { M.unlock(); }
private:
  AnnotatedMutex &M;
};

AnnotatedMutex Annotated;
lib::Task<> annotated() {
  AnnotatedGuard Guard(Annotated);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: thread lock 'Guard' on 'Annotated' is held across a suspension point
  co_await fetch(1);
}
lib::Task<> annotatedManual() {
  Annotated.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: thread lock on 'Annotated' is held
  co_await fetch(2);
  Annotated.unlock();
}

// RAIITypesList: a non-template guard that always holds a thread lock.
namespace absl {
class Mutex {};
class MutexLock {
public:
  explicit MutexLock(Mutex *M) {}
};
} // namespace absl
absl::Mutex AbslMu;
lib::Task<> abseil() {
  absl::MutexLock Lock(&AbslMu);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: thread lock 'Lock' on '&AbslMu' is held
  co_await fetch(3);
}

// ThreadMutexTypes: a user's own mutex type.
namespace vendor {
struct Lock {
  void lock() {}
  void unlock() {}
};
} // namespace vendor
vendor::Lock VendorLock;
lib::Task<> vendorLock() {
  std::lock_guard<vendor::Lock> Guard(VendorLock);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'VendorLock' is held
  co_await fetch(4);
}

// AllowedAwaitablesList and AllowedCallees: suspensions that are known not
// to give the thread away.
struct NoSuspend {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
NoSuspend notSuspending();
std::mutex Mu;
lib::Task<> allowed() {
  std::lock_guard<std::mutex> Guard(Mu);
  co_await lib::sleep_for(std::chrono::milliseconds(1));
  co_await notSuspending();
}

// AllowedCallees names a function object (a customisation-point object) by
// the object, as every option does; another object stays a suspension.
namespace inline_ops {
struct yield_fn {
  NoSuspend operator()() const { return {}; }
};
inline constexpr yield_fn yield_now{};
inline constexpr yield_fn other_op{};
} // namespace inline_ops
lib::Task<> allowedObject() {
  std::lock_guard<std::mutex> Guard(Mu);
  co_await inline_ops::yield_now();
}
lib::Task<> otherObject() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held across a suspension point
  co_await inline_ops::other_op();
}
