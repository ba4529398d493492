// REQUIRES: asio
// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <thread>

namespace asio = boost::asio;

asio::awaitable<void> worker(asio::io_context &Io, asio::steady_timer &Timer) {
  Io.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::io_context::run' waits synchronously on a task inside a coroutine [coro-blocking-call]
  Io.run_one();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::io_context::run_one' waits synchronously on a task
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread
  // Asio has no sleep function beside awaitable: no fix.
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(5));{{$}}
  // The async wait suspends.
  Timer.expires_after(std::chrono::milliseconds(5));
  co_await Timer.async_wait(asio::use_awaitable);
  Io.poll();
}

int main() {
  asio::io_context Io;
  Io.run();
}
