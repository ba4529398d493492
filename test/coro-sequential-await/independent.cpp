// RUN: %check_corolint %s coro-sequential-await %t -- -- %std_flags

#include "lazy_task.h"
#include <string>

lib::Task<int> fetch(int);
lib::Task<std::string> name(int);

// Two independent awaits: the fix awaits them together with lib::when_all
// (found beside lib::Task) and keeps the names.
lib::Task<int> two() {
  auto A = co_await fetch(1);
  int B = co_await fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: the first operation is awaited here
  // CHECK-FIXES: {{^}}  auto [A, B] = co_await lib::when_all(fetch(1), fetch(2));{{$}}
  co_return A + B;
}

// Three, of different result types.
lib::Task<std::string> three(int Id) {
  auto Count = co_await fetch(Id);
  std::string Who = co_await name(Id);
  auto Other = co_await fetch(Id + 1);
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: independent operations 'fetch', 'name' and 'fetch' are awaited one after another
  // CHECK-NOTES: :[[@LINE-4]]:16: note: the first operation is awaited here
  // CHECK-FIXES: {{^}}  auto [Count, Who, Other] = co_await lib::when_all(fetch(Id), name(Id), fetch(Id + 1));{{$}}
  co_return Who + std::to_string(Count + Other);
}

// Assignments are flagged too, but only declarations can be rewritten.
lib::Task<int> assigned() {
  int A = 0, B = 0;
  A = co_await fetch(1);
  B = co_await fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: independent operations 'fetch' and 'fetch' are awaited one after another
  // CHECK-NOTES: :[[@LINE-3]]:7: note: the first operation is awaited here
  // CHECK-FIXES: {{^}}  A = co_await fetch(1);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  B = co_await fetch(2);{{$}}
  co_return A + B;
}

// A declared type other than `auto` or the awaited type: no fix.
lib::Task<long> converted() {
  long A = co_await fetch(1);
  const auto B = co_await fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: independent operations 'fetch' and 'fetch' are awaited one after another
  // CHECK-NOTES: :[[@LINE-3]]:12: note: the first operation is awaited here
  // CHECK-FIXES: {{^}}  long A = co_await fetch(1);{{$}}
  co_return A + B;
}

// Two const reads through the same object are independent.
struct Store {
  lib::Task<int> get(int) const;
};
lib::Task<int> constReads(const Store &S) {
  auto A = co_await S.get(1);
  auto B = co_await S.get(2);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: independent operations 'get' and 'get' are awaited one after another
  // CHECK-NOTES: :[[@LINE-3]]:12: note: the first operation is awaited here
  // CHECK-FIXES: {{^}}  auto [A, B] = co_await lib::when_all(S.get(1), S.get(2));{{$}}
  co_return A + B;
}
