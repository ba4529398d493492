// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags -I%inputs/libraries
// Every check on async-simple's task types, out of the box (see async_simple.h).

#include "async_simple.h"
#include <chrono>
#include <mutex>
#include <thread>

async_simple::coro::Lazy<int> fetch(int);
std::mutex Mu;
async_simple::coro::Mutex Async;

// coro-discarded-task
void start() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
}
async_simple::coro::Lazy<> inTask() {
  fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(2);{{$}}
  co_return;
}
async_simple::coro::DetachedCoroutine eagerWork();
void startEager() { eagerWork(); }

// coro-lock-across-suspend
async_simple::coro::Lazy<> locks() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(3);
  }
  auto Held = co_await Async.coScopedLock();
  co_await fetch(4);
}

// coro-blocking-call
async_simple::coro::Lazy<> blocks() {
  async_simple::coro::syncAwait(fetch(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_simple::coro::syncAwait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  co_await async_simple::coro::sleep(std::chrono::milliseconds(1));{{$}}
  co_await async_simple::coro::sleep(std::chrono::milliseconds(1));
  co_return;
}

// coro-sequential-await
async_simple::coro::Lazy<int> both() {
  auto A = co_await fetch(6);
  auto B = co_await fetch(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'async_simple::coro::collectAll' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto A = co_await fetch(6);{{$}}
  co_return A + B;
}
