// REQUIRES: asio
// RUN: %check_corolint %s coro-capturing-lambda %t -- -- %std_flags

// Boost.Asio (real headers): co_spawn of a capturing lambda's awaitable
// leaves the coroutine reading captures of a destroyed lambda; co_spawn of
// the lambda itself (its callable overload) keeps the lambda alive.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <string>

namespace asio = boost::asio;

void start(asio::io_context &Context, std::string Greeting) {
  asio::co_spawn(Context, [Greeting]() -> asio::awaitable<void> {
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: coroutine lambda is a temporary destroyed at the end of the full-expression, but its lazy task is passed on and reads capture 'Greeting' later [coro-capturing-lambda]
    std::size_t Length = Greeting.size();
    // CHECK-NOTES: :[[@LINE-1]]:26: note: the coroutine reads the capture here, through the lambda object
    (void)Length;
    co_return;
  }(), asio::detached);

  asio::co_spawn(Context, [Greeting]() -> asio::awaitable<void> {
    std::size_t Length = Greeting.size();
    (void)Length;
    co_return;
  }, asio::detached);
}
