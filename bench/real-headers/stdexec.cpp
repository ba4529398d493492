// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// corolint against the real stdexec headers (NVIDIA/stdexec): exec::task<T>
// and the newer stdexec::task<T>. See README.md for the commit and flags.
// Every line that must be reported ends in "// EXPECT: <check>"; every
// other line must stay quiet.

#include <exec/task.hpp>
#include <stdexec/execution.hpp>

#include <chrono>
#include <mutex>
#include <thread>

exec::task<int> loadUser(int id) { co_return id * 2; }
exec::task<int> loadOrder(int id) { co_return id + 3; }
exec::task<void> audit(int id) {
  (void)id;
  co_return;
}
exec::task<int> priceOf(int order) { co_return order * 10; }

stdexec::task<int> readConfig(int key) { co_return key + 1; }
stdexec::task<int> readSecret(int key) { co_return key + 2; }
stdexec::task<void> flush() { co_return; }

// A user coroutine that happens to share the name of the POSIX call.
exec::task<int> connect(const char *host) { co_return host[0]; }

std::mutex CacheMutex;
int Cache = 0;

// --- coro-discarded-task -------------------------------------------------

exec::task<void> dropsTasks() {
  loadUser(1); // EXPECT: coro-discarded-task
  audit(2); // EXPECT: coro-discarded-task
  auto pending = loadOrder(3); // EXPECT: coro-discarded-task
  co_return;
}

stdexec::task<void> dropsNewTasks() {
  readConfig(4); // EXPECT: coro-discarded-task
  flush(); // EXPECT: coro-discarded-task
  auto unused = readSecret(5); // EXPECT: coro-discarded-task
  co_return;
}

exec::task<int> keepsTasks() {
  int a = co_await loadUser(6);
  co_await audit(a);
  auto later = loadOrder(7);
  int b = co_await std::move(later);
  co_return b;
}

stdexec::task<int> keepsNewTasks() {
  co_await flush();
  int a = co_await readConfig(22);
  int b = co_await loadUser(a); // stdexec::task awaits exec::task
  co_return b;
}

// --- coro-lock-across-suspend --------------------------------------------

exec::task<void> holdsGuard() {
  std::lock_guard<std::mutex> guard(CacheMutex); // EXPECT: coro-lock-across-suspend
  Cache += co_await loadUser(8);
}

stdexec::task<void> holdsUniqueLock() {
  std::unique_lock<std::mutex> lock(CacheMutex); // EXPECT: coro-lock-across-suspend
  Cache += co_await readConfig(9);
}

exec::task<void> releasesFirst() {
  {
    std::lock_guard<std::mutex> guard(CacheMutex);
    ++Cache;
  }
  co_await audit(10);
  std::unique_lock<std::mutex> lock(CacheMutex);
  lock.unlock();
  co_await audit(11);
}

// --- coro-blocking-call --------------------------------------------------

exec::task<int> waitsInside() {
  auto result = stdexec::sync_wait(loadUser(12)); // EXPECT: coro-blocking-call
  std::this_thread::sleep_for(std::chrono::milliseconds(1)); // EXPECT: coro-blocking-call
  co_return std::get<0>(result.value());
}

stdexec::task<int> waitsInsideNew() {
  auto result = stdexec::sync_wait(readConfig(13)); // EXPECT: coro-blocking-call
  co_return std::get<0>(result.value());
}

exec::task<int> callsUserConnect() {
  int fd = co_await connect("db.local");
  co_return fd;
}

// --- coro-sequential-await -----------------------------------------------

exec::task<int> twoIndependent() {
  auto user = co_await loadUser(14);
  auto order = co_await loadOrder(15); // EXPECT: coro-sequential-await
  co_return user + order;
}

stdexec::task<int> twoIndependentNew() {
  auto config = co_await readConfig(16);
  auto secret = co_await readSecret(17); // EXPECT: coro-sequential-await
  co_return config + secret;
}

exec::task<int> dependent() {
  auto order = co_await loadOrder(18);
  auto price = co_await priceOf(order);
  co_return price;
}

exec::task<int> alreadyTogether() {
  auto [user, order] = co_await stdexec::when_all(loadUser(19), loadOrder(20));
  co_return user + order;
}

// --- outside coroutines: all quiet ---------------------------------------

int blockingHelper() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto [v] = stdexec::sync_wait(loadUser(21)).value();
  return v;
}

int main() {
  auto [a] = stdexec::sync_wait(keepsTasks()).value();
  auto [b] = stdexec::sync_wait(twoIndependentNew()).value();
  auto [c] = stdexec::sync_wait(callsUserConnect()).value();
  auto [d] = stdexec::sync_wait(keepsNewTasks()).value();
  return a + b + c + d + blockingHelper();
}
