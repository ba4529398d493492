#include "lazy_task.h"

lib::Task<int> fetch(int);

lib::Task<int> delta() {
  auto A = co_await fetch(1);
  auto B = co_await fetch(2);
  co_return A + B;
}
