#include "lazy_task.h"

lib::Task<int> fetch(int);

lib::Task<> broken() {
  fetch(3);
  co_return;
}

int elsewhere() { return undeclared; }
