// stdexec's shapes: lazy exec::task<T>, stdexec::when_all (values when
// awaited in a task), exec::schedule_after, stdexec::sync_wait.
#pragma once
#include "shapes.h"
#include <optional>
namespace exec {
template <typename T = void> class [[nodiscard]] task : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<task, T>;
};
struct timed_scheduler {};
shapes::Awaiter<void> schedule_after(timed_scheduler, std::chrono::milliseconds);
} // namespace exec
namespace stdexec {
template <typename... Ts> exec::task<std::tuple<Ts...>> when_all(exec::task<Ts>... Tasks);
template <typename T> std::optional<std::tuple<T>> sync_wait(exec::task<T> &&);
} // namespace stdexec
