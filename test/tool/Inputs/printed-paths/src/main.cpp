#include "helper.h"
#include "lazy_task.h"

lib::Task<int> fetch(int);

lib::Task<int> both() {
  int a = co_await fetch(1);
  int b = co_await fetch(2);
  co_return a + b;
}

lib::Task<int> first() {
  nap();
  co_return 1;
}

lib::Task<int> again() {
  nap();
  co_return 2;
}
