// seastar's structure, as far as corolint's checks see it (written anew for
// the tests from seastar's documented interface, docs/coroutines.md and
// future.hh; only what matters is reproduced):
//  - future<T> is eager: a coroutine returning it runs at once, up to its
//    first suspension. Its coroutines' promise comes from a
//    std::coroutine_traits specialization; its member promise_type is the
//    promise of the older callback futures (no initial_suspend);
//  - future::then(func) and then_wrapped(func) run func once, as a
//    continuation, and destroy it as soon as it has returned its future;
//  - sharded<Service>::invoke_on_all(func) and map_reduce(reducer, func) run
//    a copy of func on each shard and destroy it once it has returned;
//  - coroutine::lambda(func) wraps a lambda so that it lives as long as the
//    awaiting full-expression; futurize_invoke calls func at once.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace seastar {

template <typename T = void> class future;

namespace internal {
template <typename T> struct promise {
  future<T> get_return_object();
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  template <typename U> void return_value(U &&) {}
  void unhandled_exception() { std::terminate(); }
};
template <> struct promise<void> {
  future<void> get_return_object();
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() { std::terminate(); }
};
} // namespace internal

/// The promise of callback futures, not of coroutines.
template <typename T = void> class promise {
public:
  future<T> get_future();
  void set_value(T);
};
template <> class promise<void> {
public:
  future<void> get_future();
  void set_value();
};

template <typename T> class future {
public:
  using promise_type = promise<T>;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { return T{}; }
  template <typename Func> auto then(Func &&F) -> decltype(F(T{}));
  template <typename Func> auto then_wrapped(Func &&F) -> decltype(F(*this));
  template <typename Func> future<T> finally(Func &&F);
};
template <> class future<void> {
public:
  using promise_type = promise<void>;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
  template <typename Func> auto then(Func &&F) -> decltype(F());
  template <typename Func> future<void> finally(Func &&F);
};

template <typename T> future<T> internal::promise<T>::get_return_object() {
  return {};
}
inline future<void> internal::promise<void>::get_return_object() { return {}; }

template <typename Service> class sharded {
public:
  Service &local();
  template <typename Func> future<> invoke_on_all(Func F);
  template <typename Reducer, typename Func>
  auto map_reduce(Reducer R, Func F) -> future<typename Reducer::result_type>;
};

template <typename Func> auto futurize_invoke(Func &&F) { return F(); }

namespace coroutine {
template <typename Func> class lambda {
public:
  explicit lambda(Func &&F) : F(&F) {}
  template <typename... Args> decltype(auto) operator()(Args &&...A) const {
    return (*F)(std::forward<Args>(A)...);
  }

private:
  Func *F;
};
} // namespace coroutine

future<> yield();

} // namespace seastar

template <typename T, typename... Args>
struct std::coroutine_traits<seastar::future<T>, Args...> {
  using promise_type = seastar::internal::promise<T>;
};
