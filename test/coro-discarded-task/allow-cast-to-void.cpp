// RUN: %check_corolint %s coro-discarded-task %t --config="{CheckOptions: {coro-discarded-task.AllowCastToVoid: true}}" -- -- %std_flags -I%inputs/libraries

#include "folly_coro.h"
#include "lazy_task.h"
#include <tuple>

lib::Task<int> fetch(int);

void withOption() {
  (void)fetch(1);
  static_cast<void>(fetch(2));
  fetch(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded
  // The option allows casts to void only.
  std::ignore = fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lazy task returned by 'fetch' is discarded
}

// A cast to void of the value that carries a task is allowed too; the same
// carrier dropped as a statement is not.
folly::coro::Task<int> load(int);
void carriedWithOption(folly::coro::Executor *Ex) {
  (void)load(1).scheduleOn(Ex);
  load(2).scheduleOn(Ex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'load' is discarded
}
