// A second lazy task library for corolint's tests, with no `when_all` beside
// its task type: its combinator is called `combine`.
#ifndef COROLINT_TEST_PLAIN_TASK_H
#define COROLINT_TEST_PLAIN_TASK_H

#include "lazy_task.h"
#include <tuple>

namespace plain {

template <typename T> struct Promise;

template <typename T> class Task {
public:
  using promise_type = Promise<T>;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const { return T{}; }
};

template <typename T> struct Promise {
  Task<T> get_return_object() { return {}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_value(T) {}
  void unhandled_exception() {}
};

template <typename... Ts> Task<std::tuple<Ts...>> combine(Task<Ts>... Tasks) {
  co_return std::tuple<Ts...>{co_await Tasks...};
}

} // namespace plain

#endif
