// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// corolint against the real stdexec headers configured as the standard's
// names (-DSTDEXEC_NAMESPACE=std::execution): std::execution::task<T>,
// std::this_thread::sync_wait, std::execution::when_all. See README.md for the
// commit and flags. Every line that must be reported ends in
// "// EXPECT: <check>"; every other line must stay quiet.

#include <stdexec/execution.hpp>

#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

namespace ex = std::execution;

ex::task<int> lookup(int key) { co_return key * 5; }
ex::task<int> count(int key) { co_return key + 11; }
ex::task<int> scale(int value) { co_return value * 2; }
ex::task<void> evict(int key) {
  (void)key;
  co_return;
}

// A user coroutine that happens to share the name of the POSIX call.
ex::task<int> connect(const char *peer) { co_return peer[0]; }

std::mutex TableMutex;
int Table = 0;

// --- coro-discarded-task -------------------------------------------------

ex::task<void> drops() {
  lookup(1); // EXPECT: coro-discarded-task
  evict(2); // EXPECT: coro-discarded-task
  auto pending = count(3); // EXPECT: coro-discarded-task
  co_return;
}

ex::task<int> keeps() {
  int v = co_await lookup(4);
  co_await evict(v);
  auto pending = count(5);
  co_return co_await std::move(pending);
}

// --- coro-lock-across-suspend --------------------------------------------

ex::task<void> guardAcross() {
  std::lock_guard<std::mutex> guard(TableMutex); // EXPECT: coro-lock-across-suspend
  Table += co_await lookup(6);
}

ex::task<void> uniqueAcross() {
  std::unique_lock<std::mutex> lock(TableMutex); // EXPECT: coro-lock-across-suspend
  co_await evict(7);
}

ex::task<void> releasedBeforeSuspend() {
  {
    std::lock_guard<std::mutex> guard(TableMutex);
    ++Table;
  }
  co_await evict(8);
}

// --- coro-blocking-call --------------------------------------------------

ex::task<int> blocksInside() {
  auto result = std::this_thread::sync_wait(lookup(9)); // EXPECT: coro-blocking-call
  std::this_thread::sleep_for(std::chrono::milliseconds(5)); // EXPECT: coro-blocking-call
  co_return std::get<0>(result.value());
}

ex::task<int> awaitsUserConnect() {
  int peer = co_await connect("replica");
  co_return peer;
}

// --- coro-sequential-await -----------------------------------------------

ex::task<int> sequential() {
  auto v = co_await lookup(10);
  auto n = co_await count(11); // EXPECT: coro-sequential-await
  co_return v + n;
}

ex::task<int> dependent() {
  auto v = co_await lookup(12);
  auto s = co_await scale(v);
  co_return s;
}

ex::task<int> together() {
  auto [v, n] = co_await ex::when_all(lookup(13), count(14));
  co_return v + n;
}

// --- outside coroutines: all quiet ---------------------------------------

int prime() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto [v] = std::this_thread::sync_wait(lookup(15)).value();
  return v;
}

int main() {
  int total = prime();
  auto [a] = std::this_thread::sync_wait(keeps()).value();
  auto [b] = std::this_thread::sync_wait(sequential()).value();
  auto [c] = std::this_thread::sync_wait(awaitsUserConnect()).value();
  auto [d] = std::this_thread::sync_wait(together()).value();
  return total + a + b + c + d;
}
