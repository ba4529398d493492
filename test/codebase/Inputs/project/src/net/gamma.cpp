#include "lazy_task.h"
#include <mutex>

lib::Task<int> fetch(int);
std::mutex Mu;

lib::Task<> gamma() {
  std::lock_guard<std::mutex> Guard(Mu);
  co_await fetch(1);
}
