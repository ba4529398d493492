// cppcoro's shapes: lazy task<T> awaited through operator co_await,
// when_all (values), async_mutex, io_service::schedule_after, sync_wait.
#pragma once
#include "shapes.h"
#include <vector>
namespace cppcoro {
template <typename T = void> class [[nodiscard]] task {
public:
  using promise_type = shapes::Promise<task, T>;
  shapes::Awaiter<T> operator co_await() const & noexcept { return {}; }
  shapes::Awaiter<T> operator co_await() const && noexcept { return {}; }
};
template <typename... Ts> task<std::tuple<Ts...>> when_all(task<Ts>... Tasks);
// The range form: a vector of tasks.
template <typename T> task<std::vector<T>> when_all(std::vector<task<T>> Tasks);
class async_mutex_lock : public shapes::AsyncLockGuard {};
class async_mutex {
public:
  shapes::Awaiter<async_mutex_lock> scoped_lock_async() { return {}; }
};
class io_service {
public:
  shapes::Awaiter<void> schedule_after(std::chrono::nanoseconds) { return {}; }
};
template <typename T> T sync_wait(task<T> &&);
inline void sync_wait(task<void> &&) {}
} // namespace cppcoro
