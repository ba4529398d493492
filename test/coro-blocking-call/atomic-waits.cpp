// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

// std::atomic<T>::wait, std::atomic_ref<T>::wait and std::atomic_flag::wait
// (and their free-function forms) block the thread until another thread
// changes the value and notifies: inside a coroutine they stall the
// executor thread.

#include "lazy_task.h"
#include <atomic>

lib::Task<> waitsOnAtomics(std::atomic<int> &Counter, std::atomic<bool> &Ready,
                           std::atomic<int *> &Slot, std::atomic_flag &Flag,
                           int &Plain) {
  Counter.wait(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  Ready.wait(false, std::memory_order_acquire);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  Slot.wait(nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  Flag.wait(true);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic_flag::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  std::atomic_ref<int> Ref(Plain);
  Ref.wait(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic_ref::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  std::atomic_wait(&Counter, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic_wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  std::atomic_wait_explicit(&Counter, 0, std::memory_order_relaxed);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic_wait_explicit' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  co_return;
}

// Through a pointer, and through a helper.
void awaitZero(std::atomic<long> &Pending) { Pending.wait(1); }
lib::Task<> throughPointerAndHelper(std::atomic<unsigned> *Gen,
                                    std::atomic<long> &Pending) {
  Gen->wait(7u);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  awaitZero(Pending);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'awaitZero' blocks the executor thread while it waits inside a coroutine: it calls 'std::atomic::wait' [coro-blocking-call]
  co_return;
}

// Look-alikes: the non-blocking members of the same types, and a user
// type's own wait.
namespace app {
struct Event {
  void wait(int);
  void notify_one();
};
template <typename T> struct atomic {
  void wait(T);
};
} // namespace app

lib::Task<> nonBlocking(std::atomic<int> &Counter, std::atomic_flag &Flag,
                        app::Event &E, app::atomic<int> &Mine, int &Plain) {
  Counter.notify_one();
  Counter.notify_all();
  int V = Counter.load();
  Counter.store(V + 1);
  Counter.fetch_add(1);
  bool Was = Flag.test_and_set();
  Flag.clear();
  Flag.notify_all();
  bool Set = Flag.test();
  std::atomic_ref<int> Ref(Plain);
  Ref.notify_one();
  Ref.store(2);
  E.wait(1);
  E.notify_one();
  Mine.wait(0);
  (void)Was;
  (void)Set;
  co_return;
}

// Templates: in a class template and a function template nobody
// instantiates, and in an instantiated one (reported once, at the written
// call).
template <typename T> struct Worker {
  std::atomic<int> State;
  std::atomic_flag Done;
  lib::Task<T> run(T Value) {
    State.wait(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::atomic::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
    Done.wait(false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::atomic_flag::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
    State.notify_all();
    int Seen = State.load();
    (void)Seen;
    co_return Value;
  }
};

template <typename T>
lib::Task<> waitFor(std::atomic<T> &Value, T Old, app::Event &E) {
  Value.wait(Old);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic::wait' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  Value.notify_one();
  E.wait(1);
  co_return;
}

lib::Task<> instantiate(std::atomic<int> &A, app::Event &E) {
  co_await waitFor(A, 0, E);
}
