// folly::coro's shapes: lazy Task<T> awaited only through the awaiting
// coroutine's await_transform, collectAll (values), coro::Mutex, coro::sleep,
// blockingWait, and folly::Future::get.
#pragma once
#include "shapes.h"
namespace folly {
template <typename T> class Future {
public:
  T get() &&;
  Future &wait();
};
namespace coro {
template <typename T> class Task;
template <typename T> struct TaskPromise : shapes::Promise<Task<T>, T> {
  template <typename U> shapes::Awaiter<U> await_transform(Task<U> &&) { return {}; }
  template <typename A> A &&await_transform(A &&Awaitable) {
    return static_cast<A &&>(Awaitable);
  }
};
template <typename T = void> class [[nodiscard]] Task {
public:
  using promise_type = TaskPromise<T>;
};
template <typename... Ts> Task<std::tuple<Ts...>> collectAll(Task<Ts>... Tasks);
class Mutex {
public:
  shapes::Awaiter<shapes::AsyncLockGuard> co_scoped_lock() { return {}; }
};
Task<void> sleep(std::chrono::milliseconds);
template <typename T> T blockingWait(Task<T> &&);
inline void blockingWait(Task<void> &&) {}
} // namespace coro
} // namespace folly
