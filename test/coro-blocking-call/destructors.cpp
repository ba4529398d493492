// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

// A local whose destructor blocks blocks the executor thread where it goes
// out of scope: std::jthread's destructor joins its thread, and so does a
// user's worker whose destructor joins, waits or calls a blocking helper.
// Reported at the local's declaration, with a note where it is destroyed
// and notes down to the blocking call.

#include "lazy_task.h"
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

void work();

struct Joiner {
  std::thread Thread;
  ~Joiner() {
    if (Thread.joinable())
      Thread.join();
  }
};

struct Waiter {
  std::future<void> Done;
  ~Waiter() { Done.wait(); }
};

void drainQueue() { std::this_thread::sleep_for(1ms); }
struct Pool {
  ~Pool() { drainQueue(); }
  void submit(int Job);
};

// An implicit destructor destroys the members: a jthread member is joined.
struct Service {
  int Id = 0;
  std::jthread Loop;
};
struct Derived : Service {};

template <typename T> struct Guard {
  std::thread Thread;
  T Value;
  ~Guard() { Thread.join(); }
};

lib::Task<> jthreadAtTheEnd() {
  std::jthread Worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: destructor of 'Worker' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join' [coro-blocking-call]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'Worker' is destroyed here, as the coroutine returns
  Worker.request_stop();
  (void)Worker.get_id();
  co_return;
}

