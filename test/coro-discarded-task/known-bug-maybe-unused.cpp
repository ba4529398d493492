// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags
// A known real bug, reduced (and written anew): the result of a job
// submission was kept in a [[maybe_unused]] variable to silence
// [[nodiscard]], and the lazy task was never awaited: the job never ran.

#include "lazy_task.h"

struct Job {
  int Id;
};
lib::Task<bool> submit(Job J);

lib::Task<> enqueue(Job J) {
  [[maybe_unused]] auto Result = submit(J);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: lazy task 'Result' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:34: note: the task is created here by 'submit'
  co_return;
}

// The fixed version: awaited.
lib::Task<> enqueueFixed(Job J) {
  [[maybe_unused]] auto Accepted = co_await submit(J);
}
