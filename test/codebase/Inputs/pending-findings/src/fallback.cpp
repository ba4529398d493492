#include "in_header.h"
#include <future>

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
