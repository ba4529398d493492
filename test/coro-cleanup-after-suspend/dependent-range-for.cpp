// RUN: %check_corolint %s coro-cleanup-after-suspend %t -- -- %std_flags

// Template code as written: a range-based `for` over a dependent range
// does not switch the check off for the coroutine (it reads the body in
// source order, not through clang's control flow graph, which a dependent
// range leaves incomplete).

#include "lazy_task.h"
#include <cstdio>
#include <vector>

lib::Task<int> fetch(int);
template <typename T> lib::Task<int> fetchOne(const T &);

template <typename Item> class Loader {
public:
  template <typename Range> lib::Task<> load(const Range &Paths) {
    FILE *Log = std::fopen("load.log", "a");
    for (const auto &Path : Paths)
      co_await fetchOne(Path);
    std::fclose(Log);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Log' is released only if the coroutine resumes after suspending; destroyed while suspended (cancelled or abandoned), it leaks the resource: let an RAII owner release it [coro-cleanup-after-suspend]
  }
  lib::Task<> each(std::vector<Item> Items) {
    for (auto &I : Items) {
      Item *Copy = new Item(I);
      co_await fetchOne(*Copy);
      delete Copy;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Copy' is released only if the coroutine resumes after suspending; destroyed while suspended (cancelled or abandoned), it leaks the memory: let an RAII owner release it [coro-cleanup-after-suspend]
    }
  }
  template <typename Range> lib::Task<> guarded(const Range &Keys) {
    co_await Async.lock_async();
    for (const auto &K : Keys)
      co_await fetchOne(K);
    Async.unlock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Async' is released only if the coroutine resumes after suspending; destroyed while suspended (cancelled or abandoned), it leaks the lock: let an RAII owner release it [coro-cleanup-after-suspend]
  }

  // Look-alikes: released before the loop suspends, or handed to an owner.
  template <typename Range> lib::Task<> releasedFirst(const Range &Paths) {
    FILE *Log = std::fopen("load.log", "a");
    std::fclose(Log);
    for (const auto &Path : Paths)
      co_await fetchOne(Path);
  }
  template <typename Range> lib::Task<> perIteration(const Range &Paths) {
    for (const auto &Path : Paths) {
      Item *Copy = new Item(Path);
      delete Copy;
      co_await fetchOne(Path);
    }
  }

private:
  lib::AsyncMutex Async;
};
