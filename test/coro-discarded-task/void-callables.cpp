// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

// A lambda returning a lazy task made into a callable whose signature
// returns void (std::function<void(T)>): every call drops the task, which
// never runs. Reported at the lambda, with a note at the parameter it
// becomes. No fix: the callee's signature is the author's to change.

#include "eager_task.h"
#include "lazy_task.h"
#include <functional>
#include <utility>
#include <vector>

lib::Task<int> freeze(int);
lib::Task<> forEachPiece(int Whole, std::function<void(int)> Visit);
void onEvent(std::function<void()> Handler);

lib::Task<> merge(std::vector<int> Wholes) {
  std::vector<int> Out;
  for (int Whole : Wholes) {
    co_await forEachPiece(Whole, [&](int Piece) -> lib::Task<> {
    // CHECK-NOTES: :[[@LINE-1]]:34: warning: lambda made into 'std::function<void (int)>', which returns void: each call drops the lazy task the lambda returns, so the task never runs [coro-discarded-task]
    // CHECK-NOTES: :15:62: note: the lambda becomes parameter 'Visit' here
      Out.push_back(co_await freeze(Piece));
    });
  }
}

void handlers(int Id) {
  // A local lambda, and a lambda that returns a task it makes.
  auto Refresh = [Id]() -> lib::Task<> { co_await freeze(Id); };
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: lambda made into 'std::function<void ()>', which returns void
  onEvent(Refresh);
  // CHECK-NOTES: :16:36: note: the lambda becomes parameter 'Handler' here
  std::function<void()> Stored = [Id] { return freeze(Id); };
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: lambda made into 'std::function<void ()>', which returns void
  Stored();
}

// In a template: in each instantiation, and in the pattern when nothing
// depends on the template's arguments.
template <typename T> void schedule(T Value) {
  onEvent([Value]() -> lib::Task<> { co_await freeze(int(Value)); });
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: lambda made into 'std::function<void ()>', which returns void
  // CHECK-NOTES: :16:36: note: the lambda becomes parameter 'Handler' here
}
template void schedule<int>(int);

template <typename T> struct Poller {
  void start() {
    onEvent([this]() -> lib::Task<> { co_await freeze(Count); });
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: lambda made into 'std::function<void ()>', which returns void
    // CHECK-NOTES: :16:36: note: the lambda becomes parameter 'Handler' here
  }
  int Count = 0;
};

//===--- Look-alikes -------------------------------------------------------===//

lib::Task<> forEachAwaited(int Whole, std::function<lib::Task<>(int)> Visit);
void onEager(std::function<void()> Handler);

lib::Task<> quiet(int Id) {
  // The signature returns the task: the callee can await it.
  co_await forEachAwaited(Id, [](int Piece) -> lib::Task<> {
    co_await freeze(Piece);
  });
  std::function<lib::Task<>()> Keeps = [Id]() -> lib::Task<> {
    co_await freeze(Id);
  };
  co_await Keeps();
  // An eager task runs when it is called; a lambda returning no task.
  onEager([Id]() -> eager::Detached { (void)Id; co_return; });
  onEvent([Id] { (void)Id; });
  // A copy of a callable, not a lambda made into one.
  std::function<void()> Plain = [] {};
  std::function<void()> Copy = Plain;
  onEvent(Copy);
}
