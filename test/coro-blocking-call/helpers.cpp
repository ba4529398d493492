// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags
// RUN: %check_corolint %s coro-blocking-call %t.deep --check-suffixes=DEEP --config="{CheckOptions: {coro-blocking-call.MaxHelperDepth: 1}}" -- -- %std_flags

#include "lazy_task.h"
#include <chrono>
#include <thread>
#include <utility>

using namespace std::chrono_literals;

void delay() { std::this_thread::sleep_for(1ms); }
void retry() {
  for (int I = 0; I < 3; ++I)
    delay();
}
void level3() { retry(); }
void level4() { level3(); }
void level5() { level4(); }

lib::Task<> callsHelpers() {
  delay();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'delay' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :11:16: note: 'delay' calls 'std::this_thread::sleep_for' here
  // CHECK-NOTES-DEEP: :[[@LINE-3]]:3: warning: call to 'delay' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES-DEEP: :11:16: note: 'delay' calls 'std::this_thread::sleep_for' here
  retry();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'retry' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
  // CHECK-NOTES: :14:5: note: 'retry' calls 'delay' here
  // CHECK-NOTES: :11:16: note: 'delay' calls 'std::this_thread::sleep_for' here
  level4();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'level4' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
  // CHECK-NOTES: :17:17: note: 'level4' calls 'level3' here
  // CHECK-NOTES: :16:17: note: 'level3' calls 'retry' here
  // CHECK-NOTES: :14:5: note: 'retry' calls 'delay' here
  // CHECK-NOTES: :11:16: note: 'delay' calls 'std::this_thread::sleep_for' here
  // Past the default depth of 4: quiet.
  level5();
  co_return;
}

// An immediately invoked lambda runs here, like a helper.
lib::Task<> invokedInPlace() {
  [] { std::this_thread::sleep_for(1ms); }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to the lambda sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
  // CHECK-NOTES: :[[@LINE-2]]:8: note: the lambda calls 'std::this_thread::sleep_for' here
  // CHECK-NOTES-DEEP: :[[@LINE-3]]:3: warning: call to the lambda sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
  // CHECK-NOTES-DEEP: :[[@LINE-4]]:8: note: the lambda calls 'std::this_thread::sleep_for' here
  co_return;
}

//===--- Look-alikes -------------------------------------------------------===//

// Lambdas handed elsewhere run elsewhere.
template <typename F> void offload(F &&Work) { std::thread(std::forward<F>(Work)).detach(); }
lib::Task<> handsWorkAway() {
  offload([] { std::this_thread::sleep_for(1s); });
  auto Later = [] { delay(); };
  std::thread Worker(Later);
  Worker.detach();
  co_return;
}

// A coroutine's body does not run synchronously in its caller.
lib::Task<> sleepyCoroutine() {
  std::this_thread::sleep_for(1ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine
  // CHECK-NOTES-DEEP: :[[@LINE-2]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine
  co_return;
}
lib::Task<> awaitsACoroutine() { co_await sleepyCoroutine(); }

// Recursion terminates; helpers that do not block are quiet.
int countDown(int N) { return N == 0 ? 0 : countDown(N - 1); }
lib::Task<> recursive() {
  countDown(3);
  co_return;
}
