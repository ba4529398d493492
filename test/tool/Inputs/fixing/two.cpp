#include "shared.h"

lib::Task<> two() {
  fetch(2);
  co_return;
}
