#include "lazy_task.h"

lib::Task<int> fetch(int);

lib::Task<> run() {
  fetch(1); // the result is needed
  co_return;
}
