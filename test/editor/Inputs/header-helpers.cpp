#include "helpers.h"

lib::Task<> run() {
  pauseBriefly();
  pauseFor(std::chrono::milliseconds(3));
  settleThen(1);
  Poller P;
  P.settle();
  P.tick();
  napper();
  computeLater();
  computeNow();
  maybePause<Quiet>();
  co_return;
}
