#include "LockAcrossSuspendCheck.h"
