// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

// The ways code throws a lazy task away on purpose to silence
// [[nodiscard]]: `std::ignore = f();`, `(void)f();`,
// `static_cast<void>(f());`. Each drops the task: the coroutine never runs.
// None gets a fix (awaiting would rewrite the expression); the note says
// how to run the task.

#include "eager_task.h"
#include "lazy_task.h"
#include <tuple>

lib::Task<int> fetch(int);
lib::Task<> work();
int compute(int);
eager::Future<int> startNow(int);

struct Client {
  lib::Task<int> get(int);
};

lib::Task<> ignored(Client &C) {
  std::ignore = fetch(1);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: 'std::ignore' drops the lazy task without running it: 'co_await' it inside a coroutine ('std::ignore = co_await ...' ignores its result), or hand it to an executor or scope that starts it
  // CHECK-FIXES: {{^}}  std::ignore = fetch(1);{{$}}
  std::ignore = C.get(2);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: lazy task returned by 'Client::get' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: 'std::ignore' drops the lazy task
  std::ignore = (work());
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: lazy task returned by 'work' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:18: note: 'std::ignore' drops the lazy task
  // The combinator's task is dropped; the tasks it was given are passed on.
  std::ignore = lib::when_all(fetch(3), fetch(4));
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: lazy task returned by 'lib::when_all' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: 'std::ignore' drops the lazy task
  co_return;
}

// Through a using-declaration, and in a plain function.
void ignoredInPlainFunction() {
  using std::ignore;
  ignore = fetch(5);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: 'std::ignore' drops the lazy task
}

// Casts to void are still reported (AllowCastToVoid is false by default;
// allow-cast-to-void.cpp tests the option).
lib::Task<> castToVoid(Client &C) {
  (void)fetch(6);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:9: note: a lazy task starts only when awaited: 'co_await' it inside a coroutine, or hand it to an executor or scope that starts it
  // CHECK-FIXES: {{^}}  (void)fetch(6);{{$}}
  static_cast<void>(C.get(7));
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: lazy task returned by 'Client::get' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:21: note: a lazy task starts only when awaited
  // CHECK-FIXES: {{^}}  static_cast<void>(C.get(7));{{$}}
  co_return;
}

// Look-alikes: the result of an awaited task, a value that is not a task,
// an eager task (already running), a task assigned to a real variable or
// member, and a local awaited later.
struct Holder {
  lib::Task<int> Pending = fetch(0);
};
lib::Task<> fine(Holder &H, lib::Task<int> &Slot) {
  std::ignore = co_await fetch(8);
  std::ignore = co_await lib::when_all(fetch(9), fetch(10));
  std::ignore = compute(11);
  std::ignore = startNow(12);
  Slot = fetch(13);
  H.Pending = fetch(14);
  auto Later = fetch(16);
  std::ignore = co_await std::move(Later);
  (void)co_await fetch(17);
  (void)compute(18);
  static_cast<void>(startNow(19));
}

// Templates: a function template nobody instantiates (the call's type is
// dependent, the assignment a plain binary operator), a class template, and
// an instantiated template, reported once at the written call.
template <typename T> lib::Task<T> make(T);
template <typename T> T plainValue(T);

template <typename T> lib::Task<> neverInstantiated(T V) {
  std::ignore = make(V);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: lazy task returned by 'make' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: 'std::ignore' drops the lazy task
  (void)make(V);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: lazy task returned by 'make' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:9: note: a lazy task starts only when awaited
  std::ignore = co_await make(V);
  std::ignore = plainValue(V);
  co_return;
}

template <typename T> struct Service {
  lib::Task<T> load(T Key);
  lib::Task<> run(T Key) {
    std::ignore = load(Key);
    // CHECK-NOTES: :[[@LINE-1]]:19: warning: lazy task returned by 'Service::load' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-NOTES: :[[@LINE-2]]:19: note: 'std::ignore' drops the lazy task
    std::ignore = co_await load(Key);
    std::ignore = co_await this->load(Key);
  }
};

template <typename T> lib::Task<> instantiated(T V) {
  std::ignore = make(V);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: lazy task returned by 'make' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: 'std::ignore' drops the lazy task
  std::ignore = co_await make(V);
}

lib::Task<> instantiate() {
  co_await instantiated(1);
  co_await instantiated(2.0);
}
