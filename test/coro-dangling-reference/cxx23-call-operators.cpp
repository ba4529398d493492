// RUN: %check_corolint %s coro-dangling-reference %t -- -- %std_flags -std=c++23

#include "lazy_task.h"
#include <string>

std::string name();

// C++23 call operators: an explicit object parameter is the object itself;
// a static one still gets the object as the call's first argument.
lib::Task<int> explicitObjectOperator() {
  auto Read = [](this const auto &Self, const std::string &S) -> lib::Task<int> {
    co_return (int)S.size();
  };
  auto A = Read(name());
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: temporary bound to reference parameter 'S' of a lazy coroutine lambda is destroyed
  co_return co_await A;
}
lib::Task<int> staticOperator() {
  auto Read = [](const std::string &S) static -> lib::Task<int> { co_return (int)S.size(); };
  return Read(std::string("x"));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: temporary bound to reference parameter 'S' of a lazy coroutine lambda is destroyed {{.*}} is returned
}
