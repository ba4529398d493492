// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

// Template code as written: a coroutine lambda called where it is written,
// or through the local it initializes, is the one candidate of a call the
// pattern leaves to the instantiation (its argument or capture depends on
// the template parameters): its lazy task is classified as outside
// templates. A task template with an eager specialization (`Job<Now>`) may
// be either kind in a pattern: quiet.

#include "lazy_task.h"
#include "mixed_task.h"
#include <utility>

template <typename U> lib::Task<int> fetch(const U &);
template <typename T> mixed::Job<T> make(T);

template <typename T> class Poller {
public:
  template <typename U> lib::Task<> poll(U Id) {
    [Id]() -> lib::Task<> { co_await fetch(Id); }();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by an immediately invoked coroutine lambda is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}    co_await [Id]() -> lib::Task<> { co_await fetch(Id); }();{{$}}
    auto Retry = [this, Id]() -> lib::Task<int> { co_return co_await fetch(Id); };
    Retry();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by an immediately invoked coroutine lambda is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}    co_await Retry();{{$}}
    co_return;
  }

  // Look-alikes: awaited, stored and awaited later, passed on.
  template <typename U> lib::Task<> used(U Id) {
    co_await [Id]() -> lib::Task<> { co_await fetch(Id); }();
    auto Retry = [Id]() -> lib::Task<int> { co_return co_await fetch(Id); };
    auto Later = Retry();
    co_await std::move(Later);
    lib::spawn([Id]() -> lib::Task<> { co_await fetch(Id); }());
  }
  // A task template with an eager specialization: not known to be lazy in
  // the pattern, and eager in the instantiation below.
  template <typename U> lib::Task<> unknown(U Id, T Value) {
    make(Value);
    [Value]() -> mixed::Job<T> { co_return; }();
    this->template job<T>();
    co_return;
  }

private:
  template <typename U> mixed::Job<U> job();
};

// Instantiated with an eager Job: still quiet for it, reported once for
// the lambdas.
lib::Task<> instantiate(Poller<mixed::Now> &P) {
  co_await P.poll(1);
  co_await P.unknown(2, mixed::Now{});
}
