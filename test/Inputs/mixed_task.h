// A task template whose kind depends on its argument, for corolint's tests:
// `mixed::Job<T>` is lazy (std::suspend_always), but its specialization
// `mixed::Job<Now>` starts at once (std::suspend_never). In a template
// pattern, a `Job<T>` may be either.
#ifndef COROLINT_TEST_MIXED_TASK_H
#define COROLINT_TEST_MIXED_TASK_H

#include <coroutine>
#include <exception>

namespace mixed {

struct Now {};

template <typename T> struct Job {
  struct promise_type {
    Job get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

template <> struct Job<Now> {
  struct promise_type {
    Job get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

} // namespace mixed

#endif
