// QCoro's shapes: lazy LazyTask<T>, eager Task<T>, sleepFor, waitFor.
#pragma once
#include "shapes.h"
namespace QCoro {
template <typename T = void> class [[nodiscard]] LazyTask : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<LazyTask, T>;
};
template <typename T = void> class Task : public shapes::Awaiter<T> {
public:
  using promise_type = shapes::Promise<Task, T, std::suspend_never>;
};
shapes::Awaiter<void> sleepFor(std::chrono::milliseconds);
template <typename T> T waitFor(LazyTask<T> &&);
inline void waitFor(LazyTask<void> &&) {}
} // namespace QCoro
