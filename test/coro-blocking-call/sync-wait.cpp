// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

#include "lazy_task.h"

// The synchronous-wait names of the task libraries, in any namespace.
namespace folly::coro {
template <typename T> T blockingWait(lib::Task<T>);
}
namespace async_simple::coro {
template <typename T> T syncAwait(lib::Task<T>);
}
namespace drogon {
template <typename T> T sync_wait(lib::Task<T>);
}
namespace mylib {
template <typename T> T syncWait(lib::Task<T>);
template <typename T> T blocking_wait(lib::Task<T>);
}

lib::Task<int> fetch(int);

lib::Task<int> waitsOnTasks() {
  int A = lib::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'lib::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  int B = folly::coro::blockingWait(fetch(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'folly::coro::blockingWait' waits synchronously on a task
  int C = async_simple::coro::syncAwait(fetch(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'async_simple::coro::syncAwait' waits synchronously on a task
  int D = drogon::sync_wait(fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'drogon::sync_wait' waits synchronously on a task
  int E = mylib::syncWait(fetch(5)) + mylib::blocking_wait(fetch(6));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'mylib::syncWait' waits synchronously on a task
  // CHECK-MESSAGES: :[[@LINE-2]]:39: warning: 'mylib::blocking_wait' waits synchronously on a task
  co_return A + B + C + D + E;
}

// The same waits in main() are how programs start their first coroutine.
int main() { return lib::sync_wait(waitsOnTasks()); }
