// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags -I%inputs/libraries
// Every check on cppcoro's task types, out of the box (see cppcoro.h).

#include "cppcoro.h"
#include <chrono>
#include <mutex>
#include <thread>

cppcoro::task<int> fetch(int);
std::mutex Mu;
cppcoro::async_mutex Async;
cppcoro::io_service Io;

// coro-discarded-task
void start() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
}
cppcoro::task<> inTask() {
  fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(2);{{$}}
  co_return;
}

// coro-lock-across-suspend
cppcoro::task<> locks() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(3);
  }
  auto Held = co_await Async.scoped_lock_async();
  co_await fetch(4);
}

// coro-blocking-call
cppcoro::task<> blocks() {
  cppcoro::sync_wait(fetch(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cppcoro::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(1));{{$}}
  co_await Io.schedule_after(std::chrono::milliseconds(1));
  co_return;
}

// coro-sequential-await
cppcoro::task<int> both() {
  auto A = co_await fetch(6);
  auto B = co_await fetch(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'cppcoro::when_all' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto [A, B] = co_await cppcoro::when_all(fetch(6), fetch(7));{{$}}
  co_return A + B;
}
