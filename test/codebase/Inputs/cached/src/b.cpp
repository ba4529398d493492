#include "lazy_task.h"

lib::Task<int> fetch(int);

lib::Task<> b() {
  fetch(2);
  co_return;
}
