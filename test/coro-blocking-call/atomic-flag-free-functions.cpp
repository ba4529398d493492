// REQUIRES: libcxx
// RUN: %check_corolint --stdlibs=libc++ %s coro-blocking-call %t -- -- %std_flags

// The free functions of std::atomic_flag's wait (libc++ declares them; the
// libstdc++ this suite runs with does not): atomic-waits.cpp has the
// members and the other free functions, with both standard libraries.

#include "lazy_task.h"
#include <atomic>

lib::Task<> waitsOnFlag(std::atomic_flag &Flag) {
  std::atomic_flag_wait(&Flag, true);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic_flag_wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  std::atomic_flag_wait_explicit(&Flag, true, std::memory_order_acquire);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic_flag_wait_explicit' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  std::atomic_flag_notify_all(&Flag);
  (void)std::atomic_flag_test(&Flag);
  co_return;
}

// In a class template nobody instantiates.
template <class T> struct Waiter {
  std::atomic_flag Ready;
  lib::Task<T> run(T Value) {
    std::atomic_flag_wait(&Ready, false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::atomic_flag_wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
    co_return Value;
  }
};
