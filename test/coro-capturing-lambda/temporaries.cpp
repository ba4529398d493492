// RUN: %check_corolint %s coro-capturing-lambda %t -- -- %std_flags

// A coroutine lambda reads its captures through the lambda object. A
// temporary lambda dies at the end of the full-expression: flagged when its
// lazy task outlives it (stored, returned, passed on) and reads a capture;
// not when the task is awaited or run by a synchronous wait in the same
// full-expression.

#include "lazy_task.h"
#include <functional>
#include <string>
#include <vector>

lib::Task<int> fetch(int);
void spawn(lib::Task<int>);
std::vector<lib::Task<int>> Pending;

lib::Task<int> stored(int Id) {
  auto T = [Id]() -> lib::Task<int> { co_return co_await fetch(Id); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: coroutine lambda is a temporary destroyed at the end of the full-expression, but its lazy task is stored and reads capture 'Id' later [coro-capturing-lambda]
  co_return co_await T;
}

void passedOn(std::string Name) {
  spawn([&Name]() -> lib::Task<int> { co_return (int)Name.size(); }());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine lambda is a temporary destroyed at the end of the full-expression, but its lazy task is passed on and reads capture 'Name' later [coro-capturing-lambda]
  Pending.push_back([Copy = Name]() -> lib::Task<int> { co_return (int)Copy.size(); }());
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: coroutine lambda is a temporary {{.*}} is passed on and reads capture 'Copy' later
}

lib::Task<int> returned(int Id) {
  return [=]() -> lib::Task<int> { co_return co_await fetch(Id); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: coroutine lambda is a temporary destroyed at the end of the full-expression, but its lazy task is returned and reads capture 'Id' later [coro-capturing-lambda]
}

struct Service {
  int Port = 0;
  lib::Task<int> start() {
    return [this]() -> lib::Task<int> { co_return Port; }();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: coroutine lambda is a temporary {{.*}} is returned and reads capture 'this' later
  }
};

// A function that calls the lambda and returns its task keeps nothing.
lib::Task<int> throughInvoke(int Id) {
  auto T = std::invoke([Id]() -> lib::Task<int> { co_return co_await fetch(Id); });
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: coroutine lambda is a temporary {{.*}} is stored and reads capture 'Id' later
  co_return co_await T;
}

// A local lambda dies when the function returning its task returns.
lib::Task<int> returnsLocalLambda(int Id) {
  auto Make = [Id]() -> lib::Task<int> { co_return co_await fetch(Id); };
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: coroutine lambda 'Make' is destroyed when 'returnsLocalLambda' returns, but the lazy task it returns reads capture 'Id' later [coro-capturing-lambda]
  return Make();
}

// Safe.
lib::Task<int> awaitedInTheFullExpression(int Id) {
  int A = co_await [Id]() -> lib::Task<int> { co_return co_await fetch(Id); }();
  auto [B, C] = co_await lib::when_all([Id]() -> lib::Task<int> { co_return Id; }(),
                                       [Id]() -> lib::Task<int> { co_return Id + 1; }());
  int D = lib::sync_wait([Id]() -> lib::Task<int> { co_return Id; }());
  co_return A + B + C + D;
}

lib::Task<int> noCaptureRead(int Id) {
  auto A = []() -> lib::Task<int> { co_return co_await fetch(1); }();
  auto B = [Id]() -> lib::Task<int> { co_return co_await fetch(2); }(); // Id unused
  auto C = [](int X) -> lib::Task<int> { co_return co_await fetch(X); }(Id);
  co_return co_await A + co_await B + co_await C;
}

lib::Task<int> localLambdaOutlivesTask(int Id) {
  auto Make = [Id]() -> lib::Task<int> { co_return co_await fetch(Id); };
  auto T = Make();   // Make lives as long as T here
  co_return co_await T;
}

// A coroutine that takes the lambda copies it into its own frame.
template <class F> lib::Task<int> keepAndRun(F Function) { co_return co_await Function(); }
lib::Task<int> throughCoroutine(int Id) {
  auto T = keepAndRun([Id]() -> lib::Task<int> { co_return co_await fetch(Id); });
  co_return co_await T;
}

// Dropped tasks are coro-discarded-task's business.
void dropped(int Id) { (void)[Id]() -> lib::Task<int> { co_return Id; }(); }

// Handed to a function that is not known to keep the task (it may run it to
// the end before returning, as a test helper that waits does), or the lambda
// handed to a binder that stores it: not reported.
void runAndWait(lib::Task<int> T);
template <class F> lib::Task<int> runBound(F Function) { co_return co_await Function(); }
template <class F> lib::Task<int> bindLater(F &&Function) {
  return runBound(static_cast<F &&>(Function)); // a coroutine's frame keeps it
}
void notKept(int Id) {
  runAndWait([Id]() -> lib::Task<int> { co_return Id; }());
  auto T = bindLater([Id]() -> lib::Task<int> { co_return Id; });
  (void)T;
}
