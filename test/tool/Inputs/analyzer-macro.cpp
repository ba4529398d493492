// Code that a library hides from the static analyzer, as stdexec's
// exec/task.hpp does: it compiles with the compiler, and under clang-tidy
// (which defines __clang_analyzer__) it does not.
#include "lazy_task.h"

#ifndef __clang_analyzer__
lib::Task<int> fetch(int);
#endif

lib::Task<> run() {
  fetch(1);
  co_return;
}
