#include "lazy_task.h"
#include <chrono>
#include <thread>

// A finding in a header: placed and rendered from the header's own text.
inline lib::Task<int> fromHeader() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  co_return 1;
}
