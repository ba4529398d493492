// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// corolint against the real Boost.Cobalt headers (boostorg/cobalt, with a
// newer Boost.Asio than Debian 12's Boost 1.81): boost::cobalt::task<T>,
// boost::cobalt::run, boost::cobalt::join. See README.md for the commits and
// flags. Every line that must be reported ends in "// EXPECT: <check>"; every
// other line must stay quiet.

#include <boost/cobalt/join.hpp>
#include <boost/cobalt/run.hpp>
#include <boost/cobalt/task.hpp>

#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

namespace cobalt = boost::cobalt;

cobalt::task<int> readSensor(int id) { co_return id * 4; }
cobalt::task<int> readClock(int id) { co_return id + 9; }
cobalt::task<int> calibrate(int raw) { co_return raw - 2; }
cobalt::task<void> publish(int value) {
  (void)value;
  co_return;
}

// A user coroutine that happens to share the name of the POSIX call.
cobalt::task<int> connect(const char *bus) { co_return bus[0]; }

std::mutex BufferMutex;
int Buffer = 0;

// --- coro-discarded-task -------------------------------------------------

cobalt::task<void> losesWork() {
  readSensor(1); // EXPECT: coro-discarded-task
  publish(2); // EXPECT: coro-discarded-task
  auto sample = readClock(3); // EXPECT: coro-discarded-task
  co_return;
}

cobalt::task<int> keepsWork() {
  int raw = co_await readSensor(4);
  co_await publish(raw);
  auto sample = readClock(5);
  co_return co_await std::move(sample);
}

// --- coro-lock-across-suspend --------------------------------------------

cobalt::task<void> guardAcross() {
  std::lock_guard<std::mutex> guard(BufferMutex); // EXPECT: coro-lock-across-suspend
  Buffer += co_await readSensor(6);
}

cobalt::task<void> uniqueAcross() {
  std::unique_lock<std::mutex> lock(BufferMutex); // EXPECT: coro-lock-across-suspend
  co_await publish(7);
}

cobalt::task<void> releasedBeforeSuspend() {
  {
    std::lock_guard<std::mutex> guard(BufferMutex);
    ++Buffer;
  }
  co_await publish(8);
}

// --- coro-blocking-call --------------------------------------------------

cobalt::task<int> blocksInside() {
  int raw = cobalt::run(readSensor(9)); // EXPECT: coro-blocking-call
  std::this_thread::sleep_for(std::chrono::milliseconds(4)); // EXPECT: coro-blocking-call
  co_return raw;
}

cobalt::task<int> awaitsUserConnect() {
  int line = co_await connect("i2c-1");
  co_return line;
}

// --- coro-sequential-await -----------------------------------------------

cobalt::task<int> sequential() {
  auto raw = co_await readSensor(10);
  auto time = co_await readClock(11); // EXPECT: coro-sequential-await
  co_return raw + time;
}

cobalt::task<int> dependent() {
  auto raw = co_await readSensor(12);
  auto fixed = co_await calibrate(raw);
  co_return fixed;
}

cobalt::task<int> together() {
  auto [raw, time] = co_await cobalt::join(readSensor(13), readClock(14));
  co_return raw + time;
}

// --- outside coroutines: all quiet ---------------------------------------

int settle() {
  std::this_thread::sleep_for(std::chrono::milliseconds(4));
  return cobalt::run(readClock(15));
}

int main() {
  int total = settle();
  total += cobalt::run(keepsWork());
  total += cobalt::run(sequential());
  total += cobalt::run(awaitsUserConnect());
  total += cobalt::run(together());
  return total;
}
