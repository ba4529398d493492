#include "lazy_task.h"
#include "remote.h"

// Helpers that call each other: what a search finds depends on which helper
// was searched first, so the file is analysed again with the facts.
void p(int N);
void q(int N) {
  if (N)
    p(N - 1);
}
void p(int N) {
  remoteBlocks();
  q(N);
}
void r() { q(1); }

lib::Task<> recursive() {
  p(1);
  r();
  co_return;
}
