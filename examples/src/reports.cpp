// coro-blocking-call: sleeping the executor thread inside a coroutine.
#include "task.h"
#include <chrono>
#include <thread>

namespace shop {

Task<int> countSales();

Task<int> pollSales() {
  int Total = 0;
  for (int Round = 0; Round < 3; ++Round) {
    Total += co_await countSales();
    std::this_thread::sleep_for(std::chrono::seconds(1)); // blocks the thread
  }
  co_return Total;
}

} // namespace shop
