#include "helper.h"
#include <mutex>

lib::Task<int> fetch(int);
lib::Task<int> price(int);

std::mutex M;

lib::Task<int> all(int Item) {
  fetch(1);   // discarded: a fix-it on one line
  auto A = co_await fetch(Item);
  // a comment the when_all fix keeps
  auto B = co_await price(Item);
  {
    std::lock_guard<std::mutex> G(M); // a fix on a note (--fix-notes)
    co_await fetch(2);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1)); co_return A + B; /* µ ✓ */
}

lib::Task<int> escaped() {
  fetch(3); // the source's own escape: [31m is text, not a colour
  co_return 0;
}

lib::Task<int> escapedFix(int Item) {
  auto A = co_await fetch(Item);
  auto B = co_await price(/* [31m */ Item);
  co_return A + B;
}
