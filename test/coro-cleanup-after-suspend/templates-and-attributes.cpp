// RUN: %check_corolint %s coro-cleanup-after-suspend %t -- -- %std_flags
// RUN: %check_corolint %s coro-cleanup-after-suspend %t.opt --check-suffixes=OPT --config="{CheckOptions: {coro-cleanup-after-suspend.ReleaseFunctions: 'app::release', coro-cleanup-after-suspend.LockMethods: 'enter', coro-cleanup-after-suspend.UnlockMethods: 'leave'}}" -- -- %std_flags

// Templates (instantiated or not), task types that are destroyed only when
// complete, and the options.

#include "lazy_task.h"
#include <cstdio>

lib::Task<int> fetch(int);

template <class T> lib::Task<> generic(const char *Path) {
  T *Item = new T;
  FILE *F = std::fopen(Path, "r");
  co_await fetch(1);
  delete Item;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Item' is released only if the coroutine resumes after suspending; destroyed while suspended (cancelled or abandoned), it leaks the memory: let an RAII owner release it [coro-cleanup-after-suspend]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: 'Item' is released only if the coroutine resumes
  std::fclose(F);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'F' is released only if the coroutine resumes
}
template lib::Task<> generic<int>(const char *);
template lib::Task<> generic<long>(const char *);

template <class T> lib::Task<> neverInstantiated() {
  T *Item = new T;
  co_await fetch(2);
  delete Item;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Item' is released only if the coroutine resumes
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: 'Item' is released only if the coroutine resumes
}

// A task type that promises to be destroyed only after it completes.
template <class T> struct [[clang::coro_only_destroy_when_complete]] Completes {
  struct promise_type {
    Completes get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Completes<void> runsToTheEnd(const char *Path) {
  FILE *F = std::fopen(Path, "r");
  co_await fetch(3);
  std::fclose(F);
}

// The options: other release functions, lock and unlock methods.
namespace app {
struct Handle {};
void release(Handle *);
struct Gate {
  lib::Task<> enter();
  void leave();
};
} // namespace app
lib::Task<> custom(app::Handle *H, app::Gate &G) {
  co_await G.enter();
  co_await fetch(4);
  app::release(H);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: 'H' is released only if the coroutine resumes {{.*}} it leaks the resource
  G.leave();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: 'G' is released only if the coroutine resumes {{.*}} it leaks the lock
}
