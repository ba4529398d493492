// RUN: %check_corolint %s coro-capturing-lambda %t -- -- %std_flags

// Template code as written: in a class template's member function template,
// the call of a coroutine lambda and the call it is passed to are left to
// the instantiation when an argument depends on the template parameters.
// The lambda is the one candidate of its call, and a spawn or container
// insertion keeps the task by its name, as for code that is not a template.

#include "eager_task.h"
#include "lazy_task.h"
#include <utility>
#include <vector>

template <typename U> lib::Task<int> fetch(const U &);
template <typename T> void runNow(T &&);
namespace eager {
template <typename T> void spawn(Future<T>);
}

template <typename T> class Worker {
public:
  template <typename U> void start(U Job) {
    lib::spawn([Job]() -> lib::Task<> { co_await fetch(Job); }());
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine lambda is a temporary destroyed at the end of the full-expression, but its lazy task is passed on and reads capture 'Job' later [coro-capturing-lambda]
  }
  void startOwn(T Job) {
    lib::spawn([this, Job]() -> lib::Task<> { co_await fetch(State + Job); }());
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine lambda is a temporary {{.*}} is passed on and reads capture 'this' later [coro-capturing-lambda]
  }
  template <typename U> void queue(U Job) {
    Pending.push_back(
        [Job = std::move(Job)]() -> lib::Task<T> { co_return co_await fetch(Job); }());
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine lambda is a temporary {{.*}} is passed on and reads capture 'Job' later [coro-capturing-lambda]
  }
  template <typename U> void keep(U Job) {
    Stored = [Job]() -> lib::Task<T> { co_return co_await fetch(Job); }();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: coroutine lambda is a temporary {{.*}} is stored and reads capture 'Job' later [coro-capturing-lambda]
  }

  // A local lambda dies when the function returns its task.
  template <typename U> lib::Task<> make(U Job) {
    auto Body = [Job]() -> lib::Task<> { co_await fetch(Job); };
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: coroutine lambda 'Body' is destroyed when 'make' returns, but the lazy task it returns reads capture 'Job' later [coro-capturing-lambda]
    return Body();
  }

  // Look-alikes: awaited in the full-expression, or through a local lambda
  // that outlives its task; handed to a function not known to keep it; an
  // eager lambda; no capture read.
  template <typename U> lib::Task<> awaited(U Job) {
    co_await [Job]() -> lib::Task<> { co_await fetch(Job); }();
    auto Later = [Job]() -> lib::Task<> { co_await fetch(Job); };
    auto Pending = Later();
    co_await std::move(Pending);
    co_await lib::when_all([Job]() -> lib::Task<int> { co_return co_await fetch(Job); }());
  }
  template <typename U> void notKept(U Job) {
    runNow([Job]() -> lib::Task<> { co_await fetch(Job); }());
  }
  template <typename U> void eagerLambda(U Job) {
    eager::spawn([Job]() -> eager::Future<int> { co_return co_await fetch(Job); }());
  }
  template <typename U> void noCaptureRead(U Job) {
    lib::spawn([Job]() -> lib::Task<> { co_return; }());
    lib::spawn([](U Copy) -> lib::Task<> { co_await fetch(Copy); }(Job));
  }

private:
  T State{};
  std::vector<lib::Task<T>> Pending;
  lib::Task<T> Stored{{}};
};

// Instantiated: reported once, at the written lambda.
void instantiate(Worker<int> &W) {
  W.start(1);
  W.start(2L);
}
