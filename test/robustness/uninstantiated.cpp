// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags
// Coroutines in templates that are never instantiated are analysed with
// what is known without the template arguments: a call whose declared
// return type is a lazy task (`lib::Task<T>` for any T) creates one, a
// guard over a mutex of unknown type `M` is not known to be a thread lock,
// and a call through a dependent name (`T::sleep_for`) is not known to
// block. Nothing crashes.

#include "lazy_task.h"
#include <mutex>
#include <thread>

template <typename T> lib::Task<T> make(T);

template <typename T, typename M> lib::Task<T> generic(T Value, M &Mutex) {
  make(Value);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'make' is discarded; the coroutine never runs [coro-discarded-task]
  std::lock_guard<M> Guard(Mutex);
  auto A = co_await make(Value);
  auto B = co_await make(Value);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'make' and 'make' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  T::sleep_for(A);
  co_return A + B;
}

template <typename Task> struct Holder {
  Task run() {
    co_await Task::something();
    [[maybe_unused]] auto Unused = Task::create();
  }
  template <typename U> auto nested(U Work) -> decltype(Work()) {
    co_return co_await [&]() -> decltype(Work()) { co_return co_await Work(); }();
  }
};

// A call the pattern leaves unresolved (its argument depends on D) is
// known when every candidate has one qualified name and argument-dependent
// lookup can add none: `std::this_thread::sleep_for(Delay)` blocks whatever
// D is. An unqualified call may find other functions by ADL at
// instantiation: not known.
namespace deps {
void sleep_for(int);
template <class D> void waitFor(D Delay) { std::this_thread::sleep_for(Delay); }
template <class D> lib::Task<> napsFor(D Delay) {
  std::this_thread::sleep_for(Delay);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  co_return;
}
template <class D> lib::Task<> callsByAdl(D Delay) {
  sleep_for(Delay);
  waitFor(Delay);
  co_return;
}
} // namespace deps

// Overloads judged differently (one marked blocking) do not stand for each
// other in a call the pattern leaves unresolved: not known.
namespace io {
[[clang::annotate("corolint::blocking")]] void read(int);
void read(double);
} // namespace io
template <class T> lib::Task<> readsSomething(T Value) {
  io::read(Value);
  co_return;
}
