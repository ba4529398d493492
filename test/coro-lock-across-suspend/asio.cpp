// REQUIRES: asio
// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>

namespace asio = boost::asio;

std::mutex Mu;

asio::awaitable<void> tick(asio::steady_timer &Timer) {
  std::unique_lock<std::mutex> Lock(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: thread lock 'Lock' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
  co_await Timer.async_wait(asio::use_awaitable);
}

asio::awaitable<void> released(asio::steady_timer &Timer) {
  std::unique_lock<std::mutex> Lock(Mu);
  Lock.unlock();
  co_await Timer.async_wait(asio::use_awaitable);
}
