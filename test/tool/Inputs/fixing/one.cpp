#include "shared.h"

lib::Task<> one() {
  fetch(1);
  co_return;
}
