// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// One finding of a critical, a major and an info check.
#include "lazy_task.h"
#include <string>

lib::Task<int> fetch(int);
lib::Task<int> byRef(const std::string &S) { co_return (int)S.size(); }
void spawn(lib::Task<int>);

void critical() { spawn(byRef(std::string("x"))); }

lib::Task<int> major() {
  fetch(1);
  co_return 0;
}

lib::Task<int> info() {
  auto A = co_await fetch(1);
  auto B = co_await fetch(2);
  co_return A + B;
}
