#include "lazy_task.h"

lib::Task<int> fetch(int);

void broken() { fetch(1) }
