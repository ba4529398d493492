// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags -I%inputs/libraries
// Every check on folly-coro's task types, out of the box (see folly_coro.h).

#include "folly_coro.h"
#include <chrono>
#include <mutex>
#include <thread>

folly::coro::Task<int> fetch(int);
std::mutex Mu;
folly::coro::Mutex Async;

// coro-discarded-task
void start() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
}
folly::coro::Task<> inTask() {
  fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(2);{{$}}
  co_return;
}

// coro-lock-across-suspend
folly::coro::Task<> locks() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(3);
  }
  auto Held = co_await Async.co_scoped_lock();
  co_await fetch(4);
}

// coro-blocking-call
folly::coro::Task<> blocks() {
  folly::coro::blockingWait(fetch(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'folly::coro::blockingWait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  co_await folly::coro::sleep(std::chrono::milliseconds(1));{{$}}
  co_await folly::coro::sleep(std::chrono::milliseconds(1));
  co_return;
}

// coro-sequential-await
folly::coro::Task<int> both() {
  auto A = co_await fetch(6);
  auto B = co_await fetch(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'folly::coro::collectAll' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto [A, B] = co_await folly::coro::collectAll(fetch(6), fetch(7));{{$}}
  co_return A + B;
}
