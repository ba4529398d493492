// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

// A promise template (or a base template of it) whose initial_suspend()
// returns one of its own template parameters: when the coroutines are only
// declared here, the promise specialization is never instantiated, and the
// task's kind comes from the specialization's argument.

#include <coroutine>
#include <exception>

namespace vendor {
struct StartLater {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <class Task, class Initial> struct PromiseBase {
  Initial initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
};
template <class Task, class T, class Initial>
struct ValuePromise : PromiseBase<Task, Initial> {
  Task get_return_object() { return {}; }
  void return_value(T) {}
};
template <class T, class Initial> struct Job {
  using promise_type = ValuePromise<Job, T, Initial>;
};
template <class T> using LazyJob = Job<T, std::suspend_always>;
template <class T> using EagerJob = Job<T, std::suspend_never>;
template <class T> using CustomJob = Job<T, StartLater>;
} // namespace vendor

vendor::LazyJob<int> lazy();
vendor::EagerJob<int> eager();
vendor::CustomJob<int> custom();

void run() {
  lazy();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'lazy' is discarded; the coroutine never runs [coro-discarded-task]
  custom();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'custom' is discarded; the coroutine never runs [coro-discarded-task]
  eager();
}
