// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// corolint against the real libunifex headers (facebookexperimental/libunifex):
// unifex::task<T>, unifex::sync_wait, unifex::when_all, unifex::async_mutex.
// See README.md for the commit and flags. Every line that must be reported
// ends in "// EXPECT: <check>"; every other line must stay quiet.

#include <unifex/async_mutex.hpp>
#include <unifex/sync_wait.hpp>
#include <unifex/task.hpp>
#include <unifex/when_all.hpp>

#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

unifex::task<int> fetchRow(int key) { co_return key * 7; }
unifex::task<int> fetchIndex(int key) { co_return key + 5; }
unifex::task<int> decode(int row) { co_return row - 1; }
unifex::task<void> commit(int version) {
  (void)version;
  co_return;
}

// A user coroutine that happens to share the name of the POSIX call.
unifex::task<int> connect(const char *endpoint) { co_return endpoint[0]; }

std::mutex StatsMutex;
int Stats = 0;
unifex::async_mutex Gate;

// --- coro-discarded-task -------------------------------------------------

unifex::task<void> forgets() {
  fetchRow(1); // EXPECT: coro-discarded-task
  commit(2); // EXPECT: coro-discarded-task
  auto staged = fetchIndex(3); // EXPECT: coro-discarded-task
  co_return;
}

unifex::task<int> remembers() {
  int row = co_await fetchRow(4);
  co_await commit(row);
  auto staged = fetchIndex(5);
  co_return co_await std::move(staged);
}

// --- coro-lock-across-suspend --------------------------------------------

unifex::task<void> guardAcross() {
  std::lock_guard<std::mutex> guard(StatsMutex); // EXPECT: coro-lock-across-suspend
  Stats += co_await fetchRow(6);
}

unifex::task<void> uniqueAcross() {
  std::unique_lock<std::mutex> lock(StatsMutex); // EXPECT: coro-lock-across-suspend
  co_await commit(7);
  ++Stats;
}

unifex::task<void> asyncMutexAcross() {
  co_await Gate.async_lock();
  Stats += co_await fetchRow(8);
  Gate.unlock();
}

unifex::task<void> releasedBeforeSuspend() {
  {
    std::lock_guard<std::mutex> guard(StatsMutex);
    ++Stats;
  }
  co_await commit(9);
}

// --- coro-blocking-call --------------------------------------------------

unifex::task<int> blocksInside() {
  std::optional<int> row = unifex::sync_wait(fetchRow(10)); // EXPECT: coro-blocking-call
  std::this_thread::sleep_for(std::chrono::milliseconds(2)); // EXPECT: coro-blocking-call
  co_return row.value_or(0);
}

unifex::task<int> awaitsUserConnect() {
  int handle = co_await connect("queue");
  co_return handle;
}

// --- coro-sequential-await -----------------------------------------------

unifex::task<int> sequential() {
  auto row = co_await fetchRow(11);
  auto index = co_await fetchIndex(12); // EXPECT: coro-sequential-await
  co_return row + index;
}

unifex::task<int> chained() {
  auto row = co_await fetchRow(13);
  auto value = co_await decode(row);
  co_return value;
}

unifex::task<int> concurrent() {
  auto both = co_await unifex::when_all(fetchRow(14), fetchIndex(15));
  co_return std::get<0>(std::get<0>(std::get<0>(both))) +
            std::get<0>(std::get<0>(std::get<1>(both)));
}

// --- outside coroutines: all quiet ---------------------------------------

int drive() {
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return unifex::sync_wait(remembers()).value_or(0);
}

int main() {
  int total = drive();
  total += unifex::sync_wait(sequential()).value_or(0);
  total += unifex::sync_wait(awaitsUserConnect()).value_or(0);
  total += unifex::sync_wait(concurrent()).value_or(0);
  return total;
}