lib::Task<> inABlock(lib::Task<> Next) {
  {
    std::jthread Worker(work);
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: destructor of 'Worker' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
    co_await std::move(Next);
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'Worker' is destroyed here, at the end of its scope
}

lib::Task<> userDestructors(lib::Task<> Next) {
  Joiner J{std::thread(work)};
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: destructor of 'J' blocks the executor thread while it waits inside a coroutine: it calls 'std::thread::join'
  // CHECK-NOTES: :[[@LINE+13]]:1: note: 'J' is destroyed here, at the end of its scope
  // CHECK-NOTES: :25:7: note: 'Joiner::~Joiner' calls 'std::thread::join' here
  Waiter W;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: destructor of 'W' blocks the executor thread while it waits inside a coroutine: it calls 'std::future::wait'
  // CHECK-NOTES: :[[@LINE+9]]:1: note: 'W' is destroyed here, at the end of its scope
  // CHECK-NOTES: :31:15: note: 'Waiter::~Waiter' calls 'std::future::wait' here
  Pool P;
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: destructor of 'P' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for'
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'P' is destroyed here, at the end of its scope
  // CHECK-NOTES: :36:13: note: 'Pool::~Pool' calls 'drainQueue' here
  // CHECK-NOTES: :34:21: note: 'drainQueue' calls 'std::this_thread::sleep_for' here
  P.submit(1);
  co_await std::move(Next);
}

lib::Task<> members(bool Early) {
  Service S{0, std::jthread(work)};
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: destructor of 'S' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
  // CHECK-NOTES: :[[@LINE+10]]:5: note: 'S' is destroyed here, as the coroutine returns
  // CHECK-NOTES: :[[@LINE+10]]:3: note: 'S' is destroyed here, as the coroutine returns
  // CHECK-NOTES: :43:16: note: member 'Loop' is destroyed with the 'Service' that holds it
  Derived D{{0, std::jthread(work)}};
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: destructor of 'D' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
  // CHECK-NOTES: :[[@LINE+5]]:5: note: 'D' is destroyed here, as the coroutine returns
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'D' is destroyed here, as the coroutine returns
  // CHECK-NOTES: :45:18: note: base class 'Service' is destroyed with 'Derived'
  // CHECK-NOTES: :43:16: note: member 'Loop' is destroyed with the 'Service' that holds it
  if (Early)
    co_return;
  co_return;
}

// A class template's destructor, and arrays.
lib::Task<> templatesAndArrays() {
  Guard<int> G;
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: destructor of 'G' blocks the executor thread while it waits inside a coroutine: it calls 'std::thread::join'
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'G' is destroyed here, as the coroutine returns
  // CHECK-NOTES: :50:14: note: 'Guard::~Guard' calls 'std::thread::join' here
  std::jthread Threads[2] = {std::jthread(work), std::jthread(work)};
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: destructor of 'Threads' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
  // CHECK-NOTES: :[[@LINE+1]]:3: note: 'Threads' is destroyed here, as the coroutine returns
  co_return;
}

// Each time round a loop, and when a break leaves the loop.
lib::Task<> inALoop(int N, lib::Task<> (*Step)()) {
  for (int I = 0; I < N; ++I) {
    std::jthread Worker(work);
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: destructor of 'Worker' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
    // CHECK-NOTES: :[[@LINE+4]]:7: note: 'Worker' is destroyed here, as control leaves its scope
    // CHECK-NOTES: :[[@LINE+5]]:3: note: 'Worker' is destroyed here, at the end of its scope
    co_await Step();
    if (I == 3)
      break;
    co_await Step();
  }
}

// A coroutine lambda, and a coroutine in a class template nobody
// instantiates.
auto Lambda = []() -> lib::Task<> {
  std::jthread Worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: destructor of 'Worker' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
  // CHECK-NOTES: :[[@LINE+1]]:3: note: 'Worker' is destroyed here, as the coroutine returns
  co_return;
};

template <typename T> struct Server {
  lib::Task<T> serve(T Value) {
    std::jthread Worker(work);
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: destructor of 'Worker' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
    // CHECK-NOTES: :[[@LINE+9]]:5: note: 'Worker' is destroyed here, as the coroutine returns
    Joiner J{std::thread(work)};
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: destructor of 'J' blocks the executor thread while it waits inside a coroutine: it calls 'std::thread::join'
    // CHECK-NOTES: :[[@LINE+6]]:5: note: 'J' is destroyed here, as the coroutine returns
    // CHECK-NOTES: :25:7: note: 'Joiner::~Joiner' calls 'std::thread::join' here
    Guard<long> Other;
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: destructor of 'Other' blocks the executor thread while it waits inside a coroutine: it calls 'std::thread::join'
    // CHECK-NOTES: :[[@LINE+2]]:5: note: 'Other' is destroyed here, as the coroutine returns
    // CHECK-NOTES: :50:14: note: 'Guard::~Guard' calls 'std::thread::join' here
    co_return Value;
  }
  // Of a type that depends on T: not known here. Default-constructed: no
  // thread to join.
  lib::Task<> dependent() {
    std::jthread Idle;
    Joiner IdleJoiner;
    Guard<T> G;
    co_return;
  }
};

//===--- Look-alikes -------------------------------------------------------===//

// Moved away, detached or joined (the join is reported itself), swapped,
// handed on by reference, captured, aliased, its address taken, a member of
// it used: quiet.
void hand(std::jthread &T);
lib::Task<> handedOn(std::vector<std::jthread> &Keep, lib::Task<> Next) {
  std::jthread Moved(work);
  Keep.push_back(std::move(Moved));
  std::jthread Detached(work);
  Detached.detach();
  std::jthread Joined(work);
  Joined.join();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread::join' blocks the executor thread while it waits inside a coroutine
  std::jthread Swapped(work);
  std::jthread Empty;
  Swapped.swap(Empty);
  std::jthread Handed(work);
  hand(Handed);
  std::jthread Captured(work);
  auto Stop = [&Captured] { Captured.detach(); };
  Stop();
  std::jthread Aliased(work);
  std::jthread &Alias = Aliased;
  Alias.detach();
  std::jthread Pointed(work);
  std::jthread *Pointer = &Pointed;
  Pointer->detach();
  Joiner J;
  J.Thread.detach();
  co_await std::move(Next);
}

// Not locals of the coroutine: parameters (destroyed with the coroutine's
// frame), members, references.
struct Owner {
  std::jthread Thread;
  Joiner J;
  lib::Task<> run(std::jthread &Ref, std::jthread ByValue, Joiner &Other) {
    Thread.request_stop();
    co_return;
  }
};

// Not blocking: std::thread (its destructor terminates a joinable thread:
// another bug), a destructor that frees memory or logs, a trivial one, one
// that detaches, a static local, a temporary detached at once.
struct Buffer {
  int *Data = new int[4];
  ~Buffer() { delete[] Data; }
};
struct Logger {
  ~Logger() { std::puts("bye"); }
};
struct Counter {
  int N = 0;
};
struct Detacher {
  std::thread Thread;
  ~Detacher() {
    if (Thread.joinable())
      Thread.detach();
  }
};
lib::Task<> notBlocking() {
  std::thread Plain(work);
  Plain.detach();
  Buffer B;
  Logger L;
  Counter C;
  Detacher D;
  static std::jthread Forever(work);
  std::jthread(work).detach();
  co_return;
}

// Not followed (documented): library containers' destructors, a temporary
// (destroyed, and joined, at the end of its full-expression) and a
// temporary bound to a reference.
lib::Task<> notFollowed() {
  std::vector<std::jthread> Threads;
  Threads.emplace_back(work);
  (void)std::jthread(work);
  const std::jthread &Extended = std::jthread(work);
  (void)Extended;
  co_return;
}

// Default-constructed: a std::jthread, or a worker whose destructor joins
// only a joinable thread, has started nothing to wait for. A worker whose
// destructor waits whatever it holds (Waiter above) is reported either way,
// and one whose constructor the user wrote may start its threads there.
struct StartsInConstructor {
  StartsInConstructor() : Thread(work) {}
  std::jthread Thread;
};
struct StartsInInitializer {
  std::jthread Thread{work};
};
lib::Task<> defaultConstructed(lib::Task<> Next) {
  std::jthread Idle;
  std::jthread IdleArray[2];
  std::jthread ValueInitialized{};
  Joiner IdleJoiner;
  Service IdleService;
  Derived IdleDerived{};
  StartsInConstructor Started;
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: destructor of 'Started' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
  // CHECK-NOTES: :[[@LINE+7]]:1: note: 'Started' is destroyed here, at the end of its scope
  // CHECK-NOTES: :260:16: note: member 'Thread' is destroyed with the 'StartsInConstructor' that holds it
  StartsInInitializer Initialized;
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: destructor of 'Initialized' blocks the executor thread while it waits inside a coroutine: it calls 'std::jthread::join'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'Initialized' is destroyed here, at the end of its scope
  // CHECK-NOTES: :263:16: note: member 'Thread' is destroyed with the 'StartsInInitializer' that holds it
  co_await std::move(Next);
}

// Not a coroutine.
void synchronous() {
  std::jthread Worker(work);
  Joiner J;
}

// Never destroyed inside the coroutine: no path leaves the loop.
lib::Task<> forever(lib::Task<> (*Step)()) {
  std::jthread Worker(work);
  for (;;)
    co_await Step();
}

// A server whose destructor shuts it down through the same method a
// coroutine may call itself (reduced from a server with
// `~Server() { stop(); }` and a `stop()` that returns at once when already
// stopped): the explicit call is reported where it blocks; the destructor
// only repeats it, so it is not reported after it.
struct Listener {
  std::future<void> Closed;
  void start();
  void stop() {
    if (Stopped)
      return;
    Stopped = true;
    Closed.wait();
  }
  ~Listener() { stop(); }
  bool Stopped = false;
};
lib::Task<> stoppedByTheDestructor(lib::Task<> Next) {
  Listener L;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: destructor of 'L' blocks the executor thread while it waits inside a coroutine: it calls 'std::future::wait'
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'L' is destroyed here, at the end of its scope
  // CHECK-NOTES: :[[@LINE-7]]:17: note: 'Listener::~Listener' calls 'Listener::stop' here
  // CHECK-NOTES: :[[@LINE-10]]:5: note: 'Listener::stop' calls 'std::future::wait' here
  L.start();
  co_await std::move(Next);
}
lib::Task<> stoppedExplicitly(lib::Task<> Next) {
  Listener L;
  L.start();
  co_await std::move(Next);
  L.stop();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'Listener::stop' blocks the executor thread while it waits inside a coroutine: it calls 'std::future::wait'
  // CHECK-NOTES: :[[@LINE-20]]:5: note: 'Listener::stop' calls 'std::future::wait' here
}
