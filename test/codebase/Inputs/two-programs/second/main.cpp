#include "../prepare.h"
#include "lazy_task.h"

lib::Task<> start() {
  prepare();
  co_return;
}
