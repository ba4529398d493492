// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "lazy_task.h"

lib::Task<int> fetch(int);

lib::Task<int> clean() { co_return co_await fetch(1); }
