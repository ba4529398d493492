#include "lazy_task.h"
lib::Task<int> fetchInHeader(int);
inline lib::Task<> inHeader() {
  fetchInHeader(1);
  co_return;
}
