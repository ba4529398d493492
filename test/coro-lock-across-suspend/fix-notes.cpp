// RUN: %check_corolint %s coro-lock-across-suspend %t --fix-notes -- -- %std_flags

#include "lazy_task.h"
#include <mutex>

lib::Task<int> fetch(int);
std::mutex Mu;
int Counter;

// Safe: every use of the guard precedes the suspension; --fix-notes closes
// its scope right before the suspending statement.
lib::Task<> fixable() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
  ++Counter;
  int Snapshot = Counter;
  co_await fetch(1);
  // CHECK-FIXES: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::lock_guard<std::mutex> Guard(Mu);{{$}}
  // CHECK-FIXES: {{^}}  ++Counter;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  int Snapshot = Counter;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  co_await fetch(1);{{$}}
}

// A comment after the last moved statement stays on its line, inside the
// new block; a comment after the suspension stays with it.
lib::Task<> fixableWithComments() {
  std::lock_guard<std::mutex> Guard(Mu); // protects Counter
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held
  ++Counter; // under the lock
  co_await fetch(5); // unlocked here
  // CHECK-FIXES: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::lock_guard<std::mutex> Guard(Mu); // protects Counter{{$}}
  // CHECK-FIXES: {{^}}  ++Counter; // under the lock{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  co_await fetch(5); // unlocked here{{$}}
}

// The suspension is in an initializer: still fixable.
lib::Task<int> fixableInitializer() {
  std::unique_lock<std::mutex> Lock(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mu' is held
  ++Counter;
  int Value = co_await fetch(2);
  // CHECK-FIXES: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::unique_lock<std::mutex> Lock(Mu);{{$}}
  // CHECK-FIXES: {{^}}  ++Counter;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  int Value = co_await fetch(2);{{$}}
  co_return Value;
}

// Not provably safe, so no fix: a declaration that moves into the new block
// is used after the suspension...
lib::Task<int> usedAfter() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held
  int Snapshot = Counter;
  co_await fetch(3);
  // CHECK-FIXES: {{^}}  std::lock_guard<std::mutex> Guard(Mu);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  co_return Snapshot;
}

// ... the guard itself is used after the suspension ...
lib::Task<> guardUsedAfter() {
  std::unique_lock<std::mutex> Lock(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mu' is held
  co_await fetch(4);
  Lock.unlock();
}

// ... or the guard is not a direct child of a block.
lib::Task<> inCondition(bool B) {
  if (B)
    for (std::lock_guard<std::mutex> Guard(Mu);;) {
      // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: thread lock 'Guard' on 'Mu' is held
      co_await fetch(5);
      // CHECK-FIXES: {{^}}    for (std::lock_guard<std::mutex> Guard(Mu);;) {{{$}}
    }
}

// Nothing between the guard and the suspension: a block would protect
// nothing (the lock was meant for what follows the await), so no fix.
lib::Task<> emptyCriticalSection() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held
  int Fresh = co_await fetch(6);
  Counter = Fresh;
  // CHECK-FIXES: {{^}}  std::lock_guard<std::mutex> Guard(Mu);{{$}}
}

// The suspension sits in a loop after the critical section: closing the
// scope before the loop is the fix.
lib::Task<> beforeLoop() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held
  ++Counter;
  for (int I = 0; I < 2; ++I) {
    co_await fetch(I);
  }
  // CHECK-FIXES: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::lock_guard<std::mutex> Guard(Mu);{{$}}
  // CHECK-FIXES: {{^}}  ++Counter;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int I = 0; I < 2; ++I) {{{$}}
}
