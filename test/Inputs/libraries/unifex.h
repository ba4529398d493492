// libunifex's structure, as far as corolint's checks see it (written anew
// for the tests from reading unifex/task.hpp, sync_wait.hpp and
// when_all.hpp; only what matters is reproduced):
//  - unifex::task<T> is a member class of a class template
//    (`_task<T>::type`), lazy through a promise whose initial_suspend comes
//    from a non-template base (`_promise_base`);
//  - unifex::sync_wait and unifex::when_all are function objects
//    (customisation-point objects of types in detail namespaces);
//    when_all gives variants, not the values;
//  - async_mutex is a coroutine mutex.
#pragma once
#include "shapes.h"
#include <optional>
#include <variant>

namespace unifex {

namespace _task {
struct _promise_base {
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
};
template <typename T> struct _promise {
  struct type;
};
template <typename T> struct _task {
  struct [[nodiscard]] type : shapes::Awaiter<T> {
    using promise_type = typename _promise<T>::type;
    using value_type = T;
  };
};
template <typename T> struct _promise<T>::type : _promise_base {
  typename _task<T>::type get_return_object() noexcept { return {}; }
  void return_value(T) {}
};
template <> struct _promise<void>::type : _promise_base {
  _task<void>::type get_return_object() noexcept { return {}; }
  void return_void() {}
};
} // namespace _task

template <typename T = void> using task = typename _task::_task<T>::type;

namespace _when_all::_cpo {
struct _fn {
  template <typename... Senders>
  task<std::tuple<std::variant<std::tuple<typename Senders::value_type>>...>>
  operator()(Senders... Tasks) const;
};
} // namespace _when_all::_cpo
inline constexpr _when_all::_cpo::_fn when_all{};

namespace _sync_wait_cpo {
struct _fn {
  template <typename Sender>
  std::optional<typename Sender::value_type> operator()(Sender &&) const;
};
} // namespace _sync_wait_cpo
inline constexpr _sync_wait_cpo::_fn sync_wait{};

class async_mutex {
public:
  shapes::Awaiter<void> async_lock() { return {}; }
  void unlock() noexcept {}
};
struct timed_scheduler {};
shapes::Awaiter<void> schedule_after(timed_scheduler, std::chrono::milliseconds);

} // namespace unifex
