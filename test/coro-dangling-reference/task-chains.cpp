// RUN: %check_corolint %s coro-dangling-reference %t -- -- %std_flags -I%inputs/libraries

// A temporary bound to a reference parameter of a lazy coroutine dies at
// the end of the full-expression. Carried on by `scheduleOn(ex)` and
// started there, or stored, the task reads it later; awaited or waited for
// in the same full-expression, it reads it while it lives.

#include "folly_coro.h"
#include <string>
#include <utility>

using folly::coro::Executor;
using folly::coro::Task;

Task<int> lookup(const std::string &Key) { co_return static_cast<int>(Key.size()); }

Task<> startsWithTemporaries(Executor *Ex) {
  lookup(std::string("a")).scheduleOn(Ex).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: temporary bound to reference parameter 'Key' of lazy coroutine 'lookup' is destroyed at the end of the full-expression, but the task is started and runs later [coro-dangling-reference]
  auto Bound = lookup(std::string("b")).scheduleOn(Ex);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: temporary bound to reference parameter 'Key' of lazy coroutine 'lookup' is destroyed at the end of the full-expression, but the task is stored and runs later [coro-dangling-reference]
  co_await std::move(Bound);
  // A combinator's task holds the tasks it is given: stored, it reads the
  // temporaries after they are gone.
  auto Both = folly::coro::collectAll(lookup(std::string("g")), lookup("h"));
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: temporary bound to reference parameter 'Key' of lazy coroutine 'lookup' is destroyed at the end of the full-expression, but the task is stored and runs later [coro-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-2]]:72: warning: temporary bound to reference parameter 'Key' of lazy coroutine 'lookup' is destroyed at the end of the full-expression, but the task is stored and runs later [coro-dangling-reference]
  co_await std::move(Both);
  co_return;
}

Task<> awaitsWithTemporaries(Executor *Ex) {
  co_await lookup(std::string("c")).scheduleOn(Ex);
  co_await folly::coro::co_withExecutor(Ex, lookup(std::string("d")));
  co_await folly::coro::collectAll(lookup(std::string("g")), lookup("h"));
  (void)lookup(std::string("e")).scheduleOn(Ex).start().get();
  std::string Key = "f";
  lookup(Key).scheduleOn(Ex).start();
  co_return;
}
