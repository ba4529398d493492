// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

#include "eager_task.h"
#include "generator.h"
#include "lazy_task.h"

lib::Task<int> fetch(int);

// co_await is not available in a generator, nor known to work in another
// library's coroutine: flagged with a note, no fix.
gen::Generator<int> numbers() {
  fetch(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a lazy task starts only when awaited: 'co_await' it inside a coroutine, or hand it to an executor or scope that starts it
  co_yield 1;
}

eager::Detached fireAndForget() {
  fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a lazy task starts only when awaited
  co_return;
}

// A non-coroutine returning a task: adding co_await would turn it into a
// coroutine, so no fix.
lib::Task<int> notACoroutine() {
  fetch(3);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a lazy task starts only when awaited
  return fetch(4);
}

// Eager tasks that are dropped already ran (see generators.cpp for lazy
// sequences).
eager::Detached detached();
eager::Future<int> future();
void eagerOnly() {
  detached();
  future();
}
