#include "in_header.h"
#include <chrono>
#include <future>
#include <thread>

#define CALL_REMOTE() remoteBlocks()

lib::Task<> inMacro() {
  CALL_REMOTE();
  co_return;
}

// Both calls of each line start at the same place: the outer one blocks
// (or not) in another file, the inner one (std::future::get) for certain;
// the first call that blocks is reported there.
lib::Task<> sameLocation(std::future<Slow> S, std::future<Quick> Q) {
  S.get().process();
  Q.get().process();
  co_return;
}

// The outer call ends in another file and does not block; the inner one
// sleeps here: its own range is underlined.
struct Local {
  Quick &sleepy() {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Q;
  }
  Quick Q;
};
lib::Task<> twoCallsOneStart(Local L) {
  L.sleepy().process();
  co_return;
}
