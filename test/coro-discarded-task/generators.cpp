// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags
// Reduced from a library's allocator tests: generators are created and
// dropped to exercise frame allocation. A generator is a lazy sequence, not
// a task (it is iterated, never awaited), so dropping one is not reported.

#include "generator.h"
#include "lazy_task.h"
#include <memory>

gen::Generator<int> numbers();
gen::Generator<int> numbers(std::allocator_arg_t, std::allocator<float>);

void allocationOnly() {
  numbers();
  numbers(std::allocator_arg, std::allocator<float>{});
  auto Unused = numbers();
}

// A task next to them is still reported.
lib::Task<int> fetch(int);
void task() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'fetch' is discarded
}
