// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

#include "lazy_task.h"
#include <vector>

lib::Task<int> fetch(int);
lib::Task<> work();

struct Client {
  lib::Task<int> get(int);
  static lib::Task<> connect();
  lib::Task<> operator()(int);
};

// Inside a coroutine of the same task family: the fix inserts co_await.
lib::Task<> statements(Client &C) {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  C.get(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'Client::get' is discarded
  // CHECK-FIXES: {{^}}  co_await C.get(2);{{$}}
  Client::connect();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'Client::connect' is discarded
  // CHECK-FIXES: {{^}}  co_await Client::connect();{{$}}
  C(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'Client::operator()' is discarded
  // CHECK-FIXES: {{^}}  co_await C(3);{{$}}
  [](int X) -> lib::Task<int> { co_return X; }(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by an immediately invoked coroutine lambda is discarded
  // CHECK-FIXES: {{^}}  co_await [](int X) -> lib::Task<int> { co_return X; }(4);{{$}}
  co_return;
}

// Bodies of branches and loops without braces, and a for increment.
lib::Task<> unbraced(bool B) {
  if (B)
    work();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'work' is discarded
  // CHECK-FIXES: {{^}}    co_await work();{{$}}
  else
    fetch(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'fetch' is discarded
  // CHECK-FIXES: {{^}}    co_await fetch(5);{{$}}
  for (int I = 0; I < 2; ++I)
    fetch(I);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'fetch' is discarded
  // CHECK-FIXES: {{^}}    co_await fetch(I);{{$}}
  while (B)
    work();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'work' is discarded
  // CHECK-FIXES: {{^}}    co_await work();{{$}}
  co_return;
}

// Comma operands and explicit casts to void: flagged, no fix (the rewrite
// would not be a plain statement).
lib::Task<> commaAndVoid() {
  int X = (fetch(6), 7);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: lazy task returned by 'fetch' is discarded
  (void)fetch(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lazy task returned by 'fetch' is discarded
  static_cast<void>(work());
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lazy task returned by 'work' is discarded
  for (int I = 0; I < X; work())
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: lazy task returned by 'work' is discarded
    ++I;
  // Inside what is awaited, the left of a comma is still dropped (only the
  // operand itself is known awaited without looking further).
  int Y = co_await (fetch(24), fetch(25));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lazy task returned by 'fetch' is discarded
  co_return;
}

// Plain functions: flagged, but there is no safe fix.
void plain() {
  fetch(9);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded
  // CHECK-FIXES: {{^}}  fetch(9);{{$}}
}

//===--- Look-alikes that must not be flagged ----------------------------===//

struct Holder {
  lib::Task<int> Member;
  Holder() : Member(fetch(10)) {}
};

lib::Task<int> returned() { return fetch(11); }

lib::Task<> consumed(std::vector<lib::Task<int>> &Pending) {
  co_await fetch(12);
  int V = co_await fetch(13);
  lib::Task<int> Stored = fetch(14);
  co_await std::move(Stored);
  Pending.push_back(fetch(15));
  lib::spawn(fetch(16));
  auto Both = co_await lib::when_all(fetch(17), fetch(18));
  lib::sync_wait(fetch(19));
  Holder H;
  H.Member = fetch(V);
  auto Moved = fetch(20);
  Pending.push_back(std::move(Moved));
  int W = co_await (V > 0 ? fetch(26) : fetch(27));
  W += co_await (fetch(28));
  co_return;
}

// Unevaluated operands create no task.
void unevaluated() {
  (void)sizeof(fetch(21));
  using T = decltype(fetch(22));
  bool B = noexcept(fetch(23));
  (void)B;
}

// Non-task results and references to existing tasks.
int compute();
lib::Task<int> &existing();
void nonTasks() {
  compute();
  existing();
}

// A task made by a function object is named by the object.
namespace api {
struct make_fn {
  lib::Task<int> operator()(int Id) const;
};
inline constexpr make_fn make{};
} // namespace api
lib::Task<> throughObject() {
  api::make(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'api::make' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await api::make(1);{{$}}
  co_return;
}
