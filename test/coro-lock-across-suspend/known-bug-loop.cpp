// RUN: %check_corolint %s coro-lock-across-suspend %t -- -- %std_flags
// A known real bug, reduced (and written anew): a std::unique_lock over a
// std::mutex taken before a loop stayed locked while every iteration
// awaited, so other threads blocked (and a resumption on another thread
// later unlocked a mutex it did not own).

#include "lazy_task.h"
#include <mutex>
#include <vector>

lib::Task<int> fetchChunk(int Index);

class Downloader {
public:
  lib::Task<> downloadAll(int Chunks) {
    std::unique_lock<std::mutex> Lock(Mutex);
    // CHECK-NOTES: :[[@LINE-1]]:34: warning: thread lock 'Lock' on 'Mutex' is held across a suspension point [coro-lock-across-suspend]
    for (int I = 0; I < Chunks; ++I) {
      int Chunk = co_await fetchChunk(I);
      // CHECK-NOTES: :[[@LINE-1]]:19: note: the coroutine suspends here while 'Mutex' is locked
      Received.push_back(Chunk);
    }
  }

  // The fixed version: the lock is taken only around the shared state.
  lib::Task<> downloadAllFixed(int Chunks) {
    for (int I = 0; I < Chunks; ++I) {
      int Chunk = co_await fetchChunk(I);
      std::lock_guard<std::mutex> Guard(Mutex);
      Received.push_back(Chunk);
    }
  }

private:
  std::mutex Mutex;
  std::vector<int> Received;
};
