// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// corolint against the real folly::coro headers (facebook/folly): Task<void>
// and Task<int>, blockingWait, collectAll, coro::Mutex, coro::sleep.
// See README.md for the commit and flags. Every line that must be reported
// ends in "// EXPECT: <check>"; every other line must stay quiet.

#include <folly/coro/BlockingWait.h>
#include <folly/coro/Collect.h>
#include <folly/coro/Mutex.h>
#include <folly/coro/Sleep.h>
#include <folly/coro/Task.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

folly::coro::Task<int> quote(int sku) { co_return sku * 3; }
folly::coro::Task<int> stock(int sku) { co_return sku + 40; }
folly::coro::Task<int> tax(int amount) { co_return amount / 10; }
folly::coro::Task<void> notify(int sku) {
  (void)sku;
  co_return;
}
folly::coro::Task<void> reindex() { co_return; }

// A user coroutine that happens to share the name of the POSIX call.
folly::coro::Task<int> connect(const char *shard) { co_return shard[0]; }

std::mutex LedgerMutex;
int Ledger = 0;
folly::coro::Mutex AsyncLedgerMutex;

// --- coro-discarded-task -------------------------------------------------

folly::coro::Task<void> dropsVoid() {
  notify(1); // EXPECT: coro-discarded-task
  auto later = reindex(); // EXPECT: coro-discarded-task
  co_return;
}

folly::coro::Task<int> dropsValue() {
  quote(2); // EXPECT: coro-discarded-task
  auto pending = stock(3); // EXPECT: coro-discarded-task
  co_return 0;
}

folly::coro::Task<int> awaitsAll() {
  co_await notify(4);
  co_await reindex();
  int q = co_await quote(5);
  auto pending = stock(6);
  int s = co_await std::move(pending);
  co_return q + s;
}

// --- coro-lock-across-suspend --------------------------------------------

folly::coro::Task<void> guardAcross() {
  std::lock_guard<std::mutex> guard(LedgerMutex); // EXPECT: coro-lock-across-suspend
  Ledger += co_await quote(7);
}

folly::coro::Task<int> uniqueAcross() {
  std::unique_lock<std::mutex> lock(LedgerMutex); // EXPECT: coro-lock-across-suspend
  co_await notify(8);
  co_return Ledger;
}

folly::coro::Task<void> asyncMutexAcross() {
  auto lock = co_await AsyncLedgerMutex.co_scoped_lock();
  Ledger += co_await stock(9);
}

folly::coro::Task<void> releasedBeforeSuspend() {
  {
    std::lock_guard<std::mutex> guard(LedgerMutex);
    ++Ledger;
  }
  co_await notify(10);
}

// --- coro-blocking-call --------------------------------------------------

folly::coro::Task<int> blocksInside() {
  int q = folly::coro::blockingWait(quote(11)); // EXPECT: coro-blocking-call
  folly::coro::blocking_wait(notify(12)); // EXPECT: coro-blocking-call
  std::this_thread::sleep_for(std::chrono::milliseconds(3)); // EXPECT: coro-blocking-call
  co_return q;
}

folly::coro::Task<void> sleepsProperly() {
  co_await folly::coro::sleep(std::chrono::milliseconds(3));
}

folly::coro::Task<int> awaitsUserConnect() {
  int id = co_await connect("shard-1");
  co_return id;
}

// --- coro-sequential-await -----------------------------------------------

folly::coro::Task<int> sequential() {
  auto q = co_await quote(13);
  auto s = co_await stock(14); // EXPECT: coro-sequential-await
  co_return q + s;
}

folly::coro::Task<int> dependent() {
  auto q = co_await quote(15);
  auto t = co_await tax(q);
  co_return q + t;
}

folly::coro::Task<int> together() {
  auto [q, s] = co_await folly::coro::collectAll(quote(16), stock(17));
  co_return q + s;
}

// --- outside coroutines: all quiet ---------------------------------------

int warmUp() {
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  folly::coro::blockingWait(reindex());
  return folly::coro::blockingWait(quote(18));
}

int main() {
  int total = warmUp();
  total += folly::coro::blockingWait(awaitsAll());
  total += folly::coro::blockingWait(sequential());
  total += folly::coro::blockingWait(awaitsUserConnect());
  total += folly::coro::blockingWait(together());
  return total;
}
