// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags -I%inputs/libraries
// Every check on libcoro's task types, out of the box (see libcoro.h).

#include "libcoro.h"
#include <chrono>
#include <mutex>
#include <thread>

coro::task<int> fetch(int);
std::mutex Mu;
coro::mutex Async;
coro::thread_pool Pool;

// coro-discarded-task
void start() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
}
coro::task<> inTask() {
  fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(2);{{$}}
  co_return;
}

// coro-lock-across-suspend
coro::task<> locks() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(3);
  }
  auto Held = co_await Async.scoped_lock();
  co_await fetch(4);
}

// coro-blocking-call
coro::task<> blocks() {
  coro::sync_wait(fetch(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'coro::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(1));{{$}}
  co_await Pool.yield_for(std::chrono::milliseconds(1));
  co_return;
}

// coro-sequential-await
coro::task<int> both() {
  auto A = co_await fetch(6);
  auto B = co_await fetch(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'coro::when_all' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto A = co_await fetch(6);{{$}}
  co_return A + B;
}
