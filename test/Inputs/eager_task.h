// Eager coroutine types for corolint's tests: `eager::Detached` starts at
// once (std::suspend_never), `eager::Future<T>` starts at once through an
// awaiter whose await_ready() is a constant true.
#ifndef COROLINT_TEST_EAGER_TASK_H
#define COROLINT_TEST_EAGER_TASK_H

#include <coroutine>
#include <exception>

namespace eager {

struct Detached {
  struct promise_type {
    Detached get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

struct StartNow {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

template <typename T> struct Future {
  struct promise_type {
    Future get_return_object() { return {}; }
    StartNow initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const noexcept { return T{}; }
};

} // namespace eager

#endif
