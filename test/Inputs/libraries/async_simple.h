// async_simple's shapes: lazy coro::Lazy<T>, collectAll giving Try<T> (not
// the values), coro::Mutex, coro::sleep, syncAwait; DetachedCoroutine eager.
#pragma once
#include "shapes.h"
namespace async_simple {
template <typename T> struct Try {
  T value();
};
namespace coro {
template <typename T = void> class [[nodiscard]] Lazy : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<Lazy, T>;
};
struct DetachedCoroutine {
  using promise_type = shapes::Promise<DetachedCoroutine, void, std::suspend_never>;
};
template <typename... Ts> Lazy<std::tuple<Try<Ts>...>> collectAll(Lazy<Ts>... Tasks);
class Mutex {
public:
  shapes::Awaiter<shapes::AsyncLockGuard> coScopedLock() { return {}; }
};
template <typename Rep, typename Period>
Lazy<void> sleep(std::chrono::duration<Rep, Period>);
template <typename T> T syncAwait(Lazy<T> &&);
inline void syncAwait(Lazy<void> &&) {}
} // namespace coro
} // namespace async_simple
