// RUN: %check_corolint %s coro-capturing-lambda %t -- -- %std_flags -std=c++23
// RUN: %check_corolint %s coro-capturing-lambda %t.opt --check-suffixes=OPT --config="{CheckOptions: {coro-capturing-lambda.CoInvokeFunctions: 'app::.*'}}" -- -- %std_flags -std=c++23

// Templates (instantiated or not, generic lambdas), co_invoke-style
// wrappers (declared only: the list decides), explicit object parameters
// (C++23) and eager tasks.

#include "eager_task.h"
#include "lazy_task.h"
#include <string>

lib::Task<int> fetch(int);

template <class T> lib::Task<T> storesInTemplate(T Value) {
  auto Task = [Value]() -> lib::Task<T> { co_return Value; }();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: coroutine lambda is a temporary destroyed at the end of the full-expression, but its lazy task is stored and reads capture 'Value' later [coro-capturing-lambda]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:15: warning: coroutine lambda is a temporary
  co_return co_await Task;
}
template lib::Task<int> storesInTemplate<int>(int);
template lib::Task<long> storesInTemplate<long>(long);

template <class T> lib::Task<int> neverInstantiated(T Value) {
  auto Task = [Value]() -> lib::Task<int> { co_return (int)sizeof(Value); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: coroutine lambda is a temporary
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:15: warning: coroutine lambda is a temporary
  co_return co_await Task;
}

lib::Task<int> genericLambda(int Id) {
  auto Task = [Id](auto Offset) -> lib::Task<int> { co_return Id + Offset; }(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: coroutine lambda is a temporary {{.*}} reads capture 'Id' later
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:15: warning: coroutine lambda is a temporary
  co_return co_await Task;
}

// Wrappers that call the lambda and return its task: a co_invoke-style one
// (CoInvokeFunctions) keeps the lambda alive however it is written.
namespace folly::coro {
template <class F> auto co_invoke(F &&Function) -> decltype(Function()) { return Function(); }
}
namespace app {
template <class F> auto runLater(F &&Function) -> decltype(Function()) { return Function(); }
}
lib::Task<int> wrappers(int Id) {
  auto A = folly::coro::co_invoke([Id]() -> lib::Task<int> { co_return Id; });
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:35: warning: coroutine lambda is a temporary {{.*}} reads capture 'Id' later
  auto B = app::runLater([Id]() -> lib::Task<int> { co_return Id; });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: coroutine lambda is a temporary {{.*}} reads capture 'Id' later
  co_return co_await A + co_await B;
}

// C++23: a lambda whose explicit object parameter is a copy is moved into
// the coroutine frame with its captures; by reference it is not.
lib::Task<int> explicitObject(int Id) {
  auto A = [Id](this auto Self) -> lib::Task<int> { co_return Id; }();
  auto B = [Id](this const auto &Self) -> lib::Task<int> { co_return Id; }();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: coroutine lambda is a temporary {{.*}} reads capture 'Id' later
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:12: warning: coroutine lambda is a temporary
  co_return co_await A + co_await B;
}

// An eager coroutine lambda runs to its first suspension at once: not
// reported (see the documentation).
eager::Future<int> eagerLambda(int Id) {
  auto F = [Id]() -> eager::Future<int> { co_return Id; }();
  co_return co_await F;
}
