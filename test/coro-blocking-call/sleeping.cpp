// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

#include "eager_task.h"
#include "lazy_task.h"
#include <chrono>
#include <thread>
#include <time.h>
#include <unistd.h>

using namespace std::chrono_literals;

lib::Task<int> fetch(int);

// A sleep beside the task type (lib::sleep_for returns an awaitable) makes
// the fix: `co_await lib::sleep_for(d)`.
lib::Task<> poller() {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  co_await lib::sleep_for(std::chrono::milliseconds(10));{{$}}
  for (int I = 0; I < 3; ++I) {
    co_await fetch(I);
    std::this_thread::sleep_for(100ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' sleeps the executor thread
    // CHECK-FIXES: {{^}}    co_await lib::sleep_for(100ms);{{$}}
  }
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_until' sleeps the executor thread
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);{{$}}
}

// POSIX sleeps: flagged, no fix.
lib::Task<> posix() {
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' sleeps the executor thread inside a coroutine
  usleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' sleeps the executor thread
  timespec Delay{0, 1000};
  nanosleep(&Delay, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'nanosleep' sleeps the executor thread
  co_return;
}

// No sleep beside an eager type's namespace: no fix.
eager::Detached detached() {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(1ms);{{$}}
  co_return;
}

// The value is used: no fix either (only a whole statement is rewritten).
lib::Task<> inExpression(bool B) {
  B ? std::this_thread::sleep_for(1ms) : void();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' sleeps the executor thread
  co_return;
}

//===--- Look-alikes -------------------------------------------------------===//

// The awaited async version suspends instead of blocking.
lib::Task<> asyncSleep() {
  co_await lib::sleep_for(10ms);
}

// Blocking is fine in plain functions and in threads.
void plainFunction() { std::this_thread::sleep_for(1ms); }
lib::Task<> startsAThread() {
  std::thread Worker([] { std::this_thread::sleep_for(1ms); });
  Worker.detach();
  co_return;
}

// Functions with the same short name elsewhere are not the C library's.
namespace mine {
void sleep(int);
}
struct Timer {
  void sleep(int);
};
lib::Task<> lookAlikes(Timer &T) {
  mine::sleep(1);
  T.sleep(1);
  co_return;
}
