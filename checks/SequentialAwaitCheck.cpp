#include "SequentialAwaitCheck.h"
