// RUN: %check_corolint %s coro-capturing-lambda %t -- -- %std_flags -I%inputs/libraries

// A coroutine lambda called where it is written is a temporary: a task
// started from it (`[x]() -> Task<> {...}().scheduleOn(ex).start()`, the
// shape folly's co_invoke exists for) reads its captures after the lambda
// is gone. Awaited in the same full-expression, the lambda still lives.

#include "folly_coro.h"
#include <utility>

using folly::coro::Executor;
using folly::coro::Task;

Task<int> fetch(int);

Task<> startsLambda(Executor *Ex, int Id) {
  [Id]() -> Task<> { co_await fetch(Id); }().scheduleOn(Ex).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine lambda is a temporary destroyed at the end of the full-expression, but its lazy task is started and reads capture 'Id' later [coro-capturing-lambda]
  co_await [Id]() -> Task<> { co_await fetch(Id); }().scheduleOn(Ex);
  (void)[Id]() -> Task<> { co_await fetch(Id); }().scheduleOn(Ex).start().get();
  [](int Arg) -> Task<> { co_await fetch(Arg); }(Id).scheduleOn(Ex).start();
}
