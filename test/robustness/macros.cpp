// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags
// Macros that expand to co_await and to calls: the checks see through them,
// and never rewrite inside a macro.

#include "lazy_task.h"
#include <mutex>

#define AWAIT(X) co_await (X)
#define FIRE(X) X
#define LOCKED(M) std::lock_guard<std::mutex> Guard(M)

lib::Task<int> fetch(int);
std::mutex Mu;

lib::Task<> throughMacros() {
  FIRE(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lazy task returned by 'fetch' is discarded; the coroutine never runs [coro-discarded-task]
  {
    LOCKED(Mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
    AWAIT(fetch(2));
  }
  int A = AWAIT(fetch(3));
  int B = AWAIT(fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: independent operations 'fetch' and 'fetch' are awaited one after another
  // CHECK-FIXES: {{^}}  int A = AWAIT(fetch(3));{{$}}
  (void)(A + B);
}
