#include "lazy_task.h"

lib::Task<int> fetch(int);

lib::Task<int> alpha() {
  fetch(1);
  co_return 1;
}
