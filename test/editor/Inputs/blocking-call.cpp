#include "folly_coro.h"
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

folly::coro::Task<> poll() {
  std::this_thread::sleep_for(2s); // back off
  co_return;
}
