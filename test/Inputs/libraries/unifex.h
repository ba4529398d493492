// libunifex's shapes: lazy unifex::task<T>, when_all (a sender of variants,
// not the values), async_mutex, schedule_after, sync_wait.
#pragma once
#include "shapes.h"
#include <optional>
#include <variant>
namespace unifex {
template <typename T = void> class [[nodiscard]] task : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<task, T>;
};
template <typename... Ts>
task<std::tuple<std::variant<std::tuple<Ts>>...>> when_all(task<Ts>... Tasks);
class async_mutex {
public:
  shapes::Awaiter<void> async_lock() { return {}; }
  void unlock() noexcept {}
};
struct timed_scheduler {};
shapes::Awaiter<void> schedule_after(timed_scheduler, std::chrono::milliseconds);
template <typename T> std::optional<T> sync_wait(task<T> &&);
} // namespace unifex
