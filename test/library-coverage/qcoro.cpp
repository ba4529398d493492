// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags -I%inputs/libraries
// Every check on qcoro's task types, out of the box (see qcoro.h).

#include "qcoro.h"
#include <chrono>
#include <mutex>
#include <thread>

QCoro::LazyTask<int> fetch(int);
std::mutex Mu;

// coro-discarded-task
void start() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
}
QCoro::LazyTask<> inTask() {
  fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(2);{{$}}
  co_return;
}
QCoro::Task<int> eagerWork();
void startEager() { eagerWork(); }

// coro-lock-across-suspend
QCoro::LazyTask<> locks() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    co_await fetch(3);
  }
}

// coro-blocking-call
QCoro::LazyTask<> blocks() {
  QCoro::waitFor(fetch(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QCoro::waitFor' waits synchronously on a task inside a coroutine [coro-blocking-call]
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(1));{{$}}
  co_await QCoro::sleepFor(std::chrono::milliseconds(1));
  co_return;
}

// coro-sequential-await
QCoro::LazyTask<int> both() {
  auto A = co_await fetch(6);
  auto B = co_await fetch(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; starting them as eager 'QCoro::Task's before awaiting the first (QCoro has no when_all) would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto A = co_await fetch(6);{{$}}
  co_return A + B;
}
