// RUN: %check_corolint %s coro-blocking-call %t --config="{CheckOptions: {coro-blocking-call.AsyncReplacements: 'std::this_thread::sleep_for=co_await app::sleep'}}" -- -- %std_flags

// An async sleep that falls back to a blocking sleep when it has no
// executor is still reported there, but never rewritten to call itself.

#include "lazy_task.h"
#include <chrono>
#include <thread>

namespace app {
bool hasExecutor();
lib::Task<> sleep(std::chrono::milliseconds Delay) {
  if (!hasExecutor()) {
    std::this_thread::sleep_for(Delay);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
    // CHECK-FIXES: {{^}}    std::this_thread::sleep_for(Delay);{{$}}
    co_return;
  }
  co_await lib::sleep_for(Delay);
}
} // namespace app

// Anywhere else the replacement applies.
lib::Task<> poll() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  co_await app::sleep(std::chrono::milliseconds(5));{{$}}
  co_return;
}
