// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

#include "lazy_task.h"

template <typename T> lib::Task<T> make(T);

// Reported once for the written call, however many instantiations there are.
template <typename T> lib::Task<> twice(T V) {
  make(V);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'make' is discarded
  // CHECK-FIXES: {{^}}  co_await make(V);{{$}}
  co_return;
}

// Templates nobody instantiates are analysed with what their pattern says.
template <typename T> void neverInstantiated(T V) { make(V); }
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: lazy task returned by 'make' is discarded

void instantiate() {
  auto A = twice(1);
  auto B = twice(2.0);
  lib::sync_wait(std::move(A));
  lib::sync_wait(std::move(B));
}

// An alias of the task type is still a lazy task.
using Lazy = lib::Task<int>;
typedef lib::Task<void> LazyVoid;
Lazy aliased();
LazyVoid typedefed();
lib::Task<> throughAliases() {
  aliased();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'aliased' is discarded
  // CHECK-FIXES: {{^}}  co_await aliased();{{$}}
  typedefed();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'typedefed' is discarded
  // CHECK-FIXES: {{^}}  co_await typedefed();{{$}}
  co_return;
}
