// Building blocks for the library shape headers next to this file: each of
// them reproduces, in a few lines, the public shapes of one coroutine
// library that corolint's checks depend on (the task types and their
// promises' initial_suspend, the when_all, async mutex, async sleep and
// synchronous wait names). They are written for corolint's tests from the
// libraries' documented interfaces; they only need to compile.
#ifndef COROLINT_TEST_SHAPES_H
#define COROLINT_TEST_SHAPES_H

#include <chrono>
#include <coroutine>
#include <exception>
#include <tuple>
#include <type_traits>

namespace shapes {

template <typename Task, typename Initial> struct PromiseBase {
  Task get_return_object() { return Task{}; }
  Initial initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
};
template <typename Task, typename T, typename Initial>
struct ValuePromise : PromiseBase<Task, Initial> {
  void return_value(T) {}
};
template <typename Task, typename Initial>
struct VoidPromise : PromiseBase<Task, Initial> {
  void return_void() {}
};
/// The promise of a task of T that starts as Initial says.
template <typename Task, typename T, typename Initial = std::suspend_always>
using Promise = std::conditional_t<std::is_void_v<T>, VoidPromise<Task, Initial>,
                                   ValuePromise<Task, T, Initial>>;

/// Something to co_await that gives a T.
template <typename T> struct Awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const { return T{}; }
};
template <> struct Awaiter<void> {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

/// A guard returned by an async mutex's lock: no thread lock.
struct AsyncLockGuard {
  ~AsyncLockGuard() {}
};

} // namespace shapes

#endif
