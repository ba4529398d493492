// concurrencpp's shapes: lazy lazy_result<T>, eager result<T> (its get() is
// a synchronous wait), async_lock, when_all(executor, ...).
#pragma once
#include "shapes.h"
#include <memory>
namespace concurrencpp {
class executor {};
template <typename T = void> class [[nodiscard]] result : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<result, T, std::suspend_never>;
  T get() { return T(); }
  void wait();
};
template <typename T = void> class [[nodiscard]] lazy_result : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<lazy_result, T>;
  result<T> run();
};
template <typename... Ts>
lazy_result<std::tuple<result<Ts>...>> when_all(std::shared_ptr<executor>, result<Ts>... Results);
class scoped_async_lock : public shapes::AsyncLockGuard {};
class async_lock {
public:
  lazy_result<scoped_async_lock> lock(std::shared_ptr<executor>);
};
} // namespace concurrencpp
