// RUN: %check_corolint %s coro-sequential-await %t --check-suffixes=DEFAULT -- -- %std_flags
// RUN: %check_corolint %s coro-sequential-await %t.opt --check-suffixes=OPTION --config="{CheckOptions: {coro-sequential-await.WhenAllFunction: 'plain::combine'}}" -- -- %std_flags

#include "plain_task.h"

plain::Task<int> fetch(int);
lib::Task<int> other(int);

// No when_all beside plain::Task: flagged without a fix, unless the option
// names the combinator.
plain::Task<int> noWhenAllBeside() {
  auto A = co_await fetch(1);
  auto B = co_await fetch(2);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with a when_all-style combinator would overlap them
  // CHECK-MESSAGES-OPTION: :[[@LINE-2]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'plain::combine' would overlap them
  // CHECK-FIXES-DEFAULT: {{^}}  auto A = co_await fetch(1);{{$}}
  // CHECK-FIXES-OPTION: {{^}}  auto [A, B] = co_await plain::combine(fetch(1), fetch(2));{{$}}
  co_return A + B;
}

// Tasks of two libraries: no when_all is known to take both.
lib::Task<int> mixed() {
  auto A = co_await other(1);
  auto B = co_await fetch(2);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:12: warning: independent operations 'other' and 'fetch' are awaited one after another; awaiting them together with a when_all-style combinator would overlap them
  // CHECK-MESSAGES-OPTION: :[[@LINE-2]]:12: warning: independent operations 'other' and 'fetch' are awaited one after another; awaiting them together with a when_all-style combinator would overlap them
  // CHECK-FIXES-OPTION: {{^}}  auto A = co_await other(1);{{$}}
  // CHECK-FIXES-DEFAULT: {{^}}  auto A = co_await other(1);{{$}}
  co_return A + B;
}
