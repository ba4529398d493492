#include "lazy_task.h"
#include <chrono>
#include <thread>

lib::Task<> beta() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  co_return;
}
