#include "shared.h"

lib::Task<> a() {
  fetch(1);
  co_return;
}
