// REQUIRES: asio
// RUN: %check_corolint %s coro-sequential-await %t -- -- %std_flags

#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <tuple>

namespace asio = boost::asio;

asio::awaitable<int> price(int);
asio::awaitable<int> stock(int);
asio::awaitable<void> refresh();
asio::awaitable<std::tuple<int, int>> range(int);

// Boost.Asio has no when_all; its awaitable operators await two together.
// Without `using namespace ...awaitable_operators` in scope: no fix.
asio::awaitable<int> quote(int Item) {
  auto P = co_await price(Item);
  auto S = co_await stock(Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'price' and 'stock' are awaited one after another; awaiting them together with 'operator&&' of asio::experimental::awaitable_operators would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto P = co_await price(Item);{{$}}
  co_return P * S;
}

// With the operators in scope: `co_await (a() && b())` gives the tuple.
asio::awaitable<int> quoteWithOperators(int Item) {
  using namespace asio::experimental::awaitable_operators;
  auto P = co_await price(Item);
  // The stock is read from the warehouse.
  auto S = co_await stock(Item);
  auto T = co_await price(Item + 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: independent operations 'price', 'stock' and 'price' are awaited one after another; awaiting them together with 'operator&&' of asio::experimental::awaitable_operators would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto [P, S, T] = co_await (price(Item) && stock(Item) && price(Item + 1));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  // The stock is read from the warehouse.{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  co_return P * S + T;
}

// A value that is itself a tuple would be flattened by the operators: no fix.
asio::awaitable<int> tuples(int Item) {
  using namespace asio::experimental::awaitable_operators;
  auto R = co_await range(Item);
  auto S = co_await stock(Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'range' and 'stock' are awaited
  // CHECK-FIXES: {{^}}  auto R = co_await range(Item);{{$}}
  co_return std::get<0>(R) + S;
}

// Dependent: quiet.
asio::awaitable<int> chained(int Item) {
  auto P = co_await price(Item);
  auto S = co_await stock(P);
  co_return S;
}

// A void operation binds nothing: not an await binding, quiet.
asio::awaitable<int> withVoid(int Item) {
  co_await refresh();
  auto P = co_await price(Item);
  co_return P;
}
