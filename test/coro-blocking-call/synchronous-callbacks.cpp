// REQUIRES: tbb
// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags
// RUN: %check_corolint %s coro-blocking-call %t.opt --check-suffixes=OPT --config="{CheckOptions: {coro-blocking-call.SynchronousCallers: 'app::forEachShard'}}" -- -- %std_flags

// A callable handed to a function that runs it before returning (the
// standard algorithms, std::invoke, oneTBB's parallel algorithms, which
// wait for the work they run) blocks the coroutine as if it were written in
// its body. oneTBB here is Debian's real libtbb-dev.

#include "lazy_task.h"
#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/parallel_invoke.h>

using namespace std::chrono_literals;

lib::Task<int> fetch(int);
void syncLoad(int);

lib::Task<> waitsInForEach(std::vector<std::future<int>> &Pending) {
  std::for_each(Pending.begin(), Pending.end(),
                [](std::future<int> &F) { F.wait(); });
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'std::for_each' blocks the executor thread while it waits inside a coroutine: it calls 'std::future::wait' [coro-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:43: note: the lambda passed to 'std::for_each' calls 'std::future::wait' here
  // CHECK-NOTES-OPT: :[[@LINE-4]]:3: warning: call to 'std::for_each' blocks
  // CHECK-NOTES-OPT: :[[@LINE-4]]:43: note: the lambda passed to 'std::for_each' calls 'std::future::wait' here
  co_return;
}

lib::Task<> parallelSyncWaits() {
  tbb::parallel_invoke([] { lib::sync_wait(fetch(1)); },
                       [] { lib::sync_wait(fetch(2)); });
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'tbb::parallel_invoke' waits synchronously on a task inside a coroutine: it calls 'lib::sync_wait' [coro-blocking-call]
  // CHECK-NOTES: :[[@LINE-3]]:29: note: the lambda passed to 'tbb::parallel_invoke' calls 'lib::sync_wait' here
  // CHECK-NOTES-OPT: :[[@LINE-4]]:3: warning: call to 'tbb::parallel_invoke' waits synchronously
  // CHECK-NOTES-OPT: :[[@LINE-5]]:29: note: the lambda passed to 'tbb::parallel_invoke' calls 'lib::sync_wait' here
  co_return;
}

void sleepALittle(int) { std::this_thread::sleep_for(1ms); }

lib::Task<> namedCallbacks(std::vector<int> Ids) {
  auto Load = [](int Id) { syncLoad(Id); std::this_thread::sleep_for(1ms); };
  tbb::parallel_for_each(Ids.begin(), Ids.end(), Load);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'tbb::parallel_for_each' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :[[@LINE-3]]:42: note: the lambda passed to 'tbb::parallel_for_each' calls 'std::this_thread::sleep_for' here
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: warning: call to 'tbb::parallel_for_each' sleeps
  // CHECK-NOTES-OPT: :[[@LINE-5]]:42: note: the lambda passed to 'tbb::parallel_for_each' calls 'std::this_thread::sleep_for' here
  std::for_each(Ids.begin(), Ids.end(), sleepALittle);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::for_each' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :46:26: note: 'sleepALittle' (passed to 'std::for_each') calls 'std::this_thread::sleep_for' here
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: warning: call to 'std::for_each' sleeps
  // CHECK-NOTES-OPT: :46:26: note: 'sleepALittle' (passed to 'std::for_each') calls 'std::this_thread::sleep_for' here
  co_return;
}

// std::invoke, and std::ranges::for_each: a function object (niebloid).
lib::Task<> invoked(std::vector<int> Ids) {
  std::invoke([] { std::this_thread::sleep_for(1ms); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::invoke' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:20: note: the lambda passed to 'std::invoke' calls 'std::this_thread::sleep_for' here
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: warning: call to 'std::invoke' sleeps
  // CHECK-NOTES-OPT: :[[@LINE-4]]:20: note: the lambda passed to 'std::invoke' calls 'std::this_thread::sleep_for' here
  std::ranges::for_each(Ids, [](int) { std::this_thread::sleep_for(1ms); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::ranges::for_each' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:40: note: the lambda passed to 'std::ranges::for_each' calls 'std::this_thread::sleep_for' here
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: warning: call to 'std::ranges::for_each' sleeps
  // CHECK-NOTES-OPT: :[[@LINE-4]]:40: note: the lambda passed to 'std::ranges::for_each' calls 'std::this_thread::sleep_for' here
  co_return;
}

// The project's own synchronous helpers defined in another file, through
// the option.
namespace app {
void forEachShard(const std::function<void(int)> &Work);
} // namespace app

lib::Task<> shards() {
  app::forEachShard([](int) { std::this_thread::sleep_for(1ms); });
  // CHECK-NOTES-OPT: :[[@LINE-1]]:3: warning: call to 'app::forEachShard' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:31: note: the lambda passed to 'app::forEachShard' calls 'std::this_thread::sleep_for' here
  co_return;
}

//===--- Look-alikes -------------------------------------------------------===//

// Work handed to a thread or an executor runs elsewhere.
template <typename F> void offload(F &&Work) { std::thread(std::forward<F>(Work)).detach(); }
lib::Task<> handsWorkAway(std::vector<std::future<int>> &Pending) {
  offload([] { std::this_thread::sleep_for(1s); });
  std::thread Worker([] { std::this_thread::sleep_for(1s); });
  Worker.detach();
  auto Later = std::async(std::launch::async, [] { std::this_thread::sleep_for(1s); });
  co_return;
}

// Callbacks that do not block, and callables of a coroutine (a task is
// created and run later, not here).
lib::Task<> harmless(std::vector<int> Ids) {
  std::for_each(Ids.begin(), Ids.end(), [](int &Id) { ++Id; });
  std::sort(Ids.begin(), Ids.end(), [](int A, int B) { return A > B; });
  std::vector<lib::Task<int>> Tasks;
  std::for_each(Ids.begin(), Ids.end(), [&](int Id) { Tasks.push_back(fetch(Id)); });
  co_await lib::when_all(fetch(1), fetch(2));
}
