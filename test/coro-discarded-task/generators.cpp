// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags
// Reduced from a library's allocator tests: generators are created and
// dropped to exercise frame allocation. A generator is a lazy sequence, not
// a task (it is iterated, never awaited), so dropping one is not reported.

#include "generator.h"
#include "lazy_task.h"
#include <memory>

gen::Generator<int> numbers();
gen::Generator<int> numbers(std::allocator_arg_t, std::allocator<float>);

void allocationOnly() {
  numbers();
  numbers(std::allocator_arg, std::allocator<float>{});
  auto Unused = numbers();
}

// A task next to them is still reported.
lib::Task<int> fetch(int);
void task() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded
}

// A library that makes a coroutine_handle a coroutine's return type through
// std::coroutine_traits (reduced from Boost.Cobalt's post coroutines): a
// std::coroutine_handle owns nothing, dropping one loses no work.
namespace post {
template <typename T> struct Promise {
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
  std::coroutine_handle<Promise> get_return_object() {
    return std::coroutine_handle<Promise>::from_promise(*this);
  }
};
} // namespace post
template <typename T, typename... Args>
struct std::coroutine_traits<std::coroutine_handle<post::Promise<T>>, Args...> {
  using promise_type = post::Promise<T>;
};
struct Owner {
  void *Frame;
  std::coroutine_handle<> release() {
    return std::coroutine_handle<>::from_address(Frame);
  }
};
void giveUp(Owner &O) { O.release(); }
