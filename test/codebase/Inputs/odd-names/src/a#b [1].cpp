#include "lazy_task.h"
#include <mutex>

lib::Task<int> fetch(int);
std::mutex Mu;

// The name has a #, a space and brackets; the line has a multi-byte name
// before the finding (its UTF-16 column is smaller than its byte column).
lib::Task<> run() {
  /* été */ fetch(1);
  std::lock_guard<std::mutex> Guard(Mu);
  co_await fetch(2);
}
