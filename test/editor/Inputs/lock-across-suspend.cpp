#include "lazy_task.h"
#include <mutex>

lib::Task<int> fetch(int);
std::mutex Mu;
int Counter;

lib::Task<> update() {
  std::lock_guard<std::mutex> Guard(Mu);
  ++Counter; // under the lock
  co_await fetch(1);
}
