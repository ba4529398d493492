// Functions defined in src/remote.cpp: whether a call to them blocks is
// known only once that file has been analysed too.
#pragma once

void remoteBlocks();   // sleeps
void remoteHarmless(); // does not block

struct Slow {
  void process(); // sleeps
};
struct Quick {
  void process(); // does not block
};
