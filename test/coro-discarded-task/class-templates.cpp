// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

// Lazy tasks dropped in class templates, member templates and generic
// lambdas that no code in this file instantiates, and in a discarded
// conditional expression.

#include "lazy_task.h"

lib::Task<int> fetch(int);
lib::Task<int> refresh();

template <typename T> class Cache {
  lib::Task<T> load(int Key);
  lib::Task<> store(int Key, T Value);

public:
  // Two lazy tasks discarded in the branches of an if.
  lib::Task<> warm(bool All) {
    if (All)
      load(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lazy task returned by 'Cache::load' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}      co_await load(0);{{$}}
    else
      store(1, T{});
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lazy task returned by 'Cache::store' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}      co_await store(1, T{});{{$}}
    co_return;
  }

  // A local that is never awaited.
  lib::Task<T> get(int Key) {
    auto Pending = load(Key);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lazy task 'Pending' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
    co_return T{};
  }

  // A member template calling a function template.
  template <typename U> lib::Task<> each(U Items) {
    for (auto Item : Items)
      fetch(Item);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}      co_await fetch(Item);{{$}}
    co_return;
  }

  // Look-alikes: awaited, passed on, returned.
  lib::Task<T> fine(int Key) {
    auto Value = co_await load(Key);
    lib::spawn(store(Key, Value));
    auto Later = load(Key + 1);
    co_await std::move(Later);
    co_return co_await load(Key + 2);
  }
};

// A generic lambda.
auto Generic = [](auto Key) -> lib::Task<> {
  fetch(Key);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(Key);{{$}}
  co_return;
};

// A conditional expression whose value is dropped: both branches are lost
// (no fix: awaiting inside the branches is a rewrite for a human).
lib::Task<> conditional(bool Fresh) {
  Fresh ? refresh() : fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lazy task returned by 'refresh' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  co_await (Fresh ? refresh() : fetch(2));
  auto Chosen = Fresh ? refresh() : fetch(3);
  co_await std::move(Chosen);
}

// A template whose task type is a parameter: unknown, quiet.
template <typename Task> struct Runner {
  Task make();
  void run() { make(); }
};
