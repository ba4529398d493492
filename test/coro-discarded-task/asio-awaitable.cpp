// REQUIRES: asio
// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

// Boost.Asio's awaitable has no promise_type member: its promise comes from
// a std::coroutine_traits partial specialization, and initial_suspend()
// returns `auto` (suspend_always) from a dependent base class.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace asio = boost::asio;

asio::awaitable<int> readValue();
asio::awaitable<void> handle();

asio::awaitable<void> serve() {
  readValue();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'readValue' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await readValue();{{$}}
  int V = co_await readValue();
  co_await handle();
  (void)V;
}

void start(asio::io_context &Io) {
  handle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'handle' is discarded
  asio::co_spawn(Io, handle(), asio::detached);
  asio::co_spawn(Io, serve(), asio::detached);
}
