#include "lazy_task.h"
#include <chrono>
#include <thread>

lib::Task<int> fetch(int);

lib::Task<> both() {
  fetch(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  co_return;
}
