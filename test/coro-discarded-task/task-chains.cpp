// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags -I%inputs/libraries

// A lazy task handed on by calls that carry it in what they return: a
// method of the task (`scheduleOn(ex)` binds it to an executor) or a
// function taking it (`co_withExecutor(ex, t)`). Where the last carrier's
// value is dropped, the task never runs; where it is awaited or started,
// it does. No fix: whether to await or to start the carrier is the
// author's call.

#include "folly_coro.h"
#include <utility>
#include <vector>

using folly::coro::Executor;
using folly::coro::Task;

Task<int> fetch(int);

Task<> dropsChains(Executor *Ex) {
  fetch(1).scheduleOn(Ex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the task is carried on by 'folly::coro::Task<int>::scheduleOn', whose result is dropped here without being awaited or started
  // CHECK-FIXES: {{^}}  fetch(1).scheduleOn(Ex);{{$}}
  folly::coro::co_withExecutor(Ex, fetch(2));
  // CHECK-NOTES: :[[@LINE-1]]:36: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the task is carried on by 'folly::coro::co_withExecutor', whose result is dropped here
  (void)fetch(3).scheduleOn(Ex);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:18: note: the task is carried on by 'folly::coro::Task<int>::scheduleOn'
  co_return;
}

Task<> dropsLocals(Executor *Ex) {
  auto Bound = fetch(1).scheduleOn(Ex);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: lazy task 'Bound' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: the task is created here by 'fetch'
  auto Moved = fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: lazy task 'Moved' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: the task is created here by 'fetch'
  std::move(Moved).scheduleOn(Ex);
  // CHECK-NOTES: :[[@LINE-1]]:20: note: the task is carried on by 'folly::coro::Task<int>::scheduleOn', whose result is dropped here
  [[maybe_unused]] auto Silenced = fetch(3);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: lazy task 'Silenced' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:36: note: the task is created here by 'fetch'
  (void)Silenced;
  co_return;
}

// Awaited or started at the end of the chain: the task runs.
Task<> runsChains(Executor *Ex) {
  co_await fetch(1).scheduleOn(Ex);
  co_await folly::coro::co_withExecutor(Ex, fetch(2));
  fetch(3).scheduleOn(Ex).start();
  folly::coro::co_withExecutor(Ex, fetch(4)).startInlineUnsafe();
  auto Later = fetch(5).scheduleOn(Ex);
  co_await std::move(Later);
  auto Moved = fetch(6);
  std::move(Moved).scheduleOn(Ex).start();
  auto Future = fetch(7).scheduleOn(Ex).start();
  (void)std::move(Future).get();
  auto Kept = fetch(8);
  (void)Kept;
  co_await std::move(Kept);
  // emplace_back returns a reference to the element: nothing is dropped.
  std::vector<Task<int>> Tasks;
  Tasks.emplace_back(fetch(9));
  co_await folly::coro::collectAllRange(std::move(Tasks));
}

// A method that neither carries nor starts the task, and a carrier whose
// value is not an awaitable (a SemiFuture may be started elsewhere): unsure,
// quiet.
Task<> unsureChains() {
  (void)fetch(1).isReady();
  fetch(2).semi();
  co_return;
}

// In a template nobody instantiates: the method of the dependent task type
// is looked up in its class template.
template <typename T> struct Service {
  Task<T> load(int);
  Task<> dropsInTemplate(Executor *Ex) {
    load(1).scheduleOn(Ex);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::load' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-NOTES: :[[@LINE-2]]:13: note: the task is carried on by 'scheduleOn', whose result is dropped here
    auto Moved = load(2);
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: lazy task 'Moved' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
    // CHECK-NOTES: :[[@LINE-2]]:18: note: the task is created here by 'Service::load'
    std::move(Moved).scheduleOn(Ex);
    // CHECK-NOTES: :[[@LINE-1]]:22: note: the task is carried on by 'scheduleOn', whose result is dropped here
    co_return;
  }
  Task<> runsInTemplate(Executor *Ex) {
    co_await load(1).scheduleOn(Ex);
    auto Moved = load(2);
    std::move(Moved).scheduleOn(Ex).start();
    co_return;
  }
};
