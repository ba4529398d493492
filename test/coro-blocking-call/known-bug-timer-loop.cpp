// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags -I%inputs/libraries
// A known real bug, reduced (and written anew): a periodic timer written as
// an async_simple Lazy<void> loop slept with std::this_thread::sleep_for,
// stalling the executor thread between ticks. The upstream fix switched to
// an async sleep; corolint proposes the library's own.

#include "async_simple.h"
#include <atomic>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

struct Metrics {
  void flush();
};

async_simple::coro::Lazy<void> periodicFlush(Metrics &M, std::atomic<bool> &Running) {
  while (Running) {
    M.flush();
    std::this_thread::sleep_for(5s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
    // CHECK-FIXES: {{^}}    co_await async_simple::coro::sleep(5s);{{$}}
  }
  co_return;
}
