#include "lazy_task.h"

lib::Task<int> fetch(int);
