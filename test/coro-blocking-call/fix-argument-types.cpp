// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags -I%inputs/libraries
// RUN: %check_corolint %s coro-blocking-call %t.cfg --check-suffixes=CFG --config="{CheckOptions: {coro-blocking-call.AsyncReplacements: 'std::this_thread::sleep_for=co_await app::pause;usleep=co_await app::missing'}}" -- -- %std_flags -I%inputs/libraries

// The async-sleep fix is offered only when the call's argument converts to
// the replacement's parameter as it is: folly::coro::sleep takes
// milliseconds, so whole seconds convert, 1.5s and microseconds do not.

#include "folly_coro.h"
#include <chrono>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

namespace app {
folly::coro::Task<void> pause(std::chrono::seconds);
}

folly::coro::Task<> waits() {
  std::this_thread::sleep_for(2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  co_await folly::coro::sleep(2s);{{$}}
  // CHECK-MESSAGES-CFG: :[[@LINE-3]]:3: warning: 'std::this_thread::sleep_for' sleeps
  // CHECK-FIXES-CFG: {{^}}  co_await app::pause(2s);{{$}}
  std::this_thread::sleep_for(1.5s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(1.5s);{{$}}
  // CHECK-MESSAGES-CFG: :[[@LINE-3]]:3: warning: 'std::this_thread::sleep_for' sleeps
  // CHECK-FIXES-CFG: {{^}}  std::this_thread::sleep_for(1.5s);{{$}}
  std::this_thread::sleep_for(1500us);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(1500us);{{$}}
  // CHECK-MESSAGES-CFG: :[[@LINE-3]]:3: warning: 'std::this_thread::sleep_for' sleeps
  // CHECK-FIXES-CFG: {{^}}  std::this_thread::sleep_for(1500us);{{$}}
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  co_await folly::coro::sleep(std::chrono::milliseconds(20));{{$}}
  // CHECK-MESSAGES-CFG: :[[@LINE-3]]:3: warning: 'std::this_thread::sleep_for' sleeps
  // CHECK-FIXES-CFG: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(20));{{$}}
  // A configured replacement that this file does not declare: no fix.
  usleep(100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-MESSAGES-CFG: :[[@LINE-2]]:3: warning: 'usleep' sleeps
  // CHECK-FIXES-CFG: {{^}}  usleep(100);{{$}}
  co_return;
}

// Every overload of the replacement counts, not only the first declared.
namespace ovl {
template <typename T = void> using Task = folly::coro::Task<T>;
}
namespace folly::coro {
Task<void> sleep(std::chrono::milliseconds, int Hint);
}
folly::coro::Task<> overloads() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  // CHECK-FIXES: {{^}}  co_await folly::coro::sleep(std::chrono::milliseconds(5));{{$}}
  // CHECK-MESSAGES-CFG: :[[@LINE-3]]:3: warning: 'std::this_thread::sleep_for' sleeps
  // CHECK-FIXES-CFG: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(5));{{$}}
  co_return;
}
