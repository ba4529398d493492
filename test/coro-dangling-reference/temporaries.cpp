// RUN: %check_corolint %s coro-dangling-reference %t -- -- %std_flags

// A lazy coroutine keeps its reference parameters as references in its
// frame and reads them only when awaited: a temporary bound to one dies at
// the end of the caller's full-expression. Flagged when the task outlives
// it (stored, returned, passed on); not when it is awaited or run by a
// synchronous wait in the same full-expression.

#include "lazy_task.h"
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

lib::Task<int> byRef(const std::string &S) { co_return (int)S.size(); }
lib::Task<int> byView(std::string_view S) { co_return (int)S.size(); }
lib::Task<int> bySpan(std::span<const int> S) { co_return (int)S.size(); }
lib::Task<int> byRvalue(std::string &&S) { co_return (int)S.size(); }
lib::Task<int> byValue(std::string S) { co_return (int)S.size(); }
lib::Task<int> neverReads(const std::string &) { co_return 0; }
lib::Task<int> byMutableRef(std::string &S) { co_return (int)S.size(); }
std::string name();
void spawn(lib::Task<int>);
std::vector<lib::Task<int>> Pending;

lib::Task<int> stored() {
  auto A = byRef("literal");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: temporary bound to reference parameter 'S' of lazy coroutine 'byRef' is destroyed at the end of the full-expression, but the task is stored and runs later [coro-dangling-reference]
  auto B = byView(name());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: temporary bound to view parameter 'S' of lazy coroutine 'byView' is destroyed at the end of the full-expression, but the task is stored and runs later [coro-dangling-reference]
  auto C = bySpan(std::vector<int>{1, 2});
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: temporary bound to view parameter 'S' of lazy coroutine 'bySpan' is destroyed
  lib::Task<int> D = byRef(name());
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: temporary bound to reference parameter 'S' of lazy coroutine 'byRef' is destroyed
  D = byRvalue(std::string("x"));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: temporary bound to reference parameter 'S' of lazy coroutine 'byRvalue' is destroyed at the end of the full-expression, but the task is stored
  co_return co_await A + co_await B + co_await C + co_await D;
}

void passedOn() {
  spawn(byRef(std::string("x")));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: temporary bound to reference parameter 'S' of lazy coroutine 'byRef' is destroyed at the end of the full-expression, but the task is passed on and runs later [coro-dangling-reference]
  Pending.push_back(byView(std::string("x")));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: temporary bound to view parameter 'S' of lazy coroutine 'byView' is destroyed {{.*}} is passed on
}

lib::Task<int> returned() {
  return byRvalue(name());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: temporary bound to reference parameter 'S' of lazy coroutine 'byRvalue' is destroyed at the end of the full-expression, but the task is returned and runs later [coro-dangling-reference]
}

// Safe: awaited, or run to completion, in the same full-expression.
lib::Task<int> consumedInTheFullExpression() {
  int A = co_await byRef(std::string("x"));
  int B = co_await byView(name());
  auto [C, D] = co_await lib::when_all(byRef(name()), bySpan(std::vector<int>{1}));
  int E = lib::sync_wait(byRef(name()));
  co_return A + B + C + D + E;
}

// Safe: what the parameter refers to lives on, or there is no reference.
lib::Task<int> safeArguments(const std::string &Caller) {
  std::string Local = "x";
  auto A = byRef(Local);              // Local outlives A in this scope
  auto B = byView("literal");         // a literal lives forever
  auto C = byValue(std::string("x")); // a copy in the frame
  auto D = neverReads(name());        // never read
  auto E = byRef(Caller);             // the caller's object
  auto F = byMutableRef(Local);
  co_return co_await A + co_await B + co_await C + co_await D + co_await E + co_await F;
}

// Dropped tasks are coro-discarded-task's business, also when assigned to
// std::ignore (which keeps nothing).
void dropped() { (void)byRef(name()); }
void ignored() { std::ignore = byRef(name()); }

// Handed to a function not known to keep the task: it may run it to the
// end before returning (a test helper that waits for it).
void runAndWait(lib::Task<int>);
void notKept() { runAndWait(byRef(name())); }
