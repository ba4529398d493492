#include "lazy_task.h"

lib::Task<int> fetch(int);

// Included by two units: its finding is reported and fixed once.
inline lib::Task<> fromHeader() {
  fetch(7);
  co_return;
}
