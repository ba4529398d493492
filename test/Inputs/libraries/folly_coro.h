// folly::coro's structure, as far as corolint's checks see it (written anew
// for the tests from reading folly/coro/Task.h, BlockingWait.h, Collect.h;
// only what matters is reproduced):
//  - Task<T> is lazy: its promise gets initial_suspend from a base class
//    (TaskPromiseBase) through a CRTP class template in between
//    (TaskPromiseCrtpBase<Promise, T>); Task<void> has a promise
//    specialization of its own;
//  - the promise has yield_value (`co_yield co_error(...)`) and the task is
//    awaited only through the awaiting promise's await_transform;
//  - blockingWait is a reference to a function object (blocking_wait);
//    collectAll is a function template giving the values;
//  - scheduleOn() and co_withExecutor() bind a task to an executor in a
//    TaskWithExecutor, awaitable by its own operator co_await or started
//    with start(), which returns a SemiFuture;
//  - coro::Mutex is a coroutine mutex; coro::sleep an async sleep;
//    folly::Future::get blocks.
#pragma once
#include "shapes.h"
#include <exception>
#include <vector>

namespace folly {
template <typename T> class Future {
public:
  T get() &&;
  Future &wait();
};
namespace coro {

template <typename T = void> class Task;

struct co_error {
  std::exception_ptr Error;
};

class TaskPromiseBase {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  template <typename U> shapes::Awaiter<U> await_transform(Task<U> &&) {
    return {};
  }
  template <typename A> A &&await_transform(A &&Awaitable) {
    return static_cast<A &&>(Awaitable);
  }
};

template <typename Promise, typename T>
class TaskPromiseCrtpBase : public TaskPromiseBase {
public:
  Task<T> get_return_object() noexcept { return {}; }
  std::suspend_always yield_value(co_error) noexcept { return {}; }
};

template <typename T>
class TaskPromise final : public TaskPromiseCrtpBase<TaskPromise<T>, T> {
public:
  void return_value(T) {}
};

template <>
class TaskPromise<void> final
    : public TaskPromiseCrtpBase<TaskPromise<void>, void> {
public:
  using TaskPromiseCrtpBase::yield_value;
  void return_void() {}
};

struct Executor {};
template <typename T> class SemiFuture {
public:
  T get() &&;
};

// What scheduleOn() returns: the same coroutine, bound to an executor; it
// is awaited through its own operator co_await, or started.
template <typename T> class [[nodiscard]] TaskWithExecutor {
public:
  shapes::Awaiter<T> operator co_await() && { return {}; }
  SemiFuture<T> start() &&;
  void startInlineUnsafe() &&;
};

template <typename T> class [[nodiscard]] Task {
public:
  using promise_type = TaskPromise<T>;
  TaskWithExecutor<T> scheduleOn(Executor *) &&;
  SemiFuture<T> semi() &&;
  bool isReady() const;
};

template <typename T>
TaskWithExecutor<T> co_withExecutor(Executor *, Task<T> &&);

template <typename... Ts> Task<std::tuple<Ts...>> collectAll(Task<Ts>... Tasks);
// The range form: a vector of tasks awaited together gives their values.
template <typename T>
Task<std::vector<T>> collectAllRange(std::vector<Task<T>> Tasks);

class Mutex {
public:
  shapes::Awaiter<shapes::AsyncLockGuard> co_scoped_lock() { return {}; }
};
Task<void> sleep(std::chrono::milliseconds);

struct blocking_wait_fn {
  template <typename T> T operator()(Task<T> &&) const;
  void operator()(Task<void> &&) const;
};
inline constexpr blocking_wait_fn blocking_wait{};
static constexpr blocking_wait_fn const &blockingWait = blocking_wait;

} // namespace coro
} // namespace folly
