// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags

#include "lazy_task.h"
#include <mutex>
#include <pthread.h>
#include <utility>

lib::Task<int> fetch(int);
bool ready();

std::mutex Mu;
pthread_mutex_t Raw = PTHREAD_MUTEX_INITIALIZER;

// Unlocking before the await: no warning (stock clang-tidy warns here).
lib::Task<> unlockThenAwait() {
  std::unique_lock<std::mutex> Lock(Mu);
  Lock.unlock();
  co_await fetch(1);
}

// Unlock, await, re-lock, await: the warning is at the re-lock.
lib::Task<> relock() {
  std::unique_lock<std::mutex> Lock(Mu);
  Lock.unlock();
  co_await fetch(2);
  Lock.lock();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread lock on 'Mu' is held across a suspension point [coro-lock-across-suspend]
  co_await fetch(3);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the coroutine suspends here while 'Mu' is locked
}

// defer_lock: nothing is held until lock().
lib::Task<> deferred() {
  std::unique_lock<std::mutex> Lock(Mu, std::defer_lock);
  co_await fetch(4);
  Lock.lock();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread lock on 'Mu' is held across a suspension point
  co_await fetch(5);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the coroutine suspends here while 'Mu' is locked
}

// A guard released by release() or moved away holds nothing here.
void adopt(std::unique_lock<std::mutex>);
lib::Task<> handedOver() {
  std::unique_lock<std::mutex> Released(Mu);
  Released.release()->unlock();
  co_await fetch(6);
  std::unique_lock<std::mutex> Moved(Mu);
  adopt(std::move(Moved));
  co_await fetch(7);
}

// Manual lock()/unlock(), both orders.
lib::Task<> manual() {
  Mu.lock();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: thread lock on 'Mu' is held across a suspension point
  co_await fetch(8);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the coroutine suspends here while 'Mu' is locked
  Mu.unlock();
}
lib::Task<> manualReleased() {
  Mu.lock();
  Mu.unlock();
  co_await fetch(9);
}
lib::Task<> posix() {
  pthread_mutex_lock(&Raw);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: thread lock on 'Raw' is held across a suspension point
  co_await fetch(10);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the coroutine suspends here while 'Raw' is locked
  pthread_mutex_unlock(&Raw);
  pthread_mutex_lock(&Raw);
  pthread_mutex_unlock(&Raw);
  co_await fetch(11);
}

// Loops: a guard outside the loop is held at every iteration's await; the
// note counts the other suspension points.
lib::Task<> loop() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held across a suspension point
  for (int I = 0; I < 3; ++I)
    co_await fetch(I);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: the coroutine suspends here while 'Mu' is locked (and at 1 other suspension point)
  while (ready())
    co_await fetch(12);
}

// A guard inside the loop body, released before the await of the next
// iteration: no warning.
lib::Task<> guardInLoopBody() {
  for (int I = 0; I < 3; ++I) {
    {
      std::lock_guard<std::mutex> Guard(Mu);
    }
    co_await fetch(I);
  }
}

// Branches: a lock taken on one path may be held after the join.
lib::Task<> branches(bool B) {
  if (B)
    Mu.lock();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread lock on 'Mu' is held across a suspension point
  co_await fetch(13);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the coroutine suspends here while 'Mu' is locked
  if (B)
    Mu.unlock();
}
lib::Task<> branchReleases(bool B) {
  Mu.lock();
  if (B) {
    Mu.unlock();
    co_await fetch(14);
    co_return;
  }
  Mu.unlock();
  co_await fetch(15);
}
