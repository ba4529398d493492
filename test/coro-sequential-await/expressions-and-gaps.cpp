// RUN: %check_corolint %s coro-sequential-await %t -- -- %std_flags

// Independent awaits inside one expression, runs separated by statements
// that neither read the earlier results nor touch the later operands, and
// runs in templates nobody instantiates.

#include "lazy_task.h"
#include <string>

lib::Task<int> price(int);
lib::Task<int> stock(int);
lib::Task<bool> allowed(int);
int combine(int, int);
void note(const char *);
void audit(int &);

lib::Task<int> inOneExpression(int Item) {
  int Total = co_await price(Item) + co_await stock(Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: independent operations 'price' and 'stock' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  int Mixed = combine(co_await price(Item), co_await stock(Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: independent operations 'price' and 'stock' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  co_return Total + Mixed;
}

// Short-circuits and nesting order the operations: quiet.
lib::Task<int> ordered(int Item) {
  bool Both = co_await allowed(Item) && co_await allowed(Item + 1);
  int Chained = co_await price(co_await stock(Item));
  int Either = Both ? co_await price(Item) : co_await stock(Item);
  co_return Chained + Either;
}

lib::Task<int> withGap(int Item) {
  auto P = co_await price(Item);
  note("price known");
  int Unrelated = Item * 2;
  auto S = co_await stock(Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'price' and 'stock' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  // No fix across statements: moving them is a human's call.
  // CHECK-FIXES: {{^}}  auto P = co_await price(Item);{{$}}
  co_return P + S + Unrelated;
}

// Comments between the awaits stay where they are.
lib::Task<int> withComment(int Item) {
  auto P = co_await price(Item);
  // Stock levels come from the warehouse service.
  auto S = co_await stock(Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'price' and 'stock' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto [P, S] = co_await lib::when_all(price(Item), stock(Item));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  // Stock levels come from the warehouse service.{{$}}
  co_return P + S;
}

// A comment after a removed statement stays, on a line of its own.
lib::Task<int> trailingComment(int Item) {
  auto P = co_await price(Item);
  auto S = co_await stock(Item); // from the warehouse
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'price' and 'stock' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto [P, S] = co_await lib::when_all(price(Item), stock(Item));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  // from the warehouse{{$}}
  co_return P + S;
}

// Gaps that read an earlier result, or touch a later operand, or hold a
// guard: the run ends there.
lib::Task<int> gapsThatMatter(int Item) {
  auto P = co_await price(Item);
  note(P > 10 ? "dear" : "cheap");
  auto S = co_await stock(Item);
  int Next = Item;
  audit(Next);
  auto T = co_await stock(Next);
  std::string Label = "x";
  auto U = co_await price(Item);
  co_return P + S + T + U + static_cast<int>(Label.size());
}

// Class and function templates nobody instantiates.
template <typename T> struct Quote {
  lib::Task<T> value(int);
  lib::Task<T> tax(int);
  lib::Task<T> total(int Item) {
    auto V = co_await value(Item);
    auto X = co_await tax(Item);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: independent operations 'value' and 'tax' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
    // CHECK-FIXES: {{^}}    auto [V, X] = co_await lib::when_all(value(Item), tax(Item));{{$}}
    co_return V + X;
  }
  lib::Task<T> dependent(int Item) {
    auto V = co_await value(Item);
    auto X = co_await tax(V);
    co_return X;
  }
};

// One await yielded is one operation (its co_yield repeats the operand in
// implicit children).
#include "generator.h"
gen::Generator<int> yieldsAwaited(int Item) { co_yield co_await price(Item); }
