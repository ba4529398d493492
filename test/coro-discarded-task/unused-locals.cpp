// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

#include "lazy_task.h"
#include <utility>

lib::Task<int> submit(int);
lib::Task<int> &cached();
void consume(lib::Task<int>);

lib::Task<> lostWork() {
  [[maybe_unused]] auto R = submit(1);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: lazy task 'R' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:29: note: the task is created here by 'submit'
  lib::Task<int> Typed = submit(2);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: lazy task 'Typed' is never awaited
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the task is created here by 'submit'
  co_return;
}

void plainFunction() {
  auto Lost = submit(3);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: lazy task 'Lost' is never awaited
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the task is created here by 'submit'
}

// Any use of the local at all counts: awaited, moved, passed, captured,
// returned, even in an unevaluated operand.
lib::Task<int> uses() {
  auto A = submit(4);
  co_await std::move(A);
  auto B = submit(5);
  consume(std::move(B));
  auto C = submit(6);
  auto Later = [&]() -> lib::Task<> { co_await std::move(C); };
  co_await Later();
  auto D = submit(7);
  (void)sizeof(D);
  auto E = submit(8);
  co_return co_await std::move(E);
}

// Not a new task: a reference to an existing one, a moved-from task, a
// default-constructed non-task.
void notCreated(lib::Task<int> &&Other) {
  auto &Ref = cached();
  auto Moved = std::move(Other);
  int Plain = 0;
}
