// REQUIRES: asio
// RUN: %check_corolint %s coro-dangling-reference %t -- -- %std_flags

// Boost.Asio's awaitable (real headers) is lazy: a temporary bound to a
// reference parameter of a coroutine whose awaitable is spawned, or kept
// for later, dangles. The note shows where the coroutine reads it.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <string>

namespace asio = boost::asio;

asio::awaitable<void> greet(const std::string &Who) {
  std::size_t Length = Who.size();
  (void)Length;
  co_return;
}

void start(asio::io_context &Context) {
  asio::co_spawn(Context, greet(std::string("world")), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:33: warning: temporary bound to reference parameter 'Who' of lazy coroutine 'greet' is destroyed at the end of the full-expression, but the task is passed on and runs later [coro-dangling-reference]
  // CHECK-NOTES: :17:24: note: the coroutine reads the parameter here, when the task is awaited
}

asio::awaitable<void> awaitsAtOnce() {
  co_await greet(std::string("world"));
}
