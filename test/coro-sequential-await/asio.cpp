// REQUIRES: asio
// RUN: %check_corolint %s coro-sequential-await %t -- -- %std_flags

#include <boost/asio/awaitable.hpp>

namespace asio = boost::asio;

asio::awaitable<int> price(int);
asio::awaitable<int> stock(int);

// Boost.Asio's awaitable is a lazy task: flagged, but Asio has no when_all
// returning the values, so there is no fix.
asio::awaitable<int> quote(int Item) {
  auto P = co_await price(Item);
  auto S = co_await stock(Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'price' and 'stock' are awaited one after another; awaiting them together with 'when_all' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto P = co_await price(Item);{{$}}
  co_return P * S;
}

// Dependent: quiet.
asio::awaitable<int> chained(int Item) {
  auto P = co_await price(Item);
  auto S = co_await stock(P);
  co_return S;
}
