// stdexec's structure, as far as corolint's checks see it (written anew for
// the tests from reading stdexec's exec/task.hpp, stdexec/__detail/
// __sync_wait.hpp and __when_all.hpp; only what matters is reproduced):
//  - `exec` is a namespace alias of `experimental::execution`;
//  - exec::task<T> is lazy (its promise's own initial_suspend returns
//    suspend_always), is awaited only through the awaiting promise's
//    await_transform, and its promise has yield_value (a task can
//    `co_yield` a stop request) and a CRTP base (with_awaitable_senders);
//  - part of the promise's await_transform is hidden from the static
//    analyzer with `#ifndef __clang_analyzer__`, which clang-tidy defines;
//  - stdexec::sync_wait and stdexec::when_all are function objects
//    (customisation-point objects), not functions; when_all awaited in a
//    task gives the values.
#pragma once
#include "shapes.h"
#include <optional>

namespace experimental::execution {

template <typename T> class basic_task;
template <typename T = void> using task = basic_task<T>;

struct stop_request {};

/// CRTP: lets the derived promise await senders.
template <typename Promise> struct with_awaitable_senders {
  template <typename A> A &&await_transform(A &&Awaitable) noexcept {
    return static_cast<A &&>(Awaitable);
  }
};

template <typename T> struct promise_value {
  void return_value(T) {}
};
template <> struct promise_value<void> {
  void return_void() {}
};

template <typename T> class [[nodiscard]] basic_task {
public:
  struct promise_type : promise_value<T>,
                        with_awaitable_senders<promise_type> {
    basic_task get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept {}
    std::suspend_always yield_value(stop_request) noexcept { return {}; }
    using with_awaitable_senders<promise_type>::await_transform;
#ifndef __clang_analyzer__
    template <typename U>
    shapes::Awaiter<U> await_transform(basic_task<U> &&) noexcept {
      return {};
    }
#endif
  };
};

struct timed_scheduler {};
shapes::Awaiter<void> schedule_after(timed_scheduler, std::chrono::milliseconds);

} // namespace experimental::execution

namespace exec = experimental::execution;

namespace stdexec {
struct sync_wait_t {
  template <typename T>
  std::optional<std::tuple<T>> operator()(exec::task<T> &&) const;
};
inline constexpr sync_wait_t sync_wait{};

struct when_all_t {
  template <typename... Ts>
  exec::task<std::tuple<Ts...>> operator()(exec::task<Ts>... Tasks) const;
};
inline constexpr when_all_t when_all{};
} // namespace stdexec
