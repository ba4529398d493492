// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags
// NOLINT and NOLINTNEXTLINE work as in clang-tidy, in both front ends.

#include "lazy_task.h"

lib::Task<int> fetch(int);

void suppressed() {
  fetch(1); // NOLINT(coro-discarded-task)
  // NOLINTNEXTLINE(coro-discarded-task)
  fetch(2);
  fetch(3); // NOLINT
  fetch(4); // NOLINT(some-other-check)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded
}
