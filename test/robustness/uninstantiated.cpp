// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags
// Coroutines in templates that are never instantiated: types are unknown,
// so nothing is reported, and nothing crashes.

#include "lazy_task.h"
#include <mutex>
#include <thread>

template <typename T> lib::Task<T> make(T);

template <typename T, typename M> lib::Task<T> generic(T Value, M &Mutex) {
  make(Value);
  std::lock_guard<M> Guard(Mutex);
  auto A = co_await make(Value);
  auto B = co_await make(Value);
  T::sleep_for(A);
  co_return A + B;
}

template <typename Task> struct Holder {
  Task run() {
    co_await Task::something();
    [[maybe_unused]] auto Unused = Task::create();
  }
  template <typename U> auto nested(U Work) -> decltype(Work()) {
    co_return co_await [&]() -> decltype(Work()) { co_return co_await Work(); }();
  }
};
