// libcoro's shapes: lazy coro::task<T>, when_all giving when_all_task_result
// wrappers (not the values), coro::mutex, yield_for, sync_wait.
#pragma once
#include "shapes.h"
namespace coro {
template <typename T = void> class [[nodiscard]] task : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<task, T>;
};
template <typename T> struct when_all_task_result {
  T &return_value();
};
template <typename... Ts>
task<std::tuple<when_all_task_result<Ts>...>> when_all(task<Ts>... Tasks);
class scoped_lock : public shapes::AsyncLockGuard {};
class mutex {
public:
  shapes::Awaiter<scoped_lock> scoped_lock() { return {}; }
};
class thread_pool {
public:
  shapes::Awaiter<void> yield_for(std::chrono::milliseconds) { return {}; }
};
template <typename T> T sync_wait(task<T> &&);
inline void sync_wait(task<void> &&) {}
} // namespace coro
