// RUN: %check_corolint %s coro-sequential-await %t -- -- %std_flags
// Every ordering here is significant: nothing may be flagged.

#include "lazy_task.h"
#include <chrono>

lib::Task<int> fetch(int);
lib::Task<> write(int);
struct User {
  int Id;
};
lib::Task<User> loadUser(int);
lib::Task<int> loadOrders(int);

// Direct dependence.
lib::Task<int> direct() {
  auto A = co_await fetch(1);
  auto B = co_await fetch(A);
  co_return B;
}

// Through a member of the earlier result.
lib::Task<int> throughMember() {
  auto U = co_await loadUser(7);
  auto Orders = co_await loadOrders(U.Id);
  co_return Orders;
}

// Through a variable computed from the earlier result.
lib::Task<int> throughComputed() {
  auto A = co_await fetch(1);
  int Next = A + 1;
  auto B = co_await fetch(Next);
  co_return B;
}

// Through a lambda that captures the earlier result.
lib::Task<int> throughCapture() {
  auto A = co_await fetch(1);
  auto B = co_await fetch([&] { return A * 2; }());
  co_return B;
}

// The same receiver with non-const members is a conversation, in order.
struct Connection {
  lib::Task<int> send(int);
  lib::Task<int> recv();
};
lib::Task<int> sameReceiver(Connection &Conn) {
  auto Sent = co_await Conn.send(1);
  auto Reply = co_await Conn.recv();
  co_return Sent + Reply;
}

// The same object passed by non-const reference.
lib::Task<int> fill(int &Buffer);
lib::Task<int> read(const int &Buffer);
lib::Task<int> sharedByReference() {
  int Buffer = 0;
  auto A = co_await fill(Buffer);
  auto B = co_await read(Buffer);
  co_return A + B;
}

// Awaits whose results are discarded are side effects in order.
lib::Task<> voidAwaits() {
  co_await write(1);
  co_await write(2);
}

// Awaiting timers, locks and other awaitables orders the coroutine.
lib::AsyncMutex Mutex;
lib::Task<int> nonTasks() {
  auto Lock = co_await Mutex.scoped_lock_async();
  auto A = co_await fetch(1);
  co_await lib::sleep_for(std::chrono::milliseconds(1));
  auto B = co_await fetch(2);
  co_return A + B;
}

// Awaits in different branches, or behind a condition on the first result.
lib::Task<int> branches(bool Flag) {
  int A = 0;
  if (Flag) {
    A = co_await fetch(1);
  } else {
    A = co_await fetch(2);
  }
  auto B = co_await fetch(3);
  if (B > 0) {
    auto C = co_await fetch(4);
    co_return A + C;
  }
  co_return A + B;
}

// Already together.
lib::Task<int> alreadyTogether() {
  auto [A, B] = co_await lib::when_all(fetch(1), fetch(2));
  auto Both = co_await lib::when_all(fetch(3), fetch(4));
  auto C = co_await fetch(5);
  co_return A + B + C + std::get<0>(Both);
}

// The same variable assigned twice keeps the later value.
lib::Task<int> overwritten() {
  int A = 0;
  A = co_await fetch(1);
  A = co_await fetch(2);
  co_return A;
}

// Locks taken in a fixed order stay in that order (reduced from folly's
// Synchronized): awaiting them together could deadlock.
struct WriteGuard {
  ~WriteGuard();
};
struct Shared {
  lib::Task<WriteGuard> wLock();
  lib::Task<WriteGuard> acquire();
};
lib::Task<> lockBoth(Shared &A, Shared &B) {
  auto First = co_await A.wLock();
  auto Second = co_await B.wLock();
  auto Third = co_await A.acquire();
  auto Fourth = co_await B.acquire();
  co_return;
}

// ... but a clock is no lock.
lib::Task<long> readClock(int);
lib::Task<long> clocks() {
  auto Start = co_await readClock(1);
  auto End = co_await readClock(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: independent operations 'readClock' and 'readClock' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  co_return End - Start;
}
