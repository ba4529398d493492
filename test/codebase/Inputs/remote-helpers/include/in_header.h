#pragma once
#include "lazy_task.h"
#include "remote.h"

// A coroutine written in a header: whether clang-tidy reports a finding
// there depends on its notes' files too.
inline lib::Task<> inHeader() {
  remoteBlocks();
  co_return;
}
