// Boost.Cobalt's shapes: lazy cobalt::task<T>, eager cobalt::promise<T>,
// join (values), run.
#pragma once
#include "shapes.h"
namespace boost::cobalt {
template <typename T = void> class [[nodiscard]] task : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<task, T>;
};
template <typename T = void> class [[nodiscard]] promise : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<promise, T, std::suspend_never>;
};
template <typename... Ts> task<std::tuple<Ts...>> join(task<Ts>... Tasks);
template <typename T> T run(task<T>);
inline void run(task<void>) {}
} // namespace boost::cobalt
