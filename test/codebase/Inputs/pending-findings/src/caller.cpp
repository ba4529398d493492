#include "lazy_task.h"
#include "remote.h"
#include <chrono>
#include <thread>

// Each helper first calls a function of another file, then sleeps: the
// chain reported is the first one that blocks.
void firstRemote() {
  remoteBlocks();
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
void firstHarmless() {
  remoteHarmless();
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

lib::Task<> caller() {
  remoteBlocks();
  remoteHarmless();
  firstRemote();
  firstHarmless();
  remoteBlocks(); // NOLINT(coro-blocking-call)
  co_return;
}
