// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags -I%S/Inputs

// A specialization declared `extern template` is instantiated in another
// file: this one has no body for it, only the template's pattern. A
// blocking call the pattern makes without depending on the template's
// arguments blocks for every one of them, and is followed there.

#include "extern_templates.h"
#include "lazy_task.h"

lib::Task<> callsExternTemplates(ext::Pool<int> &Pool, ext::Gate &G) {
  ext::flush<int>();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'ext::flush' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :16:3: note: 'ext::flush' calls 'std::this_thread::sleep_for' here
  ext::settle(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'ext::settle' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
  // CHECK-NOTES: :22:37: note: 'ext::settle' calls 'ext::spin' here
  // CHECK-NOTES: :20:3: note: 'ext::spin' calls 'std::this_thread::sleep_for' here
  Pool.drain();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'ext::Pool::drain' blocks the executor thread while it waits inside a coroutine: it calls 'std::thread::join'
  // CHECK-NOTES: :31:3: note: 'ext::Pool::drain' calls 'std::thread::join' here
  Pool.submit(2);
  // Look-alikes: what the pattern calls depends on T, an `if constexpr` on
  // T picks it, nothing blocks; a template with no body here at all.
  ext::waitOn(G);
  ext::waitStatic<ext::Gate>();
  ext::maybeSleep<int>();
  (void)ext::twice(3);
  ext::elsewhere<int>();
  co_return;
}

// In a coroutine of a class template nobody instantiates, and in a function
// template's (instantiated: the call's own specialization has a body).
template <class T> struct Client {
  ext::Pool<int> Pool;
  lib::Task<T> run(T Value) {
    ext::flush<int>();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: call to 'ext::flush' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
    // CHECK-NOTES: :16:3: note: 'ext::flush' calls 'std::this_thread::sleep_for' here
    Pool.drain();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: call to 'ext::Pool::drain' blocks the executor thread while it waits inside a coroutine: it calls 'std::thread::join'
    // CHECK-NOTES: :31:3: note: 'ext::Pool::drain' calls 'std::thread::join' here
    Pool.submit(1);
    ext::maybeSleep<int>();
    co_return Value;
  }
};

template <class T> lib::Task<> waitsDependently(T &Object) {
  ext::waitOn(Object);
  ext::waitStatic<T>();
  ext::flush<T>();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'ext::flush' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
  // CHECK-NOTES: :16:3: note: 'ext::flush' calls 'std::this_thread::sleep_for' here
  co_return;
}
lib::Task<> instantiates(ext::Gate &G) { co_await waitsDependently(G); }
