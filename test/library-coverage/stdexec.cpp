// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags -I%inputs/libraries
// Every check on stdexec's task types, out of the box (see stdexec.h).

#include "stdexec.h"
#include <chrono>
#include <mutex>
#include <thread>

exec::task<int> fetch(int);
std::mutex Mu;
exec::timed_scheduler Scheduler;

// coro-discarded-task
void start() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
}
exec::task<> inTask() {
  fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(2);{{$}}
  co_return;
}

// coro-lock-across-suspend
exec::task<> locks() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(3);
  }
}

// coro-blocking-call
exec::task<> blocks() {
  stdexec::sync_wait(fetch(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stdexec::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(1));{{$}}
  co_await exec::schedule_after(Scheduler, std::chrono::milliseconds(1));
  co_return;
}

// coro-sequential-await
exec::task<int> both() {
  auto A = co_await fetch(6);
  auto B = co_await fetch(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'stdexec::when_all' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto [A, B] = co_await stdexec::when_all(fetch(6), fetch(7));{{$}}
  co_return A + B;
}
