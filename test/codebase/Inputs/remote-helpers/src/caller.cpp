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

// In a template, every instantiation's call is written in one place: the
// first one whose callee blocks is reported there, once.
template <typename Worker> lib::Task<> generic(Worker W) {
  W.process();
  co_return;
}
template <typename Worker> lib::Task<> quickOnly(Worker W) {
  W.process();
  co_return;
}
template lib::Task<> generic(Quick);
template lib::Task<> generic(Slow);
template lib::Task<> quickOnly(Quick);
