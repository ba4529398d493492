// A small cppcoro/folly-like lazy task library for corolint's tests:
// `lib::Task<T>` (lazy: initial_suspend returns std::suspend_always), with
// `when_all`, an async mutex, an async sleep and `sync_wait`, in the shapes
// real libraries have. Just enough to compile; it is never run.
#ifndef COROLINT_TEST_LAZY_TASK_H
#define COROLINT_TEST_LAZY_TASK_H

#include <chrono>
#include <coroutine>
#include <exception>
#include <tuple>
#include <utility>

namespace lib {

template <typename T> struct Promise;

template <typename T = void> class [[nodiscard]] Task {
public:
  using promise_type = Promise<T>;
  explicit Task(std::coroutine_handle<Promise<T>> H) : Handle(H) {}
  Task(Task &&Other) noexcept : Handle(std::exchange(Other.Handle, {})) {}
  Task &operator=(Task &&Other) noexcept {
    Handle = std::exchange(Other.Handle, {});
    return *this;
  }
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
    return H.promise().Continuation ? H.promise().Continuation
                                    : std::noop_coroutine();
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

/// Awaits every task together; the results come back as a tuple.
template <typename... Ts> Task<std::tuple<Ts...>> when_all(Task<Ts>... Tasks) {
  co_return std::tuple<Ts...>{co_await std::move(Tasks)...};
}

/// Runs a task to completion on the calling thread (blocking).
template <typename T> T sync_wait(Task<T> &&) { return T{}; }
inline void sync_wait(Task<void> &&) {}

/// An awaitable timer: not a task.
struct SleepAwaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <typename Rep, typename Period>
SleepAwaiter sleep_for(std::chrono::duration<Rep, Period>) { return {}; }

/// A coroutine-aware mutex: its lock is obtained with co_await.
class AsyncMutex {
public:
  struct ScopedLock {
    ~ScopedLock() {}
  };
  struct LockAwaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    ScopedLock await_resume() const noexcept { return {}; }
  };
  LockAwaiter scoped_lock_async() { return {}; }
  LockAwaiter lock_async() { return {}; }
  void lock() {}
  void unlock() {}
};

/// Starts a task on some executor: hands it on.
template <typename T> void spawn(Task<T>) {}

} // namespace lib

#endif
