// A minimal lazy task library, in the shape of cppcoro's task<T>: the body of
// a coroutine returning Task<T> starts only when the task is awaited.
#pragma once

#include <chrono>
#include <coroutine>
#include <exception>
#include <tuple>
#include <utility>
#include <vector>

namespace shop {

template <typename T> struct Promise;

template <typename T = void> class [[nodiscard]] Task {
public:
  using promise_type = Promise<T>;
  explicit Task(std::coroutine_handle<Promise<T>> H) : Handle(H) {}
  Task(Task &&Other) noexcept : Handle(std::exchange(Other.Handle, {})) {}
  ~Task() {
    if (Handle)
      Handle.destroy();
  }
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> Caller) noexcept {
    Handle.promise().Continuation = Caller;
    return Handle;
  }
  T await_resume() { return Handle.promise().result(); }

private:
  std::coroutine_handle<Promise<T>> Handle;
};

struct FinalAwaiter {
  bool await_ready() noexcept { return false; }
  template <typename P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> H) noexcept {
    auto Next = H.promise().Continuation;
    return Next ? Next : std::noop_coroutine();
  }
  void await_resume() noexcept {}
};

struct PromiseBase {
  std::coroutine_handle<> Continuation;
  std::suspend_always initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
};

template <typename T> struct Promise : PromiseBase {
  T Value{};
  Task<T> get_return_object() {
    return Task<T>(std::coroutine_handle<Promise>::from_promise(*this));
  }
  void return_value(T V) { Value = std::move(V); }
  T result() { return std::move(Value); }
};

template <> struct Promise<void> : PromiseBase {
  Task<void> get_return_object() {
    return Task<void>(std::coroutine_handle<Promise>::from_promise(*this));
  }
  void return_void() {}
  void result() {}
};

template <typename... Ts> Task<std::tuple<Ts...>> when_all(Task<Ts>... Tasks) {
  co_return std::tuple<Ts...>{co_await std::move(Tasks)...};
}

// The range form: a vector of tasks awaited together.
template <typename T> Task<std::vector<T>> when_all(std::vector<Task<T>> Tasks) {
  std::vector<T> Values;
  for (Task<T> &One : Tasks)
    Values.push_back(co_await std::move(One));
  co_return Values;
}

struct Sleep {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <typename Rep, typename Period>
Sleep sleep_for(std::chrono::duration<Rep, Period>) { return {}; }

} // namespace shop
